// The model features beyond the first views: the step view of a real layer, whole words, encoder / decoder /
// cross-attention, unknown words, [MASK] filling, and two elements with different models on one page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SCREENSHOT_DIR, useBrowserSuite, type WatchedPage } from './harness.js';
import { cellColor, isGrey, layoutOf } from './pixels.js';

const COREF_HEADS = JSON.parse(readFileSync(join(process.cwd(), 'web', 'models', 'jumok-coref', 'config.json'), 'utf8')).jumok.heads;
const [COREF_LAYER, COREF_HEAD] = COREF_HEADS.coreference[0] as [number, number];
const drawn = (model: string) => `.jm-root[data-ready="true"][data-model="${model}"]`;
const IT = "The animal didn't cross the street because it was too tired.";

async function tableValues(page: Page, scope = ''): Promise<{ rows: string[]; columns: string[]; values: number[][] }> {
  return page.$eval(`${scope} .jm-table`, (table) => ({
    rows: [...table.querySelectorAll('tbody th')].map((th) => th.textContent!),
    columns: [...table.querySelectorAll('thead th[scope="col"]')].map((th) => th.textContent!),
    values: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))),
  }));
}

describe('model features on the demo page', () => {
  const suite = useBrowserSuite(join(process.cwd(), 'build', 'demo'));
  let w: WatchedPage;

  async function open(hash: string) {
    w = await suite.newPage();
    await w.page.goto(`${suite.origin}#lang=en&${hash}`);
    await w.page.waitForSelector('.jm-root[data-ready="true"]');
    return w.page;
  }

  it('steps through a real layer: the trace of jumok-coref\'s layer 3, every stage with its shape', async () => {
    const page = await open(`model=jumok-coref&view=steps&layer=2&head=1&sentences=${encodeURIComponent(IT)}`);
    await page.waitForSelector(`${drawn('jumok-coref')} .jm-step`);
    const stages = await page.$$eval('.jm-step', (items) => items.map((item) => [
      (item as HTMLElement).dataset.stage, item.querySelector('.jm-step-shape')!.textContent]));
    expect(stages).toEqual([
      ['queries', '[L=16, dₖ=16]'], ['keys', '[S=16, dₖ=16]'], ['values', '[S=16, dᵥ=16]'],
      ['scores', '[L=16, S=16]'], ['scaled', '[L=16, S=16]'], ['masked', '[L=16, S=16]'], ['softmax', '[L=16, S=16]'],
      ['output', '[L=16, dᵥ=16]'], ['concat', '[L=16, E=64]'],
    ]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'features-steps.png'), fullPage: true });
  });

  it('steps through jumok-ko-en\'s cross-attention: decoder queries, encoder keys and values', async () => {
    const page = await open(`model=jumok-ko-en&attentionKind=cross&view=steps&layer=1&head=2&sentences=${encodeURIComponent('나는 아침에 커피를 마신다.')}`);
    await page.waitForSelector(`${drawn('jumok-ko-en')} .jm-step`);
    const stages = await page.$$eval('.jm-step', (items) => items.map((item) => item.querySelector('.jm-step-shape')!.textContent));
    expect(stages).toEqual(['[L=8, dₖ=16]', '[S=9, dₖ=16]', '[S=9, dᵥ=16]', '[L=8, S=9]', '[L=8, S=9]', '[L=8, S=9]', '[L=8, S=9]',
      '[L=8, dᵥ=16]', '[L=8, E=64]']);
  });

  it('names the raw score of a cell in the tooltip, from the layer\'s trace', async () => {
    const page = await open(`model=jumok-coref&layer=1&head=2&sentences=${encodeURIComponent(IT)}`);
    await page.waitForSelector(`${drawn('jumok-coref')} .jm-heatmap`);
    const { left, top, cell } = await layoutOf(page, '.jm-heatmap');
    await page.hover('.jm-heatmap', { position: { x: left + 2.5 * cell, y: top + 1.5 * cell } });
    await page.waitForSelector('.jm-tooltip:not([hidden])');
    expect(await page.textContent('.jm-tooltip')).toMatch(/^query The → key animal: \d\.\d\d \(score -?\d+\.\d\d\)$/);
  });

  it('aggregates pieces to whole words: a word\'s row is the mean of its pieces\' rows, its column the sum', async () => {
    const page = await open(`model=jumok-ko-en&view=table&sentences=${encodeURIComponent('나는 아침에 커피를 마신다.')}&crossWith=${encodeURIComponent('I drink coffee in the morning.')}`);
    await page.waitForSelector(`${drawn('jumok-ko-en')} .jm-table`);
    expect(await page.textContent('.jm-table caption')).toBe('Attention weights, layer 1 of 2, head 1 of 4: rows are queries, columns are keys');
    const pieces = await tableValues(page);
    expect(pieces.rows).toEqual(['나', '+는', '아침', '+에', '커피', '+를', '마신다', '.', '</s>']);
    await page.check('input[name="words"]');
    await page.waitForFunction(() => document.querySelectorAll('.jm-table tbody tr').length === 6);
    const words = await tableValues(page);
    expect(words.rows).toEqual(['나는', '아침에', '커피를', '마신다', '.', '</s>']);
    const groups = [[0, 1], [2, 3], [4, 5], [6], [7], [8]];
    groups.forEach((queries, i) => groups.forEach((keys, j) => {
      let sum = 0;
      for (const q of queries) for (const k of keys) sum += pieces.values[q][k];
      expect(Math.abs(words.values[i][j] - sum / queries.length), `${i},${j}`).toBeLessThan(0.004);  // tables print 3 decimals
    }));
    expect(page.url()).toContain('words=true');
  });

  it('switches between encoder self-attention, decoder self-attention (causal) and cross-attention', async () => {
    const page = await open(`model=jumok-ko-en&sentences=${encodeURIComponent('나는 아침에 커피를 마신다.')}`);
    await page.waitForSelector(`${drawn('jumok-ko-en')} .jm-heatmap`);
    expect(await page.textContent('.jm-prediction')).toContain('I drink coffee in the morning.');
    let layout = await layoutOf(page, '.jm-heatmap');
    expect([layout.rows, layout.columns]).toEqual([9, 9]);  // the source's 9 pieces
    await page.selectOption('select[name="attentionKind"]', 'decoder');
    await page.waitForSelector('.jm-note:has-text("Self-attention")');
    await page.waitForFunction(() => location.hash.includes('attentionKind=decoder'));
    layout = await layoutOf(page, '.jm-heatmap');
    expect([layout.rows, layout.columns]).toEqual([8, 8]);  // I drink coffee in the morning . </s>
    // The decoder reads its start token first: labelled by the vocabulary's piece for decoder_start_token_id.
    await page.click('button[data-view="table"]');
    await page.waitForSelector('.jm-table');
    expect(await page.$$eval('.jm-table thead th[scope="col"]', (ths) => ths.map((th) => th.textContent)))
      .toEqual(['<pad>', 'I', 'drink', 'coffee', 'in', 'the', 'morning', '.']);
    await page.click('button[data-view="head"]');
    await page.waitForSelector('.jm-heatmap');
    for (let i = 0; i < layout.rows; i++) {
      for (let j = 0; j < layout.columns; j++) expect(isGrey(await cellColor(page, '.jm-heatmap', i, j)), `${i},${j}`).toBe(j > i);
    }
    await page.selectOption('select[name="attentionKind"]', 'cross');
    await page.waitForSelector('.jm-note:has-text("Cross-attention")');
    layout = await layoutOf(page, '.jm-heatmap');
    expect([layout.rows, layout.columns]).toEqual([8, 9]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'features-cross.png'), fullPage: true });
  });

  it('says when the model names no head for a role, and draws the layer and head given', async () => {
    const page = await open(`model=jumok-coref&headRole=alignment&layer=0&head=1&sentences=${encodeURIComponent(IT)}`);
    await page.waitForSelector(drawn('jumok-coref'));
    expect(await page.textContent('.jm-notice')).toContain('This model\'s config.json names no alignment head (it names: coreference); the layer and head given are drawn.');
    expect(await page.textContent('.jm-note')).toContain('layer 1 of 3 · head 2 of 4');
  });

  it('names every word the model does not know', async () => {
    const page = await open(`model=jumok-coref&sentences=${encodeURIComponent("The zebra didn't cross the avenue.")}`);
    await page.waitForSelector(drawn('jumok-coref'));
    expect(await page.textContent('.jm-notice')).toContain('The model does not know “zebra”, “avenue”: it reads them as its unknown token.');
  });

  it('fills [MASK] with the MLM head\'s top 5', async () => {
    const page = await open(`model=jumok-coref&sentences=${encodeURIComponent("The animal didn't cross the [MASK] because it was too wide.")}`);
    await page.waitForSelector(`${drawn('jumok-coref')} .jm-prediction[data-kind="fill"]`);
    const probabilities = await page.$$eval('.jm-prediction li', (items) => items.map((li) => Number(/([\d.]+)%$/.exec(li.textContent!)![1])));
    expect(probabilities).toHaveLength(5);
    expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100.1);
  });
});

