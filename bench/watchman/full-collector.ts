/**
 * The comparison collector of bench.ts: every interval, for every server, a new client downloads
 * the whole definition (as the C++ ecflow_watchman does), parses it and writes the status value
 * to Redis. Arguments: comma-separated ports, interval in seconds, Redis URL. Stops on SIGTERM.
 */
import { createClient } from 'redis';
import { Client, parseDefs } from '../../packages/ecflow-ts/src/index.js';
import { statusRecords } from '../../packages/ecflow-watchman/src/index.js';

const ports = process.argv[2]!.split(',').map(Number);
const interval = Number(process.argv[3]);
const redis = createClient({ url: process.argv[4]! });
redis.on('error', () => {});
await redis.connect();
let stop = false;
process.on('SIGTERM', () => {
  stop = true;
});
const pause = async (ms: number) => {
  const until = Date.now() + ms;
  while (!stop && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(200, until - Date.now())));
};
await Promise.all(
  ports.map(async (port, i) => {
    await pause((interval * 1000 * i) / ports.length);
    while (!stop) {
      const t0 = Date.now();
      try {
        const { defs } = await new Client({ host: 'localhost', port, env: {}, connectionAttempts: 1 }).syncFull();
        const records = statusRecords(parseDefs(defs, { check: false }));
        await redis.set(`full/${port}/status`, JSON.stringify({ status_records: records, collected_time: new Date().toISOString() }));
      } catch (e) {
        console.error(String(e));
      }
      await pause(interval * 1000 - (Date.now() - t0));
    }
  }),
);
redis.destroy();
process.exit(0);
