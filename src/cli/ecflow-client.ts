#!/usr/bin/env node
/** The `ecflow-client` executable (client-main.ts holds the command line). */
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
const { main } = await import('./client-main.js');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`ecflow_client: internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}
