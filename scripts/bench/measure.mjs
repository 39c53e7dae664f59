// How the bench times calls and what it calls, shared by run.mjs (Node) and browser.mjs (the same
// measurement inside a Chromium page): no Node or DOM API here, only performance.now().

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// V8 runs wasm first as Liftoff code and swaps in TurboFan code compiled in the background once a
// function is hot; on 2 cores that took up to ~100 ms of calls, and a 50 ms warm-up measured n = 16
// at 2-4× its steady time. Every column (ORT's wasm too) gets this warm-up.
const WARM_UP_MS = 400;

/**
 * Runs `call` for WARM_UP_MS (at least twice) and plans the samples from the warmed-up time per call: the
 * first call (compiling, Liftoff code) can be 100× slower, and planned from it a sample of a fast call was
 * a handful of calls, too few to time. sampling: { samples, sampleMs } (each sample repeats the call for
 * at least sampleMs).
 */
async function warmUp(call, sampling) {
  const start = performance.now();
  for (let calls = 0; calls < 2 || performance.now() - start < WARM_UP_MS; calls++) await call();
  let calls = 0;
  const timed = performance.now();
  do {
    await call();
    calls++;
  } while (performance.now() - timed < 20);
  const perCall = (performance.now() - timed) / calls;
  return { reps: Math.max(1, Math.round(sampling.sampleMs / perCall)), samples: perCall > 1000 ? 3 : sampling.samples };
}

/**
 * Median ms per call of each contender (name → call, sync or async; undefined to skip), measured side by
 * side: every round times each one in turn (order rotated), so a slow spell of the shared machine hits them
 * all alike and the ratios within a row hold even when absolute times drift by a third within a run.
 * `rounds` keeps every round's ms per contender, for ratios paired round by round.
 */
export async function measureRounds(contenders, sampling) {
  const schedules = [];
  for (const [name, call] of Object.entries(contenders)) {
    if (call) schedules.push({ name, call, ...(await warmUp(call, sampling)), perCall: [] });
  }
  const rounds = Math.max(0, ...schedules.map((schedule) => schedule.samples));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < schedules.length; i++) {
      const contender = schedules[(i + round) % schedules.length];
      if (contender.perCall.length >= contender.samples) continue;
      const start = performance.now();
      for (let r = 0; r < contender.reps; r++) await contender.call();
      contender.perCall.push((performance.now() - start) / contender.reps);
    }
  }
  return {
    medians: Object.fromEntries(schedules.map((schedule) => [schedule.name, median(schedule.perCall)])),
    rounds: Object.fromEntries(schedules.map((schedule) => [schedule.name, schedule.perCall])),
  };
}

/** Uniform values in [-1, 1) from a fixed seed, so every run and every engine sees the same inputs. */
export function random(count, seed) {
  let state = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return out;
}

/** The three inputs of an attention row, [heads, n, headDim] each. */
export function attentionInputs(heads, n, headDim) {
  const count = heads * n * headDim;
  return { heads, n, headDim, queries: random(count, n), keys: random(count, n + 1), values: random(count, n + 2) };
}

/**
 * The three ways a row calls jumok's attention (self-attention, batch 1): `weights` returns fresh arrays,
 * `weightsOut` copies into arrays reused across calls (the documented way to redraw, which skips
 * allocating and first touching fresh memory every call; made on its first call), `streaming` asks for
 * no weights.
 */
export function attentionCalls(jumok, { heads, n, headDim, queries, keys, values }) {
  const options = { queries, keys, values, batch: 1, heads, queryLength: n, keyLength: n, headDim };
  let out;
  return {
    weights: () => jumok.attention(options),
    weightsOut: () => {
      out ??= { output: new Float32Array(queries.length), weights: new Float32Array(heads * n * n) };
      return jumok.attention({ ...options, out });
    },
    streaming: () => jumok.attention({ ...options, needWeights: false }),
  };
}
