#!/usr/bin/env node
/** The `ecflow-client` executable: cli/ecflow-client.ts, started from its bundle (launch.cts says why). */
const { launch } = require('./launch.cjs') as { launch: (bundle: string, v8Flags?: string) => void };
// net.connect tests every host name against Node's IPv6 pattern, and V8's regexp tier-up and
// optimisation spend 3 ms compiling it: a tenth of a child command's whole start, never recouped
// by a process that runs a few milliseconds of code. Regexps compile straight to code instead.
launch(`${__dirname}/ecflow-client.bundle.cjs`, '--no-regexp-tier-up --no-regexp-optimization');
