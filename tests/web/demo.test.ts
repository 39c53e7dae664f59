// The built demo page (scripts/build.sh demo) in Debian's Chromium: every test
// also checks there was no console error and no request outside the page's origin.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SCREENSHOT_DIR, useBrowserSuite, type WatchedPage } from './harness.js';
import { cellColor, inkedPixels, isBluish, isGrey, layoutOf } from './pixels.js';

const HEATMAP = '.jm-heatmap';

describe('demo page', () => {
  const suite = useBrowserSuite(join(process.cwd(), 'build', 'demo'));
  let w: WatchedPage;

  async function open(hash = '') {
    w = await suite.newPage();
    await w.page.goto(`${suite.origin}${hash ? `#${hash}` : ''}`);
    await w.page.waitForSelector('.jm-root[data-ready="true"]');
    return w.page;
  }

  async function example(id: string) {
    await w.page.click(`[data-example="${id}"]`);
    await w.page.waitForFunction((id) => document.querySelector('.jm-root')?.getAttribute('data-ready') === 'true'
      && location.hash.length > 0 || id === 'none', id);
  }

  it('draws a Korean sentence as a heatmap with Korean labels', async () => {
    const page = await open();
    expect(await inkedPixels(page, HEATMAP)).toBeGreaterThan(5000);
    const layout = await layoutOf(page, HEATMAP);
    expect(layout.rows).toBe(9); // <sos> 철수 +가 사과 +를 맛있게 먹었다 . <eos>
    expect(isBluish(await cellColor(page, HEATMAP, 1, 1))).toBe(true);
    expect(await page.textContent('.jm-source')).toBe('철수가 사과를 맛있게 먹었다.');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-korean.png'), fullPage: true });
  });

  it('changes the picture when the head changes', async () => {
    const page = await open();
    const before = await page.$eval(HEATMAP, (c: HTMLCanvasElement) => c.toDataURL());
    await page.selectOption('select[name="head"]', { value: '3' });
    await page.waitForSelector('.jm-note:has-text("head 4 of 8")');
    expect(await page.$eval(HEATMAP, (c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);
  });

  it('masks the upper triangle with the causal mask', async () => {
    const page = await open('lang=en');
    await page.selectOption('select[name="mask"]', { value: 'causal' });
    await page.waitForFunction(() => location.hash.includes('mask=causal'));
    const { rows } = await layoutOf(page, HEATMAP);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) {
        const color = await cellColor(page, HEATMAP, i, j);
        expect(isGrey(color), `cell ${i},${j} ${color}`).toBe(j > i);
      }
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-causal.png'), fullPage: true });
  });

  it('shows a batch with its PAD columns masked', async () => {
    const page = await open('lang=en');
    await example('batch');
    const layout = await layoutOf(page, HEATMAP);
    const labels = await page.$eval(HEATMAP, (c) => c.getAttribute('aria-label'));
    expect(labels).toContain(`${layout.rows} × ${layout.columns}`);
    // Sentence 1 is the shortest: <sos> 나 +는 학교 +에 간다 . <eos> = 8 real tokens, then PAD.
    for (let j = 0; j < layout.columns; j++) expect(isGrey(await cellColor(page, HEATMAP, 0, j)), `column ${j}`).toBe(j >= 8);
    expect(await page.locator('select[name="row"] option').count()).toBe(3);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-batch.png'), fullPage: true });
  });

  it('draws cross-attention as an L × S heatmap', async () => {
    const page = await open('lang=en');
    await example('cross');
    const layout = await layoutOf(page, HEATMAP);
    // 나 +는 아침 +에 커피 +를 마신다 . + specials = 10 queries; I drink coffee in the morning . + specials = 9 keys
    expect([layout.rows, layout.columns]).toEqual([10, 9]);
    expect(await page.locator('.jm-source').count()).toBe(2);
    expect(await inkedPixels(page, HEATMAP)).toBeGreaterThan(5000);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-cross.png'), fullPage: true });
  });

  it('steps through every stage with its shape', async () => {
    const page = await open('lang=en');
    await example('steps');
    const stages = await page.$$eval('.jm-step', (items) => items.map((item) => [
      (item as HTMLElement).dataset.stage, item.querySelector('.jm-step-shape')!.textContent]));
    expect(stages).toEqual([
      ['queries', '[L=9, dₖ=8]'], ['keys', '[S=9, dₖ=8]'], ['values', '[S=9, dᵥ=8]'],
      ['scores', '[L=9, S=9]'], ['scaled', '[L=9, S=9]'], ['masked', '[L=9, S=9]'], ['softmax', '[L=9, S=9]'],
      ['output', '[L=9, dᵥ=8]'], ['concat', '[L=9, E=16]'], ['projected', '[L=9, E=16]'],
    ]);
    for (const canvas of await page.$$('.jm-step canvas')) {
      expect(await canvas.evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0)).toBe(true);
    }
    await page.selectOption('select[name="projection"]', { value: 'projected' });
    await page.waitForFunction(() => location.hash.includes('projection=projected'));
    expect(await page.locator('.jm-step').count()).toBe(10);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-steps.png'), fullPage: true });
  });

  it('shows all heads as thumbnails plus the average, and opens one on click', async () => {
    const page = await open('lang=en');
    await page.click('.jm-views button[data-view="grid"]');
    await page.waitForSelector('.jm-thumb');
    expect(await page.locator('.jm-thumb').count()).toBe(9);
    await page.click('.jm-thumb[data-head="5"]');
    await page.waitForSelector('.jm-note:has-text("head 6 of 8")');
    expect(await page.evaluate(() => location.hash)).toContain('head=5');
  });

  it('gives a tooltip on hover and announces cells on arrow keys', async () => {
    const page = await open('lang=en');
    const { left, top, cell } = await layoutOf(page, HEATMAP);
    await page.hover(HEATMAP, { position: { x: left + 3.5 * cell, y: top + 1.5 * cell } });
    expect(await page.textContent('.jm-tooltip')).toMatch(/^query 철수 → key 사과: 0\.\d\d \(score -?\d+\.\d\d\)$/);
    expect(await page.getAttribute('.jm-source .jm-token.jm-hl-query', 'data-index')).toBe('1');
    await page.focus(HEATMAP);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await page.textContent('.jm-sr')).toMatch(/^query 철수 → key 철수: 0\.\d\d/);
  });

  it('exports the matrix as CSV with token labels and as PNG', async () => {
    const page = await open('lang=en');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="csv"]')]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('query \\ key,<sos>,철수,가,사과,를,맛있게,먹었다,.,<eos>');
    expect(text.split('\r\n')).toHaveLength(11);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="png"]')]);
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // On white, not transparent: dark labels on a transparent PNG vanish on a dark slide.
    const corner = await page.evaluate(async (base64) => {
      const image = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))]));
      const context = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
      context.drawImage(image, 0, 0);
      return Array.from(context.getImageData(0, 0, 1, 1).data);
    }, bytes.toString('base64'));
    expect(corner).toEqual([255, 255, 255, 255]);
  });

  it('restores the view from the URL hash and reports bad values', async () => {
    const page = await open('lang=en&view=table&heads=4&modelDim=64&colormap=nope');
    expect(await page.locator('.jm-table tbody tr').count()).toBe(9);
    expect(await page.textContent('.jm-notice')).toContain('Ignored colormap = “nope”: expected blues, viridis, cividis.');
  });

  it('puts typed sentences into the URL once typing pauses, not on every key, and a reload shows them again', async () => {
    const page = await open('lang=en');
    await page.locator('#sentences').fill('');
    await page.evaluate(() => {
      const counted = window as unknown as { hashWrites: number };
      const replaceState = history.replaceState.bind(history);
      counted.hashWrites = 0;
      history.replaceState = (...args) => { counted.hashWrites++; replaceState(...args); };
    });
    const typed = 'the cat sat';
    await page.locator('#sentences').pressSequentially(typed, { delay: 5 });
    await page.waitForFunction((typed) => new URLSearchParams(location.hash.slice(1)).get('sentences') === typed, typed);
    // One write per key would be typed.length; typing paused only at the end.
    expect(await page.evaluate(() => (window as unknown as { hashWrites: number }).hashWrites)).toBeLessThan(typed.length);
    await page.reload();
    await page.waitForSelector('.jm-root[data-ready="true"]');
    expect(await page.textContent('.jm-source')).toBe('the cat sat');
    expect(await page.inputValue('#sentences')).toBe('the cat sat');
  });

  it('writes pending typing into the URL at once when the window loses focus (to copy the link)', async () => {
    const page = await open('lang=en');
    await page.locator('#sentences').fill('typed just before');
    const sentences = await page.evaluate(() => {
      window.dispatchEvent(new Event('blur'));
      return new URLSearchParams(location.hash.slice(1)).get('sentences');
    });
    expect(sentences).toBe('typed just before');
  });

  it('switches the interface to Korean', async () => {
    const page = await open('lang=ko');
    expect(await page.textContent('.jm-views')).toContain('모든 헤드');
    expect(await page.textContent('.jm-note')).toContain('헤드 1/8');
  });

  it('renders HTML in sentences as text, also through the hash', async () => {
    let dialogs = 0;
    const page = await open(`lang=en&sentences=${encodeURIComponent('<img src=x onerror=alert(1)> hi')}`);
    page.on('dialog', (dialog) => { dialogs++; void dialog.dismiss(); });
    expect(await page.textContent('.jm-source')).toBe('<img src=x onerror=alert(1)> hi');
    expect(await page.locator('.jm-root img').count()).toBe(0);
    expect(dialogs).toBe(0);
  });

  it('redraws for a narrower window', async () => {
    const sentence = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    const page = await open(`lang=en&sentences=${encodeURIComponent(sentence)}`);
    const wide = (await layoutOf(page, HEATMAP)).cell;
    await page.setViewportSize({ width: 700, height: 900 });
    await page.waitForFunction(({ selector, wide }) =>
      JSON.parse(document.querySelector(selector)!.getAttribute('data-layout')!).cell < wide, { selector: HEATMAP, wide });
  });

  it('stays usable with 300 tokens (labels thin out, canvas drawing)', async () => {
    const long = Array.from({ length: 298 }, (_, i) => `w${i}`).join(' ');
    const page = await open(`lang=en&maxTokens=300&sentences=${encodeURIComponent(long)}`);
    const layout = await layoutOf(page, HEATMAP);
    expect([layout.rows, layout.columns]).toEqual([300, 300]);
    expect(await inkedPixels(page, HEATMAP)).toBeGreaterThan(10000);
  });
});
