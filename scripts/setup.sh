#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks: the real ecFlow peers (used by the demo and as test
# oracles), Redis and its Sentinel, nginx, Alertmanager and promtool (the alert tests), and the npm dependencies
# (whose `prepare` script builds each package's dist/).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v ecflow_server >/dev/null 2>&1 || need+=(ecflow-server)
command -v ecflow_client >/dev/null 2>&1 || need+=(ecflow-client)
/usr/bin/python3 -c 'import ecflow' >/dev/null 2>&1 || need+=(python3-ecflow)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-sentinel >/dev/null 2>&1 || need+=(redis-sentinel)   # test/watchman/sentinel.test.ts's three sentinels
[ -x /usr/sbin/nginx ] || need+=(nginx)          # the HTTPS reverse proxy of test/integration/https-proxy.test.ts
command -v openssl >/dev/null 2>&1 || need+=(openssl)   # the TLS tests make a self-signed certificate
[ -x /usr/bin/chromium ] || need+=(chromium)    # the dashboard's browser tests (playwright-core drives it)
command -v tmux >/dev/null 2>&1 || need+=(tmux)     # a real terminal for top's tests (test/watchman-api/top.test.ts)
[ -x /usr/bin/prometheus-alertmanager ] || need+=(prometheus-alertmanager)   # test/alerts/alertmanager.test.ts
command -v promtool >/dev/null 2>&1 || need+=(prometheus)   # promtool checks the shipped rules (test/alerts/promtool.test.ts)
if ((${#need[@]})); then
  echo "setup: installing Debian packages: ${need[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install: it is slow and wipes node_modules.
# A build only when a file it reads changed since the last one (the demo runs this at every start).
stamp=node_modules/.ecflow-ts-lock
built=node_modules/.ecflow-ts-built
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
  touch "$built"
elif [ ! -f "$built" ] || [ -n "$(find package.json tsconfig*.json packages -name node_modules -prune -o -name dist -prune -o -type f -newer "$built" -print -quit)" ]; then
  touch "$built.next"
  npm run --silent build
  mv "$built.next" "$built"
fi
