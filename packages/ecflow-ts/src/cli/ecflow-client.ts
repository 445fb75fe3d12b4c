/**
 * The `ecflow-client` program (client-main.ts holds the command line). What users run is its
 * bundle, through bin/ecflow-client.cts; this module also runs as it is, from the sources.
 */
import path from 'node:path';
import { main } from './client-main.js';
import { exitWith } from './exit-with.js';

// The name it was called by (a link named ecflow_client, for a drop-in), for its help's "Try:" lines.
const called = path.basename(process.argv[1] ?? 'ecflow-client').replace(/\.c?js$/, '');
exitWith('ecflow_client', () => main(process.argv.slice(2), process.env, undefined, called));
