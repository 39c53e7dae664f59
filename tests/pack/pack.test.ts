// npm pack smoke test: the tarball (scripts/build.sh lib first) installed into
// an empty folder, imported from plain Node ESM and type-checked from TypeScript.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const golden = fileURLToPath(new URL('../../../shared/golden/sdpa_basic.json', import.meta.url));
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm pack', () => {
  let consumer: string;
  let tarball: string;

  beforeAll(() => {
    const work = mkdtempSync(join(tmpdir(), 'jumok-pack-'));
    run('npm', ['pack', '--silent', '--pack-destination', work], repo);
    tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);
    consumer = join(work, 'consumer');
    run('mkdir', ['-p', consumer], work);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], consumer);
  });

  it('ships only dist, with both builds and no bare imports left to resolve', () => {
    const files = run('tar', ['-tzf', tarball], repo).split('\n').filter(Boolean);
    expect(files).toContain('package/dist/wasm/jumok-simd.wasm');
    expect(files).toContain('package/dist/wasm/jumok-scalar.wasm');
    expect(files.filter((f) => !/^package\/(dist\/|web\/examples\/|web\/schema\/|package\.json|README\.md|LICENSE)/.test(f))).toEqual([]);
    expect(files).toContain('package/LICENSE');
    const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], repo));
    expect(manifest.dependencies ?? {}).toEqual({});
    // The bundled packages' licence notices travel with them.
    const notices = run('tar', ['-xzOf', tarball, 'package/dist/THIRD-PARTY-LICENSES.md'], repo);
    for (const name of ['d3-color', 'd3-interpolate', 'd3-scale-chromatic', 'wasm-feature-detect', '@huggingface/tokenizers']) expect(notices).toContain(`## ${name} `);
  });

  it('imports from a plain Node ESM script and matches PyTorch on both builds', () => {
    copyFileSync(join(repo, 'tests/pack/consumer.mjs'), join(consumer, 'consumer.mjs'));
    const report = JSON.parse(run('node', ['consumer.mjs', golden], consumer));
    expect(Object.keys(report).sort()).toEqual(['wasm-scalar', 'wasm-simd128']);
    for (const error of Object.values(report)) expect(error).toBeLessThan(1e-5);
  });

  it('loads stories260k from a path in plain Node and generates llama2.c\'s text', () => {
    const folder = fileURLToPath(new URL('../../../shared/golden/models/stories260k', import.meta.url));
    const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')).generation;
    copyFileSync(join(repo, 'tests/pack/consumer-model.mjs'), join(consumer, 'consumer-model.mjs'));
    const report = JSON.parse(run('node', ['consumer-model.mjs', folder], consumer));
    expect(report.ids).toEqual(expected.greedy_ids);
    expect(report.text).toBe(expected.text);
    expect(report.layers).toBe(5);
  });

  it('ships the teaching models (cards and lexicons too, under 3 MB) and finds them through shippedModels', () => {
    const listing = run('tar', ['-tzvf', tarball], repo).split('\n').filter((line) => line.includes('package/dist/models/'));
    const bytes = listing.reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[2]), 0);
    for (const name of ['jumok-ko-en', 'jumok-coref'])
      for (const file of ['config.json', 'model.safetensors', 'tokenizer.json', 'MODEL.md', 'lexicon.json'])
        expect(listing.some((line) => line.endsWith(`package/dist/models/${name}/${file}`)), `${name}/${file}`).toBe(true);
    expect(bytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    copyFileSync(join(repo, 'tests/pack/consumer-shipped.mjs'), join(consumer, 'consumer-shipped.mjs'));
    const report = JSON.parse(run('node', ['consumer-shipped.mjs'], consumer));
    expect(report['jumok-ko-en']).toMatchObject({ type: 'marian' });
    expect(report['jumok-coref']).toMatchObject({ type: 'bert' });
    for (const { url, layers, heads } of Object.values(report) as { url: string; layers: number; heads: object }[]) {
      expect(url).toMatch(/node_modules\/jumok\/dist\/models\/jumok-[a-z-]+\/$/);
      expect(layers).toBeGreaterThan(0);
      expect(heads).toBeTypeOf('object');
    }
  });

  // skipLibCheck off: the shipped .d.ts files themselves are checked, as a strict project's would be.
  const typeCheck = (file: string, lib: string[], types: string[]) => {
    copyFileSync(join(repo, 'tests/pack', file), join(consumer, file));
    const config = `tsconfig.${file}.json`;
    writeFileSync(join(consumer, config), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
        noEmit: true, skipLibCheck: false, lib, types, typeRoots: [join(repo, 'node_modules/@types')] },
      files: [file],
    }));
    return run(join(repo, 'node_modules/.bin/tsc'), ['-p', config], consumer);
  };

  it('type-checks a TypeScript consumer of the API and the element against the shipped .d.ts files', () => {
    expect(() => typeCheck('consumer.ts', ['ES2022', 'DOM'], [])).not.toThrow();
  });

  it('type-checks a Node-only consumer, without the DOM library', () => {
    expect(() => typeCheck('consumer-node.ts', ['ES2022'], ['node'])).not.toThrow();
  });
});
