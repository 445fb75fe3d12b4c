#!/usr/bin/env node
/** The `ecflow-defs` executable (defs-main.ts holds the command line). */
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
const { main } = await import('./defs-main.js');
process.exitCode = main(process.argv.slice(2));
