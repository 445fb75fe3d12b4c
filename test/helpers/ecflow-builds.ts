/**
 * The real ecFlow releases the tests run against, and the one this process tests.
 *
 * scripts/test.sh runs the integration files once per release of `ECFLOW_TEST_VERSIONS`, each run
 * with `ECFLOW_TEST_VERSION` set; every helper (startServer, the Python oracles, the parity
 * helpers) takes that release as its default. As a script, this file tells test.sh which
 * releases there are and which are not installed:
 *
 *   node --import tsx test/helpers/ecflow-builds.ts all                    # "5.9.2 5.13.8 5.17.0"
 *   node --import tsx test/helpers/ecflow-builds.ts missing 5.9.2 5.13.8   # prints "5.13.8 <path>" per missing one
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TESTED_VERSIONS } from '../../packages/ecflow-ts/src/versions.js';

/** Where ../shared/ecflow keeps the other ecFlow releases (beside the repository). */
const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/ecflow');

export const ECFLOW_VERSIONS = TESTED_VERSIONS;
export type EcflowVersion = (typeof ECFLOW_VERSIONS)[number];

/** One release's programs. */
export interface EcflowBuild {
  server: string;
  client: string;
  /** PYTHONPATH of the release's Python `ecflow` module ('' for the system's); absent when it has none here. */
  pythonPath?: string;
}

/** Debian's 5.9.2, and the releases built into ../shared/ecflow. */
export const ECFLOW_BUILDS: Readonly<Record<EcflowVersion, EcflowBuild>> = {
  '5.9.2': { server: '/usr/sbin/ecflow_server', client: '/usr/bin/ecflow_client', pythonPath: '' },
  '5.13.8': { server: `${SHARED}/5.13.8/bin/ecflow_server`, client: `${SHARED}/5.13.8/bin/ecflow_client` },
  '5.17.0': { server: `${SHARED}/5.17.0/bin/ecflow_server`, client: `${SHARED}/5.17.0/bin/ecflow_client`, pythonPath: `${SHARED}/5.17.0/python3` },
};

export function isEcflowVersion(v: string): v is EcflowVersion {
  return (ECFLOW_VERSIONS as readonly string[]).includes(v);
}

/** The release under test: `$ECFLOW_TEST_VERSION`. @default '5.9.2' */
export const TEST_VERSION: EcflowVersion = (() => {
  const v = process.env.ECFLOW_TEST_VERSION || '5.9.2';
  if (!isEcflowVersion(v)) throw new Error(`ECFLOW_TEST_VERSION=${v}: not one of ${ECFLOW_VERSIONS.join(', ')}`);
  return v;
})();

/** The real ecflow_client of the release under test. */
export const ECFLOW_CLIENT = ECFLOW_BUILDS[TEST_VERSION].client;

/** Whether a release's server and client are on this machine. */
export function haveVersion(version: EcflowVersion = TEST_VERSION): boolean {
  const build = ECFLOW_BUILDS[version];
  return fs.existsSync(build.server) && fs.existsSync(build.client);
}

/**
 * Whether the tests of the release under test run (a `skip` condition): it is installed, or this
 * is CI, where a missing release is a failure (startServer throws), never a skip.
 */
export const haveEcflow = haveVersion(TEST_VERSION) || process.env.CI === 'true';

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...versions] = process.argv.slice(2);
  if (command === 'all') {
    process.stdout.write(`${ECFLOW_VERSIONS.join(' ')}\n`);
    process.exit(0);
  }
  if (command !== 'missing') {
    process.stderr.write('usage: ecflow-builds.ts all | missing VERSION...\n');
    process.exit(2);
  }
  for (const v of versions) {
    if (!isEcflowVersion(v)) {
      process.stderr.write(`unknown ecFlow release ${v}: the tests know ${ECFLOW_VERSIONS.join(', ')}\n`);
      process.exit(2);
    }
    if (!haveVersion(v)) {
      const build = ECFLOW_BUILDS[v];
      process.stdout.write(`${v} ${fs.existsSync(build.server) ? build.client : build.server}\n`);
    }
  }
}
