#!/usr/bin/env bash
# The whole test suite (npm test): type check, format and lint, layering, build, unit and integration tests, then one totals line.
set -uo pipefail
cd "$(dirname "$0")/.."

npx --no-install tsc -p tsconfig.json --noEmit || { echo "tests: 0 passed, 1 failed (type check)"; exit 1; }
npx --no-install biome check --error-on-warnings || { echo "tests: 0 passed, 1 failed (format or lint: npm run format, then npx biome lint)"; exit 1; }
npx --no-install depcruise src --config .dependency-cruiser.cjs || { echo "tests: 0 passed, 1 failed (layering)"; exit 1; }
npm run --silent build || { echo "tests: 0 passed, 1 failed (build)"; exit 1; }

exec bash harness/vitest-totals.sh "$@"
