// The two page figures of the issue, measured in Debian's Chromium through playwright-core:
//   firstHeatmapMs — navigation start to the first heatmap drawn (the widget's
//                    performance mark 'jumok:first-heatmap'), demo served on 127.0.0.1
//   rerenderMs     — a new 32-token sentence, 8 heads: recompute + redraw, median of 15
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';

import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function firstHeatmap(page, url) {
  await page.goto(url);
  await page.waitForSelector('.jm-root[data-ready="true"]');
  return page.evaluate(() => performance.getEntriesByName('jumok:first-heatmap')[0].startTime);
}

/** One recompute + redraw of a 32-token sentence (30 words + <sos>/<eos>), timed inside the page. */
async function rerender(page, round) {
  return page.evaluate(async (round) => {
    const editor = document.querySelector('#sentences');
    editor.value = Array.from({ length: 30 }, (_, i) => `w${round}x${i}`).join(' ');
    const start = performance.now();
    editor.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 0)); // the widget renders in a microtask
    return performance.now() - start;
  }, round);
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

/** A bare static server, so the figure measures the page and not a dev server's first-request work. */
async function serve(root) {
  const server = createServer((request, response) => {
    let file = join(root, new URL(request.url, 'http://x').pathname);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

export async function pageFigures() {
  if (!existsSync('build/demo/index.html') || !existsSync('/usr/bin/chromium')) {
    return { firstHeatmapMs: null, rerenderMs: null, note: 'not measured: needs build/demo and /usr/bin/chromium' };
  }
  const { server, url } = await serve(join(process.cwd(), 'build/demo'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const loads = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage();
      loads.push(await firstHeatmap(page, url));
      await page.close();
    }
    const page = await browser.newPage();
    await firstHeatmap(page, url);
    const renders = [];
    for (let round = 0; round < 20; round++) renders.push(await rerender(page, round));
    return { firstHeatmapMs: +median(loads).toFixed(1), rerenderMs: +median(renders.slice(5)).toFixed(2),
      note: 'Chromium, demo page on 127.0.0.1, median of 5 loads / 15 re-renders' };
  } finally {
    await browser.close();
    server.close();
  }
}
