/**
 * Which live replica should watch each server: rendezvous hashing with a load bound. Every replica
 * computes it from the same inputs (the config's servers, the live replicas in Redis), so they
 * agree without talking; a server moves only when the replica set changes, and no replica gets
 * more than its even share (⌈servers / replicas⌉), so three replicas of twelve servers get four each.
 */

/** FNV-1a, 32 bits: stable across processes and Node versions, which is all rendezvous needs. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // One more mix, so ids that differ in their last character do not rank alike.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/** `server` → the replica that should hold it; servers in the order given, replicas any order. */
export function assign(servers: readonly string[], replicas: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (replicas.length === 0) return out;
  const ids = [...new Set(replicas)].sort();
  const cap = Math.ceil(servers.length / ids.length);
  const load = new Map(ids.map((id) => [id, 0]));
  for (const server of [...servers].sort()) {
    const ranked = ids.map((id) => ({ id, score: fnv1a(`${id}\u0000${server}`) })).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const pick = ranked.find((r) => load.get(r.id)! < cap)!;
    load.set(pick.id, load.get(pick.id)! + 1);
    out.set(server, pick.id);
  }
  return out;
}
