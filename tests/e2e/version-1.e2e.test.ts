import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/cli/load-deal';
import {
  calculateQuote,
  migrateScenarioDocument,
  ScenarioSchema,
  type Scenario,
} from '../../src/engine/index';
import { makeShareLink } from '../../src/state/share-link';
import { serveBuiltApp, type RunningApp } from './support/app-server';
import { chromiumInstalled, launchBrowser, type LaunchedBrowser } from './support/browser';
import { watchPage, type PageWatch } from './support/page-watch';

/**
 * Scenarios saved by the version-1 app (PRICING.md §4: schemaVersion 1) open in this app with
 * unchanged figures, through each way a user keeps one: the autosave, a library entry and a
 * share link. The expected TCV is the engine's on the migrated document, the CLI's way in.
 */
const fixture = new URL('../fixtures/scenarios/v1-sample.json', import.meta.url);
// The fixture is the sample plan as version 1 wrote it; 24 months instead of 36 and another
// title make it a plan the app would not show unless it opened this one.
const v1: Record<string, unknown> = {
  ...(JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>),
  title: 'Kept by version 1 — 24 months',
  horizonMonths: 24,
};
const v1Text = JSON.stringify(v1);

function expectedTcv(): string {
  // the table the fixture pins, read as the CLI reads it
  const { table } = loadDeal(fixture.pathname, undefined, { stderr: () => undefined }, 'test');
  const migrated = migrateScenarioDocument(structuredClone(v1));
  if (!migrated.ok) throw new Error(migrated.message);
  const scenario = ScenarioSchema.parse(migrated.document);
  expect(scenario.schemaVersion).toBe(2); // migrated from the fixture's 1
  const today = new Date().toISOString().slice(0, 10);
  const quote = calculateQuote(scenario, table, { today });
  if (quote.totals === null) throw new Error('the version-1 fixture must price');
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: quote.currency }).format(
    quote.totals.revenue as unknown as number,
  );
}

describe.skipIf(!chromiumInstalled())('a version-1 scenario in the version-2 app', () => {
  let app: RunningApp | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let watch: PageWatch;
  const tcv = expectedTcv();

  beforeAll(async () => {
    expect(v1.schemaVersion).toBe(1);
    app = await serveBuiltApp();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    watch = watchPage(page, app.origin);
    await page.goto(`${app.origin}/`, { waitUntil: 'networkidle' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const shownTcv = async () => {
    await page.evaluate(() => (window.location.hash = '#/results'));
    const kpi = page.getByTestId('kpi-tcv').first();
    await kpi.waitFor();
    return kpi.textContent();
  };

  /** A fresh start on the sample plan, whose TCV is not the fixture's: the test then proves the
   * fixture was opened, not left over from the test before. */
  const freshStart = async () => {
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${app!.origin}/#/deal`, { waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    expect(await shownTcv()).not.toBe(tcv);
  };

  it('opens from the autosave of the version-1 app', async () => {
    await freshStart();
    // the record the version-1 app kept under spc:scenario: { version, state: { scenario } }
    await page.evaluate((text) => {
      localStorage.clear();
      localStorage.setItem(
        'spc:scenario',
        JSON.stringify({ version: 1, state: { scenario: JSON.parse(text) as unknown } }),
      );
    }, v1Text);
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(shownTcv).toBe(tcv);
    expect(await page.getByText('Kept by version 1 — 24 months').count()).toBeGreaterThan(0);
  }, 60_000);

  it('opens from a library entry of the version-1 app', async () => {
    await freshStart();
    await page.evaluate((text) => {
      const entry = {
        id: 'v1-entry',
        name: 'Kept by version 1',
        savedAt: '2026-11-01T10:00:00.000Z',
        scenario: JSON.parse(text) as unknown,
      };
      localStorage.setItem(
        'spc:library',
        JSON.stringify({ version: 1, state: { entries: [entry], damaged: [] } }),
      );
    }, v1Text);
    await page.goto(`${app!.origin}/#/scenarios`, { waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    const row = page.getByRole('row').filter({ hasText: 'Kept by version 1' });
    await row.waitFor();
    await row.getByRole('button', { name: /^Open/ }).click();
    await expect.poll(shownTcv).toBe(tcv);
  }, 60_000);

  it('opens from a share link made by the version-1 app', async () => {
    await freshStart();
    // the link carries the document as it was written, schemaVersion 1
    const made = makeShareLink(v1 as unknown as Scenario);
    if (!made.ok) throw new Error(made.message);
    await page.goto(`${app!.origin}/${made.hash}`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Open this scenario' }).click();
    await expect.poll(shownTcv).toBe(tcv);
  }, 60_000);

  it('made no errors and no requests outside the app', () => {
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});
