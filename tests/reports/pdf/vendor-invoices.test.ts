import { parseScenario } from '../../support/scenarios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PriceTable, Quote, Scenario } from '../../../src/engine/index';
import { toUnits } from '../../../src/reports/decimal';
import {
  buildToFile,
  HAVE_PDF_TOOLS,
  inputOf,
  pdfText,
  qpdfCheck,
  quoteOf,
  readTable,
  repo,
  samplePlan,
} from './support';

// Issue 14: the MSP proposal's invoice schedule to the vendor (PRICING.md §8) and the internal
// report's cash summary, read back from the PDFs. What the MSP is invoiced adds up to the quote's
// cost less the MSP's own infrastructure (the one cost no vendor invoices), row by row and in
// total; what falls in the horizon is what the quote pays out to the vendor.

const examples = 'tests/fixtures/examples/';
const cents = (usd: string) => BigInt(usd.replace(/[$,]/g, '').replace('.', ''));
const AMOUNT = /-?\$[\d,]+\.\d{2}/g;

interface Case {
  name: string;
  scenario: Scenario;
  table: PriceTable;
  today: string;
  quote: Quote;
  msp: string;
  internal: string;
}

function section(text: string, heading: string, end: RegExp): string {
  const from = text.indexOf(heading);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const rest = text.slice(from);
  return rest.slice(0, rest.search(end));
}

describe.skipIf(!HAVE_PDF_TOOLS)('the vendor’s invoices and the cash summary', () => {
  const cases: Case[] = [];

  beforeAll(async () => {
    const exampleTable = readTable(`${examples}example-table.json`);
    const cash = parseScenario(
      JSON.parse(readFileSync(join(repo, `${examples}example-5-cash.json`), 'utf8')),
    );
    const sample = samplePlan();
    const sampleTable = readTable();
    for (const [name, scenario, table, today] of [
      ['example-5-cash', cash, exampleTable, '2026-12-01'],
      ['sample plan', sample, sampleTable, '2026-11-22'],
    ] as const) {
      const quote = quoteOf(scenario, table, today);
      const build = async (kind: 'msp-proposal' | 'internal-report') => {
        const { path } = await buildToFile(inputOf(kind, { scenario, table, quote, today }));
        expect(qpdfCheck(path).status).toBe(0);
        return pdfText(path);
      };
      cases.push({
        name,
        scenario,
        table,
        today,
        quote,
        msp: await build('msp-proposal'),
        internal: await build('internal-report'),
      });
    }
  }, 120_000);

  it('the schedule’s total is the cost less own infrastructure, and each row adds up', () => {
    for (const c of cases) {
      const text = section(c.msp, `Invoices from ${c.table.vendorName}`, /\n\s*Total cost over/);
      const infra =
        toUnits(c.scenario.platform.infraCostMonthly, 2) * BigInt(c.scenario.horizonMonths);
      const owed = cents(c.quote.totals!.cost) - infra;
      const rows = text.split('\n').filter((l) => /^\s*[A-Z][a-z]{2} \d{4}/.test(l));
      // the first 12 months one by one, then a row per year
      expect(rows.length, c.name).toBe(12 + Math.ceil((c.scenario.horizonMonths - 12) / 12));
      let sum = 0n;
      for (const row of rows) {
        const [licenses, other, invoiced] = row.match(AMOUNT)!.map(cents) as [
          bigint,
          bigint,
          bigint,
        ];
        expect(licenses + other, row).toBe(invoiced);
        sum += invoiced;
      }
      expect(sum, c.name).toBe(owed);
      const total = text.split('\n').find((l) => /^\s*Total\b/.test(l))!;
      expect(cents(total.match(AMOUNT)!.at(-1)!), c.name).toBe(owed);
    }
  });

  it('says what is paid within the horizon (the quote’s payments to the vendor) and after', () => {
    for (const c of cases) {
      const paid = c.quote.months.reduce((a, m) => a + cents(m.cash.outVendor), 0n);
      const infra =
        toUnits(c.scenario.platform.infraCostMonthly, 2) * BigInt(c.scenario.horizonMonths);
      const owed = cents(c.quote.totals!.cost) - infra;
      const line = (label: string) =>
        cents(
          c.msp
            .split('\n')
            .find((l) => l.includes(label))!
            .match(AMOUNT)!
            .at(-1)!,
        );
      expect(line('of which paid within the horizon'), c.name).toBe(paid);
      expect(line('paid after the horizon'), c.name).toBe(owed - paid);
    }
  });

  it('example 5: the vendor invoices each term upfront in its first month', () => {
    const c = cases[0]!;
    const text = section(c.msp, `Invoices from ${c.table.vendorName}`, /\n\s*Total cost over/);
    expect(text).toMatch(
      /invoiced\s+upfront,\s+each\s+term\s+in\s+full\s+in\s+its\s+first\s+month/,
    );
    expect(text).toMatch(/Each\s+invoice\s+is\s+paid\s+1\s+month\s+after\s+it\s+is\s+issued/);
    // no Fixed-Term license invoiced in a month no term starts in (Feb 2027)
    const feb = text.split('\n').find((l) => /^\s*Feb 2027/.test(l))!;
    expect(cents(feb.match(AMOUNT)![0]!)).toBe(0n);
  });

  it('the internal report shows peak funding and the cash break-even month', () => {
    for (const c of cases) {
      const cash = c.quote.totals!.cash;
      const text = section(c.internal, '\nCash\n', /\n\s*Billing/);
      const peak = text.split('\n').find((l) => l.startsWith('Peak funding'))!;
      expect(cents(peak.match(AMOUNT)![0]!), c.name).toBe(cents(cash.peakFunding));
      const month = text.split('\n').find((l) => l.startsWith('Cash break-even month'))!;
      expect(month, c.name).toMatch(
        cash.breakEvenMonth === null ? /Not within the horizon/ : `Month ${cash.breakEvenMonth} (`,
      );
    }
  });
});
