#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against real ecflow_server processes.
# Extra arguments are passed to `node --test` (e.g. --test-name-pattern=ping).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent typecheck
npm run --silent docs:check
mapfile -t files < <(find test -name '*.test.ts' | sort)
exec node --import tsx --test --test-reporter=spec --test-concurrency=2 "$@" "${files[@]}"
