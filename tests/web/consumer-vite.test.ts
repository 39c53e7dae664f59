// A consumer Vite app that installs the packed tarball builds, and its page renders.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, SCREENSHOT_DIR, serveFolder, watchedPage } from './harness.js';
import { inkedPixels } from './pixels.js';

const repo = process.cwd();
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const INDEX_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>consumer</title></head>
<body><p id="backend"></p><p id="coref"></p><jumok-attention id="widget" sentences="커피 한잔 할래요?" lang="ko"></jumok-attention>
<script type="module" src="./main.js"></script></body></html>`;

const MAIN_JS = `import { loadJumok, shippedModels } from 'jumok';
import 'jumok/element';
const jm = await loadJumok();
const { weights } = jm.attention({ queries: new Float32Array(4), keys: new Float32Array(4), values: new Float32Array(4),
  batch: 1, heads: 1, queryLength: 2, keyLength: 2, headDim: 2 });
document.querySelector('#backend').textContent = jm.backend + ' ' + Array.from(weights).join(',');
// A shipped model, served where the README says (public/models): where does "it" look in the coreference head?
const model = await jm.loadModel(shippedModels['jumok-coref']);
const { ids, tokens } = model.tokenizer.encode("The animal didn't cross the street because it was too tired.");
const [[layer, head]] = model.config.jumok.heads.coreference;
const weightsOfIt = model.run({ inputIds: [ids], logitsAt: 'none' }).attentions[layer];
const it = tokens.findIndex((t) => t.piece === 'it'), n = ids.length;
const row = Array.from(weightsOfIt.subarray((head * n + it) * n, (head * n + it + 1) * n));
document.querySelector('#coref').textContent = tokens[row.indexOf(Math.max(...row))].text;
`;

describe('a Vite app using the packed tarball', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let buildWarnings: string;

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), 'jumok-vite-'));
    run('npm', ['pack', '--silent', '--pack-destination', work], repo);
    const tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], app);
    writeFileSync(join(app, 'index.html'), INDEX_HTML);
    writeFileSync(join(app, 'main.js'), MAIN_JS);
    cpSync(join(app, 'node_modules/jumok/dist/models'), join(app, 'public/models'), { recursive: true });
    // Without Vitest's environment variables, under which Vite printed no warnings at all.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(name)));
    const build = spawnSync('node', [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: app, encoding: 'utf8', env });
    expect(build.status, build.stderr).toBe(0);
    buildWarnings = `${build.stdout}${build.stderr}`;
    ({ url: origin, server } = await serveFolder(join(app, 'dist')));
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('builds without warnings (no Node module for the browser to stub out)', () => {
    expect(buildWarnings.trim()).toBe(''); // --logLevel warn: anything printed is a warning or an error
  });

  it('builds, loads the wasm it bundled, and draws the element', async () => {
    const w = await watchedPage(browser, origin);
    await w.page.goto(origin);
    await w.page.waitForSelector('#widget .jm-root[data-ready="true"]');
    expect(await w.page.textContent('#backend')).toBe('wasm-simd128 0.5,0.5,0.5,0.5');
    await w.page.waitForFunction(() => document.querySelector('#coref')?.textContent !== '');
    expect(await w.page.textContent('#coref')).toBe('animal');  // shippedModels found from the bundled .wasm's folder
    expect(await inkedPixels(w.page, '#widget .jm-heatmap')).toBeGreaterThan(3000);
    await w.page.screenshot({ path: join(SCREENSHOT_DIR, 'consumer-vite.png'), fullPage: true });
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
  });
});
