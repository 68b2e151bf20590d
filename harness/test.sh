#!/usr/bin/env bash
# The whole test suite (npm test): type check, format and lint, layering, build, unit and integration tests, then one totals line.
set -uo pipefail
cd "$(dirname "$0")/.."

npx --no-install tsc -p tsconfig.json --noEmit || { echo "tests: 0 passed, 1 failed (type check)"; exit 1; }
npx --no-install biome check --error-on-warnings || { echo "tests: 0 passed, 1 failed (format or lint: npm run format, then npx biome lint)"; exit 1; }
npx --no-install depcruise src --config .dependency-cruiser.cjs || { echo "tests: 0 passed, 1 failed (layering)"; exit 1; }
npm run --silent build || { echo "tests: 0 passed, 1 failed (build)"; exit 1; }

results=$(mktemp -t vessel-cookbook-vitest.XXXXXX.json)
trap 'rm -f "$results"' EXIT
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  if (r.numTotalTests === 0) process.exit(1);
' "$results" || status=1
exit $status
