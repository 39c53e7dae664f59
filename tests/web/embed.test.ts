// Safe to embed: a malformed or hostile URL hash on the demo page, and elements added and removed many times
// on a host page, which must give back what they took (JS heap, DOM nodes, listeners).
import type { Server } from 'node:http';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, serveFolder, watchedPage, type WatchedPage } from './harness.js';
import { inkedPixels } from './pixels.js';

describe('safe to embed', () => {
  let browser: Browser;
  let servers: Server[] = [];
  let w: WatchedPage;
  let dialogs: string[];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
  });
  afterEach(async () => {
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    expect(dialogs).toEqual([]);
    await w.page.close();
  });

  async function open(root: string, path: string): Promise<Page> {
    const { url, server } = await serveFolder(root);
    servers.push(server);
    w = await watchedPage(browser, url);
    dialogs = [];
    // Registered before the page loads, so a dialog opened while it loads is counted too.
    w.page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    await w.page.goto(`${url}${path}`);
    return w.page;
  }

  it('demo: a malformed, hostile hash gives notices, draws, and runs nothing', async () => {
    const hash = [
      '%E0%A4%A', 'heads=abc', '&&', '=', 'view=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 'unknownKey=1',
      `sentences=${encodeURIComponent('<script>alert(2)</script><img src=x onerror=alert(3)> 안녕')}`, 'modelDim=99999',
      'mask', '%zz=%zz',
    ].join('&');
    const page = await open(join(process.cwd(), 'build', 'demo'), `#lang=en&${hash}`);
    await page.waitForSelector('.jm-root[data-ready="true"]');
    const notice = await page.textContent('.jm-notice');
    expect(notice).toContain('Ignored heads = “abc”: expected an integer from 1 to 64.');
    expect(notice).toContain('Ignored view = “<img src=x onerror=alert(1)>”: expected head, grid, steps, table, model, lines.');
    expect(notice).toContain('Ignored modelDim = “99999”: expected an integer from 2 to 2048.');
    expect(notice).toContain('Ignored unknownKey = “1”');
    expect(await page.textContent('.jm-source')).toBe('<script>alert(2)</script><img src=x onerror=alert(3)> 안녕');
    expect(await page.locator('.jm-root img, .jm-root script').count()).toBe(0);
    expect(await inkedPixels(page, '.jm-heatmap')).toBeGreaterThan(5000);
  });

  it('element: added and removed 20 times, gives back heap, nodes and listeners', async () => {
    const page = await open(process.cwd(), 'web/examples/two-widgets.html');
    await page.waitForSelector('#english .jm-root[data-ready="true"]');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const value = (name: string) => metrics.find((metric) => metric.name === name)!.value;
      return { heap: value('JSHeapUsedSize'), nodes: value('Nodes'), listeners: value('JSEventListeners') };
    };
    const cycle = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await page.evaluate((view) => {
          const el = document.createElement('jumok-attention');
          el.id = 'cycled';
          el.setAttribute('sentences', '철수가 사과를 먹었다.\nThe cat sat.');
          el.setAttribute('view', view);
          document.body.append(el);
        }, i % 2 ? 'grid' : 'steps');
        // waitForFunction, not waitForSelector: the ElementHandle that returns would keep the root alive.
        await page.waitForFunction(() =>
          document.getElementById('cycled')?.shadowRoot?.querySelector('.jm-root')?.getAttribute('data-ready') === 'true');
        await page.evaluate(() => document.getElementById('cycled')!.remove());
      }
    };
    await cycle(5); // warm-up: caches, fonts, compiled code
    const before = await measure();
    await cycle(20);
    const after = await measure();
    console.log(`element add/remove ×20: JS heap ${((after.heap - before.heap) / 1048576).toFixed(3)} MB, ` +
      `nodes ${after.nodes - before.nodes}, listeners ${after.listeners - before.listeners}`);
    expect(after.heap - before.heap).toBeLessThan(3 * 1024 * 1024);
    expect(after.nodes - before.nodes).toBeLessThanOrEqual(50);
    expect(after.listeners - before.listeners).toBeLessThanOrEqual(0);
  });
});
