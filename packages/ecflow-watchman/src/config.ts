/**
 * The watchman's config file: the Go ecflow-watchman's YAML (global.scrape_interval,
 * global.scrape_timeout, scrape_configs[].job_name/owner/repo/host/port/connect_timeout,
 * sink_config.type/url) read as the Go tool reads it, plus optional fields of our own. Every error
 * is reported with its field path, all at once, so `check-config` can show them together.
 */
import fs from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { checkAlerts } from './alerts/config.js';
import type { AlertsConfig } from './alerts/rules.js';
import { parseDuration } from './duration.js';

/** One watched ecFlow server, with every default applied. */
export interface JobConfig {
  jobName: string;
  /** First part of the Redis keys (`{owner}/{repo}/status`). */
  owner: string;
  repo: string;
  host: string;
  port: number;
  scrapeIntervalMs: number;
  /** Bound on one whole scrape (every request it makes). */
  scrapeTimeoutMs: number;
  /** Bound on establishing one connection. */
  connectTimeoutMs: number;
  /** Watch only these suites (through a client handle); `null` for every suite. */
  suites: string[] | null;
  /** How requests travel: ecFlow's TCP frames (plain or TLS), or HTTP/HTTPS POSTs (5.14+ `ecflow_server --http`). */
  protocol: JobProtocol;
  /**
   * TLS trust: `false`, `true` (ecFlow's lookup of `~/.ecflowrc/ssl/server.crt`, protocol ssl), or
   * a trusted certificate file (protocol ssl, or https to verify the proxy's certificate).
   */
  ssl: boolean | { certificate: string };
  /** The token file sent over http/https (5.17's `.ecflowapirc` format, as ECF_AUTHTOKENS names one). */
  tokensFile?: string;
  user?: string;
  password?: string;
}

/** The transports of a job (`ecflow_client`'s plain TCP, `--ssl`, `--http`, `--https`). */
export const JOB_PROTOCOLS = ['tcp', 'ssl', 'http', 'https'] as const;
/** One of {@link JOB_PROTOCOLS}. */
export type JobProtocol = (typeof JOB_PROTOCOLS)[number];

export interface SinkConfig {
  type: 'redis';
  /** Where the Redis is: `sink_config.url`, `.sentinel` or `.cluster`. */
  connection: RedisConnectionConfig;
  /** Approximate cap on the entries of each server's change stream. */
  streamMaxLen: number;
}

/** The sink's Redis: one server, the master a set of Sentinels names, or a Cluster (sinks/redis-connection.ts connects to each). */
export type RedisConnectionConfig = StandaloneRedisConfig | SentinelRedisConfig | ClusterRedisConfig;

/** `sink_config.url`: one Redis server. */
export interface StandaloneRedisConfig {
  kind: 'standalone';
  /** A `redis://` or `rediss://` URL (the Go tool's `host:port` is turned into one). */
  url: string;
}

/** `sink_config.sentinel`: the master the Sentinels call `masterName`, followed through failovers. */
export interface SentinelRedisConfig {
  kind: 'sentinel';
  masterName: string;
  /** Sentinels asked for the master (any one that answers will do). */
  sentinels: RedisAddress[];
  /** The database selected on the master. @default 0 */
  db: number;
  /** Credentials of the master (and its replicas). */
  username?: string;
  password?: string;
  /** Credentials of the Sentinels themselves. */
  sentinelUsername?: string;
  sentinelPassword?: string;
}

/** `sink_config.cluster`: a Redis Cluster, discovered from any of `nodes`. */
export interface ClusterRedisConfig {
  kind: 'cluster';
  /** `redis://` or `rediss://` URLs of some of the cluster's nodes (`host:port` is turned into one). */
  nodes: string[];
  /** Credentials of every node. */
  username?: string;
  password?: string;
}

/** A host and port (an IPv6 host without its brackets). */
export interface RedisAddress {
  host: string;
  port: number;
}

