// Real models on the demo page: a checkpoint opened through the file input (stories260k, the pretrained Llama in
// ../shared/golden), the shipped jumok-coref ("it" example) and jumok-ko-en (translation example).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SCREENSHOT_DIR, useBrowserSuite, type WatchedPage } from './harness.js';

const STORIES = join(process.cwd(), '..', 'shared', 'golden', 'models', 'stories260k');
const STORIES_FILES = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'].map((f) => join(STORIES, f));
const EXPECTED = JSON.parse(readFileSync(join(STORIES, 'expected.json'), 'utf8')) as { prompts: string[]; logits: number[][] };
/** The head a teaching model's config.json names for a role ([layer, head], 0-based): the examples open it. */
const namedHead = (model: string, role: string): [number, number] =>
  JSON.parse(readFileSync(join(process.cwd(), 'build', 'demo', 'models', model, 'config.json'), 'utf8')).jumok.heads[role][0];
const [COREF_LAYER, COREF_HEAD] = namedHead('jumok-coref', 'coreference');
const [ALIGN_LAYER, ALIGN_HEAD] = namedHead('jumok-ko-en', 'alignment');
const drawn = (model: string) => `.jm-root[data-ready="true"][data-model="${model}"]`;
const LINES = '.jm-lines';

interface Strongest { head: number; query: number; key: number; weight: number }

async function strongestFrom(page: Page, head: number, query: string): Promise<string> {
  return page.$eval(LINES, (canvas, [head, query]) => {
    const queries = JSON.parse(canvas.getAttribute('data-queries')!) as string[];
    const keys = JSON.parse(canvas.getAttribute('data-keys')!) as string[];
    const lines = JSON.parse(canvas.getAttribute('data-strongest')!) as Strongest[];
    const line = lines.find((l) => l.head === head && queries[l.query] === query)!;
    return keys[line.key];
  }, [head, query] as const);
}

/** RGB at the middle of the line from query row i to key row j (CSS pixels of the lines canvas). */
async function lineMidpoint(page: Page, query: number, key: number): Promise<number[]> {
  return page.$eval(LINES, (canvas: HTMLCanvasElement, [query, key]) => {
    const layout = JSON.parse(canvas.dataset.layout!);
    const y = (i: number) => layout.top + (i + 0.5) * layout.rowHeight;
    const ratio = canvas.width / parseFloat(canvas.style.width);
    const x = Math.round(((layout.leftX + layout.rightX) / 2) * ratio), yMid = Math.round(((y(query) + y(key)) / 2) * ratio);
    return [...canvas.getContext('2d')!.getImageData(x, yMid, 1, 1).data];
  }, [query, key] as const);
}

