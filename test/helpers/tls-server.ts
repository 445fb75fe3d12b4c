/**
 * A real ecflow_server with TLS (ECF_SSL=1), its certificate made on the spot with the openssl CLI
 * in a temporary HOME. startServer() cannot be used: its readiness probe is a plain-TCP ping, which
 * a TLS server never answers; this launcher probes with a TLS Client instead.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '../../src/index.js';
import { ecfEnv, freePort, run, type RunResult } from './ecflow-server.js';

export interface TlsTestServer {
  port: number;
  /** The HOME whose `.ecflowrc/ssl/` holds server.crt, server.key and dh2048.pem. */
  home: string;
  ecfHome: string;
  process: ChildProcess;
  /** Environment for a client of this server: HOME, ECF_HOST, ECF_PORT (ECF_SSL not included). */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Runs the real ecflow_client with `env(extra)`. */
  real(args: readonly string[], extra?: Record<string, string>): Promise<RunResult>;
  stop(): Promise<void>;
}

export function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The files Openssl::init_for_server wants with ECF_SSL=1 (Base/src/Openssl.cpp): server.crt,
 * server.key and dh2048.pem in $HOME/.ecflowrc/ssl. The key is unencrypted, so no server.passwd
 * (whose default pass-phrase would be "test") is needed.
 */
export function makeCertificates(home: string): string {
  const dir = path.join(home, '.ecflowrc', 'ssl');
  fs.mkdirSync(dir, { recursive: true });
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.crt', '-days', '2', '-subj', `/CN=${os.hostname()}`]);
  openssl(['dhparam', '-dsaparam', '-out', 'dh2048.pem', '2048']);
  return dir;
}

/** Starts a TLS ecflow_server with a fresh certificate and waits until a TLS ping succeeds. */
export async function startTlsServer(): Promise<TlsTestServer> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-tls-home-'));
  makeCertificates(home);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const ecfHome = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-tls-server-'));
    const env = ecfEnv(port, { ECF_HOME: ecfHome, HOME: home, ECF_SSL: '1' });
    delete env.ECF_HOST;
    const child = spawn('/usr/sbin/ecflow_server', [`--port=${port}`], { env, cwd: ecfHome, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const clientEnv = (extra: Record<string, string> = {}) => ({ HOME: home, ECF_HOST: 'localhost', ECF_PORT: String(port), ...extra });
    const probe = new Client({ connectionAttempts: 1, connectTimeout: 1000, requestTimeout: 2000, env: clientEnv({ ECF_SSL: '1' }) });
    const deadline = Date.now() + 15_000;
    while (!exited && Date.now() < deadline) {
      try {
        await probe.ping();
        return {
          port,
          home,
          ecfHome,
          process: child,
          env: clientEnv,
          real: (args, extra = {}) => run('/usr/bin/ecflow_client', args, ecfEnv(port, { HOME: home, ...extra })),
          stop: async () => {
            if (!exited) {
              child.kill('SIGKILL');
              await new Promise((resolve) => child.once('exit', resolve));
            }
            fs.rmSync(ecfHome, { recursive: true, force: true });
            fs.rmSync(home, { recursive: true, force: true });
          },
        };
      } catch {
        await sleep(50);
      }
    }
    if (!exited) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    fs.rmSync(ecfHome, { recursive: true, force: true });
    if (attempt >= 2) {
      fs.rmSync(home, { recursive: true, force: true });
      throw new Error(`TLS ecflow_server did not answer a TLS ping on port ${port}:\n${stderr}`);
    }
  }
}
