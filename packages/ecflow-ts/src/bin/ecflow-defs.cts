#!/usr/bin/env node
/** The `ecflow-defs` executable: cli/ecflow-defs.ts, started from its bundle (launch.cts says why). */
const { launch } = require('./launch.cjs') as { launch: (bundle: string, v8Flags?: string) => void };
launch(`${__dirname}/ecflow-defs.bundle.cjs`);
