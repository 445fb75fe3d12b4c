#!/usr/bin/env node
/**
 * The `ecflow-watchman` program (command-line.ts). What users run is its bundle,
 * dist/bin/ecflow-watchman.cjs (scripts/bundle.mjs says why); this module also runs as it is, from
 * the sources. No top-level await: the bundle is CommonJS.
 */
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
void import('./command-line.js')
  .then(({ main }) => main(process.argv.slice(2)))
  // pino writes synchronously to stdout by default: nothing is left to flush.
  .then((code) => process.exit(code));
