#!/bin/bash
# Every job starts here: tell the server who we are, and report failure if anything goes wrong.
set -e          # stop at the first failing command
set -u          # an unset variable is an error
set -o pipefail
export ECF_PORT=%ECF_PORT%
export ECF_HOST=%ECF_HOST%
export ECF_NAME=%ECF_NAME%
export ECF_PASS=%ECF_PASS%
export ECF_TRYNO=%ECF_TRYNO%
export ECF_RID=$$
export ECF_TIMEOUT=600
client="%ECF_CLIENT%"

$client --init=$$

# Exit 0 once the server is told, as ecFlow's own head.h does: a non-zero exit would also be a
# failed ECF_JOB_CMD to the server, which would replace the reason given here with its own.
failed() {
  trap - ERR EXIT
  $client --abort="failed at line $1"
  exit 0
}
trap 'failed $LINENO' ERR
trap 'failed $LINENO' EXIT