/** How replicas share the servers (the `replicas` section; every field has a default). */
export interface ReplicasConfig {
  /** How long a server's lease, and a replica's registration, last unless renewed. */
  leaseTtlMs: number;
  /** How often a replica renews its leases and works out its share again. */
  renewIntervalMs: number;
  /** This replica's id; `undefined` for host, pid and a random suffix. */
  id?: string;
}

export interface WatchmanConfig {
  jobs: JobConfig[];
  replicas: ReplicasConfig;
  sink: SinkConfig;
  /** Where /metrics, /healthz and /readyz are served; `null` for nowhere. */
  listen: { host: string; port: number } | null;
  /** Longest wait between scrapes of a server that is down. */
  maxBackoffMs: number;
  /** Alert rules and receivers (the `alerts` section); `null` when there is none. */
  alerts: AlertsConfig | null;
}

/** One problem in a config, with the field it is about (`scrape_configs[1].port`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigError extends Error {
  readonly file: string;
  readonly issues: readonly ConfigIssue[];
  /** Warnings found along the way (see {@link ParsedConfig.warnings}). */
  warnings: readonly ConfigIssue[] = [];
  constructor(file: string, issues: readonly ConfigIssue[]) {
    super(issues.map((i) => `${file}: ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'));
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

export const DEFAULTS = {
  scrapeInterval: '20s',
  scrapeTimeout: '10s',
  connectTimeoutMs: 10_000,
  maxBackoff: '2m',
  streamMaxLen: 10_000,
  listen: '127.0.0.1:9141',
  leaseTtl: '10s',
  renewInterval: '3s',
} as const;

// ---- the schema (YAML names; values as the Go tool's yaml.v2 accepts them) ----------------------

const duration = () =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const ms = typeof v === 'string' ? parseDuration(v) : undefined;
    if (ms === undefined || ms <= 0) {
      const why = typeof v === 'number' ? `a number needs a unit (e.g. ${v}s)` : 'expected a positive duration such as 20s, 1m30s or 500ms';
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)}: ${why}` });
      return z.NEVER;
    }
    return ms;
  });

/** zod's error option: `missing` when the field is absent, else `message`. */
const expected = (message: string) => ({ error: (i: { input?: unknown }) => (i.input === undefined ? 'missing' : message) });

// yaml.v2 decodes any scalar into the Go tool's string fields, so `port: 3141` and `owner: 2020` work.
const text = () =>
  z
    .union([z.string(), z.number()], expected('expected a string'))
    .transform(String)
    .refine((s) => s.trim() !== '', { message: 'must not be empty' });

