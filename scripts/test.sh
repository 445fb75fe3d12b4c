#!/usr/bin/env bash
# Runs every test: the unit tests once, and the integration tests (test/integration, test/watchman,
# test/watchman-api, test/e2e, test/alerts) against real ecflow_server processes once per ecFlow release of
# ECFLOW_TEST_VERSIONS, each run with ECFLOW_TEST_VERSION set (its servers, its ecflow_client, its
# Python module: test/helpers/ecflow-builds.ts). The runs go side by side, each line of output
# labelled with its release ("[5.13.8] ..."; "[once]" for the files that run once), and a summary
# per run comes last.
#   --node MAJOR   on that Node.js line (20, 22, 24: installed by scripts/node.sh); default: the
#                  machine's node
#   --quick        the unit tests and one integration file per area, not the whole suite
# Further arguments are passed to every `node --test` (e.g. --test-name-pattern=ping).
# Environment:
#   ECFLOW_TEST_VERSIONS  space-separated releases (default: every release the project supports,
#                         TESTED_VERSIONS of packages/ecflow-ts/src/versions.ts); a release that is not installed is
#                         skipped by name, or fails the run when CI=true
#   TEST_CONCURRENCY      files at a time in each run (default: the CPUs shared among the runs)
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
bash scripts/setup.sh
read -r -a versions <<<"${ECFLOW_TEST_VERSIONS:-$(node --import tsx test/helpers/ecflow-builds.ts all)}"
echo "test: node $(node --version); ecFlow ${versions[*]}" >&2
npm run --silent typecheck
npm run --silent docs:check
npm run --silent lint
npm run --silent deps:check

# Files that run once whatever the releases: they test no server (the fake server's faults, the
# ecflow-defs command line, the packages as npm packs them, the definition language of 5.17.0 against its Python module) or go
# through every release themselves.
once=(test/integration/faults.test.ts test/integration/packages.test.ts test/integration/ecflow-defs.test.ts test/integration/executables.test.ts test/integration/demo.test.ts test/integration/defs/release-parity.test.ts
  test/integration/corpus-load.test.ts test/integration/server-safety.test.ts
  test/alerts/rules.test.ts test/alerts/delivery.test.ts test/alerts/promtool.test.ts test/alerts/state.test.ts)
mapfile -t unit < <(find test/unit -name '*.test.ts' | sort)
if ((quick)); then
  # One integration file per area: client, command line, definitions, sync, watchman, its API and top, dashboard.
  matrix=(test/integration/client-api.test.ts test/integration/cli-parity.test.ts test/integration/defs/state-parity.test.ts
    test/integration/sync/sync-local.test.ts test/watchman/watchman.test.ts test/watchman-api/api.test.ts
    test/watchman-api/top.test.ts test/e2e/dashboard.test.ts)
  once=()
else
  matrix=()
  while read -r f; do
    [[ " ${once[*]} " == *" $f "* ]] || matrix+=("$f")
  done < <(find test/integration test/watchman test/watchman-api test/e2e test/alerts -name '*.test.ts' | sort)
fi

# The releases to run: unknown ones stop here; missing ones are skipped, or fail under CI.
missing_list=$(node --import tsx test/helpers/ecflow-builds.ts missing "${versions[@]}")
mapfile -t missing <<<"$missing_list"
failed=()
run_versions=()
for v in "${versions[@]}"; do
  absent=""
  for m in "${missing[@]}"; do [ "${m%% *}" = "$v" ] && absent="${m#* }"; done
  if [ -z "$absent" ]; then
    run_versions+=("$v")
  elif [ "${CI:-}" = true ]; then
    echo "test: ecFlow $v: FAILED: not installed (no $absent)" >&2
    failed+=("$v (not installed)")
  else
    echo "test: ecFlow $v: skipped: not installed (no $absent)" >&2
  fi
done

runs=$((${#run_versions[@]} + 1))
cpus=$(nproc 2>/dev/null || echo 2)
concurrency=${TEST_CONCURRENCY:-$(((cpus + runs - 1) / runs))}
((concurrency >= 1)) || concurrency=1
[ -t 1 ] && export FORCE_COLOR=1
logs=$(mktemp -d "${TMPDIR:-/tmp}/ecflow-ts-test.XXXXXX")
trap 'rm -rf "$logs"' EXIT

# test/helpers/guard.ts gives every file a deadline and fails a test stuck on a promise nothing can
# settle; --test-timeout bounds each test.
node_test=(node --import tsx --import ./test/helpers/guard.ts --test --test-reporter=spec "--test-concurrency=$concurrency" --test-timeout=180000)
labels=()
pids=()
start() { # label, then the environment and command
  local label=$1
  shift
  labels+=("$label")
  (
    started=$SECONDS
    rc=0
    "$@" 2>&1 | tee "$logs/$label.log" | sed -u "s/^/[$label] /" || rc=$?
    echo "$rc $((SECONDS - started))" >"$logs/$label.rc"
    exit "$rc"
  ) &
  pids+=($!)
}
start once env -u ECFLOW_TEST_VERSION "${node_test[@]}" "${args[@]}" "${unit[@]}" "${once[@]}"
for v in "${run_versions[@]}"; do
  start "$v" env ECFLOW_TEST_VERSION="$v" "${node_test[@]}" "${args[@]}" "${matrix[@]}"
done
for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${labels[$i]}"); done

# The last of the reporter's summary lines ("ℹ pass 12"), colours or not.
count() { sed -e 's/\x1b\[[0-9;]*m//g' "$logs/$label.log" | sed -n "s/^ℹ $1 \([0-9]*\)$/\1/p" | tail -1; }
echo >&2
for label in "${labels[@]}"; do
  read -r rc seconds <"$logs/$label.rc"
  echo "test: [$label] $(count tests) tests: $(count pass) pass, $(count fail) fail, $(count skipped) skipped, $(count cancelled) cancelled; ${seconds} s; exit $rc" >&2
done
if ((${#failed[@]})); then
  echo "test: FAILED: ${failed[*]}" >&2
  exit 1
fi
