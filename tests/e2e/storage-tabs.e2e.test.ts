import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleScenario } from '../../src/state/sample';
import { serveBuiltApp, type RunningApp } from './support/app-server';
import { chromiumInstalled, launchBrowser, type LaunchedBrowser } from './support/browser';
import { watchPage, type PageWatch } from './support/page-watch';

/**
 * Issue 11 in a real browser (ADR 021): a real, full localStorage and a saved scenario this
 * app cannot open; and two pages of one browser editing the same scenario.
 * (Whether Chromium is missing is reported by smoke.e2e.test.ts.)
 */

/** A version-99 save of a 3,000-line scenario: what a newer app would leave behind. */
function newerSave(): string {
  const s = sampleScenario();
  const customers = Array.from({ length: 3000 }, (_, i) => ({
    ...s.customers[0]!,
    name: `Customer ${i + 1}`,
  }));
  return JSON.stringify({
    state: { scenario: { ...s, schemaVersion: 99, customers } },
    version: 99,
  });
}

/** Every key and value in the page's localStorage, for comparing before and after. */
const everything = (page: Page) =>
  page.evaluate(() => {
    const all: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      all[key] = localStorage.getItem(key)!;
    }
    return all;
  });

const savedTitle = (page: Page) =>
  page.evaluate(() => {
    const raw = localStorage.getItem('spc:scenario');
    return raw === null
      ? null
      : (JSON.parse(raw) as { state: { scenario: { title: string } } }).state.scenario.title;
  });

describe.skipIf(!chromiumInstalled())('storage that cannot lose a save, and two tabs', () => {
  let app: RunningApp | undefined;
  let browser: LaunchedBrowser | undefined;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    app = await serveBuiltApp();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = async (hash = '#/deal') => {
    const page = await browser!.context.newPage();
    watches.push(watchPage(page, app!.origin));
    await page.goto(`${app!.origin}/${hash}`, { waitUntil: 'networkidle' });
    return page;
  };

  it('with storage full and a save it cannot open: says so truthfully, downloads the exact text, removes nothing', async () => {
    const raw = newerSave();
    const page = await open();
    const filled = await page.evaluate((saved) => {
      localStorage.clear();
      localStorage.setItem('spc:scenario', saved);
      // fill storage until it throws, in ever smaller pieces, to the last character
      let n = 0;
      for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
        for (;;) {
          try {
            localStorage.setItem(`filler:${n++}`, 'x'.repeat(size));
          } catch {
            break;
          }
        }
      }
      try {
        localStorage.setItem('filler:last', 'xy');
        return false;
      } catch {
        return true;
      }
    }, raw);
    expect(filled).toBe(true);
    const before = await everything(page);

    await page.reload({ waitUntil: 'networkidle' });
    const banner = page.getByRole('alert').filter({ hasText: 'could not be opened' });
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toMatch(/saved by a newer version of the app/);
    expect(text).toMatch(/no room to keep a copy of it, so it stays saved where it was/);
    expect(text).not.toMatch(/kept in this browser under/);
    expect(text).not.toMatch(/\.\./);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      banner.getByRole('button', { name: 'Download the saved copy' }).click(),
    ]);
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).toBe(raw);

    // work in the tab goes on, and is never written over the save
    const title = page.getByRole('main').getByLabel('Title', { exact: true });
    await title.fill('Edited while storage is full');
    await title.blur();
    await page.getByText('Edited while storage is full').first().waitFor();
    expect(await everything(page)).toEqual(before);

    // a reload adds no copy either, and says the same
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('alert').filter({ hasText: 'could not be opened' }).waitFor();
    expect(await everything(page)).toEqual(before);

    await page.evaluate(() => localStorage.clear());
    await page.close();
  }, 120_000);

  it('two pages editing one scenario: the second is told, and nothing is lost', async () => {
    const a = await open();
    await a.evaluate(() => localStorage.clear());
    await a.reload({ waitUntil: 'networkidle' });
    const b = await open();

    const titleOf = (page: Page) => page.getByRole('main').getByLabel('Title', { exact: true });
    await titleOf(a).fill('Edited in A');
    await titleOf(a).blur();
    await expect.poll(() => savedTitle(a)).toBe('Edited in A');

    // B is told at once, though it has not edited yet
    const bBanner = b.getByRole('alert').filter({ hasText: 'changed in another tab' });
    await bBanner.waitFor();

    // B edits anyway: kept in B, not saved over A's
    await titleOf(b).fill('Edited in B');
    await titleOf(b).blur();
    await b.locator('.scenario-title').filter({ hasText: 'Edited in B' }).waitFor();
    expect(await savedTitle(b)).toBe('Edited in A');

    // B keeps its version: A's goes to the library first, B's is saved, and A is told in its
    // turn, its own still on screen
    await bBanner.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => savedTitle(b)).toBe('Edited in B');
    await b
      .getByRole('status')
      .filter({ hasText: 'is in the library as “Edited in A (from another tab)”' })
      .waitFor();
    const aBanner = a.getByRole('alert').filter({ hasText: 'changed in another tab' });
    await aBanner.waitFor();
    expect(await a.locator('.scenario-title').textContent()).toBe('Edited in A');

    // A loads theirs; Undo brings A's back: neither version was lost
    await aBanner.getByRole('button', { name: 'Load their version' }).click();
    await a.locator('.scenario-title').filter({ hasText: 'Edited in B' }).waitFor();
    await a.getByRole('button', { name: 'Undo' }).click();
    await a.locator('.scenario-title').filter({ hasText: 'Edited in A' }).waitFor();

    // the library: a save in each page keeps both
    for (const [page, name] of [
      [a, 'Saved from A'],
      [b, 'Saved from B'],
    ] as const) {
      await page.evaluate(() => (window.location.hash = '#/scenarios'));
      await page.getByRole('button', { name: 'Save current as…' }).click();
      await page.getByLabel('Name in the library').fill(name);
      await page.keyboard.press('Enter');
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    await a.reload({ waitUntil: 'networkidle' });
    for (const name of ['Edited in A (from another tab)', 'Saved from A', 'Saved from B']) {
      await a.getByRole('cell', { name, exact: true }).waitFor();
    }
  }, 120_000);

  it('made no errors and no requests outside the app', () => {
    for (const watch of watches) {
      expect(watch.errors).toEqual([]);
      expect(watch.foreignRequests).toEqual([]);
    }
  });
});
