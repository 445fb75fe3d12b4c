/**
 * A process's CPU time and memory from /proc, for the benchmarks. CPU time is the scheduler's own
 * count in nanoseconds (`schedstat`, summed over the threads): utime and stime in /proc/<pid>/stat
 * come in 10 ms ticks, as coarse as the few milliseconds an incremental sync costs a server.
 */
import fs from 'node:fs';

/** CPU time of every thread of `pid` so far, in milliseconds. */
export function cpuMs(pid: number): number {
  let ns = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read; its time went with it
    }
  }
  return ns / 1e6;
}

/** Resident set size of `pid`, in bytes. */
export function rssBytes(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[21]) * 4096; // rss (field 24), in pages
}
