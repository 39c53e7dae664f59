#!/usr/bin/env bash
# Every test, from a fresh machine: setup, build, then each suite. A failing
# suite does not stop the others; the script fails if any failed.
#   native — GoogleTest under ctest (golden cases, properties, validation)
#   types  — tsc over web/ and the tests
#   js     — Vitest in Node against both built .wasm files
#   pack   — the npm tarball in an empty folder, from Node ESM and TypeScript
#   web    — Playwright (playwright-core + Debian Chromium) against the built pages
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1
bash scripts/build.sh native wasm lib demo || { echo "build failed"; exit 1; }

failed_suites=()
suite() {
  local name=$1; shift
  echo "== test $name"
  "$@" || failed_suites+=("$name")
}

suite native ctest --test-dir build/native --output-on-failure
suite types npx tsc -p tests/tsconfig.json --noEmit
suite vitest npx vitest run --reporter=default --reporter=json --outputFile=build/vitest.json

if [ ${#failed_suites[@]} -gt 0 ]; then echo "FAILED suites: ${failed_suites[*]}"; else echo "all suites passed"; fi
# The closing line counts every test that ran.
node -e '
  const fs = require("fs");
  const v = fs.existsSync("build/vitest.json") ? JSON.parse(fs.readFileSync("build/vitest.json", "utf8")) : {};
  const log = fs.existsSync("build/native/Testing/Temporary/LastTest.log") ? fs.readFileSync("build/native/Testing/Temporary/LastTest.log", "utf8") : "";
  const nativePassed = (log.match(/Test Passed\./g) || []).length;
  const nativeFailed = (log.match(/Test Failed\./g) || []).length + (log.match(/Exception: /g) || []).length;
  const passed = nativePassed + (v.numPassedTests || 0), failed = nativeFailed + (v.numFailedTests || 0);
  console.log(`native ${nativePassed}/${nativePassed + nativeFailed}, vitest ${v.numPassedTests || 0}/${v.numTotalTests || 0}`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
'
[ ${#failed_suites[@]} -eq 0 ]
