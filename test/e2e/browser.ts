// What every browser test file sets up: the server global-setup.ts started, one Chromium for the file's tests
// (launched before them, closed after them) and fresh pages in it, signed in as a seeded user when asked.
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { corridorInfo, launchBrowser, openPage, signIn, type SeededUser } from './harness.js';

export const corridor = corridorInfo();

type PageOptions = Parameters<typeof openPage>[1];

export interface TestBrowser {
  /** A fresh context (own cookies and storage); English on a desktop unless told otherwise. */
  page(options?: PageOptions): Promise<Page>;
  /** A fresh page, signed in as `user`, on the screen the app opens after sign-in. */
  signedIn(user: SeededUser, options?: PageOptions): Promise<Page>;
}

/** Call once at the top of a test file: registers the hooks that launch and close Chromium. */
export function useBrowser(): TestBrowser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const page = (options?: PageOptions) => {
    if (!browser) throw new Error('useBrowser(): the browser starts in beforeAll; open pages inside tests');
    return openPage(browser, options);
  };
  return {
    page,
    async signedIn(user, options) {
      const p = await page(options);
      await signIn(p, corridor.url, user);
      return p;
    },
  };
}
