#!/usr/bin/env bash
# Prints the path of a Node 24 binary (what GitHub runners use for `runs.using: node24`), fetched from the npm
# registry into .node24/ on first use; exits 3 when the registry has none for this platform (scripts/node24.mjs).
set -euo pipefail
exec node "$(dirname "$0")/node24.mjs"
