// Own numbers: <jumok-attention src="…"> and the attention property draw attention computed elsewhere, exactly,
// and refuse anything that would draw a wrong picture with a notice that names the problem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SCREENSHOT_DIR, useBrowserSuite } from './harness.js';
import { cellColor, layoutOf } from './pixels.js';

const PAGE = 'web/examples/own-numbers.html';
const FILE = JSON.parse(readFileSync(join(process.cwd(), 'web/examples/attention.json'), 'utf8')) as { tokens: string[]; attention: number[][][] };
const ready = (id: string) => `#${id} .jm-root[data-ready="true"]`;
const failed = (id: string) => `#${id} .jm-root[data-ready="error"]`;

describe('own numbers', () => {
  const suite = useBrowserSuite(process.cwd());

  async function open(): Promise<Page> {
    const { page } = await suite.newPage();
    await page.goto(`${suite.origin}${PAGE}`);
    await page.waitForSelector(ready('from-file'));
    await page.waitForSelector(ready('from-script'));
    return page;
  }

  /** Hands the second element an object through its attention property, and waits for it to draw or refuse. */
  async function give(page: Page, data: unknown, outcome: 'drawn' | 'refused') {
    await page.$eval('#from-script', (el, data) => {
      el.shadowRoot!.querySelector('.jm-root')!.removeAttribute('data-ready');
      (el as unknown as { attention: unknown }).attention = data;
    }, data);
    await page.waitForSelector(outcome === 'drawn' ? ready('from-script') : failed('from-script'));
    return page.textContent('#from-script .jm-notice');
  }

  it('draws the file\'s exact values: table cells, heatmap colours and labels', async () => {
    const page = await open();
    const layout = await layoutOf(page, '#from-file .jm-heatmap');
    expect([layout.rows, layout.columns]).toEqual([5, 5]);
    // Darker for larger weights, in the order of the file's values (head 1, row 3: 0.05 0.05 0.40 0.45 0.05).
    const light = await cellColor(page, '#from-file .jm-heatmap', 3, 0), mid = await cellColor(page, '#from-file .jm-heatmap', 3, 2);
    const dark = await cellColor(page, '#from-file .jm-heatmap', 3, 3);
    expect(light[0]).toBeGreaterThan(mid[0]);
    expect(mid[0]).toBeGreaterThan(dark[0]);
    for (const head of [0, 1]) {
      await page.$eval('#from-file', (el, head) => { el.setAttribute('view', 'table'); el.setAttribute('head', String(head)); }, head);
      await page.waitForSelector(`#from-file .jm-table caption:has-text("head ${head + 1} of 2")`);
      const cells = await page.$$eval('#from-file .jm-table tbody tr', (rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].map((td) => Number(td.textContent))));
      expect(cells).toEqual(FILE.attention[head].map((row) => row.map((v) => Number(v.toFixed(3)))));
      expect(await page.$$eval('#from-file .jm-table thead th[scope="col"]', (ths) => ths.map((th) => th.textContent))).toEqual(FILE.tokens);
    }
    expect(await page.textContent('#from-file .jm-notice')).toBe('');
  });

  it('reads Hugging Face\'s [layers][batch][heads][L][S] from the property: 2 layers in the model view', async () => {
    const page = await open();
    expect(await page.$eval('#from-script .jm-model-grid', (grid) => [grid.getAttribute('data-layers'), grid.getAttribute('data-heads')]))
      .toEqual(['2', '1']);
    expect(await page.locator('#from-script .jm-model-thumb').count()).toBe(4);  // 2 layers × (1 head + average)
    await page.click('#from-script .jm-model-thumb[data-layer="1"][data-head="0"]');
    await page.waitForSelector('#from-script .jm-note:has-text("layer 2 of 2")');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'own-numbers.png'), fullPage: true });
  });

  it('refuses broken numbers with a notice that names the problem, then draws good ones again', async () => {
    const page = await open();
    const tokens = ['a', 'b'];
    const cases: [unknown, string][] = [
      [[[1]], 'expected a JSON object'],
      [{ attention: [[1, 0], [0, 1]] }, 'there is no "tokens"'],
      [{ tokens, attention: [[1, 0], [0]] }, 'attention[1] has 1 entries where the others have 2'],
      [{ tokens, attention: [[1, 0, 0], [0, 1, 0]] }, 'attention[0] has 3 entries but "tokens" has 2 tokens'],
      [{ tokens, attention: [[1, 0], [0, 1], [0.5, 0.5]] }, 'attention has 3 entries but "tokens" has 2 tokens'],
      [{ tokens, attention: [[Number.NaN, 1], [0, 1]] }, 'attention[0][0] is NaN; expected a finite number'],
      [{ tokens, attention: [[1, '0'], [0, 1]] }, 'attention[0][1] is "0"; expected a finite number'],
      [{ tokens, attention: [[1.5, -0.5], [0, 1]] }, 'attention[0][1] is -0.5; expected attention weights of 0 or more'],
      [{ tokens, attention: [[[[1, 0]]]] }, 'nested 4 deep'],
      [{ tokens: [], attention: [[1]] }, '"tokens" must be a non-empty array of strings'],
    ];
    for (const [data, message] of cases) {
      const notice = await give(page, data, 'refused');
      expect(notice, JSON.stringify(data)).toContain('Cannot draw these numbers');
      expect(notice, JSON.stringify(data)).toContain(message);
      expect(await page.locator('#from-script .jm-view canvas').count()).toBe(0);  // no picture at all, never a wrong one
    }
    // Rows that do not sum to 1 are drawn, with a notice.
    const notice = await give(page, { tokens, attention: [[0.5, 0.3], [0, 1]] }, 'drawn');
    expect(notice).toContain('1 row does not sum to 1 (attention[0] sums to 0.800); drawn as given.');
    await give(page, { tokens, queryTokens: undefined, attention: [[0.25, 0.75], [1, 0]] }, 'drawn');
    expect(await page.textContent('#from-script .jm-notice')).toBe('');
  });

  it('takes an attention property set before element.js has run', async () => {
    const { page } = await suite.newPage();
    await page.route(`${suite.origin}early.html`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
      <html><head><link rel="icon" href="data:,"></head><body><jumok-attention id="early" lang="en"></jumok-attention>
      <script>document.getElementById('early').attention = { tokens: ['a', 'b'], attention: [[0.25, 0.75], [1, 0]] };</script>
      <script type="module" src="dist/element.js"></script></body></html>` }));
    await page.goto(`${suite.origin}early.html`);
    await page.waitForSelector(ready('early'));
    expect(await page.getAttribute('#early .jm-root', 'data-source')).toBe('numbers');
  });

  it('draws cross-attention with separate query and key tokens', async () => {
    const page = await open();
    await give(page, { queryTokens: ['I', 'drink'], keyTokens: ['나는', '마신다', '.'], attention: [[0.9, 0.05, 0.05], [0.1, 0.8, 0.1]] }, 'drawn');
    await page.$eval('#from-script', (el) => el.setAttribute('view', 'table'));
    await page.waitForSelector('#from-script .jm-table');
    expect(await page.$$eval('#from-script .jm-table tbody th', (ths) => ths.map((th) => th.textContent))).toEqual(['I', 'drink']);
    expect(await page.$$eval('#from-script .jm-table thead th[scope="col"]', (ths) => ths.map((th) => th.textContent))).toEqual(['나는', '마신다', '.']);
    expect(await page.textContent('#from-script .jm-note')).toContain('Cross-attention');
    expect(await page.locator('#from-script .jm-source').count()).toBe(2);
  });

  it('says a src that is not JSON, or not there, is wrong', async () => {
    const w = await suite.newPage();
    const page = w.page;
    await page.route('**/broken.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"tokens": ["a"], "attention": [[1]' }));
    await page.goto(`${suite.origin}${PAGE}`);
    await page.waitForSelector(ready('from-file'));
    await page.$eval('#from-file', (el) => el.setAttribute('src', 'broken.json'));
    await page.waitForSelector(failed('from-file'));
    expect(await page.textContent('#from-file .jm-notice')).toContain('Cannot draw these numbers: the file is not JSON');
    await page.$eval('#from-file', (el) => el.setAttribute('src', 'nowhere.json'));
    await page.waitForSelector('#from-file .jm-notice:has-text("HTTP 404")');
    expect(await page.textContent('#from-file .jm-notice')).toMatch(/could not fetch http:\/\/127\.0\.0\.1:\d+\/web\/examples\/nowhere\.json: HTTP 404/);
    expect(w.consoleErrors.every((text) => text.includes('404'))).toBe(true);  // the browser's report of the missing file
    w.consoleErrors.length = 0;
  });
});
