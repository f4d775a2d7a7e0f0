import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioSchema, type Quote, type Scenario } from '../../src/engine/index';
import { openFreshApp, type AppSession } from './support/session';
import { chromiumInstalled } from './support/browser';
import type { PageWatch } from './support/page-watch';
import { testResultsDir } from './support/paths';

/**
 * A growing segment entered with the growth helper, a capacity change in the timeline and
 * upfront vendor billing, in the built app (issue 12): the live summary's TCV, margin and peak
 * funding, and the Results step's cash cards, equal `npm run quote` on the saved scenario.
 */
describe.skipIf(!chromiumInstalled())('a plan that changes over time, with cash', () => {
  let session: AppSession | undefined;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    session = await openFreshApp();
    ({ page, watch } = session);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  const main = () => page.getByRole('main');
  const stepBar = () => page.getByRole('navigation', { name: 'Wizard steps' });
  const go = async (step: RegExp) => {
    await stepBar().getByRole('link', { name: step }).click();
    await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
  };
  const axeViolations = async (selector: string): Promise<string[]> => {
    const results = await new AxeBuilder({ page }).include(selector).analyze();
    return results.violations.map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  };
  const saved = async (): Promise<Scenario> => {
    const text = await page.evaluate(() => localStorage.getItem('spc:scenario'));
    const stored = JSON.parse(text ?? 'null') as { state: { scenario: unknown } };
    return ScenarioSchema.parse(stored.state.scenario);
  };

  it('gives on screen the figures of `npm run quote` on the saved scenario', async () => {
    mkdirSync(testResultsDir, { recursive: true });
    const segment = 'Small-business web shops (segment)';

    // the growth helper on the sample plan's PAYG segment
    await go(/Customers/);
    await main()
      .getByRole('button', { name: `Details of ${segment}` })
      .click();
    const details = main().getByRole('region', { name: `Details of ${segment}` });
    await details.getByRole('button', { name: 'Plan growth…' }).click();
    const helper = details.getByRole('group', { name: 'Plan growth' });
    await helper.getByLabel('Start customers', { exact: true }).fill('10');
    await helper.getByLabel('Wins per month', { exact: true }).fill('3');
    await helper.getByLabel('Wins from month', { exact: true }).fill('2');
    await helper.getByLabel('Wins to month', { exact: true }).fill('24');
    await helper.getByLabel('Churn per month %', { exact: true }).fill('2');
    await helper.getByRole('button', { name: 'Write the changes' }).click();
    await details.getByRole('status').filter({ hasText: 'changes of customers' }).waitFor();

    // a capacity change in the timeline, typed from the keyboard: after the wins end, 2 % churn
    // changes the count every month, so month 30 has a change already and the upgrade joins it
    await details.getByRole('button', { name: /^Edit change: From Jun 2029 \(month 30\)/ }).click();
    const form = details.getByRole('group', { name: /^Change \d+$/ });
    await form.getByLabel('Bandwidth', { exact: true }).selectOption('500m');
    await form.getByLabel('vServices', { exact: true }).fill('6');
    await form.getByLabel('vServices', { exact: true }).press('Enter');
    await expect
      .poll(() => details.getByRole('listitem').filter({ hasText: '(month 30)' }).textContent())
      .toMatch(/^From Jun 2029 \(month 30\): .*6 vServices/);
    await page.screenshot({
      path: join(testResultsDir, 'growth-details-1280.png'),
      fullPage: true,
    });

    // upfront vendor billing
    await go(/Pricing/);
    await main()
      .getByLabel('Vendor: Fixed-Term invoicing', { exact: true })
      .selectOption('upfront');
    await expect.poll(async () => (await saved()).billing?.vendor?.fixedTerm).toBe('upfront');
    expect(await axeViolations('.billing-settings')).toEqual([]);

    const scenario = await saved();
    const line = scenario.customers.find((c) => c.name === segment)!;
    expect(line.count).toBe(10);
    expect(line.changes?.length).toBeGreaterThan(10);
    expect(line.changes?.find((c) => c.fromMonth === 30)).toMatchObject({
      bandwidth: '500m',
      vServices: 6,
    });

    // the same scenario through the command line
    const dir = mkdtempSync(join(tmpdir(), 'spc-growth-'));
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
    // paying the vendor upfront needs funding: the summary shows it
    expect(Number(totals.cash.peakFunding)).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('kpi-tcv').textContent()).toBe(money(totals.revenue));
    expect(await page.getByTestId('kpi-margin').textContent()).toBe(money(totals.margin));
    expect(await page.getByTestId('kpi-peak-funding').textContent()).toBe(
      money(totals.cash.peakFunding),
    );

    // the Results step: customers over time, the cash flow and the cash cards
    await go(/Results/);
    const card = (id: string) => main().locator(`[data-kpi="${id}"] .results-kpi-value`);
    await expect.poll(() => card('peakFunding').textContent()).toBe(money(totals.cash.peakFunding));
    expect(await card('receivable').textContent()).toBe(money(totals.cash.receivableAfterHorizon));
    expect(await card('payable').textContent()).toBe(money(totals.cash.payableAfterHorizon));
    expect(await card('cashBreakEven').textContent()).toBe(
      totals.cash.breakEvenMonth === null
        ? 'Not within the horizon'
        : `Month ${totals.cash.breakEvenMonth} (${quote.months[totals.cash.breakEvenMonth - 1]!.period})`,
    );
    // the cash figures are the Results step's Cash section
    await main()
      .getByRole('navigation', { name: 'Results sections' })
      .getByRole('link', { name: 'Cash' })
      .click();
    await expect.poll(() => main().getByRole('figure', { name: 'Cash flow' }).count()).toBe(1);
    const customers = main().getByRole('figure', { name: 'Customers over time' });
    await expect
      .poll(() => customers.textContent())
      .toContain(`to ${quote.months.at(-1)!.customers.toLocaleString(locale)} in`);
    await page.screenshot({
      path: join(testResultsDir, 'growth-results-1280.png'),
      fullPage: true,
    });
    expect(watch.errors).toEqual([]);
  }, 180_000);
});
