#!/usr/bin/env node
/** The `ecflow-watchman` executable (see command-line.ts). */
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
const { main } = await import('./command-line.js');
const code = await main(process.argv.slice(2));
// pino writes synchronously to stdout by default: nothing is left to flush.
process.exit(code);