describe('<jumok-attention model>', () => {
  const suite = useBrowserSuite(process.cwd());

  it('draws two elements with different models, independent, from one compile', async () => {
    const { page } = await suite.newPage();
    const wasm: string[] = [];
    page.on('request', (request) => request.url().endsWith('.wasm') && wasm.push(request.url()));
    await page.goto(`${suite.origin}web/examples/models.html`);
    await page.waitForSelector(`#coref ${drawn('jumok-coref')} .jm-lines`);
    await page.waitForSelector(`#translate ${drawn('jumok-ko-en')} .jm-heatmap`);
    expect(wasm).toHaveLength(1);
    expect(await page.textContent('#translate .jm-translation')).toBe('I drink coffee in the morning.');
    const translate = await page.$eval('#translate .jm-heatmap', (c: HTMLCanvasElement) => c.toDataURL());
    // head-role follows the model's config.json (jumok.heads).
    expect(await page.textContent('#coref .jm-note')).toContain(`layer ${COREF_LAYER + 1} of 3 · head ${COREF_HEAD + 1} of 4`);
    await page.$eval('#coref', (el) => { el.removeAttribute('head-role'); el.setAttribute('layer', '0'); });
    await page.waitForSelector('#coref .jm-note:has-text("layer 1 of 3")');
    expect(await page.$eval('#translate .jm-heatmap', (c: HTMLCanvasElement) => c.toDataURL())).toBe(translate);
    expect(await page.textContent('#translate .jm-note')).toContain('layer 2 of 2 · head 3 of 4');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'features-two-models.png'), fullPage: true });
  });
});

