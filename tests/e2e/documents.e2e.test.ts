import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPricingData } from '../../src/cli/load-tables';
import { calculateQuote, ScenarioSchema, type Quote, type Scenario } from '../../src/engine/index';
import { resolvePinned } from '../../src/price-tables/registry';
import { generateScenario } from '../../bench/generate';
import { documentFileName, type DocumentKind } from '../../src/reports/pdf/index';
import { serveBuiltApp, type RunningApp } from './support/app-server';
import { chromiumInstalled, launchBrowser, type LaunchedBrowser } from './support/browser';
import { watchPage, type PageWatch } from './support/page-watch';
import { testResultsDir } from './support/paths';

/**
 * The three PDF documents, built by the app's document worker in Chromium over the built app
 * with the sample plan: each is downloaded, checked by `qpdf --check`, read back with
 * `pdftotext -layout` and its first two pages rendered with `pdftoppm` into
 * test-results/pdf/ for a person to look at. (Whether Chromium is missing is reported by
 * smoke.e2e.test.ts.)
 */

const samplePlanPath = fileURLToPath(
  new URL('../../scenarios/sample-msp-plan.json', import.meta.url),
);
const documentsDir = join(testResultsDir, 'documents');
const pagesDir = join(testResultsDir, 'pdf');

/** The poppler and qpdf tools these checks run (apt-get install -y poppler-utils qpdf). */
function requireTool(name: string): void {
  if (spawnSync('which', [name]).status !== 0) {
    throw new Error(`${name} is missing: apt-get install -y poppler-utils qpdf`);
  }
}

interface Downloaded {
  readonly path: string;
  readonly fileName: string;
  readonly text: string;
}

