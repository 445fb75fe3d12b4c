/**
 * The dashboard's script (served as /dashboard/app.js): browser TypeScript, no framework. It
 * fetches the tree one level at a time as nodes are expanded, so a 100,000-task server costs the
 * page only what is on screen, and applies the SSE change sets to the rows shown.
 *
 * It is checked against the DOM and the API's own types (./tsconfig.json, `npm run typecheck`)
 * and compiled alone by scripts/build-dashboard.js. It names those types with `import()` types
 * only, so it stays a classic script (the page loads it with a plain `<script>`) and nothing
 * server-side reaches the browser.
 */
(() => {
  // The API's types, as the routes send them (packages/ecflow-watchman/src/api/index.ts).
  type Health = import('../../view.js').Health;
  type AbortedTask = import('../../view.js').AbortedTask;
  type ServerChange = import('../../view.js').ServerChange;
  type TreeNode = import('../../api/tree.js').TreeNode;
  type TreeResult = import('../../api/tree.js').TreeResult;
  type NodeDetail = import('../../api/node.js').NodeDetail;
  type ApiErrorBody = import('../../api/errors.js').ApiErrorBody;
  type SearchResult = import('../../api/search.js').SearchResult;
  type FileReply = import('../../api/files.js').FileReply;
  type FileKind = import('../../api/files.js').FileKind;
  type WhyReply = import('../../api/why.js').WhyReply;
  type WhyReason = import('../../api/why.js').WhyReason;
  type Dependencies = import('../../api/dependencies.js').Dependencies;
  type Dependency = import('../../api/dependencies.js').Dependency;
  type NodeHistory = import('../../api/history.js').NodeHistory;
  type NodeStatus = import('ecflow-ts').NodeStatus;
  type ServerKey = { owner: string; repo: string };
  /** `GET /servers` and the SSE change's health: a server's health with its aborted count. */
  /** A server as /api/v1/servers lists it: its health, aborted count and the replica that scrapes it. */
  type ServerEntry = Health & { aborted?: number; replica?: string | null };
  type ServersReply = { servers: ServerEntry[] };
  type TreeReply = ServerKey & TreeResult;
  type NodeReply = ServerKey & NodeDetail & { serverState: Health['serverState'] };
  type AbortedReply = ServerKey & { aborted: AbortedTask[] };
  type AlertsReply = ServerKey & { enabled: boolean; alerts: import('../../api/alerts.js').FiringAlert[] };
  /** A `change` event's data: the change set, without its changes when there were too many (events.ts). */
  type ChangeEvent = ServerChange & { truncated?: boolean; changeCount?: number };

  const STATUSES: readonly NodeStatus[] = ['aborted', 'suspended', 'active', 'submitted', 'queued', 'complete', 'unknown'];
  const PAGE = 500; // children rendered per parent before a "show more" row
  const st = {
    servers: new Map<string, ServerEntry>(), selected: null as string | null,
    nodes: new Map<string, TreeNode>(), expanded: new Set<string>(['/']), shown: new Map<string, number>(),
    filter: { statuses: new Set<string>(), name: '' }, filtered: null as TreeReply | null,
    panel: null as string | null, reloadTimer: 0, filterTimer: 0, loading: 0,
  };
  function $(id: string): HTMLElement {
    const e = document.getElementById(id);
    if (e === null) throw new Error('the page has no #' + id);
    return e;
  }
  function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string | null, text?: string | number | null): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function api<T>(p: string): Promise<T> {
    return fetch('api/v1' + p, { headers: { accept: 'application/json' } }).then((r) => {
      return r.json().then((body: unknown) => {
        const message = typeof body === 'object' && body !== null ? (body as Partial<ApiErrorBody>).message : undefined;
        if (!r.ok) throw new Error(message ? message : 'HTTP ' + r.status);
        return body as T;
      });
    });
  }
  /** An error's message (a rejection from api() is an Error). */
  function messageOf(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
  }
  /** `HH:MM:SS` of an ISO time, in the browser's time zone. */
  function clock(iso: string): string { return new Date(iso).toTimeString().slice(0, 8); }
  /**
   * An abort reason on one line (a tree row, the aborted list): the API serves its lines
   * separated by newlines; they are joined by the mark `top` uses (REASON_SEPARATOR in
   * src/abort-reason.ts, which this script cannot import).
   */
  function oneLine(reason: string): string { return reason.split('\n').join(' \u23ce '); }
  /** The server cannot be reached now: what is shown of it is its last known state. */
  function unreachable(h: Health): boolean { return !h.reachable && h.lastError !== null; }
  function serverUrl(s: ServerKey): string { return '/servers/' + encodeURIComponent(s.owner) + '/' + encodeURIComponent(s.repo); }
  function key(h: ServerKey): string { return h.owner + '/' + h.repo; }
  function age(iso: string | null): string {
    if (!iso) return 'never';
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 60) return s + 's ago';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's ago';
    return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm ago';
  }

  // ---- server cards ----
  function renderCards(): void {
    const box = $('cards');
    const frag = document.createDocumentFragment();
    st.servers.forEach((h, k) => {
      const c = el('div', 'card ' + (h.reachable ? 'reachable' : 'unreachable') + (k === st.selected ? ' sel' : ''));
      c.dataset.server = k;
      const h2 = el('h2');
      h2.appendChild(el('span', null, k));
      // not its last RUNNING/HALTED: that is no longer known
      const down = unreachable(h);
      const ss = el('span', 'badge ss-' + (down ? 'unreachable' : h.serverState || 'none'), down ? 'UNREACHABLE' : h.serverState || 'not scraped');
      ss.dataset.role = 'server-state';
      h2.appendChild(ss);
      c.appendChild(h2);
      const line = el('div', 'line');
      line.appendChild(el('span', null, h.reachable ? 'reachable' : down ? 'last reached ' + (h.lastSuccess ? clock(h.lastSuccess) : 'never') : 'not scraped yet'));
      const a = el('span', 'age', age(h.lastSuccess));
      a.dataset.time = h.lastSuccess || '';
      line.appendChild(a);
      line.appendChild(el('span', null, h.nodes + ' nodes'));
      const n = h.aborted || 0;
      const ab = el('span', 'abortedn' + (n === 0 ? ' zero' : ''), n + ' aborted');
      ab.dataset.role = 'aborted-count';
      line.appendChild(ab);
      c.appendChild(line);
      if (h.replica) {
        // host:pid of the id host:pid:suffix; with replicas, which one scrapes the server
        const r = el('div', 'line replica-line', 'scraped by ' + h.replica.split(':').slice(0, -1).join(':'));
        r.title = h.replica;
        r.dataset.role = 'replica';
        c.appendChild(r);
      }
      if (h.lastError && !h.reachable) {
        const e = el('div', 'line err-line', h.lastError.kind + ': ' + h.lastError.message + ' (' + clock(h.lastError.time) + ')');
        e.dataset.role = 'last-error';
        c.appendChild(e);
      }
      const counts = el('div', 'counts');
      STATUSES.forEach((s) => {
        const count = h.taskCounts && h.taskCounts[s];
        if (count) {
          const x = el('span', 'count s-' + s, s + ' ' + count);
          x.dataset.status = s;
          counts.appendChild(x);
        }
      });
      c.appendChild(counts);
      c.addEventListener('click', () => { select(k); });
      frag.appendChild(c);
    });
    box.replaceChildren(frag);
    renderStale();
  }
  /** Marks the tree of an unreachable server as its last known one. */
  function renderStale(): void {
    const h = selectedServer(); const banner = $('stale'); const tree = $('tree');
    const down = h !== undefined && unreachable(h);
    tree.classList.toggle('stale', down);
    banner.hidden = !down;
    if (!down || !h.lastError) return;
    banner.textContent = key(h) + ' is unreachable (' + h.lastError.kind + ': ' + h.lastError.message + ', ' + clock(h.lastError.time) + '): ' +
      (h.lastSuccess ? 'the tree is the last one known, as of ' + clock(h.lastSuccess) + ' (' + age(h.lastSuccess) + ')' : 'it has never been reached');
  }
  function setServers(list: ServerEntry[]): void {
    list.forEach((h) => {
      const old = st.servers.get(key(h));
      if (h.aborted === undefined && old) h.aborted = old.aborted;
      if (h.replica === undefined && old) h.replica = old.replica;
      st.servers.set(key(h), h);
    });
    if (!st.selected || !st.servers.has(st.selected)) {
      const wanted = parseHash();
      const first = st.servers.keys().next();
      if (wanted && st.servers.has(wanted.server)) { select(wanted.server); if (wanted.path) void reveal(wanted.path); }
      else if (!first.done) select(first.value);
    }
    renderCards();
  }

  // ---- tree ----
  function selectedServer(): ServerEntry | undefined { return st.selected === null ? undefined : st.servers.get(st.selected); }
  function select(k: string): void {
    if (st.selected === k) return;
    st.selected = k;
    setHash(k, null);
    st.nodes = new Map(); st.expanded = new Set(['/']); st.shown = new Map(); st.panel = null; st.filtered = null;
    $('tree-title').textContent = k;
    $('panel').replaceChildren(el('div', 'muted', 'Click a node to see its attributes and why it is not running.'));
    closeFile();
    renderCards();
    void loadTree();
    loadAborted();
    loadAlerts();
  }
  function remember(n: TreeNode): void {
    st.nodes.set(n.path, n);
    if (n.nodes) n.nodes.forEach(remember);
  }
  function fetchChildren(path: string): Promise<void> {
    const s = selectedServer();
    if (!s) return Promise.resolve();
    st.loading++;
    const done = (): void => { st.loading--; };
    return api<TreeReply>(serverUrl(s) + '/tree?depth=1&path=' + encodeURIComponent(path)).finally(done).then((r) => {
      const old = st.nodes.get(path);
      // keep already-loaded grandchildren: a refresh must not collapse what is open
      (r.root.nodes || []).forEach((c) => {
        const was = st.nodes.get(c.path);
        if (was && was.nodes && st.expanded.has(c.path)) c.nodes = was.nodes;
      });
      if (old) { Object.assign(old, r.root); } else remember(r.root);
      (r.root.nodes || []).forEach((c) => { st.nodes.set(c.path, c); });
    });
  }
  function loadTree(): Promise<void> {
    const want = st.selected;
    if (filterActive()) return loadFiltered();
    const paths = Array.from(st.expanded).sort((a, b) => a.split('/').length - b.split('/').length);
    let chain = Promise.resolve();
    paths.forEach((p) => {
      chain = chain.then(() => {
        if (p !== '/' && !st.nodes.has(p)) { st.expanded.delete(p); return; }
        return fetchChildren(p).catch((e: unknown) => { if (p === '/') throw e; st.expanded.delete(p); });
      });
    });
    return chain.then(() => { if (want === st.selected) renderTree(); }, (e: unknown) => {
      $('tree').replaceChildren(el('div', 'err', e instanceof Error ? e.message || String(e) : String(e)));
    });
  }
  function filterActive(): boolean { return st.filter.statuses.size > 0 || st.filter.name !== ''; }
  function loadFiltered(): Promise<void> {
    const s = selectedServer();
    if (!s) return Promise.resolve();
    const q = '/tree?status=' + encodeURIComponent(Array.from(st.filter.statuses).join(',')) + '&name=' + encodeURIComponent(st.filter.name);
    return api<TreeReply>(serverUrl(s) + q).then((r) => {
      st.filtered = r;
      renderTree();
    }, (e: unknown) => { $('tree').replaceChildren(el('div', 'err', e instanceof Error ? e.message || String(e) : String(e))); });
  }
  function meta(n: TreeNode): HTMLSpanElement {
    const m = el('span', 'meta');
    (n.meters || []).forEach((x) => {
      m.appendChild(document.createTextNode(' ' + x.name + ' ' + x.value));
      const bar = el('span', 'meter'); const fill = el('i');
      const span = x.max - x.min;
      fill.style.width = (span > 0 ? Math.max(0, Math.min(100, 100 * (x.value - x.min) / span)) : 0) + '%';
      bar.appendChild(fill); m.appendChild(bar);
    });
    (n.events || []).forEach((x) => { m.appendChild(document.createTextNode(' ' + (x.value ? '\u25cf' : '\u25cb') + x.name)); });
    (n.labels || []).forEach((x) => { if (x.value) m.appendChild(document.createTextNode(' ' + x.name + ': ' + x.value)); });
    if (n.repeat) m.appendChild(document.createTextNode(' repeat ' + n.repeat.name + '=' + n.repeat.value));
    (n.limits || []).forEach((x) => { m.appendChild(document.createTextNode(' limit ' + x.name + ' ' + x.value + '/' + x.limit)); });
    if (n.abortedReason) m.appendChild(document.createTextNode(' \u2014 ' + oneLine(n.abortedReason)));
    return m;
  }
  function row(n: TreeNode, depth: number, filterMode: boolean): HTMLDivElement {
    const r = el('div', 'row' + (n.path === st.panel ? ' cur' : '') + (filterMode && n.match === false ? ' ctx' : ''));
    r.dataset.path = n.path;
    r.dataset.status = n.status;
    r.style.paddingLeft = (0.5 + depth * 1.2) + 'em';
    const open = filterMode ? !!n.nodes : st.expanded.has(n.path);
    const tog = el('span', 'tog', n.children > 0 && !filterMode ? (open ? '\u25be' : '\u25b8') : '');
    tog.dataset.role = 'toggle';
    r.appendChild(tog);
    r.appendChild(el('span', 'st s-' + n.status, n.status));
    const name = el('span', 'name', n.name + (n.type === 'family' || n.type === 'suite' ? '/' : ''));
    r.appendChild(name);
    // one span a flag: its colour says how alarming it is (FLAG_LEVELS in colours.ts)
    (n.flags || []).forEach((f) => { r.appendChild(el('span', 'flag fl-' + f, f)); });
    r.appendChild(meta(n));
    return r;
  }
  function renderTree(): void {
    const frag = document.createDocumentFragment();
    let count = 0;
    const filtered = filterActive() ? st.filtered : null;
    const filterMode = filtered !== null;
    function walk(n: TreeNode, depth: number): void {
      frag.appendChild(row(n, depth, filterMode)); count++;
      const kids = n.nodes;
      if (!kids || (!filterMode && !st.expanded.has(n.path))) return;
      const limit = filterMode ? kids.length : (st.shown.get(n.path) || PAGE);
      for (let i = 0; i < kids.length && i < limit; i++) walk(kids[i]!, depth + 1);
      if (kids.length > limit) {
        const more = el('div', 'more', 'show ' + Math.min(PAGE, kids.length - limit) + ' more of ' + (kids.length - limit) + ' hidden');
        more.style.paddingLeft = (2 + (depth + 1) * 1.2) + 'em';
        more.dataset.more = n.path;
        frag.appendChild(more);
      }
    }
    const top = filtered !== null ? filtered.root : st.nodes.get('/');
    if (top) (top.nodes || []).forEach((s) => { walk(s, 0); });
    if (filtered !== null) {
      $('match-info').textContent = filtered.matches + ' matching' + (filtered.truncated ? ' (first ones only)' : '');
    } else $('match-info').textContent = '';
    if (count === 0) frag.appendChild(el('div', 'muted', filterMode ? 'Nothing matches the filter.' : 'No suites.'));
    const tree = $('tree'); const scroll = tree.scrollTop;
    tree.replaceChildren(frag);
    tree.scrollTop = scroll;
  }
  function toggle(path: string): void {
    if (st.expanded.has(path)) { st.expanded.delete(path); renderTree(); return; }
    st.expanded.add(path);
    const n = st.nodes.get(path);
    if (n && n.nodes) { renderTree(); return; }
    void fetchChildren(path).then(renderTree, (e: unknown) => { st.expanded.delete(path); alert(messageOf(e)); });
  }
  $('tree').addEventListener('click', (ev) => {
    const t = ev.target;
    if (!(t instanceof HTMLElement)) return;
    const more = t.dataset.more;
    if (more) { st.shown.set(more, (st.shown.get(more) || PAGE) + PAGE); renderTree(); return; }
    const r = t.closest<HTMLElement>('.row');
    if (!r) return;
    const path = r.dataset.path ?? '';
    if (t.dataset.role === 'toggle') toggle(path);
    else openPanel(path);
  });

  // ---- node panel ----
  function table(rows: string[][]): HTMLTableElement {
    const t = el('table');
    rows.forEach((cells) => {
      const tr = el('tr');
      cells.forEach((c) => { tr.appendChild(el('td', null, c)); });
      t.appendChild(tr);
    });
    return t;
  }
  function openPanel(path: string): void {
    if (st.panel !== path) closeFile();
    st.panel = path;
    if (st.selected) setHash(st.selected, path);
    document.querySelectorAll('#tree .row.cur').forEach((r) => { r.classList.remove('cur'); });
    const cur = document.querySelector('#tree .row[data-path="' + CSS.escape(path) + '"]');
    if (cur) cur.classList.add('cur');
    refreshPanel();
  }
  function refreshPanel(): void {
    const s = selectedServer(); const path = st.panel;
    if (!s || !path) return;
    void api<NodeReply>(serverUrl(s) + '/nodes' + path.split('/').map(encodeURIComponent).join('/')).then((n) => {
      if (st.panel !== path) return;
      const p = $('panel'); const f = document.createDocumentFragment();
      const h = el('div'); h.appendChild(el('span', 'st s-' + n.status, n.status));
      h.appendChild(document.createTextNode(' ' + n.type + ' '));
      h.appendChild(el('code', null, n.path));
      f.appendChild(h);
      const facts = [['default state', n.defStatus]];
      if (n.flags.length) facts.push(['flags', n.flags.join(', ')]);
      if (n.tryNo !== undefined) facts.push(['try', String(n.tryNo)]);
      if (n.abortedReason) facts.push(['abort reason', n.abortedReason]);
      if (n.rid) facts.push(['remote id', n.rid]);
      if (n.trigger) facts.push(['trigger', n.trigger]);
      if (n.complete) facts.push(['complete', n.complete]);
      if (n.repeat) facts.push(['repeat ' + n.repeat.kind, n.repeat.name + ' = ' + n.repeat.value]);
      if (n.late !== undefined) facts.push(['late', String(n.late)]);
      f.appendChild(table(facts));
      // ecflow_client's why, as it prints it; it prints nothing for some nodes (an aborted task)
      if (n.why.length > 0) {
        f.appendChild(el('h4', null, 'Why is it not running?'));
        const ul = el('ul', 'why');
        n.why.forEach((w) => { ul.appendChild(el('li', null, w)); });
        f.appendChild(ul);
      }
      if (n.meters.length) { f.appendChild(el('h4', null, 'Meters')); f.appendChild(table(n.meters.map((m) => [m.name, m.value + ' (' + m.min + '..' + m.max + ')']))); }
      if (n.events.length) { f.appendChild(el('h4', null, 'Events')); f.appendChild(table(n.events.map((e) => [e.name + (e.number !== undefined && e.name !== String(e.number) ? ' (' + e.number + ')' : ''), e.value ? 'set' : 'clear']))); }
      if (n.labels.length) { f.appendChild(el('h4', null, 'Labels')); f.appendChild(table(n.labels.map((l) => [l.name, l.value]))); }
      if (n.limits.length) { f.appendChild(el('h4', null, 'Limits')); f.appendChild(table(n.limits.map((l) => [l.name, l.value + ' / ' + l.limit + (l.paths.length ? ' \u2014 ' + l.paths.join(' ') : '')]))); }
      const failed = (reason: string): string => (reason ? ' \u2014 failed: ' + reason : '');
      if (n.avisos) { f.appendChild(el('h4', null, 'Avisos')); f.appendChild(table(n.avisos.map((a) => [a.name, a.listener + ' (revision ' + a.revision + ')' + failed(a.reason)]))); }
      if (n.mirrors) { f.appendChild(el('h4', null, 'Mirrors')); f.appendChild(table(n.mirrors.map((m) => [m.name, m.remoteHost + ':' + m.remotePort + ' ' + m.remotePath + failed(m.reason)]))); }
      if (n.unknown) { f.appendChild(el('h4', null, 'Unknown attributes (kept as the server sent them)')); f.appendChild(table(n.unknown.map((a) => [a]))); }
      if (n.attributes.length) { f.appendChild(el('h4', null, 'Other attributes')); f.appendChild(table(n.attributes.map((a) => [a]))); }
      f.appendChild(el('h4', null, 'Variables'));
      const vars = n.variables.map((v) => [v.name, v.value])
        .concat(n.generated.map((v) => [v.name, v.value + '  (generated)']))
        .concat(n.inherited.map((v) => [v.name, v.value + '  (from ' + v.from + ')']));
      f.appendChild(table(vars));
      p.replaceChildren(f);
      panelExtras(n);
    }, (e: unknown) => { if (st.panel === path) $('panel').replaceChildren(el('div', 'err', messageOf(e))); });
  }

  // ---- shareable URL: #/owner/repo/path/of/node ----
  /** The server and node a hash names: `#/owner/repo[/path]`, or the older `#owner%2Frepo`. */
  function parseHash(): { server: string; path: string | null } | null {
    const h = location.hash.slice(1);
    if (h === '') return null;
    if (!h.startsWith('/')) return { server: decodeURIComponent(h), path: null };
    const parts = h.slice(1).split('/').map(decodeURIComponent);
    if (parts.length < 2) return null;
    const rest = parts.slice(2).filter((p) => p !== '');
    return { server: parts[0] + '/' + parts[1], path: rest.length ? '/' + rest.join('/') : null };
  }
  function hashOf(server: string, path: string | null): string {
    return '#/' + server.split('/').map(encodeURIComponent).join('/') + (path ? path.split('/').map(encodeURIComponent).join('/') : '');
  }
  function setHash(server: string, path: string | null): void {
    const h = hashOf(server, path);
    if (location.hash !== h) history.replaceState(null, '', h);
  }
  /** A link to a node of the selected server: following it selects the node (see the hashchange listener). */
  function nodeLink(path: string, text?: string): HTMLAnchorElement {
    const a = el('a', 'node-link', text ?? path);
    a.href = hashOf(st.selected ?? '', path);
    a.dataset.path = path;
    return a;
  }
  window.addEventListener('hashchange', () => {
    const h = parseHash();
    if (!h || !st.servers.has(h.server)) return;
    if (h.server !== st.selected) select(h.server);
    if (h.path && h.path !== st.panel) void reveal(h.path);
  });

  /**
   * Shows the node at `path`: the filters cleared, each ancestor expanded (its children fetched in
   * turn, enough of them shown to include the next one), the node selected and scrolled to.
   */
  function reveal(path: string): Promise<void> {
    const want = st.selected;
    if (filterActive()) {
      st.filter.statuses.clear(); st.filter.name = ''; st.filtered = null;
      document.querySelectorAll<HTMLInputElement>('#filters input[type=checkbox]').forEach((c) => { c.checked = false; });
      (nameFilter as HTMLInputElement).value = '';
    }
    const parts = path.split('/').filter((p) => p !== '');
    const ancestors = ['/'];
    for (let i = 1; i < parts.length; i++) ancestors.push('/' + parts.slice(0, i).join('/'));
    let chain = Promise.resolve();
    ancestors.forEach((a, i) => {
      chain = chain.then(() => {
        if (want !== st.selected) return;
        st.expanded.add(a);
        const n = st.nodes.get(a);
        return (n && n.nodes ? Promise.resolve() : fetchChildren(a)).then(() => {
          const child = i + 1 < ancestors.length ? ancestors[i + 1]! : path;
          const kids = st.nodes.get(a)?.nodes ?? [];
          const at = kids.findIndex((k) => k.path === child);
          if (at >= PAGE) st.shown.set(a, Math.max(st.shown.get(a) || PAGE, Math.ceil((at + 1) / PAGE) * PAGE));
        });
      });
    });
    return chain.then(() => {
      if (want !== st.selected) return;
      renderTree();
      openPanel(path);
      document.querySelector('#tree .row[data-path="' + CSS.escape(path) + '"]')?.scrollIntoView({ block: 'nearest' });
    }, (e: unknown) => { $('panel').replaceChildren(el('div', 'err', messageOf(e))); });
  }

  // ---- search: the whole server, not only what is expanded ----
  function setupSearch(): void {
    const box = el('div'); box.id = 'search';
    const input = el('input'); input.type = 'search'; input.id = 'search-input';
    input.placeholder = 'search the server by name or path'; input.setAttribute('aria-label', 'search the server');
    const results = el('div'); results.id = 'search-results';
    box.appendChild(input); box.appendChild(results);
    $('filters').before(box);
    let timer = 0;
    let asked = 0;
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const q = input.value.trim(); const s = selectedServer(); const n = ++asked;
        if (!q || !s) { results.replaceChildren(); return; }
        void api<SearchResult>(serverUrl(s) + '/search?q=' + encodeURIComponent(q)).then((r) => {
          if (n !== asked) return;
          const f = document.createDocumentFragment();
          if (r.hits.length === 0) f.appendChild(el('div', 'muted', 'nothing matches'));
          r.hits.forEach((h) => {
            const d = el('div', 'hit'); d.dataset.path = h.path;
            d.appendChild(el('span', 'st s-' + h.status, h.status));
            d.appendChild(nodeLink(h.path));
            f.appendChild(d);
          });
          if (r.truncated) f.appendChild(el('div', 'muted', 'more match: the first ' + r.hits.length + ' are shown'));
          results.replaceChildren(f);
        }, (e: unknown) => { results.replaceChildren(el('div', 'err', messageOf(e))); });
      }, 200);
    });
    input.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') { input.value = ''; results.replaceChildren(); } });
  }

  // ---- node panel extras: files, why top down, dependencies, history ----
  function nodeUrl(path: string): string {
    const s = selectedServer();
    return (s ? serverUrl(s) : '') + '/nodes' + path.split('/').map(encodeURIComponent).join('/');
  }
  function section(id: string, title: string): HTMLDivElement {
    const d = el('div'); d.id = id;
    d.appendChild(el('h4', null, title));
    return d;
  }
  /**
   * Adds the extra sections to the panel just built for node `n`, after its bottom-up why (above
   * the long lists of attributes and variables); each fills itself when its answer comes.
   */
  function panelExtras(n: NodeReply): void {
    const p = $('panel'); const path = n.path;
    const boxes: HTMLElement[] = [];
    if (n.type === 'suite' || n.type === 'family') {
      const top = section('panel-topdown', 'Why is it not complete? (top down)');
      boxes.push(top);
      void api<WhyReply>(nodeUrl(path) + '/why').then((w) => { if (st.panel === path) renderTopDown(top, w); }, () => {});
    }
    const history = section('panel-history', 'History');
    const deps = section('panel-deps', 'Dependencies');
    const files = section('panel-files', 'Files');
    const kinds: FileKind[] = n.type === 'task' || n.type === 'alias' ? ['jobout', 'script', 'job', 'manual'] : ['manual'];
    kinds.forEach((k) => {
      const b = el('button', 'file-btn', k); b.type = 'button'; b.dataset.file = k;
      b.addEventListener('click', () => { openFile(path, k); });
      files.appendChild(b);
    });
    boxes.push(history, deps, files);
    const why = p.querySelector('ul.why');
    if (why) why.after(...boxes); else p.append(...boxes);
    void api<NodeHistory>(nodeUrl(path) + '/history').then((h) => { if (st.panel === path) renderHistory(history, h); }, () => {});
    void api<Dependencies>(nodeUrl(path) + '/dependencies').then((d) => { if (st.panel === path) renderDeps(deps, d); }, () => {});
  }
  /** A reason's text with each node path it names made a link. */
  function reasonLine(r: WhyReason): HTMLLIElement {
    const li = el('li');
    let rest = r.text;
    const paths = [...r.paths].sort((a, b) => b.length - a.length);
    while (rest !== '') {
      let at = -1; let which = '';
      paths.forEach((p) => { const i = rest.indexOf(p); if (i >= 0 && (at < 0 || i < at)) { at = i; which = p; } });
      if (at < 0) { li.appendChild(document.createTextNode(rest)); break; }
      li.appendChild(document.createTextNode(rest.slice(0, at)));
      li.appendChild(nodeLink(which));
      rest = rest.slice(at + which.length);
    }
    return li;
  }
  function renderTopDown(box: HTMLElement, w: WhyReply): void {
    const groups = w.topDown ?? [];
    if (groups.length === 0) { box.appendChild(el('div', 'muted', 'nothing holds it')); return; }
    groups.forEach((g) => {
      const d = el('div', 'why-group'); d.dataset.path = g.path;
      d.appendChild(nodeLink(g.path));
      const ul = el('ul', 'why');
      g.reasons.forEach((r) => { ul.appendChild(reasonLine(r)); });
      d.appendChild(ul);
      box.appendChild(d);
    });
  }
  function depLine(d: Dependency): HTMLLIElement {
    const li = el('li'); li.dataset.path = d.path;
    li.appendChild(el('span', 'st s-' + d.status, d.status));
    li.appendChild(document.createTextNode(' '));
    li.appendChild(nodeLink(d.path));
    li.appendChild(el('span', 'muted', ' ' + d.expression + (d.attribute ? ' (' + d.attribute + ')' : '')));
    return li;
  }
  function renderDeps(box: HTMLElement, d: Dependencies): void {
    const list = (title: string, role: string, items: Dependency[]): void => {
      box.appendChild(el('div', 'muted', title));
      const ul = el('ul', 'deps'); ul.dataset.role = role;
      if (items.length === 0) ul.appendChild(el('li', 'muted', 'none'));
      items.forEach((x) => { ul.appendChild(depLine(x)); });
      box.appendChild(ul);
    };
    list('waits for', 'waits-for', d.waitsFor);
    list('waited for by', 'waited-by', d.waitedBy);
    if (d.unresolved.length) box.appendChild(el('div', 'muted', 'not in the definition: ' + d.unresolved.join(', ')));
  }
  /** `2m04s`, `1h02m`, `4.2s`. */
  function span(ms: number): string {
    const s = Math.round(ms / 1000);
    if (ms < 10000) return (ms / 1000).toFixed(1) + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
    return Math.floor(s / 3600) + 'h' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + 'm';
  }
  function renderHistory(box: HTMLElement, h: NodeHistory): void {
    if (h.entries.length === 0) { box.appendChild(el('div', 'muted', 'no state change seen since ' + clock(h.since))); return; }
    const line = el('div', 'history');
    h.entries.forEach((e, i) => {
      if (i > 0) line.appendChild(document.createTextNode(' \u2192 '));
      const x = el('span', 'hist'); x.dataset.status = e.status;
      x.appendChild(el('span', 'st s-' + e.status, e.status));
      x.appendChild(document.createTextNode(' ' + clock(e.time) + (e.durationMs !== undefined ? ' (' + span(e.durationMs) + ')' : '')));
      line.appendChild(x);
    });
    if (h.truncated) line.prepend(document.createTextNode('\u2026 '));
    box.appendChild(line);
  }

  // ---- a file of the selected node, fetched when its button is clicked ----
  function fileBox(): HTMLElement {
    let box = document.getElementById('file-view');
    if (box === null) {
      box = el('section', 'box'); box.id = 'file-view'; box.setAttribute('aria-label', 'file'); box.hidden = true;
      $('panel').closest('section')!.after(box);
    }
    return box;
  }
  function closeFile(): void { const b = document.getElementById('file-view'); if (b) { b.hidden = true; b.replaceChildren(); } }
  function openFile(path: string, kind: FileKind): void {
    const box = fileBox(); box.hidden = false;
    const head = el('h3', null, kind + ' of '); head.appendChild(el('code', null, path));
    const close = el('button', 'file-close', '\u00d7'); close.type = 'button'; close.setAttribute('aria-label', 'close');
    close.addEventListener('click', closeFile);
    head.appendChild(close);
    box.replaceChildren(head, el('div', 'muted', 'loading\u2026'));
    void api<FileReply>(nodeUrl(path) + '/files/' + kind).then((r) => {
      if (st.panel !== path) return;
      const body: HTMLElement[] = [];
      if (r.truncated) body.push(el('div', 'file-cut', 'Only the end of the file is shown (the last ' + r.lines + ' lines at most).'));
      const pre = el('pre', 'file-text', r.text); pre.dataset.file = kind;
      body.push(pre);
      box.replaceChildren(head, ...body);
    }, (e: unknown) => { if (st.panel === path) box.replaceChildren(head, el('div', 'err', messageOf(e))); });
  }

  // ---- aborted tasks ----
  function loadAborted(): void {
    const s = selectedServer(); const want = st.selected;
    if (!s) return;
    void api<AbortedReply>(serverUrl(s) + '/aborted').then((r) => {
      if (want !== st.selected) return;
      const box = $('aborted'); const f = document.createDocumentFragment();
      $('aborted-n').textContent = String(r.aborted.length);
      if (r.aborted.length === 0) f.appendChild(el('div', 'muted', 'No aborted tasks.'));
      r.aborted.forEach((t) => {
        const d = el('div', 'ab'); d.dataset.path = t.path;
        d.appendChild(el('div', 'p', t.path));
        const l = el('div', 'muted'); const a = el('span', 'age', age(t.since)); a.dataset.time = t.since;
        l.appendChild(document.createTextNode('try ' + t.tryNo + ', aborted ')); l.appendChild(a);
        if (t.reason) l.appendChild(document.createTextNode(' \u2014 ' + oneLine(t.reason)));
        d.appendChild(l);
        d.addEventListener('click', () => { openPanel(t.path); });
        f.appendChild(d);
      });
      box.replaceChildren(f);
    }, () => {});
  }

  // ---- alerts firing (the config's alerts section) ----
  function loadAlerts(): void {
    const s = selectedServer(); const want = st.selected;
    if (!s) return;
    void api<AlertsReply>(serverUrl(s) + '/alerts').then((r) => {
      if (want !== st.selected) return;
      const f = document.createDocumentFragment();
      const n = $('alerts-n'); n.textContent = String(r.alerts.length);
      n.className = 'abortedn' + (r.alerts.length === 0 ? ' zero' : '');
      if (!r.enabled) f.appendChild(el('div', 'muted', 'No alert rules configured.'));
      else if (r.alerts.length === 0) f.appendChild(el('div', 'muted', 'No alerts firing.'));
      r.alerts.forEach((x) => {
        const d = el('div', 'al'); d.dataset.id = x.id; d.dataset.kind = x.kind;
        d.appendChild(el('div', 'p', x.labels.alertname + ' \u2014 ' + x.annotations.summary.replace(r.owner + '/' + r.repo + ': ', '')));
        const l = el('div', 'muted'); const a = el('span', 'age', age(x.startsAt)); a.dataset.time = x.startsAt;
        l.appendChild(document.createTextNode(x.kind + ', ' + (x.labels.severity ?? '') + ', firing since ')); l.appendChild(a);
        d.appendChild(l);
        if (x.path !== '/') d.addEventListener('click', () => { openPanel(x.path); });
        f.appendChild(d);
      });
      $('alerts').replaceChildren(f);
    }, () => {});
  }

  // ---- live updates ----
  function scheduleReload(): void {
    window.clearTimeout(st.reloadTimer);
    st.reloadTimer = window.setTimeout(() => { void loadTree(); }, 150);
  }
  function applyChange(c: ChangeEvent): void {
    const k = key(c);
    const h: ServerEntry = c.health; const old = st.servers.get(k);
    h.aborted = old ? old.aborted : 0;
    h.replica = old ? old.replica : null;
    st.servers.set(k, h);
    if (k !== st.selected) { refreshServers(); return; }
    let structural = c.kind === 'full' || !!c.truncated;
    let touchedPanel = false;
    (c.changes || []).forEach((ch) => {
      if (ch.old === null || ch.new === null) { structural = true; return; }
      if (ch.path === st.panel) touchedPanel = true;
      const n = st.nodes.get(ch.path);
      if (n) n.status = ch.new;
      const r = document.querySelector<HTMLElement>('#tree .row[data-path="' + CSS.escape(ch.path) + '"]');
      if (r) {
        r.dataset.status = ch.new;
        const b = r.querySelector('.st');
        if (b) { b.className = 'st s-' + ch.new; b.textContent = ch.new; }
      }
    });
    // a tree fetch under way may have been answered before this scrape: fetch again
    if (structural || filterActive() || st.loading > 0) scheduleReload();
    else if (c.changes.length === 0) scheduleReload(); // attributes only (meters, labels): refresh what is shown
    if (touchedPanel || structural || c.changes.length === 0) refreshPanel();
    loadAborted();
    loadAlerts();
    refreshServers();
  }
  function refreshServers(): void {
    void api<ServersReply>('/servers').then((r) => { setServers(r.servers); }, () => {});
  }
  function connect(): void {
    const live = $('live');
    const es = new EventSource('api/v1/events');
    es.addEventListener('open', () => { live.textContent = 'live'; live.className = 'on'; });
    es.addEventListener('error', () => { live.textContent = 'reconnecting\u2026'; live.className = 'off'; });
    es.addEventListener('servers', () => { refreshServers(); if (st.selected) { void loadTree(); loadAborted(); loadAlerts(); } });
    es.addEventListener('change', (ev: MessageEvent<string>) => { applyChange(JSON.parse(ev.data) as ChangeEvent); });
  }

  // ---- filters ----
  const fbox = $('filters');
  const nameFilter = $('name-filter');
  STATUSES.forEach((s) => {
    const l = el('label', 's-' + s); const cb = el('input'); cb.type = 'checkbox'; cb.value = s; cb.dataset.status = s;
    l.appendChild(cb); l.appendChild(document.createTextNode(s));
    fbox.insertBefore(l, nameFilter);
  });
  fbox.addEventListener('change', (ev) => {
    const t = ev.target;
    if (!(t instanceof HTMLInputElement) || t.type !== 'checkbox') return;
    if (t.checked) st.filter.statuses.add(t.value); else st.filter.statuses.delete(t.value);
    st.filtered = null; void loadTree();
  });
  nameFilter.addEventListener('input', (ev) => {
    window.clearTimeout(st.filterTimer);
    const t = ev.target as HTMLInputElement;
    st.filterTimer = window.setTimeout(() => { st.filter.name = t.value.trim(); st.filtered = null; void loadTree(); }, 200);
  });

  window.setInterval(() => {
    document.querySelectorAll<HTMLElement>('.age').forEach((a) => { if (a.dataset.time) a.textContent = age(a.dataset.time); });
  }, 1000);
  window.setInterval(refreshServers, 10000);
  window.setInterval(loadAlerts, 5000); // a deadline passes without any change event
  setupSearch();
  refreshServers();
  connect();
})();
