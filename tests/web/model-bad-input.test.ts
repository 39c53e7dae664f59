// Bad model input on the demo page: each gets a notice that says what was wrong and what was expected, and the
// widget keeps working (a good model draws afterwards).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { useBrowserSuite, type WatchedPage } from './harness.js';

const STORIES = join(process.cwd(), '..', 'shared', 'golden', 'models', 'stories260k');
const file = (name: string, buffer = readFileSync(join(STORIES, name))) => ({ name, mimeType: 'application/octet-stream', buffer });

describe('bad model input', () => {
  const suite = useBrowserSuite(join(process.cwd(), 'build', 'demo'));
  let w: WatchedPage;

  async function open(hash: string, outcome: 'true' | 'error' = 'true') {
    w = await suite.newPage();
    await w.page.goto(`${suite.origin}#lang=en&${hash}`);
    await w.page.waitForSelector(`.jm-root[data-ready="${outcome}"]`);
    return w.page;
  }

  /** The widget is alive: a shipped model still loads and draws. */
  async function stillWorks() {
    await w.page.selectOption('select[name="model"]', 'jumok-coref');
    await w.page.waitForSelector('.jm-root[data-ready="true"][data-model="jumok-coref"] .jm-heatmap');
  }

  it('a folder URL with no model: HTTP 404 named with the URL', async () => {
    const page = await open(`model=${encodeURIComponent('./models/nowhere/')}`, 'error');
    expect(await page.textContent('.jm-notice')).toMatch(/^Could not load or run this model: could not fetch http:\/\/127\.0\.0\.1:\d+\/models\/nowhere\/config\.json: HTTP 404/);
    expect(w.consoleErrors.every((text) => text.includes('404'))).toBe(true);  // the browser's report of the missing file
    w.consoleErrors.length = 0;
    await stillWorks();
  });

  it('files without config.json, or without weights, are named', async () => {
    const page = await open('');
    await page.click('.jm-open-button');
    await page.setInputFiles('input[name="model-files"]', [file('model.safetensors')]);
    await page.waitForSelector('.jm-root[data-ready="error"]');
    expect(await page.textContent('.jm-notice')).toContain('the files chosen (model.safetensors) have no config.json; expected config.json, model.safetensors (or shards) and tokenizer.json');
    await page.click('.jm-open-button');
    await page.setInputFiles('input[name="model-files"]', [file('config.json'), file('tokenizer.json')]);
    await page.waitForSelector('.jm-notice:has-text("have no model.safetensors")');
    await stillWorks();
  });

  it('a model without tokenizer.json: says the text cannot become tokens', async () => {
    const page = await open('');
    await page.click('.jm-open-button');
    await page.setInputFiles('input[name="model-files"]', [file('config.json'), file('model.safetensors')]);
    await page.waitForSelector('.jm-root[data-ready="error"]');
    expect(await page.textContent('.jm-notice')).toContain('Could not load or run this model: this model has no tokenizer.json: expected one beside config.json to turn text into tokens');
    await stillWorks();
  });

  it('a truncated safetensors file: the runtime\'s message', async () => {
    const page = await open('');
    await page.click('.jm-open-button');
    const weights = readFileSync(join(STORIES, 'model.safetensors'));
    await page.setInputFiles('input[name="model-files"]', [file('config.json'), file('tokenizer.json'), file('model.safetensors', weights.subarray(0, weights.length - 1000))]);
    await page.waitForSelector('.jm-root[data-ready="error"]');
    expect(await page.textContent('.jm-notice')).toMatch(/^Could not load or run this model: .*is the file truncated\?/);
    await stillWorks();
  });

  it('a model name that is neither shipped nor a URL is ignored with a notice; the toy is drawn', async () => {
    const page = await open('model=gpt5');
    expect(await page.textContent('.jm-notice')).toContain('Ignored model = “gpt5”: expected toy, jumok-ko-en, jumok-coref, or a model folder URL.');
    expect(await page.getAttribute('.jm-root', 'data-source')).toBe('toy');
  });

  it('a layer the model does not have: the last is drawn, and said', async () => {
    const page = await open('model=jumok-coref&layer=9');
    await page.waitForSelector('.jm-root[data-model="jumok-coref"]');
    expect(await page.textContent('.jm-notice')).toContain('There is no layer 10: this attention has 3 layers, so layer 3 is drawn.');
    expect(await page.textContent('.jm-note')).toContain('layer 3 of 3');
  });

  it('a text longer than the model\'s positions is cut there, and said', async () => {
    const page = await open(`model=jumok-coref&sentences=${encodeURIComponent('the animal was tired '.repeat(20))}`);
    await page.waitForSelector('.jm-root[data-model="jumok-coref"]');
    expect(await page.textContent('.jm-notice')).toContain('The text was cut at 32 tokens per sentence.');
    expect(await page.textContent('.jm-note')).toContain('32 tokens');
  });
});