describe.skipIf(!chromiumInstalled())('the PDF documents of the sample plan', () => {
  let app: RunningApp | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let watch: PageWatch;
  let scenario: Scenario;
  let quote: Quote;
  let today: string;
  let money: (amount: string) => string;
  let storedBefore: string | null;
  const built = new Map<DocumentKind, Downloaded>();

  beforeAll(async () => {
    for (const tool of ['qpdf', 'pdftotext', 'pdftoppm']) requireTool(tool);
    rmSync(documentsDir, { recursive: true, force: true });
    rmSync(pagesDir, { recursive: true, force: true });
    mkdirSync(documentsDir, { recursive: true });
    mkdirSync(pagesDir, { recursive: true });

    app = await serveBuiltApp();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    watch = watchPage(page, app.origin);
    await page.goto(`${app.origin}/`, { waitUntil: 'networkidle' });
    await page.evaluate(() => localStorage.clear());
    // a fresh load at #/results (a hash change then a reload would abort the step's chunks)
    await page.goto('about:blank');
    await page.goto(`${app.origin}/#/results?view=exports`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Internal report (PDF)' }).waitFor();
    storedBefore = await page.evaluate(() => localStorage.getItem('spc:scenario'));

    scenario = ScenarioSchema.parse(JSON.parse(readFileSync(samplePlanPath, 'utf8')));
    const pinned = resolvePinned(loadPricingData(), scenario.priceTable);
    if (!pinned.ok) throw new Error(pinned.message);
    today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    quote = calculateQuote(scenario, pinned.entry.table, {
      today,
      tableSha256: pinned.entry.sha256,
    });
    const locale = await page.evaluate(() => navigator.language);
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: quote.currency });
    money = (amount) => format.format(amount as unknown as number);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Clicks a document's button, saves the download to test-results/documents/, reads it. */
  async function download(kind: DocumentKind, button: string): Promise<Downloaded> {
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: button }).click(),
    ]);
    const fileName = file.suggestedFilename();
    const path = join(documentsDir, fileName);
    await file.saveAs(path);
    expect(await file.failure()).toBeNull();
    await expect
      .poll(() => page.getByRole('region', { name: 'Documents' }).getByRole('status').textContent())
      .toMatch(/is ready/);
    const qpdf = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
    expect({ kind, status: qpdf.status, stderr: qpdf.stderr }).toEqual({
      kind,
      status: 0,
      stderr: '',
    });
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], {
      encoding: 'utf8',
    });
    execFileSync('pdftoppm', [
      '-r',
      '50',
      '-png',
      '-f',
      '1',
      '-l',
      '2',
      path,
      join(pagesDir, kind),
    ]);
    const result = { path, fileName, text };
    built.set(kind, result);
    return result;
  }

  it('downloads the MSP proposal: a valid PDF with page numbers and the quote’s totals', async () => {
    await page
      .getByRole('region', { name: 'Exports' })
      .screenshot({ path: join(testResultsDir, 'documents-idle.png') });
    const doc = await download('msp-proposal', 'MSP proposal (PDF)');
    expect(doc.fileName).toBe(documentFileName({ kind: 'msp-proposal', scenario, today }));
    expect(doc.fileName).toMatch(/\.pdf$/);
    expect(doc.text).toContain('Page 1 of');
    // the figure the app shows on its TCV card, as the app formats it
    const tcv = await page.getByTestId('kpi-tcv').textContent();
    expect(tcv).toBe(money(quote.totals!.revenue));
    expect(doc.text).toContain(tcv);
  });

  it('downloads the internal report: totals as the app shows them and every name intact', async () => {
    const doc = await download('internal-report', 'Internal report (PDF)');
    expect(doc.fileName).toBe(documentFileName({ kind: 'internal-report', scenario, today }));
    expect(doc.text).toContain('Page 1 of');
    const t = quote.totals!;
    for (const amount of [t.revenue, t.cost, t.commissions, t.margin]) {
      expect(doc.text).toContain(money(amount));
    }
    for (const name of ['Łódź Telekom', 'Müller GmbH', 'Ελληνικά Δίκτυα']) {
      expect(doc.text).toContain(name);
    }
  });

  it('downloads the customer proposal for Müller GmbH with its name and revenue and nothing internal', async () => {
    const muller = scenario.customers.find((c) => c.name === 'Müller GmbH')!;
    await page.getByRole('combobox', { name: 'Customer' }).selectOption({ label: 'Müller GmbH' });
    const doc = await download('customer-proposal', 'Customer proposal (PDF)');
    expect(doc.fileName).toBe(
      documentFileName({ kind: 'customer-proposal', scenario, today, customerId: muller.id }),
    );
    expect(doc.text).toContain('Page 1 of');
    expect(doc.text).toContain('Müller GmbH');
    const line = quote.customers.find((c) => c.id === muller.id)!;
    expect(doc.text).toContain(money(line.totals.revenue));

    const lower = doc.text.toLowerCase();
    const forbidden = [
      'TR7',
      'cost',
      'margin',
      'commission',
      ...scenario.customers.filter((c) => c.id !== muller.id).map((c) => c.name),
      ...scenario.channel.partners.map((p) => p.name),
      ...scenario.channel.distributors.map((d) => d.name),
    ];
    expect(forbidden.filter((word) => lower.includes(word.toLowerCase()))).toEqual([]);
  });

  it('renders the first two pages of each document to PNG in test-results/pdf/', () => {
    expect([...built.keys()].sort()).toEqual([
      'customer-proposal',
      'internal-report',
      'msp-proposal',
    ]);
    const pngs = readdirSync(pagesDir).filter((f) => f.endsWith('.png'));
    for (const kind of built.keys()) {
      expect(pngs.filter((f) => f.startsWith(`${kind}-`)).length).toBeGreaterThanOrEqual(1);
    }
    for (const doc of built.values()) expect(existsSync(doc.path)).toBe(true);
  });

  it('logged no console errors and requested nothing from other origins while building', () => {
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.failedRequests).toEqual([]);
  });

  it('left the saved scenario as it was', async () => {
    expect(await page.evaluate(() => localStorage.getItem('spc:scenario'))).toBe(storedBefore);
  });

  it('shows the progress of a large report in the worker, and Cancel ends the worker with no download', async () => {
    const table = resolvePinned(loadPricingData(), scenario.priceTable);
    if (!table.ok) throw new Error(table.message);
    const large = generateScenario(1000, 36, 20261101, table.entry.table);
    await page.evaluate(
      (saved) =>
        localStorage.setItem(
          'spc:scenario',
          JSON.stringify({ state: { scenario: saved }, version: 1 }),
        ),
      large,
    );
    try {
      await page.reload({ waitUntil: 'networkidle' });
      // the 1,000-line plan is open: the summary's issues count is there and the Exports
      // section (the URL's view) shows the documents
      await page.getByTestId('kpi-tcv').first().waitFor();
      const documents = page.getByRole('region', { name: 'Documents' });
      await documents.getByRole('button', { name: 'Internal report (PDF)' }).waitFor();
      const downloads: string[] = [];
      const onDownload = (d: { suggestedFilename(): string }) =>
        downloads.push(d.suggestedFilename());
      page.on('download', onDownload);
      const workerStarted = page.waitForEvent('worker');
      await documents.getByRole('button', { name: 'Internal report (PDF)' }).click();
      const worker = await workerStarted;
      const closed = new Promise<void>((resolve) => worker.on('close', () => resolve()));
      const bar = documents.getByRole('progressbar', { name: 'Progress of the internal report' });
      await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
      expect(await documents.getByRole('status').textContent()).toMatch(
        /^Building internal report… \d+ %$/,
      );
      await page
        .getByRole('region', { name: 'Exports' })
        .screenshot({ path: join(testResultsDir, 'documents-building.png') });
      expect(
        await documents.getByRole('button', { name: 'Internal report (PDF)' }).isDisabled(),
      ).toBe(true);
      await documents.getByRole('button', { name: 'Cancel' }).click();
      await closed; // the worker was terminated
      expect(await documents.getByRole('status').textContent()).toBe(
        'Cancelled the internal report.',
      );
      expect(await bar.count()).toBe(0);
      await page.waitForTimeout(3000); // longer than the build would have taken
      page.off('download', onDownload);
      expect(downloads).toEqual([]);
      expect(
        await documents.getByRole('button', { name: 'Internal report (PDF)' }).isEnabled(),
      ).toBe(true);
      expect(watch.errors).toEqual([]);
    } finally {
      await page.evaluate(() => localStorage.clear());
    }
  });
});
