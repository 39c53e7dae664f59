// The WASM SIMD128 peak: `chains` independent f32x4 chains acc = acc·m + c
// (SIMD128 has no FMA, so a multiply and an add per step), written as wat and
// assembled with wabt's wat2wasm. Enough chains hide the latency, so the loop
// runs at the engine's f32x4 mul+add throughput: the ceiling for our kernels.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const LANES = 4;
const FLOPS_PER_STEP = 2 * LANES;  // one mul and one add per lane

export function peakWat(chains) {
  const ids = [...Array(chains).keys()];
  const locals = ids.map((i) => `(local $a${i} v128)`).join(' ');
  const init = ids.map((i) => `(local.set $a${i} (f32x4.splat (f32.const ${1 + i / 64})))`).join('\n    ');
  const step = ids.map((i) => `(local.set $a${i} (f32x4.add (f32x4.mul (local.get $a${i}) (local.get $m)) (local.get $c)))`).join('\n      ');
  const sum = ids.slice(1).reduce((acc, i) => `(f32x4.add ${acc} (local.get $a${i}))`, '(local.get $a0)');
  return `(module
  (func (export "run") (param $iterations i32) (result f32)
    (local $m v128) (local $c v128) ${locals}
    (local.set $m (f32x4.splat (f32.const 0.999999)))
    (local.set $c (f32x4.splat (f32.const 0.000001)))
    ${init}
    (loop $next
      ${step}
      (br_if $next (local.tee $iterations (i32.sub (local.get $iterations) (i32.const 1)))))
    (f32x4.extract_lane 0 ${sum})))
`;
}

export async function loadPeak(outDir, chains) {
  mkdirSync(outDir, { recursive: true });
  const wat = `${outDir}/peak-${chains}.wat`, wasm = `${outDir}/peak-${chains}.wasm`;
  writeFileSync(wat, peakWat(chains));
  execFileSync('wat2wasm', [wat, '-o', wasm]);
  const { instance } = await WebAssembly.instantiate(readFileSync(wasm));
  const run = instance.exports.run;
  return { chains, run, flopsPerIteration: chains * FLOPS_PER_STEP, file: wasm };
}