describe('real models on the demo page', () => {
  const suite = useBrowserSuite(join(process.cwd(), 'build', 'demo'));
  let w: WatchedPage;

  async function open(hash = 'lang=en', viewport?: { width: number; height: number }) {
    w = await suite.newPage();
    if (viewport) await w.page.setViewportSize(viewport);
    await w.page.goto(`${suite.origin}#${hash}`);
    await w.page.waitForSelector('.jm-root[data-ready="true"]');
    return w.page;
  }

  it('opens stories260k through the file input: 5 layers × 8 heads, the layer changes the heatmap, the next token is the reference\'s', async () => {
    const page = await open();
    await page.fill('#sentences', EXPECTED.prompts[0]);
    await page.click('.jm-open-button');
    await page.setInputFiles('input[name="model-files"]', STORIES_FILES);
    await page.waitForSelector(drawn('disk'));
    // What was read, all of it, with the bar's last report; and what the model is.
    const bytes = STORIES_FILES.reduce((sum, file) => sum + statSync(file).size, 0);
    expect(await page.getAttribute('.jm-progress', 'data-loaded')).toBe(String(bytes));
    expect(await page.textContent('.jm-note')).toContain('files from disk: llama, 5 layers × 8 heads, 1.04 MB');
    expect(await page.textContent('.jm-notice')).toContain('opened from your disk: a link to this page cannot carry it');
    // The next-token list starts with the reference model's top token at the prompt's last position.
    const logits = EXPECTED.logits[0];
    const top = logits.indexOf(Math.max(...logits));
    expect(await page.getAttribute('.jm-prediction li:first-child', 'data-id')).toBe(String(top));
    // The heatmap changes with the layer.
    const first = await page.$eval('.jm-heatmap', (c: HTMLCanvasElement) => c.toDataURL());
    await page.selectOption('select[name="layer"]', { value: '3' });
    await page.waitForSelector('.jm-note:has-text("layer 4 of 5")');
    expect(await page.$eval('.jm-heatmap', (c: HTMLCanvasElement) => c.toDataURL())).not.toBe(first);
    // The model view: every layer × head plus each layer's average; a click opens one.
    await page.click('button[data-view="model"]');
    await page.waitForSelector('.jm-model-grid');
    expect(await page.$eval('.jm-model-grid', (g) => [g.getAttribute('data-layers'), g.getAttribute('data-heads')])).toEqual(['5', '8']);
    expect(await page.locator('.jm-model-thumb').count()).toBe(5 * 9);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'models-stories260k.png'), fullPage: true });
    await page.click('.jm-model-thumb[data-layer="4"][data-head="6"]');
    await page.waitForSelector('.jm-note:has-text("layer 5 of 5 · head 7 of 8")');
    // Continue: the top token is appended to the prompt, and the model runs again.
    const topText = (await page.textContent('.jm-prediction li:first-child'))!.match(/^"(.*)" /)![1];
    await page.click('.jm-continue');
    await page.waitForFunction((prompt) => (document.querySelector('#sentences') as HTMLTextAreaElement).value.length > prompt.length, EXPECTED.prompts[0]);
    expect(await page.inputValue('#sentences')).toBe(`${EXPECTED.prompts[0]} ${topText}`);  // the editor follows
    await page.waitForSelector(`.jm-heatmap[aria-label*="17 × 17"]`);  // one more token, one more row
    expect(page.url()).toContain('model=disk');
    // A link cannot carry the files: the reloaded page says so.
    await page.reload();
    await page.waitForSelector('.jm-root[data-ready="error"]');
    expect(await page.textContent('.jm-notice')).toContain('a model opened from someone’s disk, which a link cannot carry');
  });

  it('draws byte pieces of a Hangul syllable as the syllable, never bytes, and whole words as words', async () => {
    const page = await open('lang=en&view=table');
    await page.fill('#sentences', '한국 cat');
    await page.click('.jm-open-button');
    await page.setInputFiles('input[name="model-files"]', STORIES_FILES);
    await page.waitForSelector(`${drawn('disk')} .jm-table`);
    const headers = () => page.$$eval('.jm-table thead th[scope="col"]', (ths) => ths.map((th) => th.textContent));
    // SentencePiece with byte fallback: 한 is <0xED><0x95><0x9C>, each drawn as the syllable and its place.
    expect(await headers()).toEqual(['<s>', '▁', '+한 1/3', '한 2/3', '한 3/3', '+국 1/3', '국 2/3', '국 3/3', 'c', '+at']);
    expect(await page.textContent('.jm-source')).toBe('한국 cat');
    await page.check('input[name="words"]');
    await page.waitForFunction(() => document.querySelectorAll('.jm-table thead th[scope="col"]').length === 3);
    expect(await headers()).toEqual(['<s>', '한국', 'cat']);
  });

  it('opens the "it" example in jumok-coref\'s coreference head: strongest line it → animal (tired), it → street (wide)', async () => {
    const page = await open();
    await page.click('[data-example="pronoun"]');
    await page.waitForSelector(`${drawn('jumok-coref')} ${LINES}`);
    expect(await page.textContent('.jm-note')).toContain(`layer ${COREF_LAYER + 1} of 3 · head ${COREF_HEAD + 1} of 4`);
    expect(await strongestFrom(page, COREF_HEAD, 'it')).toBe('animal');
    const labels = await page.$eval(LINES, (c) => ({ q: JSON.parse(c.getAttribute('data-queries')!), k: JSON.parse(c.getAttribute('data-keys')!) }));
    const it = labels.q.indexOf('it'), animal = labels.k.indexOf('animal'), street = labels.k.indexOf('street');
    // By pixels, with "it" hovered (only its lines drawn): its line to "animal" is inked, the one to "street" is not.
    const layout = JSON.parse((await page.getAttribute(LINES, 'data-layout'))!);
    await page.hover(LINES, { position: { x: layout.leftX - 10, y: layout.top + (it + 0.5) * layout.rowHeight } });
    await page.waitForSelector(`${LINES}[data-focus="query:${it}"]`);
    const [r, g, b, a] = await lineMidpoint(page, it, animal);
    expect(a).toBeGreaterThan(200);
    expect(r + g + b).toBeLessThan(600);
    expect((await lineMidpoint(page, it, street))[3]).toBeLessThan(40);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'models-it-tired.png'), fullPage: true });
    await page.fill('#sentences', "The animal didn't cross the street because it was too wide.");
    await page.waitForFunction(() => JSON.parse(document.querySelector('.jm-lines')?.getAttribute('data-queries') ?? '[]').includes('wide'));
    expect(await strongestFrom(page, COREF_HEAD, 'it')).toBe('street');
  });

  it('shows the translation example\'s greedy translation and its alignment head', async () => {
    const page = await open();
    await page.click('[data-example="translation"]');
    await page.waitForSelector(`${drawn('jumok-ko-en')} .jm-heatmap`);
    expect(await page.textContent('.jm-note')).toContain(`layer ${ALIGN_LAYER + 1} of 2 · head ${ALIGN_HEAD + 1} of 4`);
    expect(await page.textContent('.jm-prediction .jm-translation')).toBe('I drink coffee in the morning.');
    expect(await page.textContent('.jm-note')).toContain('Cross-attention: each row is the token the decoder writes there');
    await page.click('button[data-view="lines"]');
    await page.waitForSelector(LINES);
    for (const [english, korean] of [['I', '나'], ['drink', '마신다'], ['coffee', '커피'], ['morning', '아침']]) {
      expect(await strongestFrom(page, ALIGN_HEAD, english), english).toBe(korean);
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'models-translation.png'), fullPage: true });
    // The reader's own translation is scored (teacher forcing), and the rows become its tokens.
    await page.fill('#cross-with', 'I drink tea in the morning.');
    await page.waitForSelector('.jm-prediction[data-kind="score"]');
    expect(await page.textContent('.jm-prediction')).toContain('log-probability');
  });

  for (const view of ['lines', 'model']) {
    it(`keeps the ${view} view inside a phone's width in Korean`, async () => {
      const sentence = encodeURIComponent("The animal didn't cross the street because it was too tired.");
      const page = await open(`lang=ko&model=jumok-coref&view=${view}&layer=${COREF_LAYER}&head=${COREF_HEAD}&sentences=${sentence}`, { width: 375, height: 800 });
      await page.waitForSelector(`${drawn('jumok-coref')} ${view === 'lines' ? LINES : '.jm-model-grid'}`);
      expect(await page.textContent('.jm-note')).toContain('jumok-coref: bert, 3층 × 헤드 4개');
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `models-phone-${view}.png`), fullPage: true });
    });
  }
});
