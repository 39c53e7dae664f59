// The built demo page (scripts/build.sh demo) in Debian's Chromium.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, SCREENSHOT_DIR, serveFolder, watchedPage, type WatchedPage } from './harness.js';

const demoDir = join(process.cwd(), 'build', 'demo');

/** Counts the canvas pixels that are not (nearly) white: the heatmap's ink. */
async function inkedPixels(w: WatchedPage, selector: string): Promise<number> {
  return w.page.$eval(selector, (canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 700) count++;
    return count;
  });
}

async function canvasHash(w: WatchedPage, selector: string): Promise<string> {
  return w.page.$eval(selector, (canvas: HTMLCanvasElement) => canvas.toDataURL());
}

describe('demo page', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    ({ url: origin, server } = await serveFolder(demoDir));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('draws a Korean sentence as a heatmap with no console error and no foreign request', async () => {
    const w = await watchedPage(browser, origin);
    await w.page.goto(origin);
    await w.page.waitForSelector('#status:has-text("tokens")');
    expect(await w.page.textContent('#status')).toContain('wasm-simd128');
    expect(await inkedPixels(w, '#heatmap')).toBeGreaterThan(2000);
    await w.page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-korean.png'), fullPage: true });
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.page.close();
  });

  it('changes the picture when the head changes', async () => {
    const w = await watchedPage(browser, origin);
    await w.page.goto(origin);
    await w.page.waitForSelector('#status:has-text("tokens")');
    const before = await canvasHash(w, '#heatmap');
    await w.page.selectOption('#head', { value: '3' });
    await w.page.waitForSelector('#status:has-text("head 4")');
    expect(await canvasHash(w, '#heatmap')).not.toBe(before);
    await w.page.close();
  });

  it('works from a subfolder (relative base)', async () => {
    const { url, server: parent } = await serveFolder(join(process.cwd(), 'build'));
    const w = await watchedPage(browser, url);
    await w.page.goto(`${url}demo/`);
    await w.page.waitForSelector('#status:has-text("tokens")');
    expect(w.consoleErrors).toEqual([]);
    await w.page.close();
    parent.close();
  });
});
