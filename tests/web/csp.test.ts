// The element and the API in a page whose Content-Security-Policy forbids eval, new Function and inline
// scripts (script-src 'self' 'wasm-unsafe-eval'), sent as an HTTP header and as a <meta> tag.
// Emscripten 3.1.6's Embind builds its invokers with new Function unless linked with -sDYNAMIC_EXECUTION=0
// (see CMakeLists.txt); without that flag the module fails to load here.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, SCREENSHOT_DIR, serveFolder, watchedPage, type WatchedPage } from './harness.js';
import { inkedPixels } from './pixels.js';

const POLICY = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
const PAGE = 'web/examples/csp.html';
const ready = (id: string) => `#${id} .jm-root[data-ready="true"]`;

describe('the built glue', () => {
  it.each(['jumok-simd.mjs', 'jumok-scalar.mjs'])('%s holds no new Function or eval', (file) => {
    const glue = readFileSync(join(process.cwd(), 'dist', 'wasm', file), 'utf8');
    const found = glue.match(/.{0,40}(?:\bFunction\(|\beval\().{0,40}/g) ?? [];
    expect(found, 'link with -sDYNAMIC_EXECUTION=0').toEqual([]);
  });
});

describe('under a strict Content-Security-Policy', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let w: WatchedPage;
  let violations: () => Promise<string[]>;

  beforeAll(async () => {
    ({ url: origin, server } = await serveFolder(process.cwd(), { 'content-security-policy': POLICY }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  afterEach(async () => {
    expect(await violations()).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.page.close();
  });

  async function open() {
    w = await watchedPage(browser, origin);
    // Injected by the browser tooling, so the policy does not apply to this listener itself.
    await w.page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    violations = () => w.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    const response = await w.page.goto(`${origin}${PAGE}`);
    expect(response!.headers()['content-security-policy']).toBe(POLICY);
    return w.page;
  }

  it('enforces the policy (an inline script is refused)', async () => {
    const page = await open();
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    // Reported once per policy: the header's and the <meta> tag's.
    await page.waitForFunction(() => (window as unknown as { __violations: string[] }).__violations.length === 2);
    expect(await violations()).toEqual(['script-src-elem inline', 'script-src-elem inline']);
    // That violation and its console message were ours; clear them for the afterEach check.
    await page.evaluate(() => ((window as unknown as { __violations: string[] }).__violations.length = 0));
    w.consoleErrors.length = 0;
  });

  it('loads the element and draws two heatmaps', async () => {
    const page = await open();
    await page.waitForSelector(ready('strict'));
    await page.waitForSelector(ready('korean'));
    expect(await inkedPixels(page, '#strict .jm-heatmap')).toBeGreaterThan(5000);
    expect(await inkedPixels(page, '#korean .jm-heatmap')).toBeGreaterThan(5000);
    expect(await page.textContent('#korean .jm-note')).toContain('헤드 1/4');
    // Styled although style-src forbids inline styles: the sheet is adopted, not a <style> element.
    expect(await page.$eval('#strict .jm-toolbar', (t) => getComputedStyle(t).display)).toBe('flex');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'element-csp.png'), fullPage: true });
  });

  it('runs the API on both builds, including its errors', async () => {
    const page = await open();
    // A string, so that Vitest does not rewrite the import() inside it; the page resolves /dist/index.js.
    const results = await page.evaluate<Array<[string, number, string]>>(`(async () => {
      const { loadJumok } = await import('/dist/index.js');
      const out = [];
      for (const simd of [true, false]) {
        const jm = await loadJumok({ simd });
        const f = (k) => Float32Array.from({ length: 24 }, (_, i) => Math.sin(i * k));
        const a = jm.attention({ queries: f(1), keys: f(2), values: f(3), batch: 1, heads: 2, queryLength: 3,
          keyLength: 3, headDim: 4, causal: true });
        const E = 8;
        const m = jm.multiHeadAttention({ query: Float32Array.from({ length: 3 * E }, (_, i) => Math.cos(i)), batch: 1,
          queryLength: 3, modelDim: E, heads: 2, inProjWeight: new Float32Array(3 * E * E).fill(0.05),
          outProjWeight: new Float32Array(E * E).fill(0.1), trace: true });
        let message = '';
        try { jm.attention({ queries: f(1), keys: f(2), values: f(3), batch: 1, heads: 2, queryLength: 3, keyLength: 3, headDim: 5 }); }
        catch (e) { message = e.message; }
        out.push([jm.backend, a.weights.reduce((s, x) => s + x, 0) + m.output.length, message]);
        jm.dispose();
      }
      return out;
    })()`);
    expect(results.map(([backend]) => backend)).toEqual(['wasm-simd128', 'wasm-scalar']);
    for (const [, sum, message] of results) {
      expect(sum).toBeCloseTo(6 + 24, 4); // 6 weight rows summing to 1, 24 output values
      expect(message).toMatch(/^attention: queries has 24 values, expected 30/);
    }
  });
});
