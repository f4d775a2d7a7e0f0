import type { Page } from 'playwright-core';
import { serveBuiltApp, type RunningApp } from './app-server';
import { launchBrowser, type LaunchedBrowser } from './browser';
import { watchPage, type PageWatch } from './page-watch';

/** The built app served, a fresh Chromium and one page on it, watched for errors. */
export interface AppSession {
  readonly app: RunningApp;
  readonly browser: LaunchedBrowser;
  readonly page: Page;
  readonly watch: PageWatch;
  close(): Promise<void>;
}

/**
 * Serves the built app, opens it in a fresh browser at 1280 × `height` with empty storage (the
 * sample plan), and watches the page for console errors and requests to other origins.
 */
export async function openFreshApp(height = 900): Promise<AppSession> {
  const app = await serveBuiltApp();
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height });
  const watch = watchPage(page, app.origin);
  await page.goto(`${app.origin}/`, { waitUntil: 'networkidle' });
  await page.evaluate(() => localStorage.clear());
  await page.reload({ waitUntil: 'networkidle' });
  return {
    app,
    browser,
    page,
    watch,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}
