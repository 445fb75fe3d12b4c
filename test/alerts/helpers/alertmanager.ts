/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, with
 * a temporary config and storage and no clustering, for the alert tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../helpers/ecflow-server.js';
import { GiveUp, until } from '../../helpers/until.js';

export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
export const haveAlertmanager = fs.existsSync(ALERTMANAGER);

/** One alert as `GET /api/v2/alerts` returns it (gettableAlert). */
export interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  status: { state: string };
}

export class AlertmanagerProcess {
  readonly url: string;
  readonly #dir: string;
  readonly #child: ChildProcess;
  #stderr = '';
  private constructor(url: string, dir: string, child: ChildProcess) {
    this.url = url;
    this.#dir = dir;
    this.#child = child;
    child.stderr?.on('data', (c: Buffer) => (this.#stderr = (this.#stderr + c.toString()).slice(-4000)));
  }

  static async start(): Promise<AlertmanagerProcess> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecflow-ts-alertmanager-'));
    // Every alert to a receiver that sends nothing: the test reads the alerts through the API.
    fs.writeFileSync(path.join(dir, 'alertmanager.yml'), 'route:\n  receiver: nowhere\nreceivers:\n  - name: nowhere\n');
    const port = await freePort();
    const child = spawn(
      ALERTMANAGER,
      [`--config.file=${path.join(dir, 'alertmanager.yml')}`, `--storage.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const am = new AlertmanagerProcess(`http://127.0.0.1:${port}`, dir, child);
    await until('alertmanager to be ready', async () => {
      if (child.exitCode !== null) throw new GiveUp(`alertmanager exited with ${child.exitCode}: ${am.#stderr}`);
      return (await fetch(`${am.url}/-/ready`)).ok;
    });
    return am;
  }

  /** The alerts it holds as active now (resolved ones are no longer listed). */
  async alerts(): Promise<GettableAlert[]> {
    const res = await fetch(`${this.url}/api/v2/alerts`);
    if (!res.ok) throw new Error(`GET /api/v2/alerts: ${res.status}`);
    return (await res.json()) as GettableAlert[];
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    fs.rmSync(this.#dir, { recursive: true, force: true });
  }
}
