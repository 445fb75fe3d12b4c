/** The ecflow-watchman package's version (kept equal to its package.json's by test/unit/packages.test.ts). */
export const VERSION = '0.1.0';