const port = z.union([z.string(), z.number()], expected('expected a number')).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)}: expected a whole number from 1 to 65535` });
    return z.NEVER;
  }
  return n;
});

const seconds = z.number(expected('expected a whole number of seconds')).int('expected a whole number of seconds').positive('must be positive');

// Owner and repo make the Redis keys `{owner}/{repo}/…`: a `/` in either would make them ambiguous.
const keyPart = () => text().refine((s) => !s.includes('/'), { message: "must not contain '/': it separates owner, repo and the rest of the Redis keys ({owner}/{repo}/status)" });

const jobSchema = z.object({
  job_name: z.union([z.string(), z.number()]).transform(String).optional(),
  owner: keyPart(),
  repo: keyPart(),
  host: text(),
  port,
  connect_timeout: seconds.optional(),
  scrape_interval: duration().optional(),
  scrape_timeout: duration().optional(),
  suites: z.array(text(), { error: 'expected a list of suite names' }).min(1, 'an empty list would watch nothing; leave suites out to watch every suite').optional(),
  protocol: z.enum(JOB_PROTOCOLS, expected(`expected one of ${JOB_PROTOCOLS.join(', ')}`)).optional(),
  ssl: z.boolean({ error: 'expected true or false' }).optional(),
  ssl_certificate: text().optional(),
  tokens_file: text().optional(),
  user: text().optional(),
  password: z.string(expected('expected a string')).optional(),
  password_file: text().optional(),
});

// Each section is checked on its own, so that one config's problems are all told at once: a job
// with a bad port does not hide another job's missing certificate file.
const globalSchema = z
  .object({
    scrape_interval: duration().optional(),
    scrape_timeout: duration().optional(),
    max_backoff: duration().optional(),
  })
  .nullish();
const jobListSchema = z.array(z.unknown(), expected('expected a list of scrape jobs')).min(1, 'no scrape jobs: nothing to watch');
/** A value checked by `check`, which returns what it becomes or an error message. */
const checked = <T>(message: string, check: (v: string) => T | { error: string }) =>
  z.string(expected(message)).transform((v, ctx) => {
    const r = check(v);
    if (typeof r === 'object' && r !== null && 'error' in r) {
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }
    return r;
  });
const secret = () => z.string(expected('expected a string')).optional();
const sentinelSchema = z.object(
  {
    master_name: text(),
    sentinels: z
      .array(
        checked('expected host:port', (v) => redisAddress(v, 'sentinel')),
        expected('expected a list of host:port'),
      )
      .min(1, 'no sentinels: give at least one host:port'),
    username: text().optional(),
    password: secret(),
    sentinel_username: text().optional(),
    sentinel_password: secret(),
    db: z.number({ error: 'expected a whole number' }).int('expected a whole number').min(0, 'must be 0 or more').optional(),
  },
  expected('expected a mapping with master_name and sentinels'),
);
const clusterSchema = z.object(
  {
    nodes: z
      .array(
        checked('expected host:port or a redis:// URL', (v) => clusterNodeUrl(v)),
        expected('expected a list of host:port or redis:// URLs'),
      )
      .min(1, 'no nodes: give at least one host:port'),
    username: text().optional(),
    password: secret(),
  },
  expected('expected a mapping with nodes'),
);
const sinkSchema = z.object(
  {
    type: z.literal('redis', { error: (i) => (i.input === undefined ? 'missing' : `sink type ${JSON.stringify(i.input)} is not supported (only redis is)`) }),
    // Exactly one of url, sentinel and cluster: checked in checkConfig, which says which were given.
    url: checked('expected host:port or a redis:// URL', redisUrl).optional(),
    sentinel: sentinelSchema.optional(),
    cluster: clusterSchema.optional(),
    stream_max_len: z.number({ error: 'expected a number' }).int('expected a whole number').positive('must be positive').optional(),
  },
  expected('expected a mapping with type and url (or sentinel, or cluster)'),
);
/** The ways of naming the sink's Redis, one of which `sink_config` takes. */
const CONNECTION_KEYS = ['url', 'sentinel', 'cluster'] as const;
const replicasSchema = z
  .object({
    lease_ttl: duration().optional(),
    renew_interval: duration().optional(),
    id: z.string(expected('expected a string')).min(1, 'must not be empty').optional(),
  })
  .nullish();
const httpSchema = z
  .object({
    listen_address: z.union([z.string(), z.literal(false)], { error: 'expected host:port, or false for none' }).optional(),
  })
  .nullish();

/** The databases of a Redis whose `databases` setting is the default. */
const DEFAULT_REDIS_DATABASES = 16;

/** The keys each section knows; others are reported as warnings (the Go tool ignores them). */
const KNOWN: Record<string, readonly string[]> = {
  '': ['global', 'scrape_configs', 'sink_config', 'http', 'alerts', 'replicas'],
  replicas: ['lease_ttl', 'renew_interval', 'id'],
  global: ['scrape_interval', 'scrape_timeout', 'max_backoff'],
  'scrape_configs[]': Object.keys(jobSchema.shape),
  sink_config: ['type', ...CONNECTION_KEYS, 'stream_max_len'],
  'sink_config.sentinel': Object.keys(sentinelSchema.shape),
  'sink_config.cluster': Object.keys(clusterSchema.shape),
  http: ['listen_address'],
};

/**
 * `host:port` (the Go tool's go-redis `Addr`) or a `redis://`/`rediss://` URL with user, password
 * and database, as one URL; an error message otherwise.
 */
