/**
 * A real nginx as the HTTPS reverse proxy in front of `ecflow_server --http` (5.15+), the set-up of
 * ECMWF's cookbook (docs/ug/cookbook/how_to_setup_ecFlow_with_https_authentication.rst@5.17.0)
 * scaled down: nginx itself is the authentication service. A request whose `Authorization` is one
 * of the configured bearer tokens or basic credentials is passed on with `X-Auth-Username` set to
 * its user (with `Authorization` kept, that makes the server's "secure user",
 * HttpServer.cpp@5.17.0); any other gets nginx's 401.
 *
 * nginx runs unprivileged in a directory of its own: every path it writes (pid, lock, logs,
 * temporary files) is inside it, so the package's /var/lib/nginx is never needed. It listens on
 * loopback with a throwaway self-signed certificate.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SuiteContext, TestContext } from 'node:test';
import tls from 'node:tls';
import { freePort, makeSelfSignedCertificate } from './ecflow-server.js';
import { GiveUp, until } from './until.js';

export const NGINX = '/usr/sbin/nginx';

/** Whether nginx is installed (Debian's `nginx`, which scripts/setup.sh installs). */
export const haveNginx = fs.existsSync(NGINX);

/** The credentials the proxy accepts, each with the user it forwards. */
export interface ProxyCredentials {
  /** `Authorization: Bearer <key>`: key → user. */
  readonly bearer?: Readonly<Record<string, string>>;
  /** `Authorization: Basic base64(<user>:<password>)`: user → password; the user forwarded is the basic user. */
  readonly basic?: Readonly<Record<string, string>>;
}

export interface NginxOptions {
  /** The loopback port of the `ecflow_server --http` to pass requests to. */
  readonly upstreamPort: number;
  readonly credentials: ProxyCredentials;
}

/** One line of the access log: which client connection a request came on and what became of it. */
export interface AccessLogEntry {
  /** nginx's serial number of the client connection ($connection). */
  readonly connection: number;
  /** The request's number on that connection, from 1 ($connection_requests). */
  readonly requests: number;
  readonly status: number;
  /** The user forwarded as X-Auth-Username ('' when refused). */
  readonly user: string;
  /** Seconds from the request's first byte to its log line ($request_time). */
  readonly time: number;
}

export interface Nginx {
  /** The loopback port nginx serves HTTPS on. */
  readonly port: number;
  /** `https://127.0.0.1:<port>`, what ecflow_client matches a token's `server` regex against. */
  readonly url: string;
  /** The certificate nginx presents (PEM), for a client that verifies it. */
  readonly certificate: string;
  /** The requests served so far, oldest first. */
  accessLog(): AccessLogEntry[];
  /**
   * The requests logged after the first `from`, once there are at least `count` of them: nginx
   * writes a line just after it has sent the reply, so a client may have it first.
   */
  logged(from: number, count: number): Promise<AccessLogEntry[]>;
  /** nginx's error log and standard error: what to read when a test fails. */
  logs(): string;
  /** For `afterEach`: prints the logs as a diagnostic of a test that failed. */
  showLogsIfFailed(t: TestContext | SuiteContext): void;
  /** Stops nginx, waits for it to exit, and removes its directory. */
  stop(): Promise<void>;
}

// The credentials go into the configuration as anchored regular expressions: nginx compares
// plain map strings ignoring case, which a secret must not be. Keeping them to characters that
// need no quoting there leaves only `.` and `+` to escape.
const PLAIN_SECRET = /^[A-Za-z0-9._~+/=-]+$/;
const PLAIN_USER = /^[A-Za-z0-9._-]+$/;

function authorizationMap(credentials: ProxyCredentials): string {
  const lines: string[] = [];
  const add = (scheme: 'Bearer' | 'Basic', secret: string, user: string) => {
    if (!PLAIN_SECRET.test(secret) || !PLAIN_USER.test(user)) throw new Error(`nginx helper: the credentials of user '${user}' need plain characters (letters, digits, . _ - and base64's)`);
    lines.push(`    "~^${scheme} ${secret.replace(/[.+]/g, (c) => `\\${c}`)}$" ${user};`);
  };
  for (const [key, user] of Object.entries(credentials.bearer ?? {})) add('Bearer', key, user);
  for (const [user, password] of Object.entries(credentials.basic ?? {})) add('Basic', Buffer.from(`${user}:${password}`).toString('base64'), user);
  return lines.join('\n');
}

