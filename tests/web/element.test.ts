// <jumok-attention> from the package's own files (dist/, built by scripts/build.sh lib),
// used the way a tutorial page would: one module script, no build step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SCREENSHOT_DIR, useBrowserSuite, type WatchedPage } from './harness.js';
import { cellColor, inkedPixels, layoutOf } from './pixels.js';

const PAGE = 'web/examples/two-widgets.html';
const ready = (id: string) => `#${id} .jm-root[data-ready="true"]`;

describe('<jumok-attention>', () => {
  const suite = useBrowserSuite(process.cwd());
  let w: WatchedPage;

  let wasmRequests: string[];
  let scriptRequests: string[];

  async function open() {
    w = await suite.newPage();
    wasmRequests = [];
    scriptRequests = [];
    w.page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.wasm')) wasmRequests.push(request.url());
      if (/\.m?js$/.test(path)) scriptRequests.push(path);
    });
    await w.page.goto(`${suite.origin}${PAGE}`);
    await w.page.waitForSelector(ready('english'));
    await w.page.waitForSelector(ready('korean'));
    return w.page;
  }

  it('draws two independent elements from attributes', async () => {
    const page = await open();
    expect(await inkedPixels(page, '#english .jm-heatmap')).toBeGreaterThan(5000);
    expect(await inkedPixels(page, '#korean .jm-heatmap')).toBeGreaterThan(5000);
    expect(await page.textContent('#english .jm-note')).toContain('head 1 of 8');
    expect(await page.textContent('#korean .jm-note')).toContain('헤드 1/4');
    // colormap="viridis": the first query sees only itself (causal), weight 1 → viridis(1) = #fde725.
    const [r, g, b] = await cellColor(page, '#korean .jm-heatmap', 0, 0);
    expect(r).toBeGreaterThan(230);
    expect(g).toBeGreaterThan(210);
    expect(b).toBeLessThan(60);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'element-two.png'), fullPage: true });
  });

  it('is one script, and the glue of the build it uses', async () => {
    await open();
    // In any order: the page preloads the glue.
    expect(scriptRequests.sort()).toEqual(['/dist/element.js', '/dist/wasm/jumok-simd.mjs']);
    // Bundling must not bring Vite's preload helper, which fires vite:preloadError on the host page.
    expect(readFileSync(join(process.cwd(), 'dist/element.js'), 'utf8')).not.toContain('vite:preloadError');
  });

  it('downloads and compiles the wasm once, and parses its styles once, for both elements', async () => {
    const page = await open();
    expect(wasmRequests).toHaveLength(1);
    expect(wasmRequests[0]).toMatch(/jumok-simd\.wasm$/);
    const sheets = await page.evaluate(() => {
      const [english, korean] = ['english', 'korean'].map((id) => document.getElementById(id)!.shadowRoot!.adoptedStyleSheets);
      return { english: english.length, korean: korean.length, shared: english[0] === korean[0] };
    });
    expect(sheets).toEqual({ english: 1, korean: 1, shared: true });
  });

  it('keeps page styles out and its own styles in (shadow DOM)', async () => {
    const page = await open();
    expect(await page.$eval('#english .jm-heatmap', (c) => getComputedStyle(c).borderTopWidth)).toBe('0px');
    expect(await page.$eval('#english .jm-toolbar', (t) => getComputedStyle(t).display)).toBe('flex');
    expect(await page.$eval('body', (b) => getComputedStyle(b).fontFamily)).toContain('system-ui');
  });

  it('reacts to attribute and property changes without touching the other element', async () => {
    const page = await open();
    const korean = await page.$eval('#korean .jm-heatmap', (c: HTMLCanvasElement) => c.toDataURL());
    await page.$eval('#english', (el) => el.setAttribute('heads', '2'));
    await page.waitForSelector('#english .jm-note:has-text("head 1 of 2")');
    await page.$eval('#english', (el) => { (el as unknown as { sentences: string[] }).sentences = ['Hello world'] ; });
    await page.waitForFunction(() => document.querySelector('#english')!.shadowRoot!.querySelector('.jm-source')!.textContent === 'Hello world');
    expect((await layoutOf(page, '#english .jm-heatmap')).rows).toBe(4);
    expect(await page.$eval('#korean .jm-heatmap', (c: HTMLCanvasElement) => c.toDataURL())).toBe(korean);
  });

  it('shows a notice for an unknown attribute value and keeps drawing', async () => {
    const page = await open();
    await page.$eval('#korean', (el) => el.setAttribute('view', 'sideways'));
    await page.waitForSelector('#korean .jm-notice:has-text("view")');
    expect(await page.textContent('#korean .jm-notice')).toContain('“sideways”');
    expect(await inkedPixels(page, '#korean .jm-heatmap')).toBeGreaterThan(5000);
  });

  it('follows its container when resized', async () => {
    const page = await open();
    const wide = (await layoutOf(page, '#english .jm-heatmap')).cell;
    await page.$eval('#english', (el) => { (el as HTMLElement).style.display = 'block'; (el as HTMLElement).style.width = '420px'; });
    await page.waitForFunction((wide) => JSON.parse(document.querySelector('#english')!.shadowRoot!
      .querySelector('.jm-heatmap')!.getAttribute('data-layout')!).cell < wide, wide);
  });

  it('controls="false" hides the toolbar', async () => {
    const page = await open();
    await page.evaluate(() => {
      const el = document.createElement('jumok-attention');
      el.id = 'bare';
      el.setAttribute('controls', 'false');
      el.setAttribute('sentences', 'I love you.');
      document.body.append(el);
    });
    await page.waitForSelector(ready('bare'));
    expect(await page.$eval('#bare', (el) => getComputedStyle(el.shadowRoot!.querySelector('.jm-toolbar')!).display)).toBe('none');
  });

  it('keeps the step view at 512 dimensions inside its container, which scrolls', async () => {
    const page = await open();
    await page.$eval('#english', (el) => el.setAttribute('view', 'steps'));
    await page.waitForSelector('#english .jm-steps');
    const widths = await page.$eval('#english', (el) => ({
      element: el.getBoundingClientRect().width, steps: el.shadowRoot!.querySelector('.jm-steps')!.getBoundingClientRect().width,
      page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
    }));
    expect(widths.steps).toBeLessThanOrEqual(widths.element);
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });

  it("keeps the tooltip inside a phone's width at the last column", async () => {
    const page = await open();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await page.waitForSelector(ready('english'));
    const { left, top, cell, columns } = await layoutOf(page, '#english .jm-heatmap');
    await page.hover('#english .jm-heatmap', { position: { x: left + (columns - 0.5) * cell, y: top + 0.5 * cell } });
    await page.waitForSelector('#english .jm-tooltip:not([hidden])');
    const box = await page.$eval('#english', (el) => ({
      tooltipRight: el.shadowRoot!.querySelector('.jm-tooltip')!.getBoundingClientRect().right,
      page: document.documentElement.scrollWidth,
    }));
    expect(box.tooltipRight).toBeLessThanOrEqual(375);
    expect(box.page).toBeLessThanOrEqual(375);
  });

  it("speaks its page's language without a lang of its own", async () => {
    const page = await open();
    await page.evaluate(() => {
      const section = document.createElement('section');
      section.lang = 'ko-KR';
      section.innerHTML = '<jumok-attention id="nested" sentences="I love you."></jumok-attention>';
      document.body.append(section);
    });
    await page.waitForSelector(ready('nested'));
    expect(await page.textContent('#nested .jm-note')).toContain('헤드 1/8');
    await page.$eval('#nested', (el) => el.setAttribute('lang', 'en'));
    await page.waitForSelector('#nested .jm-note:has-text("head 1 of 8")');
    await page.$eval('#nested', (el) => el.removeAttribute('lang'));
    await page.waitForSelector('#nested .jm-note:has-text("헤드 1/8")');
  });

  it('goes back to the default when an attribute is removed', async () => {
    const page = await open();
    await page.$eval('#korean', (el) => el.setAttribute('view', 'table'));
    await page.waitForSelector('#korean .jm-table');
    await page.$eval('#korean', (el) => el.removeAttribute('view'));
    await page.waitForSelector('#korean .jm-heatmap');
    expect(await page.$eval('#korean', (el) => (el as unknown as { view: string }).view)).toBe('head');
  });

  it('says the core could not load, not that the input is bad, and keeps the notices', async () => {
    const page = await open();
    await page.evaluate(() => {
      const el = document.createElement('jumok-attention');
      el.id = 'lost';
      for (const [name, value] of [['wasm-url', '/nowhere/'], ['lang', 'en'], ['heads', '0']]) el.setAttribute(name, value);
      document.body.append(el);
    });
    await page.waitForSelector('#lost .jm-root[data-ready="error"]');
    expect(await page.textContent('#lost .jm-notice')).toMatch(
      /^Could not load the attention core \(the \.wasm file\): loadJumok: .* · Ignored heads = “0”: expected an integer from 1 to 64\.$/);
    expect(w.consoleErrors.every((text) => text.includes('404'))).toBe(true);  // the browser's report of the missing file
    w.consoleErrors.length = 0;
  });

  it('removes and reloads cleanly', async () => {
    const page = await open();
    await page.$eval('#english', (el) => el.remove());
    expect(await page.locator('jumok-attention').count()).toBe(1);
    await page.reload();
    await page.waitForSelector(ready('english'));
    await page.waitForSelector(ready('korean'));
  });
});
