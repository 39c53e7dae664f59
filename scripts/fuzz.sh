#!/usr/bin/env bash
# fuzz.sh [SECONDS] [JOBS]   (default: 60 seconds per fuzzer, 1 fuzzer at a time)
# Builds the libFuzzer targets of cpp/fuzz with clang++ (-fsanitize=fuzzer,address,undefined) in build/fuzz
# and runs each for SECONDS, JOBS of them at once (niced). The corpus grows in build/fuzz/corpus/<target>
# and is reused by the next run; a crash leaves build/fuzz/crash-* (or leak-*/timeout-*) and fails the script.
# Reproduce one: build/fuzz/attention_fuzz_avx2 build/fuzz/crash-…
# Logs: build/fuzz/<target>.log (the last lines give executions and coverage).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
JOBS=${2:-1}
FUZZ=build/fuzz

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ missing; run scripts/setup.sh" >&2; exit 1; }
CXX=clang++ cmake -S . -B "$FUZZ" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJUMOK_FUZZ=ON >/dev/null
cmake --build "$FUZZ" -j "$(nproc)"

targets=(attention_fuzz_avx2 attention_fuzz_sse41 checkpoint_fuzz_avx2 checkpoint_fuzz_sse41)
run_one() {
  local target=$1
  mkdir -p "$FUZZ/corpus/$target"
  echo "== fuzz $target for ${SECONDS_EACH}s"
  # -rss_limit_mb: sizes are capped in the target, so more memory than this is a leak or a runaway.
  nice -n 10 "$FUZZ/$target" -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$FUZZ/" "$FUZZ/corpus/$target" >"$FUZZ/$target.log" 2>&1
  local status=$?
  grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|cov:' "$FUZZ/$target.log" | tail -3
  [ $status -eq 0 ] || { echo "fuzz $target FAILED (exit $status), see $FUZZ/$target.log"; tail -30 "$FUZZ/$target.log"; }
  return $status
}

failed=0
running=0
for target in "${targets[@]}"; do
  run_one "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n || failed=1; running=$((running - 1)); fi
done
while [ "$running" -gt 0 ]; do wait -n || failed=1; running=$((running - 1)); done
[ $failed -eq 0 ] && echo "fuzz: no crash" || { echo "fuzz: FAILED"; exit 1; }