export function redisUrl(value: string): string | { error: string } {
  const v = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return { error: `url ${JSON.stringify(value)} is not a valid URL` };
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return { error: `url ${JSON.stringify(value)}: the scheme must be redis:// or rediss://` };
    if (url.hostname === '') return { error: `url ${JSON.stringify(value)} has no host` };
    const db = url.pathname.replace(/^\//, '');
    if (db !== '' && !/^\d+$/.test(db)) return { error: `url ${JSON.stringify(value)}: the path must be a database number, as in redis://host:6379/1` };
    return v;
  }
  const m = /^(\[[^\]]+\]|[^:\s]+):(\d+)$/.exec(v);
  if (m === null) return { error: `url ${JSON.stringify(value)}: expected host:port or a redis:// / rediss:// URL` };
  const p = Number(m[2]);
  if (p < 1 || p > 65535) return { error: `url ${JSON.stringify(value)}: port ${m[2]} is out of range` };
  return `redis://${m[1]}:${m[2]}`;
}

/** `host:port` (a sentinel's): its host and port; an error message naming `what` otherwise. */
export function redisAddress(value: string, what: string): RedisAddress | { error: string } {
  const m = /^(\[[^\]]+\]|[^:\s/]+):(\d+)$/.exec(value.trim());
  if (m === null) return { error: `${what} ${JSON.stringify(value)}: expected host:port` };
  const p = Number(m[2]);
  if (p < 1 || p > 65535) return { error: `${what} ${JSON.stringify(value)}: port ${m[2]} is out of range` };
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: p };
}

/** A cluster node as a URL: as {@link redisUrl}, but a cluster has only database 0. */
function clusterNodeUrl(value: string): string | { error: string } {
  const url = redisUrl(value);
  if (typeof url !== 'string') return { error: url.error.replace(/^url /, 'node ') };
  if (!/^\/?0?$/.test(new URL(url).pathname)) return { error: `node ${JSON.stringify(value)}: a Redis Cluster has database 0 only` };
  return url;
}

/** `host:port` for the HTTP listener. */
export function listenAddress(value: string): { host: string; port: number } | { error: string } {
  const m = /^(\[[^\]]+\]|[^:\s]*):(\d+)$/.exec(value.trim());
  if (m === null) return { error: `listen address ${JSON.stringify(value)}: expected host:port, e.g. 127.0.0.1:9141` };
  const p = Number(m[2]);
  if (p > 65535) return { error: `listen address ${JSON.stringify(value)}: port out of range` };
  return { host: m[1] === '' ? '127.0.0.1' : m[1]!.replace(/^\[|\]$/g, ''), port: p };
}

export interface ParsedConfig {
  config: WatchmanConfig;
  /** Things that work but are probably not what was meant (unknown keys, a timeout longer than the interval). */
  warnings: ConfigIssue[];
}

/**
 * Parses and checks a config text. Throws a {@link ConfigError} listing every problem found;
 * relative `password_file`/`ssl_certificate`/`tokens_file` paths are read relative to `baseDir`.
 */
export function parseConfig(text: string, file = 'config', options: { baseDir?: string } = {}): ParsedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0]);
        return { path: `line ${at.line} column ${at.col}`, message: e.message.split('\n')[0]! };
      }),
    );
  }
  return checkConfig(doc.toJS(), file, options);
}

