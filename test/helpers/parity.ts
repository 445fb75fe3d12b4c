/**
 * Parity between the real ecflow_client (against server A) and our ecflow-client (against server
 * B): the same command lines, in the same order; after each, outputs, exit codes and the servers'
 * states (printed by the real client's --get_state) must be the same. Both servers are of the
 * release under test, and the real client is that release's.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { ecfEnv, haveEcflow, type RunResult, type StartOptions, startServer, TEST_VERSION, type TestServer } from './ecflow-server.js';
import { ours } from './our-cli.js';
import { until } from './until.js';

export interface Row {
  args: string[];
  /** Standard input, for confirmation prompts. */
  input?: string;
  /** Extra environment for both clients (e.g. ECF_NAME for child commands). */
  env?: Record<string, string>;
  /** Extra normalisation for output that legitimately differs (timings, counters). */
  normalize?: (s: string) => string;
  /** Compare the servers' states afterwards. @default true */
  state?: boolean;
  /**
   * What the servers' `--get_state` shows once the work they do after the command's reply is done
   * (jobs a begin submits on the server's own time); both are awaited before their states are compared.
   */
  settled?: (state: string) => boolean;
}

/** Longer than ecflow_server's minute tick, after which both servers have evaluated their clocks. */
const SERVER_TICK_MS = 65_000;

export const digits = (s: string) => s.replace(/\d+/g, 'N');
/**
 * `Ecflow version(R) boost(…) compiler(…) protocol(…) openssl(…) Compiled on …`: the release, the
 * protocol and the shape of the openssl field (`enabled`, or from 5.16 a release) stay; the two
 * build fields are ours by design (`ecflow-ts(…) node(…)`) and the build's date goes.
 */
export const version = (s: string) =>
  s.replace(
    /(Ecflow version\(\d+\.\d+\.\d+\)) \S+\(.*?\) \S+\(.*?\) (protocol\(.*?\)) openssl\(([^)]*)\).*$/gm,
    (_, release: string, protocol: string, openssl: string) => `${release} BUILD BUILD ${protocol} openssl(${/^\d+\.\d+\.\d+$/.test(openssl) ? 'N.N.N' : openssl})`,
  );
/**
 * Time stamps (`[19:58:00 1.12.2026] `; from 5.12 `[19:58:00 01.12.2026] `) with each digit an N,
 * so that the shape, which each release has its own, is still compared.
 */
export const timeStamps = (s: string) => s.replace(/\[\d\d:\d\d:\d\d \d\d?\.\d\d?\.\d{4}\]/g, (stamp) => stamp.replace(/\d/g, 'N'));
/** Usage errors that quote the command's description (worded differently by design): compare up to it. */
export const head = (lines: number) => (s: string) => s.split('\n').slice(0, lines).join('\n');

/** `--ping`'s round-trip time, which no two runs share. */
export const pingTime = (s: string) => s.replace(/succeeded in \S+\s+~\d+ milliseconds/, 'succeeded in T');

/**
 * What differs between two identical runs anyway: their servers' homes and ports, time stamps,
 * argv[0] (`args: X …` in 5.9, `argc=N, argv=[X, …]` later).
 */
export function normalizeRun(s: string, where: { homes?: readonly string[]; ports?: readonly number[] } = {}): string {
  let out = timeStamps(s);
  for (const home of where.homes ?? []) out = out.replaceAll(home, 'HOME');
  for (const port of where.ports ?? []) out = out.replaceAll(String(port), 'PORT');
  return out
    .replace(/^args: \S+/gm, 'args: ARGV0')
    .replace(/^(argc=\d+, argv=\[)[^,\]]+/gm, '$1ARGV0')
    .replace(/arg0=\S+/g, 'arg0=ARGV0');
}

/** {@link normalizeRun} for the twin servers of a parity run. */
export function normalizer(a: TestServer, b: TestServer) {
  return (s: string) => normalizeRun(s, { homes: [a.home, b.home], ports: [a.port, b.port] });
}

