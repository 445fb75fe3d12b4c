#!/usr/bin/env node
/** The `ecflow-client` executable (client-main.ts holds the command line). */
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
const { main } = await import('./client-main.js');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // One line; the stack only when asked for (ECFLOW_TS_DEBUG), as an operator cannot act on it.
  const detail = process.env.ECFLOW_TS_DEBUG ? ((error as Error).stack ?? String(error)) : ((error as Error).message ?? String(error)).split('\n')[0];
  process.stderr.write(`ecflow_client: internal error: ${detail}\n`);
  process.exitCode = 1;
}
