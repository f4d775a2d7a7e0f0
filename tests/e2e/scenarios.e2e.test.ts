import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltApp, type RunningApp } from './support/app-server';
import { chromiumInstalled, launchBrowser, type LaunchedBrowser } from './support/browser';
import { watchPage, type PageWatch } from './support/page-watch';

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * The scenario library and share links in the built app: a saved scenario survives a reload,
 * and a share link opened in a fresh browser (its own profile) gives the same TCV.
 * (Whether Chromium is missing is reported by smoke.e2e.test.ts.)
 */
describe.skipIf(!chromiumInstalled())('scenarios and share links', () => {
  let app: RunningApp | undefined;
  let first: LaunchedBrowser | undefined;
  let second: LaunchedBrowser | undefined;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    app = await serveBuiltApp();
    first = await launchBrowser();
    page = await first.context.newPage();
    watch = watchPage(page, app.origin);
    await page.goto(`${app.origin}/`, { waitUntil: 'networkidle' });
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: 'networkidle' });
  }, 120_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await app?.close();
  });

  const tcvOf = async (p: Page) => {
    await p.evaluate(() => (window.location.hash = '#/results'));
    const tcv = p.getByTestId('kpi-tcv').first();
    await tcv.waitFor();
    return tcv.textContent();
  };

  let link = '';
  let tcv: string | null = null;

  it('saves a scenario in the library, and a reload finds it', async () => {
    const sampleTcv = await tcvOf(page);
    await page.evaluate(() => (window.location.hash = '#/deal'));
    const horizon = page.getByRole('main').getByLabel('Horizon (months)', { exact: true });
    await horizon.fill('24');
    await horizon.blur();
    tcv = await tcvOf(page);
    expect(tcv).not.toBe(sampleTcv);

    await page.evaluate(() => (window.location.hash = '#/scenarios'));
    await page.getByRole('button', { name: 'Save current as…' }).click();
    await page.getByLabel('Name in the library').fill('E2E plan');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: 'E2E plan', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('cell', { name: 'E2E plan', exact: true }).waitFor();
  }, 60_000);

  it('makes a share link that opens the same scenario, same TCV, in a fresh browser', async () => {
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const field = page.getByLabel('Share link', { exact: true });
    await field.waitFor();
    link = await field.inputValue();
    expect(link).toContain('#/shared?d=');
    expect(link.length).toBeLessThan(32_000);

    second = await launchBrowser();
    const fresh = await second.context.newPage();
    const freshWatch = watchPage(fresh, app!.origin);
    await fresh.goto(link, { waitUntil: 'networkidle' });
    await fresh.getByRole('button', { name: 'Open this scenario' }).waitFor();
    expect(await axeViolations(fresh)).toEqual([]);
    await fresh.getByRole('button', { name: 'Open this scenario' }).click();
    await fresh.getByText(/saved in the library/).waitFor();
    expect(await tcvOf(fresh)).toBe(tcv);
    expect(freshWatch.errors).toEqual([]);
    expect(freshWatch.foreignRequests).toEqual([]);

    // a damaged link says so and changes nothing
    await fresh.goto(`${app!.origin}/#/shared?d=${link.split('d=')[1]!.slice(0, 40)}`);
    await fresh.getByRole('alert').filter({ hasText: 'cannot be opened' }).waitFor();
    expect(await tcvOf(fresh)).toBe(tcv);
  }, 90_000);

  it('made no errors and no requests outside the app', () => {
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});
