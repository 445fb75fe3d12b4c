"""
Runs command lines as processes, interleaved round after round, and prints each one's CPU time
(user + system) and peak RSS as the kernel counted them (wait4's rusage: microseconds and
kilobytes, where /proc's counters of a finished process are gone and Node has no wait4).

stdin: {"rounds": N, "runs": [{"name": ..., "argv": [...], "env": {...}}, ...]}
stdout: {"<name>": {"cpu_ms": [...], "rss_mb": [...], "failed": k}, ...}
"""
import json, os, sys

spec = json.load(sys.stdin)
out = {r["name"]: {"cpu_ms": [], "rss_mb": [], "failed": 0} for r in spec["runs"]}
for _ in range(spec["rounds"]):
    for r in spec["runs"]:
        pid = os.fork()
        if pid == 0:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            try:
                os.execvpe(r["argv"][0], r["argv"], r["env"])
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        o = out[r["name"]]
        if os.waitstatus_to_exitcode(status) != 0:
            o["failed"] += 1
        o["cpu_ms"].append((usage.ru_utime + usage.ru_stime) * 1000)
        o["rss_mb"].append(usage.ru_maxrss / 1024)
json.dump(out, sys.stdout)
