/**
 * The transports side by side on one real ecflow_server 5.17.0 per kind, in the same run: a
 * request (`--ping`, then `--suites`) through our Client over TCP, over HTTP to `ecflow_server
 * --http`, and over HTTPS through a real nginx in front of it, with the keep-alive agent (one
 * Client) and without (a new Client per request); beside them the real ecflow_client 5.17.0 and our
 * ecflow-client, each a process per request, over the same transports.
 *
 *   node --import tsx bench/transports/bench.ts [--requests 200] [--processes 20]
 *
 * Each figure is the median time of one request, client side (wall). Our library runs from dist/.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ECFLOW_BUILDS } from '../../test/helpers/ecflow-builds.js';
import { startServer, type TestServer } from '../../test/helpers/ecflow-server.js';
import { haveNginx, type Nginx, startNginx } from '../../test/helpers/nginx.js';

const run = promisify(execFile);
const { values } = parseArgs({ options: { requests: { type: 'string', default: '200' }, processes: { type: 'string', default: '20' } } });
const REQUESTS = Number(values.requests);
const PROCESSES = Number(values.processes);
const VERSION = '5.17.0';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(repo, 'packages', 'ecflow-ts', 'dist');
if (!fs.existsSync(path.join(dist, 'index.js'))) throw new Error(`${dist} is missing: run npm run build first`);
if (!haveNginx) throw new Error('nginx is not installed (scripts/setup.sh installs it)');
const { Client } = (await import(path.join(dist, 'index.js'))) as typeof import('../../packages/ecflow-ts/src/index.js');
type ClientOptions = ConstructorParameters<typeof Client>[0];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function timeCalls(n: number, call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function timeProcess(n: number, file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return timeCalls(n, () => run(file, args, { env }));
}

const tcp: TestServer = await startServer({ version: VERSION });
const http: TestServer = await startServer({ version: VERSION, http: true });
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-bench-home-'));
let proxy: Nginx | undefined;
try {
  proxy = await startNginx({ upstreamPort: http.port, credentials: { bearer: { 'bench-key': 'bench' } } });
  const escaped = proxy.url.replace(/[.]/g, '\\.');
  fs.writeFileSync(path.join(home, '.ecflowapirc'), JSON.stringify({ version: 1, tokens: [{ server: escaped, type: 'bearer', api: { url: proxy.url, key: 'bench-key', email: 'bench@example.org' } }] }));
  const kinds: { name: string; options: ClientOptions; args: string[] }[] = [
    { name: 'tcp', options: { host: '127.0.0.1', port: tcp.port }, args: ['--host', '127.0.0.1', '--port', String(tcp.port)] },
    { name: 'http', options: { host: '127.0.0.1', port: http.port, protocol: 'http' }, args: ['--http', '--host', '127.0.0.1', '--port', String(http.port)] },
    { name: 'https (nginx)', options: { host: '127.0.0.1', port: proxy.port, protocol: 'https' }, args: ['--https', '--host', '127.0.0.1', '--port', String(proxy.port)] },
  ];
  const env = { PATH: process.env.PATH, HOME: home };
  console.log(`ecflow_server ${VERSION} (tcp, --http), nginx ${proxy.url}; node ${process.version}; ${os.cpus().length} CPUs; medians of ${REQUESTS} requests (library) and ${PROCESSES} processes (command lines)`);
  console.log('');
  console.log('request   transport        Client, kept    Client, new each   ecflow-client (process)   ecflow_client (process)   process ratio ours/C++');
  for (const request of ['ping', 'suites'] as const) {
    for (const k of kinds) {
      const one = new Client({ ...k.options, env });
      const kept = await timeCalls(REQUESTS, () => one[request]());
      one.close();
      const fresh = await timeCalls(REQUESTS, async () => {
        const c = new Client({ ...k.options, env });
        try {
          await c[request]();
        } finally {
          c.close();
        }
      });
      const ours = await timeProcess(PROCESSES, process.execPath, [path.join(dist, 'bin', 'ecflow-client.cjs'), `--${request}`, ...k.args], env);
      const theirs = await timeProcess(PROCESSES, ECFLOW_BUILDS[VERSION].client, [`--${request}`, ...k.args], env);
      console.log(
        `${request.padEnd(9)} ${k.name.padEnd(16)} ${ms(kept).padStart(10)}      ${ms(fresh).padStart(10)}         ${ms(ours).padStart(10)}                ${ms(theirs).padStart(10)}                ${(ours / theirs).toFixed(2)}x`,
      );
    }
  }
} finally {
  await proxy?.stop();
  await Promise.all([tcp.stop(), http.stop()]);
  fs.rmSync(home, { recursive: true, force: true });
}
