/** The dashboard's stylesheet (served as /dashboard/app.css; embedded here, no CDN). */
import { FLAG_LEVEL_COLOURS, FLAG_LEVELS, SERVER_STATE_COLOURS, STATUS_COLOURS } from './colours.js';

const statusRules = Object.entries(STATUS_COLOURS)
  .map(([s, c]) => `.s-${s}{background:${c}}`)
  .join('\n');
const serverRules = Object.entries(SERVER_STATE_COLOURS)
  .map(([s, c]) => `.ss-${s}{background:${c}}`)
  .join('\n');
const flagRules = Object.entries(FLAG_LEVELS)
  .map(([f, level]) => `.fl-${f}{color:${FLAG_LEVEL_COLOURS[level]}}`)
  .join('\n');

export const STYLE = `
:root{--fg:#1d2125;--muted:#5f6b76;--line:#d6dbe0;--bg:#f4f6f8;--card:#fff;--sel:#1565c0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;color:var(--fg);background:var(--bg)}
@media (min-width:1800px){:root{font-size:18px}}
@media (min-width:3000px){:root{font-size:26px}}
*{box-sizing:border-box}
body{margin:0}
header{display:flex;align-items:center;gap:1rem;padding:.5rem 1rem;background:#263238;color:#fff}
header h1{font-size:1.1rem;margin:0;font-weight:600}
#live{font-size:.85rem;padding:.1rem .5rem;border-radius:1rem;background:#455a64}
#live.on{background:#2e7d32}
#live.off{background:#c62828}
#cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.6rem;padding:.8rem 1rem}
.card{background:var(--card);border:1px solid var(--line);border-left:.4rem solid #90a4ae;border-radius:.4rem;padding:.5rem .7rem;cursor:pointer}
.card.sel{outline:2px solid var(--sel)}
.card.unreachable{border-left-color:#c62828;background:#fff5f5}
.card.reachable{border-left-color:#2e7d32}
.card h2{font-size:1rem;margin:0 0 .3rem;display:flex;justify-content:space-between;gap:.5rem}
.card .line{font-size:.85rem;color:var(--muted);display:flex;gap:.6rem;flex-wrap:wrap;align-items:center}
.badge{display:inline-block;padding:0 .4rem;border-radius:.25rem;font-size:.8rem;color:#000;border:1px solid rgba(0,0,0,.25)}
.counts{display:flex;gap:.25rem;flex-wrap:wrap;margin-top:.35rem}
.count{font-size:.8rem;padding:0 .35rem;border-radius:.25rem;color:#000;border:1px solid rgba(0,0,0,.2)}
.abortedn{font-weight:700;color:#fff;background:#d50000;padding:0 .4rem;border-radius:.25rem}
.abortedn.zero{background:none;color:var(--muted);font-weight:400}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:.8rem;padding:0 1rem 1rem}
@media (max-width:900px){main{grid-template-columns:1fr}}
section.box{background:var(--card);border:1px solid var(--line);border-radius:.4rem;min-width:0}
section.box>h3{margin:0;padding:.4rem .7rem;font-size:.95rem;border-bottom:1px solid var(--line);display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
#filters{display:flex;gap:.3rem;flex-wrap:wrap;align-items:center;padding:.4rem .7rem;border-bottom:1px solid var(--line)}
#filters label{font-size:.8rem;padding:.05rem .35rem;border-radius:.25rem;border:1px solid rgba(0,0,0,.25);cursor:pointer;color:#000;user-select:none}
#filters input[type=checkbox]{margin:0 .2rem 0 0;vertical-align:-.1em}
#filters input[type=search]{flex:1;min-width:8rem;font:inherit;padding:.15rem .4rem}
#tree{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9rem;max-height:calc(100vh - 16rem);min-height:12rem;overflow:auto;padding:.3rem 0}
.row{display:flex;align-items:center;gap:.35rem;white-space:nowrap;padding:.05rem .5rem;line-height:1.45}
.row:hover{background:#eef3f8}
.row.cur{background:#dcebfb}
.row.ctx{opacity:.55}
#stale{padding:.35rem .7rem;background:#fff3e0;border-bottom:1px solid #ffb74d;color:#8a4b00;font-size:.85rem}
#stale[hidden]{display:none}
#tree.stale .row{opacity:.5;filter:grayscale(1)}
.ss-unreachable{background:#c62828;color:#fff}
.card .err-line{color:#b71c1c}
.card .replica-line{color:#78909c;font-size:11px}
.tog{width:1em;text-align:center;cursor:pointer;color:var(--muted);flex:none}
.st{flex:none;min-width:5.6em;text-align:center;font-size:.78rem;border:1px solid rgba(0,0,0,.3);border-radius:.2rem;color:#000}
.name{cursor:pointer}
.meta{color:var(--muted);font-size:.8rem;overflow:hidden;text-overflow:ellipsis}
.meter{display:inline-block;width:4em;height:.6em;border:1px solid #90a4ae;vertical-align:middle;position:relative;margin-left:.2em}
.meter i{position:absolute;left:0;top:0;bottom:0;background:#42a5f5}
.flag{font-size:.75rem}
.more{color:var(--sel);cursor:pointer;padding-left:2em}
#panel{padding:.5rem .7rem;font-size:.88rem;max-height:calc(60vh);overflow:auto}
#panel h4{margin:.6rem 0 .2rem;font-size:.85rem;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
#panel table{border-collapse:collapse;width:100%}
#panel td{border-top:1px solid #eceff1;padding:.1rem .3rem;vertical-align:top;word-break:break-all;white-space:pre-wrap}
#panel td:first-child{white-space:nowrap;word-break:normal;font-family:ui-monospace,monospace}
#panel .why li{color:#b71c1c}
#panel code{white-space:pre-wrap;word-break:break-all}
#aborted{padding:.3rem .7rem;font-size:.88rem;max-height:30vh;overflow:auto}
#aborted .ab{border-left:.3rem solid #ff0000;padding:.15rem .5rem;margin:.2rem 0;cursor:pointer;background:#fff5f5}
#aborted .ab .p{font-family:ui-monospace,monospace}
#alerts{padding:.3rem .7rem;font-size:.88rem;max-height:25vh;overflow:auto}
#alerts .al{border-left:.3rem solid #ff8c00;padding:.15rem .5rem;margin:.2rem 0;background:#fff8f0}
#alerts .al[data-kind=aborted]{border-left-color:#ff0000}
.muted{color:var(--muted)}
.err{color:#b71c1c;padding:.5rem .7rem}
${statusRules}
${serverRules}
${flagRules}
`;
