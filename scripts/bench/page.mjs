// The two page figures of the issue, one for tutorial pages, and the attention rows inside a page, measured in
// Debian's Chromium through playwright-core:
//   firstHeatmapMs     — navigation start to the first heatmap drawn (the widget's performance mark
//                        'jumok:first-heatmap'), demo served on 127.0.0.1: median of LOADS loads, each in a
//                        new page of one browser. The first load of a fresh browser, which also pays the
//                        browser's own start-up work, is reported apart as firstHeatmapColdMs (it was 1 of
//                        5 loads, and moved the median by tens of ms).
//   rerenderMs         — a new 32-token sentence, 8 heads: recompute + redraw, median of 15
//   sixElementsMs      — six <jumok-attention> elements from the package (dist/element.js) on one page:
//                        navigation start to the last of them drawn, median of ELEMENT_LOADS loads
//   model              — the same first heatmap and re-render with the shipped jumok-coref (the toy's beside
//                        them, measured in the same run), and the model view of 12 layers × 12 heads for 64
//                        tokens: its drawing alone (the widget's 'jumok:view' measure), on own numbers of that
//                        shape (no such checkpoint ships; the figure is "drawn after its forward pass")
//   attention          — run.mjs's attention rows measured inside a blank page (browser.mjs): what a page
//                        importing the package gets from Chromium's V8, which is not Node's. The page is
//                        not cross-origin isolated, so performance.now() there is coarsened to 0.1 ms: at
//                        most 0.5% of a 20 ms sample.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { median } from './measure.mjs';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const LOADS = 11;
const ELEMENT_LOADS = 7;
const SENTENCES = ["The animal didn't cross the street because it was too tired.", '철수가 사과를 맛있게 먹었다.',
  'I love you.', '나는 학교에 간다.', 'The cat sat on the mat.', '어텐션은 행마다 합이 1이다.'];
const HEAD = '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">';
// The package server's in-memory pages, by path.
const SIX_ELEMENTS_PAGE = '/six-elements.html', BLANK_PAGE = '/blank.html', MODEL_VIEW_PAGE = '/model-view.html';
const MODEL_HASH = `model=jumok-coref&sentences=${encodeURIComponent(SENTENCES[0])}`;
const MODEL_VIEW_DRAWS = 9;
const PACKAGE_PAGES = {
  [SIX_ELEMENTS_PAGE]: `${HEAD}<script type="module" src="./dist/element.js"></script></head><body>
${SENTENCES.map((sentence) => `<jumok-attention sentences="${sentence}"></jumok-attention>`).join('\n')}
</body></html>`,
  [BLANK_PAGE]: `${HEAD}</head><body></body></html>`,
  [MODEL_VIEW_PAGE]: `${HEAD}<script type="module" src="./dist/element.js"></script></head><body>
<jumok-attention id="numbers" view="head" lang="en"></jumok-attention></body></html>`,
};
const BROWSER_MODULE = fileURLToPath(new URL('./browser.mjs', import.meta.url));

