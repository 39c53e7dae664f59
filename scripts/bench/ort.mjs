// ONNX Runtime Web as a peer in this Node process (ort-session.mjs). Installed by scripts/bench.sh into
// build/bench-peers (never part of the default install).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { ortAttention } from './ort-session.mjs';

export async function loadOrt(peersDir, heads, headDim) {
  const packageJson = `${peersDir}/node_modules/onnxruntime-web/package.json`;
  if (!existsSync(packageJson)) return null;
  const require = createRequire(packageJson);
  const ort = await import(pathToFileURL(require.resolve('onnxruntime-web')).href);
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  return { version, ...(await ortAttention(ort, heads, headDim)) };
}
