/** The dashboard's HTML shell; the script fills it from the API. */
export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ecflow-watchman</title>
<link rel="stylesheet" href="dashboard/app.css">
<link rel="icon" href="data:,">
</head>
<body>
<header><h1>ecflow-watchman</h1><span id="live">connecting…</span></header>
<div id="cards" aria-label="watched servers"></div>
<main>
  <section class="box" aria-label="node tree">
    <h3><span id="tree-title">tree</span><span id="match-info" class="muted"></span></h3>
    <div id="filters"><input id="name-filter" type="search" placeholder="filter by name" aria-label="filter by name"></div>
    <div id="stale" role="status" hidden></div>
    <div id="tree"></div>
  </section>
  <div>
    <section class="box" aria-label="alerts firing" style="margin-bottom:.8rem"><h3>Alerts firing <span id="alerts-n" class="abortedn zero">0</span></h3><div id="alerts"></div></section>
    <section class="box" aria-label="aborted tasks"><h3>Aborted tasks <span id="aborted-n" class="abortedn">0</span></h3><div id="aborted"></div></section>
    <section class="box" aria-label="node" style="margin-top:.8rem"><h3>Node</h3><div id="panel"><div class="muted">Click a node to see its attributes and why it is not running.</div></div></section>
  </div>
</main>
<script src="dashboard/app.js"></script>
</body>
</html>
`;