async function firstHeatmap(page, url, model = null) {
  await page.goto(url);
  await page.waitForSelector(model ? `.jm-root[data-ready="true"][data-model="${model}"]` : '.jm-root[data-ready="true"]');
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

/**
 * Navigation start to the last of the page's <jumok-attention> elements drawn (each marks its first heatmap).
 * Waits for each to be drawn or to fail (data-ready="error"), so a failure is reported at once, not as a timeout.
 */
async function allElements(page, url) {
  await page.goto(url);
  const states = () => [...document.querySelectorAll('jumok-attention')]
    .map((element) => element.shadowRoot?.querySelector('.jm-root')?.dataset.ready);
  await page.waitForFunction(`(${states})().every((ready) => ready === 'true' || ready === 'error')`, null, { polling: 50 });
  const failed = (await page.evaluate(states)).filter((ready) => ready === 'error').length;
  if (failed) throw new Error(`${failed} of the elements drew an error`);
  return page.evaluate(() => Math.max(...performance.getEntriesByName('jumok:first-heatmap').map((mark) => mark.startTime)));
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

/**
 * A bare static server, so the figure measures the page and not a dev server's first-request work.
 * `pages` are served from memory, by path.
 */
async function serve(root, pages = {}) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (pages[path]) return void response.writeHead(200, { 'content-type': TYPES['.html'] }).end(pages[path]);
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/** The demo's figures: first heatmap over 1 + LOADS loads (the first apart), then re-renders. */
async function demoFigures(browser, url, model = null) {
  const loads = [];
  for (let i = 0; i < 1 + LOADS; i++) {
    const page = await browser.newPage();
    loads.push(await firstHeatmap(page, url, model));
    await page.close();
  }
  const [cold, ...warm] = loads;
  const page = await browser.newPage();
  await firstHeatmap(page, url, model);
  const renders = [];
  for (let round = 0; round < 20; round++) renders.push(await rerender(page, round));
  await page.close();
  return { firstHeatmapMs: +median(warm).toFixed(1), firstHeatmapColdMs: +cold.toFixed(1),
    rerenderMs: +median(renders.slice(5)).toFixed(2) };
}

/** The model view of [12 layers][1][12 heads][64][64] own numbers: the drawing's duration, median of the draws. */
async function modelView(browser, url) {
  const page = await browser.newPage();
  try {
    await page.goto(new URL(MODEL_VIEW_PAGE, url).href);
    await page.waitForFunction(() => customElements.get('jumok-attention'));
    const draws = await page.evaluate(async (count) => {
      const n = 64, heads = 12, layers = 12;
      let seed = 1;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const row = () => { const r = Array.from({ length: n }, random); const s = r.reduce((a, b) => a + b, 0); return r.map((v) => v / s); };
      const element = document.getElementById('numbers');
      element.attention = { tokens: Array.from({ length: n }, (_, k) => `t${k}`),
        attention: Array.from({ length: layers }, () => [Array.from({ length: heads }, () => Array.from({ length: n }, row))]) };
      const drawn = (view) => new Promise((resolve) => {
        const root = () => element.shadowRoot?.querySelector('.jm-root');
        const poll = () => (root()?.dataset.ready === 'true' && root()?.querySelector(`.jm-view[data-view="${view}"]`) ? resolve() : setTimeout(poll, 5));
        poll();
      });
      const durations = [];
      for (let i = 0; i < 2 * count; i++) {
        const view = i % 2 ? 'model' : 'head';
        performance.clearMeasures('jumok:view');
        element.setAttribute('view', view);
        await drawn(view);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const measures = performance.getEntriesByName('jumok:view');
        if (view === 'model' && measures.length) durations.push(measures[measures.length - 1].duration);
      }
      return durations;
    }, MODEL_VIEW_DRAWS);
    if (draws.length === 0) throw new Error('the model view recorded no jumok:view measure');
    return +median(draws).toFixed(1);
  } finally {
    await page.close();
  }
}

async function sixElements(browser, url) {
  const loads = [];
  for (let i = 0; i < ELEMENT_LOADS; i++) {
    const page = await browser.newPage();
    loads.push(await allElements(page, new URL(SIX_ELEMENTS_PAGE, url).href));
    await page.close();
  }
  return +median(loads).toFixed(1);
}

/**
 * browser.mjs's rounds, in a blank page of the package's server (which serves `root`).
 * attention: { sizes, heads, headDim, sampling, peakFile, peakIterations, ortBundleFile (or null) }.
 */
async function attentionInPage(browser, url, root, attention) {
  const { peakFile, peakIterations, ortBundleFile, ...options } = attention;
  const served = (file) => `/${relative(root, file)}`;
  const page = await browser.newPage();
  try {
    await page.goto(new URL(BLANK_PAGE, url).href);
    return await page.evaluate(async ({ module, options }) => (await import(module)).measureAttention(options), {
      module: served(BROWSER_MODULE),
      options: { ...options, peak: { url: served(peakFile), iterations: peakIterations },
        ortUrl: ortBundleFile && served(ortBundleFile) },
    });
  } finally {
    await page.close();
  }
}

/**
 * The page figures, with the demo (build/demo) and the package (dist) of the repository at `root`.
 * attention: the attention rows' options (attentionInPage), or null to skip that figure.
 */
export async function pageFigures(root, attention) {
  const figures = { firstHeatmapMs: null, firstHeatmapColdMs: null, rerenderMs: null, sixElementsMs: null, attention: null,
    model: { firstHeatmapMs: null, firstHeatmapColdMs: null, rerenderMs: null, modelViewMs: null } };
  const demoRoot = join(root, 'build/demo');
  if (!existsSync(join(demoRoot, 'index.html')) || !existsSync(join(root, 'dist/element.js')) || !existsSync('/usr/bin/chromium')) {
    return { ...figures, note: 'not measured: needs build/demo, dist and /usr/bin/chromium' };
  }
  const notes = [`Chromium, pages on 127.0.0.1, medians of ${LOADS} loads / 15 re-renders / ${ELEMENT_LOADS} loads`];
  const servers = [];
  let browser;
  try {
    const demo = await serve(demoRoot);
    servers.push(demo.server);
    const pack = await serve(root, PACKAGE_PAGES);
    servers.push(pack.server);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // A failed figure stays null with its reason in the note; the rest of the bench is still written.
    try {
      Object.assign(figures, await demoFigures(browser, demo.url));
    } catch (error) {
      notes.push(`demo not measured: ${error.message}`);
    }
    try {
      Object.assign(figures.model, await demoFigures(browser, `${demo.url}#${MODEL_HASH}`, 'jumok-coref'));
    } catch (error) {
      notes.push(`demo with jumok-coref not measured: ${error.message}`);
    }
    try {
      figures.model.modelViewMs = await modelView(browser, pack.url);
    } catch (error) {
      notes.push(`model view not measured: ${error.message}`);
    }
    try {
      figures.sixElementsMs = await sixElements(browser, pack.url);
    } catch (error) {
      notes.push(`six elements not measured: ${error.message}`);
    }
    try {
      if (attention) figures.attention = { chromium: browser.version(), ...(await attentionInPage(browser, pack.url, root, attention)) };
      if (figures.attention?.ortError) notes.push(`ONNX Runtime Web in the page skipped: ${figures.attention.ortError}`);
    } catch (error) {
      notes.push(`attention in the page not measured: ${error.message}`);
    }
  } catch (error) {
    notes.push(`not measured: ${error.message}`);
  } finally {
    await browser?.close();
    for (const server of servers) server.close();
  }
  return { ...figures, note: notes.join('; ') };
}
