/**
 * The firing alerts of each server, kept in Redis (`{owner}/{repo}/alerts`, a hash of occurrence
 * id → JSON occurrence) so that an alert fires once and resolves once across restarts of the
 * watchman, and across processes sharing the Redis: one Lua script per server and evaluation
 * adds the occurrences that hold (HSETNX) and deletes those that no longer do, atomically, and
 * only the process whose script made a change tells the receivers about it.
 */
import { Script, type ScriptHost } from '../replicas/scripts.js';
import type { Occurrence } from './occurrence.js';

/** What the state needs of a Redis connection (any kind: each call has one key). */
export interface AlertStateRedis extends ScriptHost {
  hGetAll(key: string): Promise<Record<string, string>>;
}

/** The hash field holding the time of the freshest scrape an evaluation was recorded from (no id is without a |). */
export const SEEN_FIELD = '#seen';

// KEYS[1] the hash; ARGV[1] {id: occurrence JSON} of what holds; ARGV[2] {rule: true} of the rules
// not evaluated (their alerts stay as they are); ARGV[3] the ISO time of the scrape the evaluation
// read. An evaluation older than one already recorded (another process scraped later) changes
// nothing: a lagging process must not fire again what a fresher one has just resolved. Returns the
// ids it added, the occurrences it deleted and every occurrence firing afterwards.
const TRANSITION = new Script(`
local key = KEYS[1]
local holds = cjson.decode(ARGV[1])
local skipped = cjson.decode(ARGV[2])
local seen = redis.call('HGET', key, '${SEEN_FIELD}')
if seen and ARGV[3] < seen then
  local firing = {}
  local all = redis.call('HGETALL', key)
  for i = 1, #all, 2 do
    if all[i] ~= '${SEEN_FIELD}' then firing[#firing + 1] = all[i + 1] end
  end
  return {{}, {}, firing}
end
redis.call('HSET', key, '${SEEN_FIELD}', ARGV[3])
local fired = {}
for id, occurrence in pairs(holds) do
  if redis.call('HSETNX', key, id, occurrence) == 1 then fired[#fired + 1] = id end
end
local resolved = {}
local firing = {}
local all = redis.call('HGETALL', key)
for i = 1, #all, 2 do
  local id, occurrence = all[i], all[i + 1]
  if id ~= '${SEEN_FIELD}' then
    local keep = holds[id] ~= nil
    if not keep then
      local ok, o = pcall(cjson.decode, occurrence)
      keep = ok and type(o) == 'table' and type(o.rule) == 'string' and skipped[o.rule] == true
    end
    if keep then
      firing[#firing + 1] = occurrence
    else
      redis.call('HDEL', key, id)
      resolved[#resolved + 1] = occurrence
    end
  end
end
return {fired, resolved, firing}
`);

export interface Transition {
  /** Occurrences that started to hold with this call (this process tells). */
  fired: Occurrence[];
  /** Occurrences that stopped holding with this call (this process tells). */
  resolved: Occurrence[];
  /** Everything firing now on this server. */
  firing: Occurrence[];
}

export class AlertState {
  readonly #client: AlertStateRedis;

  constructor(client: AlertStateRedis) {
    this.#client = client;
  }

  /** Records what holds on one server, as read from its scrape at `seen` (ISO), and returns what changed; throws when Redis cannot be reached. */
  async transition(key: string, holds: readonly Occurrence[], skipped: readonly string[], seen: string): Promise<Transition> {
    const args = [JSON.stringify(Object.fromEntries(holds.map((o) => [o.id, JSON.stringify(o)]))), JSON.stringify(Object.fromEntries(skipped.map((r) => [r, true]))), seen];
    // By SHA, the source sent only to a Redis that has not seen it (one restarted, or the node of a Cluster holding this key).
    const reply = (await TRANSITION.run(this.#client, [key], args)) as [string[], string[], string[]];
    const firing = reply[2].flatMap(parse);
    const byId = new Map(firing.map((o) => [o.id, o]));
    return { fired: reply[0].flatMap((id) => byId.get(id) ?? []), resolved: reply[1].flatMap(parse), firing };
  }

  /** What fires on a server, as the process that evaluates it recorded it. */
  async firing(key: string): Promise<Occurrence[]> {
    const all = await this.#client.hGetAll(key);
    return Object.entries(all).flatMap(([id, json]) => (id === SEEN_FIELD ? [] : parse(json)));
  }
}

function parse(json: string): Occurrence[] {
  try {
    const o = JSON.parse(json) as Occurrence;
    return typeof o === 'object' && o !== null && typeof o.id === 'string' ? [o] : [];
  } catch {
    return [];
  }
}
