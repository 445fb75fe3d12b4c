/**
 * The dashboard's script (served as /dashboard/app.js): plain browser JavaScript, no framework and
 * no build step. It fetches the tree one level at a time as nodes are expanded, so a 100,000-task
 * server costs the page only what is on screen, and applies the SSE change sets to the rows shown.
 * (Written without template literals so that it can live in this String.raw literal.)
 */
export const SCRIPT = String.raw`
(function () {
  'use strict';
  var STATUSES = ['aborted', 'suspended', 'active', 'submitted', 'queued', 'complete', 'unknown'];
  var PAGE = 500; // children rendered per parent before a "show more" row
  var st = {
    servers: new Map(), selected: null,
    nodes: new Map(), expanded: new Set(['/']), shown: new Map(),
    filter: { statuses: new Set(), name: '' }, filtered: null,
    panel: null, reloadTimer: 0, filterTimer: 0, loading: 0
  };
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function api(p) {
    return fetch('api/v1' + p, { headers: { accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.message ? body.message : 'HTTP ' + r.status);
        return body;
      });
    });
  }
  function serverUrl(s) { return '/servers/' + encodeURIComponent(s.owner) + '/' + encodeURIComponent(s.repo); }
  function key(h) { return h.owner + '/' + h.repo; }
  function age(iso) {
    if (!iso) return 'never';
    var s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 60) return s + 's ago';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's ago';
    return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm ago';
  }

  // ---- server cards ----
  function renderCards() {
    var box = $('cards');
    var frag = document.createDocumentFragment();
    st.servers.forEach(function (h, k) {
      var c = el('div', 'card ' + (h.reachable ? 'reachable' : 'unreachable') + (k === st.selected ? ' sel' : ''));
      c.dataset.server = k;
      var h2 = el('h2');
      h2.appendChild(el('span', null, k));
      var ss = el('span', 'badge ss-' + (h.serverState || 'none'), h.serverState || 'not scraped');
      ss.dataset.role = 'server-state';
      h2.appendChild(ss);
      c.appendChild(h2);
      var line = el('div', 'line');
      line.appendChild(el('span', null, h.reachable ? 'reachable' : 'UNREACHABLE'));
      var a = el('span', 'age', age(h.lastSuccess));
      a.dataset.time = h.lastSuccess || '';
      line.appendChild(a);
      line.appendChild(el('span', null, h.nodes + ' nodes'));
      var n = h.aborted || 0;
      var ab = el('span', 'abortedn' + (n === 0 ? ' zero' : ''), n + ' aborted');
      ab.dataset.role = 'aborted-count';
      line.appendChild(ab);
      c.appendChild(line);
      if (h.lastError && !h.reachable) c.appendChild(el('div', 'line', h.lastError.kind + ': ' + h.lastError.message));
      var counts = el('div', 'counts');
      STATUSES.forEach(function (s) {
        if (h.counts && h.counts[s]) {
          var x = el('span', 'count s-' + s, s + ' ' + h.counts[s]);
          x.dataset.status = s;
          counts.appendChild(x);
        }
      });
      c.appendChild(counts);
      c.addEventListener('click', function () { select(k); });
      frag.appendChild(c);
    });
    box.replaceChildren(frag);
  }
  function setServers(list) {
    list.forEach(function (h) {
      var old = st.servers.get(key(h));
      if (h.aborted === undefined && old) h.aborted = old.aborted;
      st.servers.set(key(h), h);
    });
    if (!st.selected || !st.servers.has(st.selected)) {
      var wanted = decodeURIComponent(location.hash.slice(1));
      var first = st.servers.keys().next();
      if (st.servers.has(wanted)) select(wanted);
      else if (!first.done) select(first.value);
    }
    renderCards();
  }

  // ---- tree ----
  function selectedServer() { return st.servers.get(st.selected); }
  function select(k) {
    if (st.selected === k) return;
    st.selected = k;
    history.replaceState(null, '', '#' + encodeURIComponent(k));
    st.nodes = new Map(); st.expanded = new Set(['/']); st.shown = new Map(); st.panel = null; st.filtered = null;
    $('tree-title').textContent = k;
    $('panel').replaceChildren(el('div', 'muted', 'Click a node to see its attributes and why it is not running.'));
    renderCards();
    loadTree();
    loadAborted();
  }
  function remember(n) {
    st.nodes.set(n.path, n);
    if (n.nodes) n.nodes.forEach(remember);
  }
  function fetchChildren(path) {
    var s = selectedServer();
    if (!s) return Promise.resolve();
    st.loading++;
    var done = function () { st.loading--; };
    return api(serverUrl(s) + '/tree?depth=1&path=' + encodeURIComponent(path)).finally(done).then(function (r) {
      var old = st.nodes.get(path);
      // keep already-loaded grandchildren: a refresh must not collapse what is open
      (r.root.nodes || []).forEach(function (c) {
        var was = st.nodes.get(c.path);
        if (was && was.nodes && st.expanded.has(c.path)) c.nodes = was.nodes;
      });
      if (old) { Object.assign(old, r.root); } else remember(r.root);
      (r.root.nodes || []).forEach(function (c) { st.nodes.set(c.path, c); });
    });
  }
  function loadTree() {
    var want = st.selected;
    if (filterActive()) return loadFiltered();
    var paths = Array.from(st.expanded).sort(function (a, b) { return a.split('/').length - b.split('/').length; });
    var chain = Promise.resolve();
    paths.forEach(function (p) {
      chain = chain.then(function () {
        if (p !== '/' && !st.nodes.has(p)) { st.expanded.delete(p); return; }
        return fetchChildren(p).catch(function (e) { if (p === '/') throw e; st.expanded.delete(p); });
      });
    });
    return chain.then(function () { if (want === st.selected) renderTree(); }, function (e) {
      $('tree').replaceChildren(el('div', 'err', String(e.message || e)));
    });
  }
  function filterActive() { return st.filter.statuses.size > 0 || st.filter.name !== ''; }
  function loadFiltered() {
    var s = selectedServer();
    if (!s) return Promise.resolve();
    var q = '/tree?status=' + encodeURIComponent(Array.from(st.filter.statuses).join(',')) + '&name=' + encodeURIComponent(st.filter.name);
    return api(serverUrl(s) + q).then(function (r) {
      st.filtered = r;
      renderTree();
    }, function (e) { $('tree').replaceChildren(el('div', 'err', String(e.message || e))); });
  }
  function meta(n) {
    var m = el('span', 'meta');
    (n.meters || []).forEach(function (x) {
      m.appendChild(document.createTextNode(' ' + x.name + ' ' + x.value));
      var bar = el('span', 'meter'); var fill = el('i');
      var span = x.max - x.min;
      fill.style.width = (span > 0 ? Math.max(0, Math.min(100, 100 * (x.value - x.min) / span)) : 0) + '%';
      bar.appendChild(fill); m.appendChild(bar);
    });
    (n.events || []).forEach(function (x) { m.appendChild(document.createTextNode(' ' + (x.value ? '\u25cf' : '\u25cb') + x.name)); });
    (n.labels || []).forEach(function (x) { if (x.value) m.appendChild(document.createTextNode(' ' + x.name + ': ' + x.value)); });
    if (n.repeat) m.appendChild(document.createTextNode(' repeat ' + n.repeat.name + '=' + n.repeat.value));
    (n.limits || []).forEach(function (x) { m.appendChild(document.createTextNode(' limit ' + x.name + ' ' + x.value + '/' + x.limit)); });
    if (n.abortedReason) m.appendChild(document.createTextNode(' \u2014 ' + n.abortedReason));
    return m;
  }
  function row(n, depth, filterMode) {
    var r = el('div', 'row' + (n.path === st.panel ? ' cur' : '') + (filterMode && n.match === false ? ' ctx' : ''));
    r.dataset.path = n.path;
    r.dataset.status = n.status;
    r.style.paddingLeft = (0.5 + depth * 1.2) + 'em';
    var open = filterMode ? !!n.nodes : st.expanded.has(n.path);
    var tog = el('span', 'tog', n.children > 0 && !filterMode ? (open ? '\u25be' : '\u25b8') : '');
    tog.dataset.role = 'toggle';
    r.appendChild(tog);
    r.appendChild(el('span', 'st s-' + n.status, n.status));
    var name = el('span', 'name', n.name + (n.type === 'family' || n.type === 'suite' ? '/' : ''));
    r.appendChild(name);
    if (n.flags && n.flags.length) r.appendChild(el('span', 'flag', n.flags.join(' ')));
    r.appendChild(meta(n));
    return r;
  }
  function renderTree() {
    var frag = document.createDocumentFragment();
    var count = 0;
    var filterMode = filterActive() && st.filtered;
    function walk(n, depth) {
      frag.appendChild(row(n, depth, filterMode)); count++;
      var kids = n.nodes;
      if (!kids || (!filterMode && !st.expanded.has(n.path))) return;
      var limit = filterMode ? kids.length : (st.shown.get(n.path) || PAGE);
      for (var i = 0; i < kids.length && i < limit; i++) walk(kids[i], depth + 1);
      if (kids.length > limit) {
        var more = el('div', 'more', 'show ' + Math.min(PAGE, kids.length - limit) + ' more of ' + (kids.length - limit) + ' hidden');
        more.style.paddingLeft = (2 + (depth + 1) * 1.2) + 'em';
        more.dataset.more = n.path;
        frag.appendChild(more);
      }
    }
    var top = filterMode ? st.filtered.root : st.nodes.get('/');
    if (top) (top.nodes || []).forEach(function (s) { walk(s, 0); });
    if (filterMode) {
      $('match-info').textContent = st.filtered.matches + ' matching' + (st.filtered.truncated ? ' (first ones only)' : '');
    } else $('match-info').textContent = '';
    if (count === 0) frag.appendChild(el('div', 'muted', filterMode ? 'Nothing matches the filter.' : 'No suites.'));
    var tree = $('tree'); var scroll = tree.scrollTop;
    tree.replaceChildren(frag);
    tree.scrollTop = scroll;
  }
  function toggle(path) {
    if (st.expanded.has(path)) { st.expanded.delete(path); renderTree(); return; }
    st.expanded.add(path);
    var n = st.nodes.get(path);
    if (n && n.nodes) { renderTree(); return; }
    fetchChildren(path).then(renderTree, function (e) { st.expanded.delete(path); alert(e.message); });
  }
  $('tree').addEventListener('click', function (ev) {
    var t = ev.target;
    if (t.dataset && t.dataset.more) { st.shown.set(t.dataset.more, (st.shown.get(t.dataset.more) || PAGE) + PAGE); renderTree(); return; }
    var r = t.closest ? t.closest('.row') : null;
    if (!r) return;
    if (t.dataset.role === 'toggle') toggle(r.dataset.path);
    else openPanel(r.dataset.path);
  });

  // ---- node panel ----
  function table(rows) {
    var t = el('table');
    rows.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (c) { tr.appendChild(el('td', null, c)); });
      t.appendChild(tr);
    });
    return t;
  }
  function openPanel(path) {
    st.panel = path;
    document.querySelectorAll('#tree .row.cur').forEach(function (r) { r.classList.remove('cur'); });
    var cur = document.querySelector('#tree .row[data-path="' + CSS.escape(path) + '"]');
    if (cur) cur.classList.add('cur');
    refreshPanel();
  }
  function refreshPanel() {
    var s = selectedServer(); var path = st.panel;
    if (!s || !path) return;
    api(serverUrl(s) + '/nodes' + path.split('/').map(encodeURIComponent).join('/')).then(function (n) {
      if (st.panel !== path) return;
      var p = $('panel'); var f = document.createDocumentFragment();
      var h = el('div'); h.appendChild(el('span', 'st s-' + n.status, n.status));
      h.appendChild(document.createTextNode(' ' + n.type + ' '));
      h.appendChild(el('code', null, n.path));
      f.appendChild(h);
      var facts = [['default state', n.defStatus]];
      if (n.flags.length) facts.push(['flags', n.flags.join(', ')]);
      if (n.tryNo !== undefined) facts.push(['try', String(n.tryNo)]);
      if (n.abortedReason) facts.push(['abort reason', n.abortedReason]);
      if (n.rid) facts.push(['remote id', n.rid]);
      if (n.trigger) facts.push(['trigger', n.trigger]);
      if (n.complete) facts.push(['complete', n.complete]);
      if (n.repeat) facts.push(['repeat ' + n.repeat.kind, n.repeat.name + ' = ' + n.repeat.value]);
      if (n.late !== undefined) facts.push(['late', String(n.late)]);
      f.appendChild(table(facts));
      f.appendChild(el('h4', null, 'Why is it not running?'));
      var ul = el('ul', 'why');
      if (n.why.length === 0) ul.appendChild(el('li', 'muted', 'nothing holds it'));
      n.why.forEach(function (w) { ul.appendChild(el('li', null, w)); });
      f.appendChild(ul);
      if (n.meters.length) { f.appendChild(el('h4', null, 'Meters')); f.appendChild(table(n.meters.map(function (m) { return [m.name, m.value + ' (' + m.min + '..' + m.max + ')']; }))); }
      if (n.events.length) { f.appendChild(el('h4', null, 'Events')); f.appendChild(table(n.events.map(function (e) { return [e.name + (e.number !== undefined && e.name !== String(e.number) ? ' (' + e.number + ')' : ''), e.value ? 'set' : 'clear']; }))); }
      if (n.labels.length) { f.appendChild(el('h4', null, 'Labels')); f.appendChild(table(n.labels.map(function (l) { return [l.name, l.value]; }))); }
      if (n.limits.length) { f.appendChild(el('h4', null, 'Limits')); f.appendChild(table(n.limits.map(function (l) { return [l.name, l.value + ' / ' + l.limit + (l.paths.length ? ' \u2014 ' + l.paths.join(' ') : '')]; }))); }
      var failed = function (reason) { return reason ? ' \u2014 failed: ' + reason : ''; };
      if (n.avisos) { f.appendChild(el('h4', null, 'Avisos')); f.appendChild(table(n.avisos.map(function (a) { return [a.name, a.listener + ' (revision ' + a.revision + ')' + failed(a.reason)]; }))); }
      if (n.mirrors) { f.appendChild(el('h4', null, 'Mirrors')); f.appendChild(table(n.mirrors.map(function (m) { return [m.name, m.remoteHost + ':' + m.remotePort + ' ' + m.remotePath + failed(m.reason)]; }))); }
      if (n.unknown) { f.appendChild(el('h4', null, 'Unknown attributes (kept as the server sent them)')); f.appendChild(table(n.unknown.map(function (a) { return [a]; }))); }
      if (n.attributes.length) { f.appendChild(el('h4', null, 'Other attributes')); f.appendChild(table(n.attributes.map(function (a) { return [a]; }))); }
      f.appendChild(el('h4', null, 'Variables'));
      var vars = n.variables.map(function (v) { return [v.name, v.value]; })
        .concat(n.generated.map(function (v) { return [v.name, v.value + '  (generated)']; }))
        .concat(n.inherited.map(function (v) { return [v.name, v.value + '  (from ' + v.from + ')']; }));
      f.appendChild(table(vars));
      p.replaceChildren(f);
    }, function (e) { if (st.panel === path) $('panel').replaceChildren(el('div', 'err', e.message)); });
  }

  // ---- aborted tasks ----
  function loadAborted() {
    var s = selectedServer(); var want = st.selected;
    if (!s) return;
    api(serverUrl(s) + '/aborted').then(function (r) {
      if (want !== st.selected) return;
      var box = $('aborted'); var f = document.createDocumentFragment();
      $('aborted-n').textContent = String(r.aborted.length);
      if (r.aborted.length === 0) f.appendChild(el('div', 'muted', 'No aborted tasks.'));
      r.aborted.forEach(function (t) {
        var d = el('div', 'ab'); d.dataset.path = t.path;
        d.appendChild(el('div', 'p', t.path));
        var l = el('div', 'muted'); var a = el('span', 'age', age(t.since)); a.dataset.time = t.since;
        l.appendChild(document.createTextNode('try ' + t.tryNo + ', aborted ')); l.appendChild(a);
        if (t.reason) l.appendChild(document.createTextNode(' \u2014 ' + t.reason));
        d.appendChild(l);
        d.addEventListener('click', function () { openPanel(t.path); });
        f.appendChild(d);
      });
      box.replaceChildren(f);
    }, function () {});
  }

  // ---- live updates ----
  function scheduleReload() {
    clearTimeout(st.reloadTimer);
    st.reloadTimer = setTimeout(loadTree, 150);
  }
  function applyChange(c) {
    var k = key(c);
    var h = c.health; var old = st.servers.get(k);
    h.aborted = old ? old.aborted : 0;
    st.servers.set(k, h);
    if (k !== st.selected) { refreshServers(); return; }
    var structural = c.kind === 'full' || c.truncated;
    var touchedPanel = false;
    (c.changes || []).forEach(function (ch) {
      if (ch.old === null || ch.new === null) { structural = true; return; }
      if (ch.path === st.panel) touchedPanel = true;
      var n = st.nodes.get(ch.path);
      if (n) n.status = ch.new;
      var r = document.querySelector('#tree .row[data-path="' + CSS.escape(ch.path) + '"]');
      if (r) {
        r.dataset.status = ch.new;
        var b = r.querySelector('.st');
        b.className = 'st s-' + ch.new; b.textContent = ch.new;
      }
    });
    // a tree fetch under way may have been answered before this scrape: fetch again
    if (structural || filterActive() || st.loading > 0) scheduleReload();
    else if (c.changes.length === 0) scheduleReload(); // attributes only (meters, labels): refresh what is shown
    if (touchedPanel || structural || c.changes.length === 0) refreshPanel();
    loadAborted();
    refreshServers();
  }
  function refreshServers() {
    api('/servers').then(function (r) { setServers(r.servers); }, function () {});
  }
  function connect() {
    var live = $('live');
    var es = new EventSource('api/v1/events');
    es.addEventListener('open', function () { live.textContent = 'live'; live.className = 'on'; });
    es.addEventListener('error', function () { live.textContent = 'reconnecting\u2026'; live.className = 'off'; });
    es.addEventListener('servers', function () { refreshServers(); if (st.selected) { loadTree(); loadAborted(); } });
    es.addEventListener('change', function (ev) { applyChange(JSON.parse(ev.data)); });
  }

  // ---- filters ----
  var fbox = $('filters');
  STATUSES.forEach(function (s) {
    var l = el('label', 's-' + s); var cb = el('input'); cb.type = 'checkbox'; cb.value = s; cb.dataset.status = s;
    l.appendChild(cb); l.appendChild(document.createTextNode(s));
    fbox.insertBefore(l, $('name-filter'));
  });
  fbox.addEventListener('change', function (ev) {
    var t = ev.target;
    if (t.type !== 'checkbox') return;
    if (t.checked) st.filter.statuses.add(t.value); else st.filter.statuses.delete(t.value);
    st.filtered = null; loadTree();
  });
  $('name-filter').addEventListener('input', function (ev) {
    clearTimeout(st.filterTimer);
    st.filterTimer = setTimeout(function () { st.filter.name = ev.target.value.trim(); st.filtered = null; loadTree(); }, 200);
  });

  setInterval(function () {
    document.querySelectorAll('.age').forEach(function (a) { if (a.dataset.time) a.textContent = age(a.dataset.time); });
  }, 1000);
  setInterval(refreshServers, 10000);
  refreshServers();
  connect();
})();
`;
