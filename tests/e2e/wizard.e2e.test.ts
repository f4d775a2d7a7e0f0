import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioSchema, type Quote, type Scenario } from '../../src/engine/index';
import type { RunningApp } from './support/app-server';
import { openFreshApp, type AppSession } from './support/session';
import { chromiumInstalled } from './support/browser';
import type { PageWatch } from './support/page-watch';
import { testResultsDir } from './support/paths';

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * A new user's walk through the wizard, in the built app, from a blank scenario to a
 * valid quote through the UI alone; the figures on screen must equal `npm run quote`
 * on the scenario the app saved, and a reload must find it all intact.
 * (Whether Chromium is missing is reported by smoke.e2e.test.ts.)
 */
describe.skipIf(!chromiumInstalled())('a deal entered through the wizard', () => {
  let session: AppSession | undefined;
  let app: RunningApp;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    session = await openFreshApp();
    ({ app, page, watch } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const main = () => page.getByRole('main');
  const stepBar = () => page.getByRole('navigation', { name: 'Wizard steps' });
  const next = async (label: string) => {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect
      .poll(() => main().getByRole('heading', { level: 2 }).textContent())
      .toContain(label);
    await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
  };
  const fill = async (label: string, value: string) => {
    const box = main().getByLabel(label, { exact: true });
    await box.fill(value);
  };
  const saved = async (): Promise<Scenario> => {
    const text = await page.evaluate(() => localStorage.getItem('spc:scenario'));
    const stored = JSON.parse(text ?? 'null') as { state: { scenario: unknown } };
    return ScenarioSchema.parse(stored.state.scenario);
  };
  const shown = async () => ({
    tcv: await page.getByTestId('kpi-tcv').textContent(),
    margin: await page.getByTestId('kpi-margin').textContent(),
    marginPct: await page.getByTestId('kpi-margin-pct').textContent(),
    mrr: await page.getByTestId('kpi-mrr').textContent(),
    breakEven: await page.getByTestId('kpi-break-even').textContent(),
    issues: await page.getByTestId('kpi-issues').textContent(),
  });

  it('starts blank, is filled in step by step, and prices like `npm run quote`', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'New scenario' }).click();
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('New scenario');

    mkdirSync(testResultsDir, { recursive: true });

    // 1. Deal
    await fill('Title', 'Nordwind Hosting 2027');
    await fill('Prepared for: company', 'Nordwind Hosting GmbH');
    await fill('Brand name', 'Nordwind Cloud');

    // 2. Platform: VMware, 25 % headroom
    await next('Platform');
    await fill('Headroom %', '25');

    // 3. Customers: a Fixed-Term segment and a PAYG customer that ends early
    await next('Customers');
    await main().getByRole('button', { name: 'Add customer line' }).click();
    await main().getByRole('button', { name: 'Add customer line' }).click();
    await main().getByLabel('Name of Customer 1').fill('Москва Хостинг');
    await main().getByLabel('Count of Москва Хостинг').fill('3');
    await main().getByLabel('Bundle of Москва Хостинг').selectOption({ index: 1 });
    await main().getByLabel('Bandwidth of Москва Хостинг').selectOption({ index: 2 });
    await main().getByLabel('Term of Москва Хостинг').selectOption('36');
    await main().getByLabel('Name of Customer 2').fill('Łódź Telekom');
    await main().getByLabel('Model of Łódź Telekom').selectOption('payg');
    await main().getByLabel('Hours per month of Łódź Telekom').fill('400');
    await main().getByLabel('Start month of Łódź Telekom').fill('4');
    await main().getByRole('button', { name: 'Details of Łódź Telekom' }).click();
    const details = main().getByRole('region', { name: 'Details of Łódź Telekom' });
    await details.getByLabel('End month', { exact: true }).fill('30');
    await details.getByLabel('Sell mode').selectOption('margin');
    await details.getByLabel('Margin %', { exact: true }).fill('35');

    // 4. White-label apps: the MSP's own White Label app, and a child app for each Moscow customer
    await stepBar()
      .getByRole('link', { name: /White-label apps/ })
      .click();
    await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
    await main().getByRole('button', { name: 'Add main app' }).click();
    await main().getByLabel('Users per app of main app 1').fill('25');
    await main().getByLabel('Customer', { exact: true }).selectOption({ label: 'Москва Хостинг' });
    await main().getByRole('button', { name: 'Add app to Москва Хостинг' }).click();
    await main().getByLabel('Users per app of Москва Хостинг app 1').fill('40');
    await page.screenshot({ path: join(testResultsDir, 'wizard-apps-1280.png'), fullPage: true });

    // 5. Channel: a partner on 8 %, who sells the Moscow segment
    await stepBar()
      .getByRole('link', { name: /Channel/ })
      .click();
    await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
    await main().getByRole('button', { name: 'Add partner' }).click();
    const partner = main().getByRole('group', { name: /^Partner 1/ });
    await partner.getByLabel('Name', { exact: true }).fill('Harbour IT');
    await partner.getByLabel('Commission %', { exact: true }).fill('8');
    await stepBar()
      .getByRole('link', { name: /Customers/ })
      .click();
    await main().getByRole('button', { name: 'Details of Москва Хостинг' }).click();
    await main()
      .getByRole('region', { name: 'Details of Москва Хостинг' })
      .getByLabel('Partner', { exact: true })
      .selectOption({ label: 'Harbour IT' });

    // 6. Pricing
    await stepBar()
      .getByRole('link', { name: /Pricing/ })
      .click();
    await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
    await fill('Default markup %', '35');
    await expect.poll(async () => (await saved()).pricing.defaultMarkupPct).toBe('35');

    const scenario = await saved();
    expect(scenario.title).toBe('Nordwind Hosting 2027');
    expect(scenario.customers.map((c) => c.name)).toEqual(['Москва Хостинг', 'Łódź Telekom']);
    expect(scenario.customers[0]).toMatchObject({
      count: 3,
      partnerId: scenario.channel.partners[0]!.id,
    });
    expect(scenario.customers[1]).toMatchObject({
      startMonth: 4,
      endMonth: 30,
      sell: { mode: 'margin', pct: '35' },
      license: { model: 'payg', hoursPerMonth: 400 },
    });
    expect(scenario.channel.partners[0]).toMatchObject({ name: 'Harbour IT', commissionPct: '8' });
    expect(scenario.mainApps).toEqual([
      { bundle: 'white-label', count: 1, usersPerApp: 25, provisioning: 'standalone' },
    ]);
    expect(scenario.customers[0]!.apps).toMatchObject([{ usersPerApp: 40, provisioning: 'child' }]);

    // the same scenario through the command line
    const dir = mkdtempSync(join(tmpdir(), 'spc-walk-'));
    let quote: Quote;
    try {
      const file = join(dir, 'scenario.json');
      writeFileSync(file, JSON.stringify(scenario));
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      });
      const run = spawnSync('npm', ['run', 'quote', '--', file, '--today', today], {
        encoding: 'utf8',
      });
      expect(run.stderr).not.toMatch(/\berror\b/);
      expect(run.status).toBe(0);
      quote = JSON.parse(run.stdout) as Quote;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(quote.issues.filter((i) => i.level === 'error')).toEqual([]);
    const totals = quote.totals!;
    const locale = await page.evaluate(() => navigator.language);
    const money = (amount: string) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: quote.currency }).format(
        amount as unknown as number,
      );
    const expected = {
      tcv: money(totals.revenue),
      margin: money(totals.margin),
      marginPct: totals.marginPct === null ? '—' : `${totals.marginPct} %`,
      mrr: money(totals.mrrFinal),
      breakEven:
        // the summary's compact wording (src/features/summary/Summary.tsx)
        totals.breakEvenMonth === null ? 'Not in horizon' : `Month ${totals.breakEvenMonth}`,
    };
    await expect.poll(async () => (await shown()).tcv).toBe(expected.tcv);
    expect(await shown()).toMatchObject(expected);
    expect((await shown()).issues).toMatch(/^0 errors/);

    await page.goto(`${app!.origin}/#/customers`);
    await page.screenshot({
      path: join(testResultsDir, 'wizard-customers-1280.png'),
      fullPage: true,
    });

    // a reload finds the same scenario and the same figures
    const before = await shown();
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(async () => (await shown()).tcv).toBe(expected.tcv);
    expect(await shown()).toEqual(before);
    expect(await saved()).toEqual(scenario);
    expect(await main().getByLabel('Name of Москва Хостинг').inputValue()).toBe('Москва Хостинг');
    expect(watch.errors).toEqual([]);
  }, 120_000);

  it('a link to an issue focuses the field to fix', async () => {
    await page.goto(`${app!.origin}/#/customers`);
    await main().getByLabel('Start month of Łódź Telekom').fill('99');
    const summary = page.getByRole('complementary', { name: 'Live summary' });
    const link = summary.getByRole('link').first();
    await expect.poll(() => link.getAttribute('href')).toContain('customers%5B1%5D.startMonth');
    await stepBar().getByRole('link', { name: /Deal/ }).click();
    await link.click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Start month of Łódź Telekom');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    await expect.poll(() => page.getByTestId('kpi-issues').textContent()).toMatch(/^0 errors/);
    expect(watch.errors).toEqual([]);
  });

  it('has no accessibility violations with a line’s details and the CSV import open', async () => {
    await page.goto(`${app!.origin}/#/pricing`);
    await main().getByRole('link', { name: 'Edit the sell price of Łódź Telekom' }).click();
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.closest('section')?.textContent ?? ''),
      )
      .toContain('Details of Łódź Telekom');
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe(
      'margin',
    );
    await main().getByText('Import customer lines from CSV').click();
    await main()
      .getByLabel('CSV to import')
      .fill('name,count,model,bundle,bandwidth\nBad line,0,payg,essential,100m\n');
    await main().getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => main().getByText(/Row 2/).count()).toBeGreaterThan(0);
    await page.screenshot({
      path: join(testResultsDir, 'wizard-details-1280.png'),
      fullPage: true,
    });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 768, height: 900 });
    await page.screenshot({ path: join(testResultsDir, 'wizard-details-768.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const step of ['apps', 'channel', 'platform']) {
      await page.goto(`${app!.origin}/#/${step}`);
      await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
      expect({ step, violations: await axeViolations(page) }).toEqual({ step, violations: [] });
    }
    expect(watch.errors).toEqual([]);
  });
});
