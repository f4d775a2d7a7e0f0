import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPricingData } from '../../src/cli/load-tables';
import { calculateQuote, ScenarioSchema } from '../../src/engine/index';
import { resolvePinned } from '../../src/price-tables/registry';
import { PAGES, STEPS } from '../../src/app/routing';
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
import { testResultsDir } from './support/paths';

const browserAvailable = chromiumInstalled();
const samplePlanPath = fileURLToPath(
  new URL('../../scenarios/sample-msp-plan.json', import.meta.url),
);

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

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe.skipIf(!browserAvailable)('the built app in Chromium', () => {
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
    await browser?.close();
    await app?.close();
  });

  it('shows the product name as the one top-level heading, inside header and main landmarks', async () => {
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).allTextContents())
      .toEqual(['Service Provider Configurator']);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Wizard steps' }).count()).toBe(1);
    expect(await page.getByRole('main').getByRole('heading', { level: 2 }).textContent()).toContain(
      'Deal',
    );
    expect(await page.title()).toBe('Service Provider Configurator');
  });

  it('shows the sample plan priced by the engine: the TCV equals the quote of `npm run quote`', async () => {
    const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(samplePlanPath, 'utf8')));
    const registry = loadPricingData();
    const pinned = resolvePinned(registry, scenario.priceTable);
    if (!pinned.ok) throw new Error(pinned.message);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const quote = calculateQuote(scenario, pinned.entry.table, { today });
    const locale = await page.evaluate(() => navigator.language);
    const expected = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: quote.currency,
    }).format(quote.totals!.revenue as unknown as number);
    await expect.poll(() => page.getByTestId('kpi-tcv').textContent()).toBe(expected);
  });

  it('logs no console errors and throws no exceptions', () => {
    expect(watch.errors).toEqual([]);
  });

  it('requests nothing from other origins and has no failed requests', () => {
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.failedRequests).toEqual([]);
  });

  it('has no accessibility violations (axe)', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('saves a screenshot of the first screen to test-results/', async () => {
    mkdirSync(testResultsDir, { recursive: true });
    const buffer = await page.screenshot({
      path: join(testResultsDir, 'smoke-home.png'),
      fullPage: true,
    });
    expect(buffer.byteLength).toBeGreaterThan(0);
  });

  it('opens every step from its URL, each without accessibility violations', async () => {
    for (const step of STEPS) {
      await page.goto(`${app!.origin}/#/${step.id}`);
      await expect
        .poll(() => page.getByRole('main').getByRole('heading', { level: 2 }).textContent())
        .toContain(step.label);
      // Step forms after the first load lazily: check the form, not the Suspense fallback.
      await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
      expect(
        await page
          .getByRole('navigation', { name: 'Wizard steps' })
          .locator('a[aria-current="step"]')
          .getAttribute('href'),
      ).toBe(`#/${step.id}`);
      expect({ step: step.id, violations: await axeViolations(page) }).toEqual({
        step: step.id,
        violations: [],
      });
    }
    expect(watch.errors).toEqual([]);
  });

  it('opens every page beside the wizard from its URL, each without accessibility violations', async () => {
    for (const p of PAGES.filter((x) => x.inNav)) {
      await page.goto(`${app!.origin}/#/${p.id}`);
      await expect
        .poll(() => page.getByRole('main').getByRole('heading', { level: 2 }).first().textContent())
        .toContain(p.label);
      await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      expect({ page: p.id, violations: await axeViolations(page) }).toEqual({
        page: p.id,
        violations: [],
      });
    }
    expect(watch.errors).toEqual([]);
  });

  it('moves through the wizard from the keyboard', async () => {
    await page.goto(`${app!.origin}/#/deal`);
    await page.getByRole('button', { name: 'Next' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/platform');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Platform');
  });

  it('saves screenshots at 1280 and 768 px wide to test-results/', async () => {
    mkdirSync(testResultsDir, { recursive: true });
    await page.goto(`${app!.origin}/#/customers`);
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('kpi-tcv').waitFor();
      const buffer = await page.screenshot({
        path: join(testResultsDir, `smoke-${width}.png`),
        fullPage: true,
      });
      expect(buffer.byteLength).toBeGreaterThan(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('lists the issues of a plan with links to their steps, without accessibility violations', async () => {
    const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(samplePlanPath, 'utf8')));
    const strict = { ...scenario, pricing: { ...scenario.pricing, minMarginPct: '99' } };
    await page.evaluate((saved) => {
      localStorage.setItem(
        'spc:scenario',
        JSON.stringify({ state: { scenario: saved }, version: 1 }),
      );
    }, strict);
    try {
      await page.goto(`${app!.origin}/#/pricing`);
      await page.reload();
      const summary = page.getByRole('complementary', { name: 'Live summary' });
      await expect.poll(() => summary.getByRole('listitem').count()).toBeGreaterThan(0);
      const href = await summary.getByRole('link').first().getAttribute('href');
      expect(href).toMatch(/^#\/customers\?field=customers%5B\d+%5D$/);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(testResultsDir, 'smoke-issues.png'), fullPage: true });
      await summary.getByRole('link').first().click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(href);
      await expect
        .poll(() => page.getByRole('main').getByRole('heading', { level: 2 }).textContent())
        .toContain('Customers');
    } finally {
      await page.evaluate(() => localStorage.clear());
      await page.reload();
    }
    expect(watch.errors).toEqual([]);
  });

  it('shows the Results of the sample plan: cards equal to the quote, seven charts, axe 0, both widths', async () => {
    const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(samplePlanPath, 'utf8')));
    const registry = loadPricingData();
    const pinned = resolvePinned(registry, scenario.priceTable);
    if (!pinned.ok) throw new Error(pinned.message);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const quote = calculateQuote(scenario, pinned.entry.table, { today });
    const t = quote.totals!;
    const locale = await page.evaluate(() => navigator.language);
    const money = (amount: string) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: quote.currency }).format(
        amount as unknown as number,
      );

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app!.origin}/#/results`);
    await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
    const main = page.getByRole('main');
    const sections = main.getByRole('navigation', { name: 'Results sections' });
    const kpi = (id: string) => main.locator(`[data-kpi="${id}"] .results-kpi-value`).textContent();
    expect(await kpi('tcv')).toBe(money(t.revenue));
    expect(await kpi('cost')).toBe(money(t.cost));
    expect(await kpi('commissions')).toBe(money(t.commissions));
    expect(await kpi('margin')).toBe(money(t.margin));
    expect(await kpi('oneOff')).toBe(money(t.oneOff));
    expect(await kpi('mrr')).toBe(money(t.mrrFinal));
    expect(await kpi('arr')).toBe(money(t.arr));
    await sections.getByRole('link', { name: 'Charts' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/results?view=charts');
    await expect.poll(() => main.locator('figure svg.recharts-surface').count()).toBeGreaterThan(4);
    // the section navigation stays in view when the page is scrolled to the bottom
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const navBox = await sections.boundingBox();
    expect(navBox!.y).toBeGreaterThanOrEqual(0);
    expect(navBox!.y).toBeLessThan(900);
    await sections.getByRole('link', { name: 'Per customer line' }).click();
    const total = main
      .getByRole('table', { name: /Results per customer line/ })
      .locator('tfoot tr', { hasText: 'Total' });
    expect(await total.textContent()).toContain(money(t.revenue));
    expect(await total.textContent()).toContain(money(t.margin));
    expect(await axeViolations(page)).toEqual([]);
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300); // charts re-measure their width
      await page.screenshot({ path: join(testResultsDir, `results-${width}.png`), fullPage: true });
      // nothing wider than the page: wide tables scroll inside their own box
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ width, overflow }).toEqual({ width, overflow: 0 });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(watch.errors).toEqual([]);
  });

  it('fits every table on Customers and Results in its visible box at 1280×800', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    /** Tables wider than the box that shows them (a scroll box, or the page's main area). */
    const overflowing = () =>
      page.evaluate(() => {
        const out: string[] = [];
        const main = document.querySelector('main')!;
        for (const table of Array.from(main.querySelectorAll('table'))) {
          let box: HTMLElement = table.parentElement!;
          while (box !== main && getComputedStyle(box).overflowX === 'visible') {
            box = box.parentElement!;
          }
          const name =
            table.querySelector('caption')?.textContent ?? table.getAttribute('aria-label');
          const right = table.getBoundingClientRect().right;
          const edge = box.getBoundingClientRect().right;
          if (box.scrollWidth > box.clientWidth + 1 || right > edge + 1) {
            out.push(`${name}: ${Math.round(table.scrollWidth)} px in ${box.clientWidth} px`);
          }
        }
        return out;
      });
    for (const hash of ['#/customers', '#/results?view=lines', '#/results?view=monthly']) {
      await page.goto(`${app!.origin}/${hash}`);
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.getByRole('main').locator('table').count()).toBeGreaterThan(0);
      expect({ hash, overflowing: await overflowing() }).toEqual({ hash, overflowing: [] });
    }
    expect(watch.errors).toEqual([]);
  });

  it('ships a Content-Security-Policy that blocks inline scripts', async () => {
    if (!browser || !app) throw new Error('browser and app are started in beforeAll');
    const cspPage = await browser.context.newPage();
    try {
      await cspPage.goto(`${app.origin}/`, { waitUntil: 'networkidle' });
      const policy = await cspPage
        .locator('meta[http-equiv="Content-Security-Policy"]')
        .getAttribute('content');
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");

      const blocked = await cspPage.evaluate(
        () =>
          new Promise<{ ran: boolean; violated: string | null }>((resolveResult) => {
            let violated: string | null = null;
            document.addEventListener('securitypolicyviolation', (event) => {
              violated = event.violatedDirective;
            });
            const script = document.createElement('script');
            script.textContent = 'window.__inlineScriptRan = true;';
            document.body.append(script);
            setTimeout(() => {
              const ran = (window as unknown as { __inlineScriptRan?: boolean }).__inlineScriptRan;
              resolveResult({ ran: ran === true, violated });
            }, 100);
          }),
      );
      expect(blocked.ran).toBe(false);
      expect(blocked.violated).toMatch(/^script-src/);
    } finally {
      await cspPage.close();
    }
  });
});