/** Checks a config already read into plain values (YAML's, or the `watch` command's flags). */
export function checkConfig(raw: unknown, file = 'config', options: { baseDir?: string } = {}): ParsedConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [{ path: '', message: 'expected a YAML mapping with global, scrape_configs and sink_config' }]);
  }
  const warnings = unknownKeys(raw as Record<string, unknown>);
  const issues: ConfigIssue[] = [];
  const section = <S extends z.ZodType>(sectionSchema: S, value: unknown, where: string): z.output<S> | undefined => {
    const result = sectionSchema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const field = fieldPath(issue.path);
      issues.push({ path: field === '' ? where : field.startsWith('[') ? `${where}${field}` : `${where}.${field}`, message: issueMessage(issue) });
    }
    return undefined;
  };
  const r = raw as Record<string, unknown>;
  const global = section(globalSchema, r.global, 'global');
  const jobEntries = (section(jobListSchema, r.scrape_configs, 'scrape_configs') ?? []).map((j, i) => section(jobSchema, j, `scrape_configs[${i}]`));
  const interval = global?.scrape_interval ?? parseDuration(DEFAULTS.scrapeInterval)!;
  const timeout = global?.scrape_timeout ?? parseDuration(DEFAULTS.scrapeTimeout)!;
  const seen = new Map<string, number>();
  const jobs: JobConfig[] = jobEntries.flatMap((j, i) => {
    if (j === undefined) return [];
    const where = `scrape_configs[${i}]`;
    const key = `${j.owner}/${j.repo}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({ path: `${where}`, message: `owner/repo ${key} is also scrape_configs[${first}]: both would write the same Redis keys` });
    } else seen.set(key, i);
    const jobInterval = j.scrape_interval ?? interval;
    let jobTimeout = j.scrape_timeout ?? timeout;
    if (jobTimeout > jobInterval) {
      warnings.push({ path: j.scrape_timeout ? `${where}.scrape_timeout` : 'global.scrape_timeout', message: `longer than the scrape interval of ${key}; the interval is used instead` });
      jobTimeout = jobInterval;
    }
    const job: JobConfig = {
      jobName: j.job_name ?? key,
      owner: j.owner,
      repo: j.repo,
      host: j.host,
      port: j.port,
      scrapeIntervalMs: jobInterval,
      scrapeTimeoutMs: jobTimeout,
      connectTimeoutMs: Math.min(j.connect_timeout !== undefined ? j.connect_timeout * 1000 : DEFAULTS.connectTimeoutMs, jobTimeout),
      suites: j.suites ?? null,
      protocol: j.protocol ?? (j.ssl === true || (j.ssl === undefined && j.ssl_certificate !== undefined) ? 'ssl' : 'tcp'),
      ssl: j.ssl_certificate !== undefined ? { certificate: resolvePath(j.ssl_certificate, options.baseDir) } : (j.ssl ?? false),
    };
    if (j.ssl === false && j.ssl_certificate !== undefined) issues.push({ path: `${where}.ssl`, message: 'ssl is false but ssl_certificate is set' });
    if (j.ssl === true && j.protocol !== undefined && j.protocol !== 'ssl') {
      issues.push({ path: `${where}.ssl`, message: `ssl: true is protocol ssl, but protocol is ${j.protocol}` });
    }
    if (j.ssl_certificate !== undefined && (job.protocol === 'tcp' || job.protocol === 'http')) {
      issues.push({ path: `${where}.ssl_certificate`, message: `protocol ${job.protocol} has no TLS: a certificate needs protocol ssl or https` });
    }
    if (j.tokens_file !== undefined) {
      if (job.protocol !== 'http' && job.protocol !== 'https') issues.push({ path: `${where}.tokens_file`, message: `tokens are sent over http or https only, and protocol is ${job.protocol}` });
      job.tokensFile = resolvePath(j.tokens_file, options.baseDir);
      if (!fs.existsSync(job.tokensFile)) issues.push({ path: `${where}.tokens_file`, message: `no such file: ${job.tokensFile}` });
    }
    if (j.ssl_certificate !== undefined && typeof job.ssl === 'object' && !fs.existsSync(job.ssl.certificate)) {
      issues.push({ path: `${where}.ssl_certificate`, message: `no such file: ${job.ssl.certificate}` });
    }
    if (j.user !== undefined) job.user = j.user;
    if (j.password !== undefined && j.password_file !== undefined) issues.push({ path: `${where}.password_file`, message: 'give password or password_file, not both' });
    if (j.password !== undefined) job.password = j.password;
    if (j.password_file !== undefined) {
      const f = resolvePath(j.password_file, options.baseDir);
      try {
        job.password = fs.readFileSync(f, 'utf8').split('\n')[0]!.trim();
      } catch (e) {
        issues.push({ path: `${where}.password_file`, message: `cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      }
    }
    if ((job.password !== undefined || j.password_file !== undefined) && job.user === undefined) {
      issues.push({ path: `${where}.user`, message: 'a password needs a user (ecFlow checks passwords of custom users only)' });
    }
    return [job];
  });
  const sink = section(sinkSchema, r.sink_config, 'sink_config');
  const given = r.sink_config !== null && typeof r.sink_config === 'object' ? CONNECTION_KEYS.filter((k) => (r.sink_config as Record<string, unknown>)[k] !== undefined) : [];
  if (r.sink_config !== null && typeof r.sink_config === 'object' && !Array.isArray(r.sink_config) && given.length !== 1) {
    const which = given.length === 0 ? 'none is given' : `${given.slice(0, -1).join(', ')} and ${given.at(-1)} are given`;
    issues.push({ path: 'sink_config', message: `give exactly one of ${CONNECTION_KEYS.join(', ')}: ${which}` });
  }
  const connection = sink === undefined ? undefined : connectionOf(sink);
  const database = connection === undefined ? undefined : databaseOf(connection);
  if (database !== undefined && database.db >= DEFAULT_REDIS_DATABASES) {
    warnings.push({
      path: database.path,
      message: `database ${database.db}: a Redis has databases 0 to ${DEFAULT_REDIS_DATABASES - 1} unless its \`databases\` setting gives more (else it refuses the SELECT)`,
    });
  }
  if (connection?.kind === 'cluster') {
    // A server's fence keys are {key}:fence, in the slot of the key only when the key has no braces itself.
    jobEntries.forEach((j, i) => {
      for (const field of ['owner', 'repo'] as const) {
        if (j !== undefined && /[{}]/.test(j[field])) {
          issues.push({ path: `scrape_configs[${i}].${field}`, message: 'must not contain { or } with sink_config.cluster: braces are a Redis Cluster hash tag, and would put the keys of one server in other slots than their fences' });
        }
      }
    });
  }
  const rep = section(replicasSchema, r.replicas, 'replicas');
  const replicas: ReplicasConfig = {
    leaseTtlMs: rep?.lease_ttl ?? parseDuration(DEFAULTS.leaseTtl)!,
    renewIntervalMs: rep?.renew_interval ?? parseDuration(DEFAULTS.renewInterval)!,
    ...(rep?.id !== undefined ? { id: rep.id } : {}),
  };
  if (replicas.renewIntervalMs * 2 > replicas.leaseTtlMs) {
    issues.push({ path: rep?.renew_interval !== undefined ? 'replicas.renew_interval' : 'replicas.lease_ttl', message: 'renew_interval must be at most half of lease_ttl, or a lease runs out between renewals' });
  }
  const http = section(httpSchema, r.http, 'http');
  let listen: WatchmanConfig['listen'] = listenAddress(DEFAULTS.listen) as { host: string; port: number };
  const la = http?.listen_address;
  if (la === false || la === '') listen = null;
  else if (la !== undefined) {
    const l = listenAddress(la);
    if ('error' in l) issues.push({ path: 'http.listen_address', message: l.error });
    else listen = l;
  }
  const alerts = checkAlerts(r.alerts, options.baseDir);
  issues.push(...alerts.issues);
  warnings.push(...alerts.warnings);
  if (issues.length > 0 || sink === undefined || connection === undefined) throw Object.assign(new ConfigError(file, issues), { warnings });
  return {
    config: {
      jobs,
      replicas,
      sink: { type: 'redis', connection, streamMaxLen: sink.stream_max_len ?? DEFAULTS.streamMaxLen },
      listen,
      maxBackoffMs: global?.max_backoff ?? parseDuration(DEFAULTS.maxBackoff)!,
      alerts: alerts.config,
    },
    warnings,
  };
}

