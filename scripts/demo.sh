#!/usr/bin/env bash
# The main job: installs what is missing, starts a local ecflow_server with a sample suite whose
# jobs really run (they report with ecflow-client), a redis-server, and ecflow-watchman keeping the
# server's status in Redis with its metrics on HTTP; drives the suite and shows what happened.
# Options: --port N (ecflow_server, default 3199 or $ECF_PORT), --redis-port N (default 6399),
# --http-port N (watchman metrics, default 9141), --keep (leave the ecflow_server running),
# --once (stop after the suite completes instead of running until Ctrl-C; DEMO_SECONDS=N stops
# N seconds after it), --node MAJOR (run on that Node.js line, installed by scripts/node.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
port=${ECF_PORT:-3199}
redis_port=6399
http_port=9141
keep=0
once=0
seconds=${DEMO_SECONDS:-}
while (($#)); do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --redis-port) redis_port=$2; shift 2 ;;
    --http-port) http_port=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --once) once=1; shift ;;
    --node) PATH="$(dirname "$(bash scripts/node.sh "${2:?--node needs a major version}")"):$PATH"; export PATH; shift 2 ;;
    *) echo "demo: unknown option $1 (expected --port N, --redis-port N, --http-port N, --keep, --once or --node MAJOR)" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh
client() { node "$repo/packages/ecflow-ts/dist/bin/ecflow-client.cjs" --host=localhost --port="$port" "$@"; }

run=$(mktemp -d "${TMPDIR:-/tmp}/ecflow-ts-demo.XXXXXX")
echo "demo: ECF_HOME is $run"
if client --ping >/dev/null 2>&1; then
  echo "demo: something already answers on port $port; choose another with --port" >&2
  exit 1
fi
if redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  echo "demo: something already answers on Redis port $redis_port; choose another with --redis-port" >&2
  exit 1
