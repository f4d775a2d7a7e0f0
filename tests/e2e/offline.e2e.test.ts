import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltApp, type RunningApp } from './support/app-server';
import {
  CI_MISSING_MESSAGE,
  SKIP_MESSAGE,
  chromiumInstalled,
  inCi,
  launchBrowser,
  type LaunchedBrowser,
} from './support/browser';
import { watchPage, type PageWatch } from './support/page-watch';

const browserAvailable = chromiumInstalled();

if (!browserAvailable) {
  if (inCi()) {
    it('has Chromium to run the browser tests', () => {
      throw new Error(CI_MISSING_MESSAGE);
    });
  } else {
    // eslint-disable-next-line no-console -- `npm test` must say plainly that these were skipped
    console.warn(SKIP_MESSAGE);
  }
}

/** The heading of the step or page in view. */
const stepHeading = (page: Page) => page.getByRole('main').getByRole('heading', { level: 2 });

/**
 * Offline and installable (ADR 027): after one load the service worker has precached the
 * built app, so with the network off a reload shows the app, the open scenario and its
 * figures, and the lazy steps still open.
 */
describe.skipIf(!browserAvailable)('the built app offline', () => {
  let app: RunningApp | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    app = await serveBuiltApp();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    watch = watchPage(page, app.origin);
    await page.goto(`${app.origin}/`, { waitUntil: 'networkidle' });
  }, 120_000);

  afterAll(async () => {
    await browser?.context.setOffline(false);
    await browser?.close();
    await app?.close();
  });

  it('links a web app manifest with a name and icons, served by the app', async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = (await page.evaluate(async (url) => (await fetch(url)).json(), href!)) as {
      name: string;
      icons: { sizes: string }[];
      display: string;
    };
    expect(manifest.name).toBe('Service Provider Configurator');
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
  });

  it('registers a service worker that becomes active, under the page CSP', async () => {
    const scope = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active ? registration.scope : null;
    });
    expect(scope).toBe(`${app!.origin}/`);
  });

  it('reloads offline with the app, the edited scenario and its figures', async () => {
    // an edit the reload must keep: a shorter horizon re-prices the TCV
    await page.goto(`${app!.origin}/#/deal`);
    const horizon = page.getByRole('spinbutton', { name: 'Horizon (months)' });
    await horizon.fill('24');
    await expect.poll(() => horizon.inputValue()).toBe('24');
    const title = await page.locator('.scenario-title').textContent();
    const tcv = page.getByTestId('kpi-tcv');
    await expect.poll(() => tcv.textContent()).toMatch(/\d/);
    const before = await tcv.textContent();

    await browser!.context.setOffline(true);
    await page.reload({ waitUntil: 'domcontentloaded' });

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Service Provider Configurator');
    await expect.poll(() => page.locator('.scenario-title').textContent()).toBe(title);
    await expect.poll(() => tcv.textContent()).toBe(before);
    expect(await page.getByRole('spinbutton', { name: 'Horizon (months)' }).inputValue()).toBe(
      '24',
    );
  });

  it('opens the lazily loaded steps offline', async () => {
    for (const [id, label] of [
      ['customers', 'Customers'],
      ['results', 'Results'],
    ] as const) {
      await page.goto(`${app!.origin}/#/${id}`);
      await expect.poll(() => stepHeading(page).textContent()).toContain(label);
      await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
      if (id === 'customers') {
        // the step's own chunk came from the cache: its table is there
        await expect
          .poll(() => page.getByRole('table', { name: /^Customer lines/ }).count())
          .toBe(1);
      }
    }
    expect(watch.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });
});