/** The parts of --get_state that must agree: no pids, passwords, clocks or change counters. */
/**
 * Two servers' states, read again while they differ, for up to a minute tick: each server does
 * some work on its own time (it marks time attributes free on its own minute tick, and submits the
 * jobs a command made runnable at its next traversal), so twins agree once both have done it. A
 * difference the commands made stays, and is returned.
 */
export async function agreeingStates(first: [string, string], read: () => Promise<[string, string]>): Promise<[string, string]> {
  let states = first;
  if (states[0] === states[1]) return states;
  await until(
    "the servers' states to agree",
    async () => {
      states = await read();
      return states[0] === states[1];
    },
    SERVER_TICK_MS,
  ).catch(() => undefined);
  return states;
}

export function stateOf(text: string, norm: (s: string) => string): string {
  return stable(norm(text));
}

/** A printed definition without what changes between two identical runs (pids, passwords, clocks). */
export function stable(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*(calendar |edit ECF_PID |# edit ECF_PASS )/.test(l))
    .map((l) => l.replace(/ (passwd|dur|rt|state_change|cal_count):\S+/g, ''))
    // The two servers' suite clocks tick separately: a minute may turn between the two prints,
    // and a relative time's elapsed duration may be a second apart.
    .map((l) => l.replace(/(relativeDuration\/)\d\d:\d\d:\d\d/g, '$1…'))
    .map((l) => l.replace(/^(\s*# edit (?:ECF_TIME|TIME|ECF_DATE|YYYY|DOW|DOY|DATE|DAY|DD|MM|MONTH|ECF_CLOCK|ECF_JULIAN) ')[^']*'/, "$1…'"))
    .join('\n');
}

/** How many command lines a parity run compared, and how many of them matched in full. */
export interface ParityCount {
  /** Command lines run through both clients. */
  compared: number;
  /** Those with identical output, exit code and (where compared) resulting server state. */
  identical: number;
}

/** What every row of a run adds: arguments before its own (`--http`), environment under its own. */
export interface RowsExtra {
  args?: readonly string[];
  env?: Record<string, string>;
}

/**
 * Runs the rows in order on both servers and asserts parity after each. `stateEnv` is the
 * environment the states are read with (a password, on a server that asks for one); with it, a
 * state that cannot be read is a difference. `count` (when given) is updated as rows run, so that
 * it holds the numbers even when the assertion fails.
 */
export async function assertParity(
  a: TestServer,
  b: TestServer,
  rows: readonly Row[],
  options: { stateEnv?: Record<string, string>; count?: ParityCount } & RowsExtra = {},
): Promise<ParityCount> {
  if (options.count) return compare(a, b, rows, options.stateEnv, options.count, options);
  // A caller that does not count (describeParity does) has its rows in the report all the same.
  const count: ParityCount = { compared: 0, identical: 0 };
  try {
    return await compare(a, b, rows, options.stateEnv, count, options);
  } finally {
    appendReport('rows', count);
  }
}

async function compare(a: TestServer, b: TestServer, rows: readonly Row[], stateEnv: Record<string, string> | undefined, count: ParityCount, extra: RowsExtra): Promise<ParityCount> {
  const norm = normalizer(a, b);
  // Every row is run and every difference listed, so that one run shows them all.
  const differences: string[] = [];
  for (const given of rows) {
    const row = { ...given, args: [...(extra.args ?? []), ...given.args], env: { ...extra.env, ...given.env } };
    const label = `ecflow_client ${row.args.join(' ')}`;
    const [theirs, mine] = await Promise.all([
      a.real(row.args, { ...(row.input === undefined ? {} : { input: row.input }), env: row.env }),
      ours(row.args, ecfEnv(b.port, b.env(row.env)), row.input),
    ]);
    const view = (r: RunResult) => {
      const n = (s: string) => (row.normalize ? row.normalize(norm(s)) : norm(s));
      return { stdout: n(r.stdout), stderr: n(r.stderr), code: r.code };
    };
    const [v, w] = [view(mine), view(theirs)];
    const before = differences.length;
    if (JSON.stringify(v) !== JSON.stringify(w)) differences.push(`${label}\n  ours:   ${JSON.stringify(v)}\n  theirs: ${JSON.stringify(w)}`);
    if (row.state !== false) {
      const stateOptions = stateEnv ? { env: stateEnv } : {};
      const { settled } = row;
      const read = (s: TestServer) => s.real(['--get_state'], stateOptions);
      const [stateA, stateB] = await Promise.all(
        [a, b].map((s) =>
          settled
            ? until(`the server's work after ${label}`, async () => {
                const r = await read(s);
                return settled(r.stdout) && r;
              })
            : read(s),
        ),
      ) as [RunResult, RunResult];
      if (stateEnv && (stateA.code !== 0 || stateB.code !== 0)) differences.push(`server state after: ${label}: --get_state failed: ${stateA.stderr}${stateB.stderr}`);
      const [sa, sb] = await agreeingStates([stateOf(stateA.stdout, norm), stateOf(stateB.stdout, norm)], async () => {
        const [ra, rb] = await Promise.all([read(a), read(b)]);
        return [stateOf(ra.stdout, norm), stateOf(rb.stdout, norm)];
      });
      if (sa !== sb) differences.push(`server state after: ${label}\n${lineDifference(sb, sa)}`);
    }
    count.compared += 1;
    if (differences.length === before) count.identical += 1;
  }
  assert.deepEqual(differences, [], `${differences.length} of ${rows.length} command lines differ`);
  return count;
}

/** The lines where two states part, with a few around them: a whole state would hide them in its length. */
function lineDifference(ours: string, theirs: string): string {
  const a = ours.split('\n');
  const b = theirs.split('\n');
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  let end = 0;
  while (end < a.length - first && end < b.length - first && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const from = Math.max(0, first - 3);
  const show = (lines: string[]) => JSON.stringify(lines.slice(from, Math.min(lines.length - end + 3, from + 40)).join('\n'));
  return `  from line ${first + 1}:\n  ours:   ${show(a)}\n  theirs: ${show(b)}`;
}

/**
 * Reports a parity run's numbers: a test diagnostic, and a JSON line appended to the file named by
 * `$ECFLOW_PARITY_REPORT` when set (scripts/parity-report.sh adds them up per release).
 */
function reportCount(t: TestContext, title: string, count: ParityCount): void {
  t.diagnostic(`parity ${TEST_VERSION}: ${count.identical} of ${count.compared} command lines identical (${title})`);
  appendReport(title, count);
}

function appendReport(title: string, count: ParityCount): void {
  const file = process.env.ECFLOW_PARITY_REPORT;
  if (file === undefined || file === '') return;
  const line = { release: TEST_VERSION, file: path.basename(process.argv[1] ?? ''), title, ...count };
  fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/**
 * A describe block that starts two fresh servers (of `server`'s kind, e.g. `{ http: true }`), runs
 * `rows` through assertParity (each after `args`, in `env`), and removes `cleanup` afterwards;
 * `more` adds tests of its own, given the two servers.
 */
export function describeParity(
  title: string,
  rows: readonly Row[],
  options: { cleanup?: string; server?: StartOptions; more?: (servers: () => { a: TestServer; b: TestServer }) => void } & RowsExtra = {},
): void {
  describe(title, { skip: !haveEcflow && `ecFlow ${TEST_VERSION} is not installed` }, () => {
    let a: TestServer;
    let b: TestServer;
    before(async () => {
      [a, b] = await Promise.all([startServer(options.server), startServer(options.server)]);
    });
    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      if (options.cleanup) fs.rmSync(options.cleanup, { recursive: true, force: true });
    });
    it('runs every row with identical output, exit code and resulting server state', async (t) => {
      const count: ParityCount = { compared: 0, identical: 0 };
      try {
        await assertParity(a, b, rows, { count, ...(options.args ? { args: options.args } : {}), ...(options.env ? { env: options.env } : {}) });
      } finally {
        reportCount(t, title, count);
      }
    });
    options.more?.(() => ({ a, b }));
  });
}