fi
# Anything listening there would answer the checks below in the watchman's place.
if (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null; then
  echo "demo: something already listens on HTTP port $http_port; choose another with --http-port" >&2
  exit 1
fi
(cd "$run" && ECF_HOME="$run" ECF_PORT="$port" exec ecflow_server --port="$port" >"$run/server.out" 2>&1) &
server_pid=$!
redis_pid=""
watchman_pid=""
stop() {
  trap - EXIT INT TERM
  # The watchman first (it finishes its writes on SIGTERM), then Redis.
  if [ -n "$watchman_pid" ]; then kill -TERM "$watchman_pid" 2>/dev/null && wait "$watchman_pid" 2>/dev/null || true; fi
  if [ -n "$redis_pid" ]; then kill -TERM "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true; fi
  if ((keep)); then
    echo "demo: server left running on port $port (pid $server_pid); stop it with: ecflow-client --port=$port --terminate=yes"
  else
    client --terminate=yes >/dev/null 2>&1 || kill -9 "$server_pid" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM
# Waits in the background, so that SIGTERM and Ctrl-C stop the demo at once rather than after it.
pause() { sleep "$1" & wait $! || true; }
# The demo's own watchman must be the one answering, and alive: not another process's data.
watchman_alive() {
  kill -0 "$watchman_pid" 2>/dev/null && return 0
  echo "demo: the watchman stopped unexpectedly; its log ($run/watchman.log):" >&2
  tail -n 20 "$run/watchman.log" >&2
  exit 1
}
for _ in $(seq 100); do client --ping >/dev/null 2>&1 && break; sleep 0.1; done
client --ping

echo "demo: starting redis-server on 127.0.0.1:$redis_port and ecflow-watchman"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$run" >"$run/redis.out" 2>&1 &
redis_pid=$!
for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redis_port" ping >/dev/null
cat >"$run/watchman.yaml" <<YAML
# The Go ecflow-watchman's config format; scrape_timeout is honoured, http is ours.
global:
  scrape_interval: 2s
  scrape_timeout: 1s
scrape_configs:
  - job_name: demo
    owner: demo
    repo: local
    host: localhost
    port: $port
sink_config:
  type: redis
  url: 127.0.0.1:$redis_port
http:
  listen_address: 127.0.0.1:$http_port
YAML
node "$repo/packages/ecflow-watchman/dist/bin/ecflow-watchman.cjs" check-config --config-file "$run/watchman.yaml"
node "$repo/packages/ecflow-watchman/dist/bin/ecflow-watchman.cjs" watch-all --config-file "$run/watchman.yaml" >"$run/watchman.log" 2>&1 &
watchman_pid=$!
for _ in $(seq 100); do watchman_alive; curl -fs "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
watchman_alive
if ! curl -fs "http://127.0.0.1:$http_port/healthz" >/dev/null; then
  echo "demo: the watchman did not start; its log:" >&2
  cat "$run/watchman.log" >&2
  exit 1
fi

# The jobs call our ecflow-client through ECF_CLIENT.
sed -e "s#%DEMO%#$repo/demo#g" demo/suite.def >"$run/demo.def"
sed -i "s#^suite demo#suite demo\n  edit ECF_HOME '$run'\n  edit ECF_CLIENT 'node $repo/packages/ecflow-ts/dist/bin/ecflow-client.cjs'#" "$run/demo.def"

echo "demo: loading and starting the suite with ecflow-client"
client --load="$run/demo.def"
client --suites
client --restart
client --begin=demo

echo "demo: waiting for the suite to complete (three repeat dates)…"
# An aborted task is told, with its reason, and the demo goes on: an operator would look at it on
# the dashboard, fix it and requeue it, as on a real server.
completed=0
node --input-type=module -e "
import { Client, forEachNode } from '$repo/packages/ecflow-ts/dist/index.js';
const client = new Client({ host: 'localhost', port: $port });
const deadline = Date.now() + 180_000;
let last = '';
const told = new Map(); // task path -> the reason told
while (Date.now() < deadline) {
  await client.syncLocal();
  const defs = client.getDefs();
  const states = [];
  forEachNode(defs, (node, path) => {
    states.push(node.name + '=' + node.state);
    if (!('abortedReason' in node)) return; // tasks and aliases only
    if (node.state !== 'aborted') return void told.delete(path);
    const why = node.abortedReason.replace(/\\\\n/g, ' ');
    if (told.get(path) !== why) console.error('demo: ' + path + ' aborted' + (why ? ': ' + why : '') + ' (the demo goes on; requeue it to run it again)');
    told.set(path, why);
  });
  if (states.join(' ') !== last) console.log('  ' + states.join(' '));
  last = states.join(' ');
  if (defs.suites.find((s) => s.name === 'demo')?.state === 'complete') process.exit(0);
  await new Promise((r) => setTimeout(r, 500));
}
console.error('demo: the suite did not complete within 3 minutes'); process.exit(1);
" && completed=1
watchman_alive
echo "demo: what the jobs reported, as the server logged it:"
client --log=get 200 | grep -E 'chd:(init|event|meter|label|wait|complete)' | tail -n 12
client --stats | head -n 5

echo "demo: what ecflow-watchman keeps in Redis (keys under demo/local/):"
# Wait for a scrape after the suite completed, so that Redis shows the end state.
for _ in $(seq 50); do
  redis-cli -p "$redis_port" get demo/local/status | grep -q '"path":"/demo","status":"complete"' && break
  sleep 0.2
done
redis-cli -p "$redis_port" --scan --pattern 'demo/local/*' | sort | sed 's/^/  /'
echo "  status: $(redis-cli -p "$redis_port" get demo/local/status | cut -c1-150)..."
echo "  health: $(redis-cli -p "$redis_port" get demo/local/health)"
echo "  changes stream: $(redis-cli -p "$redis_port" xlen demo/local/changes) entries"
echo "demo: the watchman's metrics (http://127.0.0.1:$http_port/metrics), some of them:"
curl -fs "http://127.0.0.1:$http_port/metrics" | grep -E '^ecflow_watchman_(up|syncs_total|received_bytes_total|scrape_duration_seconds_count)' | sed 's/^/  /'
if ((once)); then
  echo "demo: done (--once): everything is stopped now. Job outputs are under $run/demo; run without --once to look around (dashboard, top, Redis)"
  ((completed)) || exit 1
  exit 0
fi
cat <<EOT
demo: done. Job outputs are under $run/demo
demo: where to look:
  redis-cli -p $redis_port get demo/local/status                      # the Go ecflow-watchman's key and value
  redis-cli -p $redis_port get demo/local/health                      # reachable, server state, counts, last error
  redis-cli -p $redis_port hget demo/local/nodes /demo/main/fetch     # one node with its attributes
  redis-cli -p $redis_port xrange demo/local/changes - +              # every status change
  redis-cli -p $redis_port subscribe demo/local/status/channel        # the status after every scrape
  http://127.0.0.1:$http_port/                                     # the live dashboard, in a browser
  curl http://127.0.0.1:$http_port/api/v1/servers                   # the HTTP API (packages/ecflow-watchman/openapi/watchman.yaml)
  node $repo/packages/ecflow-watchman/dist/bin/ecflow-watchman.cjs top --ecflow-port $port           # the terminal view
  curl http://127.0.0.1:$http_port/metrics                          # Prometheus; also /healthz, /readyz
  less $run/watchman.log                                            # the watchman's JSON log
  node $repo/packages/ecflow-ts/dist/bin/ecflow-client.cjs --port=$port --requeue=force /demo   # run the suite again
EOT
if [ -n "$seconds" ]; then
  echo "demo: running for $seconds more seconds (DEMO_SECONDS)"
  end=$((SECONDS + seconds))
  while ((SECONDS < end)); do watchman_alive; pause 1; done
  exit 0
fi
echo "demo: everything keeps running; press Ctrl-C to stop"
while true; do watchman_alive; pause 1; done
