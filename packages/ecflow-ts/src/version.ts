import { since } from './versions.js';

/** This package's version (kept equal to its package.json's by test/unit/packages.test.ts). */
export const VERSION = '0.1.0';
/** The ecFlow release whose protocol and formats this package speaks. */
export const ECFLOW_VERSION = '5.9.2';

/**
 * What `ecflow-client --version` prints: the shape of the `ecflow_client` of `release`
 * (Version::description), naming this implementation and its runtime where that names its build.
 */
export function versionDescription(release: string = ECFLOW_VERSION): string {
  // From 5.16 the OpenSSL release; ours is Node's (`3.0.15+quic` names a build of 3.0.15).
  const openssl = since(release, 'opensslVersion') ? (/^\d+\.\d+\.\d+/.exec(process.versions.openssl)?.[0] ?? 'enabled') : 'enabled';
  return `Ecflow version(${release}) ecflow-ts(${VERSION}) node(${process.version}) protocol(JSON cereal 1.3.0) openssl(${openssl})`;
}
