#!/usr/bin/env bash
# Every test, from a fresh machine: setup, build, then each suite. A failing
# suite does not stop the others; the script fails if any failed.
#   native — GoogleTest under ctest (golden cases, properties, validation)
#   asan   — the same GoogleTest binary built with AddressSanitizer + UndefinedBehaviorSanitizer (build/asan)
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

# -DJUMOK_SANITIZE=ON (CMakeLists.txt): -fsanitize=address,undefined -fno-sanitize-recover=all, so any
# out-of-bounds access, leak or undefined behaviour fails the test that caused it.
asan() {
  rm -f build/asan/Testing/Temporary/LastTest.log
  cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJUMOK_SANITIZE=ON >/dev/null &&
    cmake --build build/asan -j "$(nproc)" >/dev/null &&
    { [ "$(nm build/asan/jumok_tests | grep -cE '__asan_init|__ubsan_handle')" -gt 0 ] ||
      { echo "build/asan/jumok_tests is not instrumented"; return 1; }; } &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/asan --output-on-failure -j "$(nproc)" >build/asan/ctest.log 2>&1
  local status=$?
  # The whole log (with the sanitizer's report) on failure, the summary otherwise.
  if [ $status -ne 0 ]; then cat build/asan/ctest.log 2>/dev/null; else tail -n 3 build/asan/ctest.log; fi
  return $status
}
suite asan asan
suite types npx tsc -p tests/tsconfig.json --noEmit
suite vitest npx vitest run --reporter=default --reporter=json --outputFile=build/vitest.json

if [ ${#failed_suites[@]} -gt 0 ]; then echo "FAILED suites: ${failed_suites[*]}"; else echo "all suites passed"; fi
# The closing line counts every test that ran.
node -e '
  const fs = require("fs");
  const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
  const v = fs.existsSync("build/vitest.json") ? JSON.parse(read("build/vitest.json")) : {};
  const ctest = (dir) => {
    const log = read(`${dir}/Testing/Temporary/LastTest.log`);
    const passed = (log.match(/Test Passed\./g) || []).length;
    return { passed, failed: (log.match(/Test Failed\./g) || []).length + (log.match(/Exception: /g) || []).length };
  };
  const native = ctest("build/native"), asan = ctest("build/asan");
  const passed = native.passed + asan.passed + (v.numPassedTests || 0);
  const failed = native.failed + asan.failed + (v.numFailedTests || 0);
  console.log(`native ${native.passed}/${native.passed + native.failed}, asan ${asan.passed}/${asan.passed + asan.failed}, ` +
    `vitest ${v.numPassedTests || 0}/${v.numTotalTests || 0}`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
'
[ ${#failed_suites[@]} -eq 0 ]
