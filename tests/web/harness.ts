// Browser-test harness: a static server on 127.0.0.1 and Debian's Chromium
// driven by playwright-core. It records console errors and every request that
// leaves the page's origin, so each test can assert there were none.
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Serves `root` on a free loopback port; `headers` are added to every response. */
export async function serveFolder(root: string, headers: Record<string, string> = {}): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(root, path);
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  foreignRequests: string[];
}

/** A page that records console errors, page errors and requests outside `origin`. */
export async function watchedPage(browser: Browser, origin: string, viewport = { width: 1100, height: 900 },
  locale = 'en-US'): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport, locale, acceptDownloads: true });
  const consoleErrors: string[] = [], foreignRequests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  return { page, consoleErrors, foreignRequests };
}

export const SCREENSHOT_DIR = join(process.cwd(), 'build', 'screenshots');

/**
 * A suite's browser: serves `root`, starts Chromium once, and after each test checks every page it opened
 * had no console error and made no request outside the origin, then closes it.
 */
export function useBrowserSuite(root: string) {
  let browser: Browser;
  let server: Server;
  let origin = '';
  let opened: WatchedPage[] = [];
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    ({ url: origin, server } = await serveFolder(root));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  afterEach(async () => {
    const pages = opened;
    opened = [];
    for (const w of pages) {
      expect(w.consoleErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      await w.page.close();
    }
  });
  return {
    get origin() {
      return origin;
    },
    async newPage(locale?: string): Promise<WatchedPage> {
      const w = await watchedPage(browser, origin, undefined, locale);
      opened.push(w);
      return w;
    },
  };
}