/** The connection `sink_config` names (the first given, when more than one is: that is an error of its own). */
function connectionOf(sink: z.output<typeof sinkSchema>): RedisConnectionConfig | undefined {
  if (sink.url !== undefined) return { kind: 'standalone', url: sink.url };
  const s = sink.sentinel;
  if (s !== undefined) {
    return {
      kind: 'sentinel',
      masterName: s.master_name,
      sentinels: s.sentinels,
      db: s.db ?? 0,
      ...(s.username !== undefined ? { username: s.username } : {}),
      ...(s.password !== undefined ? { password: s.password } : {}),
      ...(s.sentinel_username !== undefined ? { sentinelUsername: s.sentinel_username } : {}),
      ...(s.sentinel_password !== undefined ? { sentinelPassword: s.sentinel_password } : {}),
    };
  }
  const c = sink.cluster;
  if (c !== undefined) {
    return { kind: 'cluster', nodes: c.nodes, ...(c.username !== undefined ? { username: c.username } : {}), ...(c.password !== undefined ? { password: c.password } : {}) };
  }
  return undefined;
}

/** The database a connection selects, and the field that says so (a cluster has only 0). */
function databaseOf(c: RedisConnectionConfig): { db: number; path: string } | undefined {
  if (c.kind === 'standalone') return { db: Number(new URL(c.url).pathname.slice(1) || '0'), path: 'sink_config.url' };
  if (c.kind === 'sentinel') return { db: c.db, path: 'sink_config.sentinel.db' };
  return undefined;
}

