// Morpheme mode on the built demo page (scripts/build.sh demo): mecab-ko-dic downloads from the page's own
// origin only when the mode is chosen, with a progress bar, and the tooltip and the table name each token's
// part of speech. The harness also fails a test on any console error or request outside the origin.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_DICTIONARY_PATH } from '../../web/src/text/morphemes.js';
import { SCREENSHOT_DIR, useBrowserSuite, type WatchedPage } from './harness.js';
import { layoutOf } from './pixels.js';

const DEMO = join(process.cwd(), 'build', 'demo');
const DICTIONARY = new RegExp(`/${DEFAULT_DICTIONARY_PATH}[a-z_]+\\.dat\\.gz$`);
const HEATMAP = '.jm-heatmap';
// 28 MB fetched and inflated in the page on a busy 2-core machine; the timeout only catches a hang.
const LOAD_TIMEOUT_MS = 60_000;

describe('demo page, Korean morpheme mode', () => {
  beforeAll(() => {
    if (!existsSync(join(DEMO, DEFAULT_DICTIONARY_PATH, 'base.dat.gz'))) {
      throw new Error(`build/demo/${DEFAULT_DICTIONARY_PATH} is missing: scripts/build.sh demo copies node_modules/kuromoji-ko/dict there`);
    }
  });
  const suite = useBrowserSuite(DEMO);

  async function open(hash: string, ready = 'true', prepare?: (w: WatchedPage) => Promise<unknown>) {
    const w = await suite.newPage();
    const dictionaryRequests: string[] = [];
    w.page.on('request', (request) => DICTIONARY.test(request.url()) && dictionaryRequests.push(request.url()));
    await prepare?.(w);
    await w.page.goto(`${suite.origin}#${hash}`);
    await w.page.waitForSelector(`.jm-root[data-ready="${ready}"]`, { timeout: LOAD_TIMEOUT_MS });
    return { page: w.page, dictionaryRequests, consoleErrors: w.consoleErrors };
  }

  it('loads nothing of the dictionary until the mode is chosen, then shows the download and the morphemes', async () => {
    const { page, dictionaryRequests } = await open('lang=en');
    expect(dictionaryRequests).toEqual([]);
    // Every value the bar takes, from the first change on.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const bar = document.querySelector('#dictionary-progress')!;
      new MutationObserver(() => seen.push(bar.getAttribute('value') ?? '')).observe(bar, { attributes: true });
    });
    await page.selectOption('#korean', 'morpheme');
    expect(await page.isVisible('#dictionary-progress')).toBe(true);
    await page.waitForSelector('#dictionary-loading', { state: 'hidden', timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => location.hash.includes('korean=morpheme'));
    await page.waitForSelector('.jm-root[data-ready="true"]');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen.map(Number));
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(2); // it moved on the way, not only at the end
    expect(dictionaryRequests).toHaveLength(12);
    for (const url of dictionaryRequests) expect(url.startsWith(suite.origin)).toBe(true);
    // <sos> 철수 +가 사과 +를 맛있 +게 먹 +었 +다 . <eos>
    expect((await layoutOf(page, HEATMAP)).rows).toBe(12);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-morpheme.png'), fullPage: true });
  }, LOAD_TIMEOUT_MS);

  it('names the part of speech in the tooltip and the table', async () => {
    const { page } = await open('lang=en&korean=morpheme');
    const { left, top, cell } = await layoutOf(page, HEATMAP);
    await page.hover(HEATMAP, { position: { x: left + 2.5 * cell, y: top + 1.5 * cell } });
    expect(await page.textContent('.jm-tooltip')).toMatch(/^query 철수 \(NNG\) → key \+가 \(JKS\): 0\.\d\d/);
    await page.click('.jm-views button[data-view="table"]');
    await page.waitForSelector('.jm-table');
    const headers = await page.locator('.jm-table thead th').allTextContents();
    expect(headers.slice(1)).toEqual(['<sos>', '철수 (NNG)', '+가 (JKS)', '사과 (NNG)', '+를 (JKO)', '맛있 (VA)', '+게 (EC)',
      '먹 (VV)', '+었 (EP)', '+다 (EF)', '. (SF)', '<eos>']);
  }, LOAD_TIMEOUT_MS);

  it('a dictionary file the server does not have: the widget names it and says what was expected', async () => {
    const missing = `${DEFAULT_DICTIONARY_PATH}base.dat.gz`;
    const { page, consoleErrors } = await open('lang=en&korean=morpheme', 'error',
      (w) => w.page.route(`**/${missing}`, (route) => route.fulfill({ status: 404, body: 'not found' })));
    expect(await page.textContent('.jm-notice')).toMatch(new RegExp(`loadMorphemes: the mecab-ko-dic file \\S+/${missing} ` +
      'answered HTTP 404, expected the files of kuromoji-ko/dict served there \\(or dictionaryUrl pointing where they are\\)'));
    await page.waitForSelector('#dictionary-loading', { state: 'hidden' });
    // The browser logs the 404 itself: that one console error is this test's, not a fault.
    expect(consoleErrors).toEqual([expect.stringContaining('404')]);
    consoleErrors.length = 0;
  }, LOAD_TIMEOUT_MS);
});
