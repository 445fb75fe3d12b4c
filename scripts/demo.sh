#!/usr/bin/env bash
# The main job: installs what is missing, starts a local ecflow_server with a sample suite whose
# jobs really run (they report with ecflow-client), drives it with ecflow-client, and shows what
# happened. Options: --port N (default 3199, or $ECF_PORT), --keep (leave the server running).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
port=${ECF_PORT:-3199}
keep=0
while (($#)); do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "demo: unknown option $1 (expected --port N or --keep)" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh
client() { node "$repo/dist/cli/ecflow-client.js" --host=localhost --port="$port" "$@"; }

run=$(mktemp -d "${TMPDIR:-/tmp}/ecflow-ts-demo.XXXXXX")
echo "demo: ECF_HOME is $run"
if client --ping >/dev/null 2>&1; then
  echo "demo: something already answers on port $port; choose another with --port" >&2
  exit 1
fi
(cd "$run" && ECF_HOME="$run" ECF_PORT="$port" exec ecflow_server --port="$port" >"$run/server.out" 2>&1) &
server_pid=$!
stop() {
  if ((keep)); then
    echo "demo: server left running on port $port (pid $server_pid); stop it with: ecflow-client --port=$port --terminate=yes"
  else
    client --terminate=yes >/dev/null 2>&1 || kill -9 "$server_pid" 2>/dev/null || true
  fi
}
trap stop EXIT
for _ in $(seq 100); do client --ping >/dev/null 2>&1 && break; sleep 0.1; done
client --ping

# The jobs call our ecflow-client through ECF_CLIENT.
sed -e "s#%DEMO%#$repo/demo#g" demo/suite.def >"$run/demo.def"
sed -i "s#^suite demo#suite demo\n  edit ECF_HOME '$run'\n  edit ECF_CLIENT 'node $repo/dist/cli/ecflow-client.js'#" "$run/demo.def"

echo "demo: loading and starting the suite with ecflow-client"
client --load="$run/demo.def"
client --suites
client --restart
client --begin=demo

echo "demo: waiting for the suite to complete (three repeat dates)…"
node --input-type=module -e "
import { Client } from '$repo/dist/index.js';
const client = new Client({ host: 'localhost', port: $port });
const deadline = Date.now() + 180_000;
let last = '';
while (Date.now() < deadline) {
  const { defs } = await client.syncFull();
  const states = [...defs.matchAll(/^\s*(?:suite|family|task) (\S+) # (?:.* )?state:(\w+)/gm)].map((m) => m[1] + '=' + m[2]).join(' ');
  if (states !== last) console.log('  ' + states);
  last = states;
  if (/^suite demo # .*state:complete/m.test(defs)) process.exit(0);
  if (/state:aborted/.test(defs)) { console.error('demo: a task aborted; see $run'); process.exit(1); }
  await new Promise((r) => setTimeout(r, 500));
}
console.error('demo: the suite did not complete in time'); process.exit(1);
"
echo "demo: what the jobs reported, as the server logged it:"
client --log=get 200 | grep -E 'chd:(init|event|meter|label|wait|complete)' | tail -n 12
client --stats | head -n 5
echo "demo: done. Job outputs are under $run/demo"
