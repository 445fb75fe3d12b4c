/**
 * Loaded (`--import`) into the process of every test file `node --test` runs, so that no test can
 * hang a run, whatever the Node line:
 *
 * - a file that has not finished within its deadline (`TEST_FILE_DEADLINE` seconds, default 300)
 *   fails, naming the tests still running and what keeps the process alive;
 * - a test that awaits a promise nothing can settle any more (no timer, socket or child process
 *   left, only the pipes to the runner) fails within a second with its name. Node 20 and 22 say so
 *   themselves ("Promise resolution is still pending but the event loop has already resolved");
 *   Node 24 keeps such a process alive on the runner's pipes instead, for ever.
 */
export {};

if (process.env.NODE_TEST_CONTEXT !== undefined) {
  const { afterEach, beforeEach } = await import('node:test');
  const running = new Set<string>();
  const nameOf = (t: { name: string; fullName?: string }) => t.fullName ?? t.name;
  beforeEach((t) => {
    running.add(nameOf(t));
  });
  afterEach((t) => {
    running.delete(nameOf(t));
  });

  const fail = (message: string) => {
    process.stderr.write(`\n✖ ${message}\n`);
    process.exit(1);
  };
  const file = process.argv[1] ?? 'this test file';

  const deadline = Number(process.env.TEST_FILE_DEADLINE ?? 300);
  setTimeout(() => {
    const tests = running.size > 0 ? `; still running: ${[...running].join(', ')}` : '';
    fail(`${file} did not finish within ${deadline} s${tests}; the process is kept alive by ${process.getActiveResourcesInfo().join(', ')}`);
  }, deadline * 1000).unref();

  // What the process holds with nothing to do: the pipes to the runner (made on first use).
  void process.stdout;
  void process.stderr;
  const idle = count(process.getActiveResourcesInfo());
  const OWN_TIMERS = 2; // the deadline above and the watch below
  let idleChecks = 0;
  setInterval(() => {
    const now = count(process.getActiveResourcesInfo());
    now.set('Timeout', (now.get('Timeout') ?? 0) - OWN_TIMERS);
    const busy = [...now].some(([kind, n]) => n > (idle.get(kind) ?? 0));
    idleChecks = busy || running.size === 0 ? 0 : idleChecks + 1;
    if (idleChecks >= 3) fail(`${[...running].join(', ')}: awaits a promise that nothing can settle (no timer, socket or child process is left)`);
  }, 250).unref();
}

function count(kinds: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of kinds) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
