/**
 * The `ecflow-client` program (client-main.ts holds the command line). What users run is its
 * bundle, through bin/ecflow-client.cts; this module also runs as it is, from the sources.
 */
import { main } from './client-main.js';
import { exitWith } from './exit-with.js';

exitWith('ecflow_client', () => main(process.argv.slice(2)));
