/**
 * A watchman serving the API and dashboard, watching one real ecflow_server, with a real
 * redis-server as its sink: what the API and browser tests run against. Loopback only.
 */
import { pino } from 'pino';
import { apiRoutes } from '../../packages/ecflow-watchman/src/api/index.js';
import { checkConfig, startWatchman, type RunningWatchman } from '../../packages/ecflow-watchman/src/index.js';
import { haveEcflow, startServer, TEST_VERSION, type TestServer } from '../helpers/ecflow-server.js';
import { until } from '../helpers/until.js';
import { haveRedis, loadSuite, RedisServer } from '../watchman/helpers/services.js';

export const skipReason = !haveEcflow ? `ecFlow ${TEST_VERSION} is not installed` : !haveRedis ? 'redis-server not installed' : false;

/** Two suites with a meter, events, labels, a repeat, a limit, variables and a trigger. */
export const DASHBOARD_SUITE = `suite ops
  edit OWNER 'ops-team'
  limit run 2
  family ingest
    edit STAGE 'ingest'
    repeat integer STEP 1 5
    task fetch
      meter progress 0 100 100
      event ready
      label note ""
    task decode
      trigger fetch == complete
      inlimit run
    task archive
      trigger decode == complete
  endfamily
  family report
    task plot
    task mail
  endfamily
endsuite
suite other
  task lonely
endsuite
`;

export interface Stack {
  ecflow: TestServer;
  redis: RedisServer;
  watchman: RunningWatchman;
  /** `http://127.0.0.1:port` */
  base: string;
  /** Resolves once the watchman has the server's definition. */
  scraped(): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(options: { suite?: string; interval?: string; owner?: string; repo?: string } = {}): Promise<Stack> {
  const [ecflow, redis] = await Promise.all([startServer(), RedisServer.start()]);
  await loadSuite(ecflow, options.suite ?? DASHBOARD_SUITE);
  const { config } = checkConfig({
    global: { scrape_interval: options.interval ?? '250ms', scrape_timeout: '5s', max_backoff: '1s' },
    scrape_configs: [{ owner: options.owner ?? 'ops', repo: options.repo ?? 'main', host: '127.0.0.1', port: ecflow.port }],
    sink_config: { type: 'redis', url: `127.0.0.1:${redis.port}` },
  });
  const watchman = await startWatchman(config, {
    logger: pino({ level: 'silent' }),
    listen: { host: '127.0.0.1', port: 0 },
    routes: apiRoutes,
    processMetrics: false,
  });
  const base = `http://${watchman.address}`;
  const scraped = async () => {
    await until('the first scrape', () => watchman.view.servers().every((s) => s.client.getDefs() !== null));
  };
  return {
    ecflow,
    redis,
    watchman,
    base,
    scraped,
    async stop() {
      await watchman.close();
      await Promise.all([ecflow.stop(), redis.stop()]);
    },
  };
}