/** Reads and parses a config file; a missing or unreadable file is a {@link ConfigError} too. */
export function loadConfig(file: string): ParsedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [{ path: '', message: `cannot read the config file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
  return parseConfig(text, file, { baseDir: dirOf(file) });
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '.' : file.slice(0, i) || '/';
}

function resolvePath(p: string, baseDir: string | undefined): string {
  return p.startsWith('/') || baseDir === undefined ? p : `${baseDir}/${p}`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // zod says "expected string, received undefined" for a missing field: say it is missing.
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'missing';
  if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.message === 'Invalid input') {
    return issue.errors[0]?.[0]?.message ?? issue.message;
  }
  return issue.message;
}

function unknownKeys(raw: Record<string, unknown>): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const check = (obj: unknown, section: string, where: string) => {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return;
    for (const k of Object.keys(obj)) {
      if (!KNOWN[section]!.includes(k)) out.push({ path: where ? `${where}.${k}` : k, message: 'unknown key (ignored)' });
    }
  };
  check(raw, '', '');
  check(raw.global, 'global', 'global');
  check(raw.sink_config, 'sink_config', 'sink_config');
  const sink = raw.sink_config as Record<string, unknown> | null | undefined;
  if (sink !== null && typeof sink === 'object') {
    check(sink.sentinel, 'sink_config.sentinel', 'sink_config.sentinel');
    check(sink.cluster, 'sink_config.cluster', 'sink_config.cluster');
  }
  check(raw.http, 'http', 'http');
  check(raw.replicas, 'replicas', 'replicas');
  if (Array.isArray(raw.scrape_configs)) raw.scrape_configs.forEach((j, i) => check(j, 'scrape_configs[]', `scrape_configs[${i}]`));
  return out;
}