describe('files dropped on Open a model…', () => {
  const suite = useBrowserSuite(join(process.cwd(), 'build', 'demo'));

  it('loads a model from dropped files, read in the page', async () => {
    const { page } = await suite.newPage();
    await page.goto(`${suite.origin}#lang=en&sentences=${encodeURIComponent(IT)}`);
    await page.waitForSelector('.jm-root[data-ready="true"]');
    await page.click('.jm-open-button');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    // The files a reader would drop, made in the page (here from the shipped model's bytes).
    await page.evaluate(async () => {
      const names = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'];
      const files = await Promise.all(names.map(async (name) =>
        new File([await (await fetch(`./models/jumok-coref/${name}`)).arrayBuffer()], name)));
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(file);
      document.querySelector('.jm-open')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('.jm-root[data-ready="true"][data-model="disk"] .jm-heatmap');
    expect(await page.textContent('.jm-note')).toContain('files from disk: bert, 3 layers × 4 heads');
    // Only the page's own fetches above; reading the dropped files requested nothing more.
    expect(requests.filter((path) => !path.startsWith('/models/jumok-coref/'))).toEqual([]);
  });
});

describe('a model from a folder URL', () => {
  const suite = useBrowserSuite(join(process.cwd(), 'build', 'demo'));

  it('is kept in Cache Storage, read from there on the next visit, and forgotten on request', async () => {
    const { page } = await suite.newPage();
    const weights: string[] = [];
    page.on('request', (request) => request.url().endsWith('.safetensors') && weights.push(request.url()));
    const hash = `lang=en&model=${encodeURIComponent('./models/jumok-coref/')}&view=lines&head=-1&sentences=${encodeURIComponent(IT)}`;
    await page.goto(`${suite.origin}#${hash}`);
    await page.waitForSelector(`.jm-root[data-ready="true"][data-model="./models/jumok-coref/"] .jm-lines`);
    expect(weights).toHaveLength(1);
    expect(await page.textContent('.jm-notice')).toContain('This model is kept in your browser for the next visit; “Open a model…” → “Forget downloaded models” removes it.');
    // Every head overlaid in its colour: four heads' lines, four chips.
    expect(await page.$eval('.jm-lines', (c) => new Set(JSON.parse(c.getAttribute('data-strongest')!).map((l: { head: number }) => l.head)).size)).toBe(4);
    expect(await page.locator('.jm-chip').count()).toBe(4);
    // A chip switches its head off and on in the overlay.
    await page.click('.jm-chip[data-head="0"]');
    await page.waitForSelector('.jm-chip[data-head="0"][aria-pressed="false"]');
    expect(await page.$eval('.jm-lines', (c) => [...new Set(JSON.parse(c.getAttribute('data-strongest')!).map((l: { head: number }) => l.head))])).toEqual([1, 2, 3]);
    await page.click('.jm-chip[data-head="0"]');
    await page.waitForSelector('.jm-chip[data-head="0"][aria-pressed="true"]');
    const cached = () => page.evaluate(async () => (await (await caches.open('jumok-models-v1')).keys()).map((r) => new URL(r.url).pathname).sort());
    expect(await cached()).toEqual(['/models/jumok-coref/config.json', '/models/jumok-coref/model.safetensors',
      '/models/jumok-coref/tokenizer.json', '/models/jumok-coref/tokenizer_config.json']);
    await page.reload();
    await page.waitForSelector(`.jm-root[data-ready="true"][data-model="./models/jumok-coref/"] .jm-lines`);
    expect(weights).toHaveLength(1);  // the second visit read the weights from the cache
    await page.click('.jm-open-button');
    await page.click('.jm-forget');
    await page.waitForSelector('.jm-forget:has-text("forgotten")');
    expect(await page.evaluate(() => caches.has('jumok-models-v1'))).toBe(false);
  });
});
