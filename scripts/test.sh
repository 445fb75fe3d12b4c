#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against real ecflow_server processes.
#   --node MAJOR   on that Node.js line (20, 22, 24: installed by scripts/node.sh); default: the
#                  machine's node
#   --quick        the unit tests and one integration file per area, not the whole suite
# Further arguments are passed to `node --test` (e.g. --test-name-pattern=ping).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
args=()
while (($#)); do
  case "$1" in
    --node) PATH="$(dirname "$(bash scripts/node.sh "${2:?--node needs a major version}")"):$PATH"; export PATH; shift 2 ;;
    --quick) quick=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
echo "test: node $(node --version)" >&2
bash scripts/setup.sh
npm run --silent typecheck
npm run --silent docs:check
if ((quick)); then
  mapfile -t files < <(find test/unit -name '*.test.ts' | sort)
  # One integration file per area: client, command line, definitions, sync, watchman, its API and top, dashboard.
  files+=(test/integration/client-api.test.ts test/integration/cli-parity.test.ts test/integration/defs/state-parity.test.ts
    test/integration/sync/sync-local.test.ts test/watchman/watchman.test.ts test/watchman-api/api.test.ts
    test/watchman-api/top.test.ts test/e2e/dashboard.test.ts)
else
  mapfile -t files < <(find test -name '*.test.ts' | sort)
fi
# test/helpers/guard.ts gives every file a deadline and fails a test stuck on a promise nothing can
# settle; --test-timeout bounds each test.
exec node --import tsx --import ./test/helpers/guard.ts --test --test-reporter=spec --test-concurrency=2 --test-timeout=180000 "${args[@]}" "${files[@]}"
