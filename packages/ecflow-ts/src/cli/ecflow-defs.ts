/**
 * The `ecflow-defs` program (defs-main.ts holds the command line). What users run is its bundle,
 * through bin/ecflow-defs.cts; this module also runs as it is, from the sources.
 */
import { main } from './defs-main.js';
import { exitWith } from './exit-with.js';

exitWith('ecflow-defs', () => main(process.argv.slice(2)));
