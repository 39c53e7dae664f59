// npm pack smoke test: the tarball (scripts/build.sh lib first) installed into
// an empty folder, imported from plain Node ESM and type-checked from TypeScript.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
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
    expect(files.filter((f) => !/^package\/(dist\/|web\/examples\/|package\.json|README\.md|LICENSE)/.test(f))).toEqual([]);
    const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], repo));
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('imports from a plain Node ESM script and matches PyTorch on both builds', () => {
    copyFileSync(join(repo, 'tests/pack/consumer.mjs'), join(consumer, 'consumer.mjs'));
    const report = JSON.parse(run('node', ['consumer.mjs', golden], consumer));
    expect(Object.keys(report).sort()).toEqual(['wasm-scalar', 'wasm-simd128']);
    for (const error of Object.values(report)) expect(error).toBeLessThan(1e-5);
  });

  it('type-checks a TypeScript consumer against the shipped .d.ts files', () => {
    copyFileSync(join(repo, 'tests/pack/consumer.ts'), join(consumer, 'consumer.ts'));
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
        noEmit: true, skipLibCheck: false, lib: ['ES2022', 'DOM'], types: [] },
      files: ['consumer.ts'],
    }));
    expect(() => run(join(repo, 'node_modules/.bin/tsc'), ['-p', '.'], consumer)).not.toThrow();
  });
});
