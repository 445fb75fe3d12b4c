/** The stylesheet of the search box, the node panel's files, why, dependencies and history, and the file view. */
export const FEATURE_STYLE = `
#search{padding:.4rem .7rem;border-bottom:1px solid var(--line)}
#search input{width:100%;font:inherit;padding:.15rem .4rem}
#search-results{max-height:14rem;overflow:auto;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85rem}
#search-results .hit{display:flex;gap:.4rem;align-items:center;padding:.05rem 0}
a.node-link{color:var(--sel);text-decoration:none;font-family:ui-monospace,monospace;word-break:break-all}
a.node-link:hover{text-decoration:underline}
#panel ul.deps{list-style:none;margin:.1rem 0 .3rem;padding-left:.4rem}
#panel ul.deps li{margin:.1rem 0}
#panel .why-group{margin:.2rem 0}
#panel .why-group ul{margin:.1rem 0}
#panel .history{line-height:1.8}
#panel .hist{white-space:nowrap}
.file-btn{font:inherit;font-size:.8rem;margin:0 .3rem .2rem 0;padding:.05rem .5rem;cursor:pointer}
#file-view{margin-top:.8rem}
#file-view h3 .file-close{margin-left:auto;font:inherit;cursor:pointer;border:none;background:none;font-size:1.1rem}
#file-view .file-cut{background:#fff8e1;color:#6d4c00;padding:.2rem .7rem;font-size:.85rem}
#file-view pre{margin:0;padding:.4rem .7rem;max-height:60vh;overflow:auto;font-size:.82rem;white-space:pre-wrap;word-break:break-all}
`;