function configuration(dir: string, port: number, options: NginxOptions): string {
  const p = (name: string) => path.join(dir, name);
  return `# Made by test/helpers/nginx.ts.
daemon off;
# One process: SIGTERM ends it all, and nothing outlives a test killed mid-way.
master_process off;
pid ${p('nginx.pid')};
lock_file ${p('nginx.lock')};
error_log ${p('error.log')} info;
events { worker_connections 256; }
http {
  client_body_temp_path ${p('temp/body')};
  proxy_temp_path ${p('temp/proxy')};
  fastcgi_temp_path ${p('temp/fastcgi')};
  uwsgi_temp_path ${p('temp/uwsgi')};
  scgi_temp_path ${p('temp/scgi')};
  log_format ecflow escape=json '{"connection":$connection,"requests":$connection_requests,"status":$status,"user":"$ecflow_user","time":$request_time}';
  access_log ${p('access.log')} ecflow;

  map $http_authorization $ecflow_user {
    default "";
${authorizationMap(options.credentials)}
  }

  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${p('server.crt')};
    ssl_certificate_key ${p('server.key')};
    keepalive_requests 10000;

    location /v1/ecflow {
      if ($ecflow_user = "") { return 401; }
      # No upstream keep-alive pool: ecflow_server answers one request per connection and then
      # shuts it down (HttpSession::do_close, HttpServer.cpp@5.17.0), so a pooled connection can
      # only be one the server is closing, and a POST sent on it fails with 502 (nginx does not
      # resend a non-idempotent request). https-proxy.test.ts shows the server closing.
      proxy_pass http://127.0.0.1:${options.upstreamPort};
      proxy_http_version 1.1;
      proxy_read_timeout 500s;
      proxy_set_header X-Auth-Username $ecflow_user;
      # Only the proxy speaks for the user: whatever the client sent in these is dropped.
      proxy_set_header X-Auth-Password "";
    }
  }
}
`;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

class NginxProxy implements Nginx {
  readonly port: number;
  readonly url: string;
  readonly certificate: string;
  readonly #dir: string;
  readonly #child: ChildProcess;
  #stderr = '';

  constructor(dir: string, port: number, certificate: string) {
    this.#dir = dir;
    this.port = port;
    this.url = `https://127.0.0.1:${port}`;
    this.certificate = certificate;
    this.#child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-8000);
    });
  }

  /** Until a TLS handshake succeeds; nginx exiting (say, its port was taken) gives up with its logs. */
  async ready(): Promise<void> {
    await until(`nginx to accept TLS on port ${this.port}`, async () => {
      if (exited(this.#child)) throw new GiveUp(`nginx exited (${this.#child.exitCode ?? this.#child.signalCode}): ${this.logs()}`);
      await new Promise<void>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: this.port, rejectUnauthorized: false }, () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', reject);
      });
      return true;
    });
  }

  accessLog(): AccessLogEntry[] {
    const file = path.join(this.#dir, 'access.log');
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as AccessLogEntry);
  }

  logged(from: number, count: number): Promise<AccessLogEntry[]> {
    return until(`nginx to log ${count} requests after the first ${from}`, () => {
      const entries = this.accessLog().slice(from);
      return entries.length >= count && entries;
    });
  }

  logs(): string {
    const file = path.join(this.#dir, 'error.log');
    const errorLog = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-8000) : '';
    return `nginx on port ${this.port}, error log:\n${errorLog}${this.#stderr ? `standard error:\n${this.#stderr}` : ''}`;
  }

  showLogsIfFailed(t: TestContext | SuiteContext): void {
    // afterEach gives a test's context (typed as either); `passed` is Node 20.12+, not in its types yet.
    if ('diagnostic' in t && 'passed' in t && t.passed === false) t.diagnostic(this.logs());
  }

  async kill(): Promise<void> {
    if (exited(this.#child)) return;
    const gone = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.kill('SIGTERM');
    await gone;
  }

  async stop(): Promise<void> {
    await this.kill();
    fs.rmSync(this.#dir, { recursive: true, force: true });
  }
}

/**
 * Starts nginx in front of `options.upstreamPort` and waits until it completes a TLS handshake.
 * A port taken between choosing and binding it is tried again on another.
 */
export async function startNginx(options: NginxOptions): Promise<Nginx> {
  if (!haveNginx) throw new Error(`nginx is not installed: no ${NGINX} (scripts/setup.sh installs Debian's nginx)`);
  for (let attempt = 0; ; attempt++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-nginx-'));
    const { certificate } = makeSelfSignedCertificate(dir, { commonName: 'localhost', altNames: ['DNS:localhost', 'IP:127.0.0.1'] });
    fs.mkdirSync(path.join(dir, 'temp')); // nginx makes the directories of its *_temp_paths, not their parent
    const port = await freePort();
    fs.writeFileSync(path.join(dir, 'nginx.conf'), configuration(dir, port, options));
    const proxy = new NginxProxy(dir, port, fs.readFileSync(certificate, 'utf8'));
    try {
      await proxy.ready();
      return proxy;
    } catch (e) {
      const logs = proxy.logs();
      await proxy.stop();
      if (attempt >= 3 || !/Address already in use/.test(logs)) throw new Error(`nginx did not start: ${(e as Error).message}`);
    }
  }
}

