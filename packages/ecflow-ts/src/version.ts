/** This package's version (kept equal to its package.json's by test/unit/packages.test.ts). */
export const VERSION = '0.1.0';
/** The ecFlow release whose protocol and formats this package speaks. */
export const ECFLOW_VERSION = '5.9.2';

/** What `ecflow-client --version` prints: ecflow_client's shape, naming this implementation. */
export function versionDescription(release: string = ECFLOW_VERSION): string {
  return `Ecflow version(${release}) ecflow-ts(${VERSION}) node(${process.version}) protocol(JSON cereal 1.3.0) openssl(enabled)`;
}
