// Bad or unusual input given to <jumok-attention> through its attributes, the way a page author (or a page
// that copies its readers' text into the attribute) would: every case ends in a drawn view or a visible
// notice, never a console error, a NaN cell, an element that stops drawing, or text run as HTML.
// The README's bad-input table points at these tests by name.
import type { Server } from 'node:http';

import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, serveFolder, watchedPage, type WatchedPage } from './harness.js';

const PAGE = 'web/examples/two-widgets.html';

interface Outcome {
  ready: string | null;
  notice: string;
  error: boolean;
  source: string;
  columns: string[];
  cells: string[];
  elements: number;
}

describe('<jumok-attention> with bad input', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let w: WatchedPage;
  let dialogs: string[];
  let counter = 0;

  beforeAll(async () => {
    ({ url: origin, server } = await serveFolder(process.cwd()));
    browser = await launchChromium();
    w = await watchedPage(browser, origin);
    dialogs = [];
    w.page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    await w.page.goto(`${origin}${PAGE}`);
    await w.page.waitForSelector('#english .jm-root[data-ready="true"]');
  });
  afterAll(async () => {
    await w?.page.close();
    await browser?.close();
    server?.close();
  });
  afterEach(async () => {
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    expect(dialogs).toEqual([]);
    // The page still answers, and the first element still shows its heatmap.
    expect(await w.page.evaluate(() => 1 + 1)).toBe(2);
    expect(await w.page.$eval('#english .jm-root', (root) => root.getAttribute('data-ready'))).toBe('true');
  });

  /** A new element with these attributes (view="table", lang="en" unless given), once it has drawn or failed. */
  async function element(attributes: Record<string, string>): Promise<Outcome> {
    const id = `case${++counter}`;
    const page: Page = w.page;
    await page.evaluate(([id, attributes]) => {
      const el = document.createElement('jumok-attention');
      el.id = id;
      for (const [name, value] of Object.entries({ view: 'table', lang: 'en', ...attributes })) el.setAttribute(name, value);
      document.body.append(el);
    }, [id, attributes] as const);
    await page.waitForSelector(`#${id} .jm-root[data-ready]`, { timeout: 20_000 });
    const outcome = await page.$eval(`#${id}`, (el) => {
      const root = el.shadowRoot!;
      const texts = (selector: string) => [...root.querySelectorAll(selector)].map((node) => node.textContent ?? '');
      return {
        ready: root.querySelector('.jm-root')!.getAttribute('data-ready'),
        notice: root.querySelector('.jm-notice')?.textContent ?? '',
        error: root.querySelector('.jm-notice')?.classList.contains('jm-error') ?? false,
        source: texts('.jm-source').join('\n'),
        columns: texts('.jm-table thead th').slice(1),
        cells: texts('.jm-table tbody td'),
        // Anything but the widget's own elements would be text parsed as HTML.
        elements: root.querySelectorAll('img, script, iframe, object, embed, a, b, svg').length,
      };
    });
    return outcome;
  }

  /** Drawn: every cell a number from 0 to 1 (or −∞ where masked), never NaN. */
  function expectDrawn(outcome: Outcome) {
    expect(outcome.ready).toBe('true');
    expect(outcome.error).toBe(false);
    expect(outcome.cells.length).toBeGreaterThan(0);
    for (const cell of outcome.cells) {
      if (cell === '−∞') continue;
      expect(cell).toMatch(/^[01]\.\d{3}$/);
    }
    expect(outcome.elements).toBe(0);
  }

  it('empty sentences: a notice that says what is missing', async () => {
    const outcome = await element({ sentences: '' });
    expect(outcome.ready).toBe('error');
    expect(outcome.error).toBe(true);
    expect(outcome.notice).toBe('Cannot draw this input: no sentence: type at least one');
  });

  it('whitespace-only sentences: the same notice', async () => {
    const outcome = await element({ sentences: ' \n\t\u3000\u00A0 \n ' });
    expect(outcome.notice).toBe('Cannot draw this input: no sentence: type at least one');
  });

  it('only zero-width and control characters: drawn as <sos> <eos> alone', async () => {
    const outcome = await element({ sentences: '\u200B\uFEFF\u0007\u2060' });
    expectDrawn(outcome);
    expect(outcome.columns).toEqual(['<sos>', '<eos>']);
  });

  it('100,000 characters: capped at maxTokens, says so, draws', async () => {
    const outcome = await element({ sentences: '철수가 사과를 먹었다. The cat sat. '.repeat(3600) });
    expectDrawn(outcome);
    expect(outcome.columns).toHaveLength(128);
    expect(outcome.notice).toContain('The text was cut at 128 tokens per sentence.');
  });

  it('lone surrogates: drawn, shown as U+FFFD in the labels', async () => {
    const outcome = await element({ sentences: 'x\uD800y \uDC00 z' });
    expectDrawn(outcome);
    expect(outcome.columns).toEqual(['<sos>', 'x', '\uFFFD', 'y', '\uFFFD', 'z', '<eos>']);
  });

  it('control and zero-width characters inside words: dropped from the tokens', async () => {
    const outcome = await element({ sentences: 'tab\there\u0007bell a\u200Bb c\u00ADd' });
    expectDrawn(outcome);
    expect(outcome.columns).toEqual(['<sos>', 'tab', 'here', 'bell', 'a', 'b', 'cd', '<eos>']);
  });

  it('right-to-left text and bidi controls: drawn, words kept whole', async () => {
    const outcome = await element({ sentences: '\u202Eمرحبا بالعالم\u202C שלום עולם!' });
    expectDrawn(outcome);
    expect(outcome.columns).toEqual(['<sos>', 'مرحبا', 'بالعالم', 'שלום', 'עולם', '!', '<eos>']);
  });

  it('emoji sequences: one token each, a lone skin-tone modifier without the space before it', async () => {
    const outcome = await element({ sentences: '👩‍👩‍👧 🇰🇷 👍🏽 1️⃣ 🏻!' });
    expectDrawn(outcome);
    expect(outcome.columns).toEqual(['<sos>', '👩‍👩‍👧', '🇰🇷', '👍🏽', '1️⃣', '🏻', '!', '<eos>']);
  });

  it('HTML and script in a sentence: shown as text, nothing runs', async () => {
    const text = '<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>';
    const outcome = await element({ sentences: text });
    expectDrawn(outcome);
    expect(outcome.source).toBe(text);
    expect(outcome.columns).toContain('img');
  });

  it('HTML in an attribute value that is not allowed: the notice shows it as text', async () => {
    const outcome = await element({ mask: '<img src=x onerror=alert(1)>' });
    expectDrawn(outcome);
    expect(outcome.notice).toBe('Ignored mask = “<img src=x onerror=alert(1)>”: expected padding, causal, both, none.');
  });

  it.each([
    ['heads', '0', 'Ignored heads = “0”: expected an integer from 1 to 64.'],
    ['model-dim', '-5', 'Ignored model-dim = “-5”: expected an integer from 2 to 2048.'],
    ['max-tokens', '1e9', 'Ignored max-tokens = “1e9”: expected an integer from 1 to 1024.'],
    ['positional', 'yes', 'Ignored positional = “yes”: expected true or false.'],
    ['colormap', 'jet', 'Ignored colormap = “jet”: expected blues, viridis, cividis.'],
  ])('attribute %s="%s": default kept, notice shown', async (attribute, value, notice) => {
    const outcome = await element({ [attribute]: value });
    expectDrawn(outcome);
    expect(outcome.notice).toBe(notice);
  });

  it('more sentences than a batch holds: the first 8 drawn, and a notice says so', async () => {
    const outcome = await element({ sentences: Array.from({ length: 10 }, (_, i) => `Sentence ${i}.`).join('\n') });
    expectDrawn(outcome);
    expect(outcome.notice).toBe('sentences has 10 lines; a batch holds 8 sentences, so the first 8 are drawn.');
  });

  it('heads that do not divide model-dim: a notice that says what is expected', async () => {
    const outcome = await element({ heads: '3', 'model-dim': '64' });
    expect(outcome.ready).toBe('error');
    expect(outcome.notice).toBe('Cannot draw this input: model dimension 64 is not divisible by 3 heads; expected a multiple of the head count');
  });
});
