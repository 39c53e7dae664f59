// The model rows of the bench (run.mjs): whole transformers through jm.loadModel and model.run, every
// attention returned, against ONNX Runtime Web on the same weights (onnx-transformer.mjs) and the scalar
// build; the GEMMs of the pass alone (gemm.mjs) against the peak loop; and the cost of loading BERT-base's
// 440 MB against one copy of its bytes into wasm memory, with the memory the weights then hold.
import { BERT_BASE, GPT2_SMALL, randomCheckpoint, randomIds, sizesOf } from './checkpoints.mjs';
import { gemmFlops } from './gemm.mjs';
import { measureRounds } from './measure.mjs';
import { modelInputs, onnxModel } from './onnx-transformer.mjs';
import { ortSession } from './ort-session.mjs';

// The run rows' vocabulary: small, so a checkpoint is mostly its blocks (the embedding lookups the runs do
// cost the same at any vocabulary size).
const RUN_VOCAB = 1000;
// --quick: two blocks instead of twelve, one size per model.
const QUICK_LAYERS = 2;

/** The rows to run: { name, base config, overrides, sizes }; `quick` keeps them short. */
export function modelPlan(quick) {
  const short = (field) => (quick ? { [field]: QUICK_LAYERS } : {});
  return [
    { name: 'BERT-base', base: BERT_BASE, overrides: { vocab_size: RUN_VOCAB, ...short('num_hidden_layers') },
      sizes: quick ? [32] : [32, 128] },
    { name: 'GPT-2 small', base: GPT2_SMALL, overrides: { vocab_size: RUN_VOCAB, ...short('n_layer') }, sizes: [128] },
  ];
}

/** Flops of one pass at n tokens (batch 1): the linear layers, and attention's Q·Kᵀ and P·V (the rest is O(n·E)). */
export function passFlops(config, n) {
  const { E, F, layers, heads } = sizesOf(config);
  const gemm = gemmFlops({ layers, rows: n, E, F }), attention = 4 * n * n * E * layers;
  return { gemm, attention, total: gemm + attention, heads };
}

// The largest |a − b| over every attention and the last hidden state: ORT's outputs against jumok's.
function maxDifferences(jumokResult, ortResult) {
  const largest = (a, b) => a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i])), 0);
  return {
    attentions: Math.max(...jumokResult.attentions.map((a, layer) => largest(a, ortResult[`attention_${layer}`].data))),
    lastHiddenState: largest(jumokResult.lastHiddenState, ortResult.last_hidden_state.data),
  };
}

/**
 * Every model row: for each model of modelPlan, its checkpoint loaded on both builds (and as an ORT session),
 * then per size one measureRounds of the SIMD and scalar runs, ORT's run, the GEMMs alone and the peak loop.
 * jumok: { simd, scalar } (engine.mjs); ort: the `ort` module or null; gemm: gemm.mjs's; peakCall: one call
 * of the peak loop. Returns rows of { model, n, layers, flops, check, medians, rounds }.
 */
export async function measureModels({ jumok, ort, gemm, peakCall, sampling, quick, log }) {
  const rows = [];
  for (const plan of modelPlan(quick)) {
    const checkpoint = randomCheckpoint(plan.base, plan.overrides);
    const source = { config: checkpoint.config, weights: checkpoint.weights };
    const simd = await jumok.simd.loadModel(source), scalar = await jumok.scalar.loadModel(source);
    const session = ort && await ortSession(ort, onnxModel(checkpoint)).catch((error) => {
      log(`ONNX Runtime Web could not run ${plan.name}: ${error.message}`);
      return null;
    });
    const { E, F, layers } = sizesOf(checkpoint.config);
    for (const n of plan.sizes) {
      log(`${plan.name} n=${n}…`);
      const options = { inputIds: [randomIds(n, RUN_VOCAB)], logitsAt: 'none' };
      const feeds = session && modelInputs(ort, checkpoint.config, options.inputIds[0]);
      const check = session && maxDifferences(simd.run(options), await session.run(feeds));
      gemm.setUp({ layers, rows: n, E, F });
      const measured = await measureRounds({
        simd: () => simd.run(options),
        scalar: () => scalar.run(options),
        ort: session ? () => session.run(feeds) : undefined,
        gemm: gemm.run,
        peak: peakCall,
      }, sampling);
      gemm.tearDown();
      rows.push({ model: plan.name, n, layers, flops: passFlops(checkpoint.config, n), check, ...measured });
    }
    simd.dispose();
    scalar.dispose();
    await session?.release();
  }
  return rows;
}

const WASM_PAGE = 65536;
// A fresh instance loads once, so the cold figures are one sample per instance: a few instances, paired.
const COLD_ROUNDS = 3;

/**
 * Loading BERT-base whole (vocab 30522, 512 positions, the pooler too: 440 MB of F32) from a Uint8Array on a
 * fresh SIMD instance, against one copy of the same bytes into wasm memory (Uint8Array.set into a
 * WebAssembly.Memory of the file's size, what HEAPU8.set does). Cold, one pair per round: a fresh instance's
 * first load grows its memory and the copy goes into a fresh Memory, so both touch new pages. Then warm, in
 * rounds: load + dispose on the last of those instances (its memory already grown) against the copy into one
 * touched Memory. Memory held: the growth of the first instance's wasm memory (and of malloc's bytes in use)
 * over the F32 weights (model.weightBytes: the bytes of the tensors the model uses).
 * freshEngine(): engine.mjs's loadEngine for the SIMD build. Returns { fileBytes, weightBytes, held, cold:
 * { load, copy } (ms per round), medians, rounds } (warm).
 */
export async function measureLoad({ freshEngine, quick, sampling, log }) {
  const checkpoint = randomCheckpoint(BERT_BASE, quick ? { num_hidden_layers: QUICK_LAYERS } : {}, { pooler: true });
  const source = { config: checkpoint.config, weights: checkpoint.weights }, fileBytes = checkpoint.weights.length;
  const pages = Math.ceil(fileBytes / WASM_PAGE);
  log(`loading a ${(fileBytes / 1e6).toFixed(0)} MB checkpoint…`);
  const cold = { load: [], copy: [] };
  let engine, held, weightBytes;
  for (let round = 0; round < (quick ? 1 : COLD_ROUNDS); round++) {
    engine?.dispose();
    engine = await freshEngine();
    const before = { total: engine.heapBytesTotal(), inUse: engine.heapBytesInUse() };
    let start = performance.now();
    const model = await engine.loadModel(source);
    cold.load.push(performance.now() - start);
    held ??= { total: engine.heapBytesTotal() - before.total, inUse: engine.heapBytesInUse() - before.inUse };
    weightBytes = model.weightBytes;
    model.dispose();
    start = performance.now();
    new Uint8Array(new WebAssembly.Memory({ initial: pages }).buffer).set(checkpoint.weights);
    cold.copy.push(performance.now() - start);
  }

  const target = new Uint8Array(new WebAssembly.Memory({ initial: pages }).buffer);
  const warm = await measureRounds({
    load: async () => (await engine.loadModel(source)).dispose(),
    copy: () => target.set(checkpoint.weights),
  }, sampling);
  engine.dispose();
  return { fileBytes, weightBytes, held, cold, ...warm };
}
