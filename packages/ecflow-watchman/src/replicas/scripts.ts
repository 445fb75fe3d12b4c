/**
 * The Lua scripts through which replicas share the servers. Each runs atomically in Redis, on
 * Redis's clock (TIME), so replicas on machines whose clocks differ still agree on what expired.
 * Scripts are sent by SHA and loaded on the first NOSCRIPT (a restarted or failed-over Redis).
 */
import { createHash } from 'node:crypto';

/** What runs a script: node-redis's client, sentinel and cluster all have these two. */
export interface ScriptHost {
  evalSha(sha: string, options: { keys: string[]; arguments: (string | Buffer)[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: (string | Buffer)[] }): Promise<unknown>;
}

export class Script {
  readonly source: string;
  readonly sha: string;
  constructor(source: string) {
    this.source = source;
    this.sha = createHash('sha1').update(source).digest('hex');
  }
  async run(host: ScriptHost, keys: string[], args: (string | Buffer)[]): Promise<unknown> {
    try {
      return await host.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return host.eval(this.source, { keys, arguments: args });
    }
  }
}

/** Runs the commands of ARGV from ARGV[2] on: their number, then each as its argument count and arguments. */
const RUN_COMMANDS = `local i = 3
for _ = 1, tonumber(ARGV[2]) do
  local n = tonumber(ARGV[i])
  redis.call(unpack(ARGV, i + 1, i + n))
  i = i + n + 1
end
return 1
`;

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * The replica registry: KEYS[1] a sorted set of replica ids scored by when they expire, KEYS[2] a
 * hash of their descriptions. ARGV: id, ttl ms, description JSON, '1' to leave. Drops the
 * expired, returns the live ids.
 */
export const HEARTBEAT = new Script(`${NOW}
if ARGV[4] == '1' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
end
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
if #dead > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  redis.call('HDEL', KEYS[2], unpack(dead))
end
return redis.call('ZRANGE', KEYS[1], 0, -1)
`);

/**
 * One server's lease, KEYS[1] a hash: replica (the holder, '' once released), token (its fencing
 * token, '' once released), fence (the last token given, kept after a release), since, last
 * (Redis time of the holder's last write). ARGV: op, replica, token, ttl ms.
 * - acquire: taken when absent or released, with a token greater than any the lease gave before
 *   (Redis time in ms, or one more than the last when the clock has not moved on, or went back
 *   after a failover to a replica whose clock is behind): a Cluster's per-key fences compare them.
 *   Returns {1, ms since the last write or -1, token} or {0, holder}.
 * - wrote: returns {1} while the token holds it, and records the time of a write (`last`); else
 *   {0, holder or ''}. (Renewals are RENEW's.)
 * - release: keeps the key a while (the next holder reads `last` to keep the interval).
 */
export const LEASE = new Script(`${NOW}
local op = ARGV[1]
local holder = redis.call('HGET', KEYS[1], 'replica')
local token = redis.call('HGET', KEYS[1], 'token')
if op == 'acquire' then
  if holder and holder ~= '' and holder ~= ARGV[2] then return {0, holder} end
  local last = redis.call('HGET', KEYS[1], 'last')
  local given = string.format('%.0f', math.max(now, (tonumber(redis.call('HGET', KEYS[1], 'fence') or '0') or 0) + 1))
  redis.call('HSET', KEYS[1], 'replica', ARGV[2], 'token', given, 'fence', given, 'since', now)
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
  if last then return {1, now - tonumber(last), given} end
  return {1, -1, given}
end
if token ~= ARGV[3] then return {0, holder or ''} end
if op == 'wrote' then
  redis.call('HSET', KEYS[1], 'last', now)
else
  redis.call('HSET', KEYS[1], 'replica', '', 'token', '')
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
end
return {1}
`);

/**
 * Renews leases (LEASE's hashes), as many as one Redis holds in one round trip: KEYS the leases,
 * ARGV[1] the ttl ms, ARGV[1 + i] the token held of KEYS[i]. Returns for each lease 1 while the
 * token holds it (extended by the ttl), else its holder or ''.
 */
export const RENEW = new Script(`local out = {}
for i, key in ipairs(KEYS) do
  if redis.call('HGET', key, 'token') == ARGV[i + 1] then
    redis.call('PEXPIRE', key, tonumber(ARGV[1]))
    out[i] = 1
  else
    out[i] = redis.call('HGET', key, 'replica') or ''
  end
end
return out
`);

/**
 * A server's write, fenced: runs only while KEYS[1] (the lease) holds the token ARGV[1]. ARGV[2]
 * is the number of commands, then each command as its argument count and arguments (keys among
 * them are also in KEYS, as Redis asks). Returns 1 when written, 0 when the lease is not ours.
 */
export const FENCED_WRITE = new Script(`${NOW}
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'last', now)
${RUN_COMMANDS}`);

/**
 * One key's write in a Redis Cluster, where a script cannot span slots: KEYS[1] the key, KEYS[2]
 * its fence (`{key}:fence`, in the key's slot). ARGV[1] the writer's lease token ('' unfenced),
 * then the commands as in FENCED_WRITE (all on KEYS[1], or PUBLISH). Refused (0) when the fence
 * holds a greater token: a newer holder of the lease has written the key. Else the fence takes
 * the token and the commands run; returns 1.
 */
export const KEY_WRITE = new Script(`if ARGV[1] ~= '' then
  local token = tonumber(ARGV[1])
  if (tonumber(redis.call('GET', KEYS[2]) or '0') or 0) > token then return 0 end
  redis.call('SET', KEYS[2], ARGV[1])
end
${RUN_COMMANDS}`);

/** The key holding the token of the last fenced write of `key` (braces: the same Cluster slot as `key`, which has none). */
export function fenceKey(key: string): string {
  return `{${key}}:fence`;
}
