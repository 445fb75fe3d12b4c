#!/usr/bin/env bash
# Runs the command-line parity files (ecflow-client against the real ecflow_client, command line by
# command line) on each release, one file at a time, and prints per release how many command lines
# were compared and how many were identical (output, exit code and resulting server state).
#   scripts/parity-report.sh [FILE...]   default: cli-parity, parity-user-a, parity-user-b, parity-why, auth
# Environment:
#   ECFLOW_TEST_VERSIONS  space-separated releases (default: every release the project supports);
#                         a release that is not installed is skipped by name
# Each parity block appends its numbers to $ECFLOW_PARITY_REPORT (test/helpers/parity.ts); a file
# that fails still counts the rows it ran. Exit status 1 when a file failed.
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
((${#files[@]})) || files=(test/integration/cli-parity.test.ts test/integration/parity-user-a.test.ts
  test/integration/parity-user-b.test.ts test/integration/parity-why.test.ts test/integration/auth.test.ts)
read -r -a versions <<<"${ECFLOW_TEST_VERSIONS:-$(node --import tsx test/helpers/ecflow-builds.ts all)}"
work=$(mktemp -d "${TMPDIR:-/tmp}/ecflow-ts-parity.XXXXXX")
trap 'rm -rf "$work"' EXIT
export ECFLOW_PARITY_REPORT="$work/report.jsonl"
: >"$ECFLOW_PARITY_REPORT"

failed=()
for v in "${versions[@]}"; do
  missing=$(node --import tsx test/helpers/ecflow-builds.ts missing "$v")
  if [ -n "$missing" ]; then
    echo "parity-report: ecFlow $v: skipped: not installed (no ${missing#* })" >&2
    continue
  fi
  for f in "${files[@]}"; do
    log="$work/$v-$(basename "$f").log"
    if ECFLOW_TEST_VERSION="$v" node --import tsx --import ./test/helpers/guard.ts --test --test-timeout=180000 "$f" >"$log" 2>&1; then
      echo "parity-report: [$v] $f: ok" >&2
    else
      echo "parity-report: [$v] $f: FAILED; its differences:" >&2
      grep -E '^ +(ecflow_client |server state after|ours: |theirs: )' "$log" | cut -c1-400 >&2 || tail -20 "$log" >&2
      failed+=("$v $f")
    fi
  done
done

node --input-type=module - "$ECFLOW_PARITY_REPORT" "${versions[@]}" <<'EOF'
import fs from 'node:fs';
const [file, ...versions] = process.argv.slice(2);
const totals = new Map(versions.map((v) => [v, { compared: 0, identical: 0, blocks: 0 }]));
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  if (line === '') continue;
  const { release, compared, identical } = JSON.parse(line);
  const t = totals.get(release) ?? { compared: 0, identical: 0, blocks: 0 };
  t.compared += compared;
  t.identical += identical;
  t.blocks += 1;
  totals.set(release, t);
}
const rows = [['release', 'command lines compared', 'identical'], ...[...totals].filter(([, t]) => t.blocks > 0).map(([v, t]) => [v, String(t.compared), String(t.identical)])];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join(' | ').trimEnd());
EOF

if ((${#failed[@]})); then
  echo "parity-report: FAILED: ${failed[*]}" >&2
  exit 1
fi
