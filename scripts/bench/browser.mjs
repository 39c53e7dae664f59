// The attention rows again, inside a Chromium page (imported there by page.mjs from the bench's static
// server): the package as a page loads it, the same calls, rounds and peak loop as run.mjs, and ONNX
// Runtime Web's own browser build when it is installed. Returns every round's times; run.mjs turns them
// into figures as it does its own.
import { loadJumok } from '../../dist/index.js';
import { attentionCalls, attentionInputs, measureRounds } from './measure.mjs';
import { ortAttention } from './ort-session.mjs';

/**
 * options: { sizes, heads, headDim, sampling: { samples, sampleMs },
 *            peak: { url, iterations }  — the peak loop's .wasm (peak.mjs) and its iterations per call,
 *            ortUrl                     — ONNX Runtime Web's wasm-only browser bundle, or null }
 */
export async function measureAttention({ sizes, heads, headDim, sampling, peak, ortUrl }) {
  const jumok = await loadJumok();
  const { instance } = await WebAssembly.instantiateStreaming(fetch(peak.url));
  const peakCall = () => instance.exports.run(peak.iterations);
  let { ort, ortError } = ortUrl ? await loadOrt(ortUrl, heads, headDim) : { ort: null, ortError: null };
  const rows = [];
  for (const n of sizes) {
    const inputs = attentionInputs(heads, n, headDim), calls = attentionCalls(jumok, inputs);
    const { queries, keys, values } = inputs;
    const ortCall = () => ort.attention(queries, keys, values, n);
    // A peer whose call fails leaves its column empty from there on, with the reason; the rows stay.
    if (ort) await ortCall().catch((error) => { ortError = `at n = ${n}: ${error?.message ?? error}`; ort = null; });
    const { medians, rounds } = await measureRounds({
      simd: calls.weights, simdOut: calls.weightsOut, simdStreaming: calls.streaming,
      ort: ort ? ortCall : undefined,
      peak: peakCall,
    }, sampling);
    rows.push({ n, medians, rounds });
  }
  ort?.release();
  jumok.dispose();
  return { backend: jumok.backend, rows, ortError };
}

// A peer that fails to load leaves its column empty, with the reason, instead of losing the rows.
async function loadOrt(url, heads, headDim) {
  try {
    return { ort: await ortAttention(await import(url), heads, headDim), ortError: null };
  } catch (error) {
    return { ort: null, ortError: String(error?.message ?? error) };
  }
}
