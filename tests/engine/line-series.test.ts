import { parseScenario } from '../support/scenarios';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  customerSeries,
  platformSeries,
  PriceTableSchema,
  vendorInvoiceSeries,
  type CustomerSeries,
  type PriceTable,
  type Quote,
  type Scenario,
} from '../../src/engine/index';
import { TABLE_VARIANTS, validScenarioArb, validScenarioV2Arb } from '../oracle/arbitraries';
import { minor } from './helpers';

// customerSeries: a customer line's monthly figures, recorded by the quote's own month loop.
// They must add up to the line's totals in the quote, and the lines' months to the quote's
// months, to the minor unit; asking for them must not change the quote.

const RUNS = Number(process.env.FC_RUNS ?? 40);
const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const examples = '../fixtures/examples/';

const sum = (amounts: readonly string[]) => amounts.reduce((a, b) => a + minor(b), 0n);

function expectConsistent(s: Scenario, t: PriceTable, today: string): void {
  const quote: Quote = calculateQuote(s, t, { today });
  const all = customerSeries(s, t, { today });
  if (quote.totals === null) {
    expect(all).toBeNull();
    return;
  }
  expect(all).not.toBeNull();
  const series = all as CustomerSeries[];
  expect(series.map((x) => x.customerId)).toEqual(quote.customers.map((c) => c.id));
  series.forEach((line, i) => {
    const totals = quote.customers[i]!.totals;
    expect(line.months).toHaveLength(s.horizonMonths);
    expect(line.totals.revenue).toBe(totals.revenue);
    expect(line.totals.cost).toBe(totals.cost);
    expect(line.totals.commissions).toBe(totals.commissions);
    expect(line.totals.margin).toBe(totals.margin);
    expect(sum(line.months.map((m) => m.revenue))).toBe(minor(totals.revenue));
    expect(sum(line.months.map((m) => m.cost))).toBe(minor(totals.cost));
    expect(minor(line.totals.recurringRevenue) + minor(line.totals.oneOffRevenue)).toBe(
      minor(line.totals.revenue),
    );
    const scenarioLine = s.customers[i]!;
    const active = line.months.filter((m) => m.active).map((m) => m.month);
    expect(active[0]).toBe(scenarioLine.startMonth);
    // one-off revenue only in the line's first month
    for (const m of line.months) {
      if (m.month !== scenarioLine.startMonth) expect(minor(m.oneOffRevenue)).toBe(0n);
      if (!m.active) expect([minor(m.revenue), minor(m.cost)]).toEqual([0n, 0n]);
    }
  });
  // the lines' revenue month by month is the quote's month revenue (platform has none)
  quote.months.forEach((month, i) => {
    expect(sum(series.map((line) => line.months[i]!.revenue))).toBe(minor(month.revenue));
    expect(sum(series.map((line) => line.months[i]!.recurringRevenue))).toBe(
      minor(month.recurringRevenue),
    );
    // commissions by party: the partners' and the distributors' parts are the quote's months'
    expect(sum(series.map((line) => line.months[i]!.partnerCommission))).toBe(
      minor(month.commissions.partner),
    );
    expect(sum(series.map((line) => line.months[i]!.distributorCommission))).toBe(
      minor(month.commissions.distributor),
    );
  });
  series.forEach((line) => {
    expect(minor(line.totals.partnerCommission) + minor(line.totals.distributorCommission)).toBe(
      minor(line.totals.commissions),
    );
  });
  expectInvoicesAgreeWithCash(s, t, today, quote, series);
}

/**
 * PRICING.md §8: a line's invoices sum to its revenue within the horizon; every invoice covers
 * months from its own onwards; and all lines' invoices, each paid the customers' delay later,
 * are the quote's cash in (and, past the horizon, its receivable). The vendor's invoices paid
 * the vendor's delay later are the quote's payments to the vendor, and sum to the cost less
 * the MSP's own infrastructure.
 */
function expectInvoicesAgreeWithCash(
  s: Scenario,
  t: PriceTable,
  today: string,
  quote: Quote,
  series: readonly CustomerSeries[],
): void {
  const H = s.horizonMonths;
  const delay = s.billing?.customers?.paymentDelayMonths ?? 0;
  const paidIn = new Array<bigint>(H + 4).fill(0n);
  for (const line of series) {
    expect(sum(line.months.map((m) => m.invoiced))).toBe(minor(line.totals.revenue));
    for (const m of line.months) {
      expect(m.invoiceDue).toBe(m.month + delay);
      if (minor(m.invoiced) !== 0n) {
        expect(m.invoiceCoversTo).not.toBeNull();
        expect(m.invoiceCoversTo!).toBeGreaterThanOrEqual(m.month);
        expect(m.invoiceCoversTo!).toBeLessThanOrEqual(H);
      }
      paidIn[m.invoiceDue] = paidIn[m.invoiceDue]! + minor(m.invoiced);
    }
  }
  let receivable = 0n;
  for (let m = 1; m < paidIn.length; m++) {
    if (m <= H) expect(paidIn[m]).toBe(minor(quote.months[m - 1]!.cash.in));
    else receivable += paidIn[m]!;
  }
  expect(receivable).toBe(minor(quote.totals!.cash.receivableAfterHorizon));

  const vendor = vendorInvoiceSeries(s, t, { today })!;
  const vendorDelay = s.billing?.vendor?.paymentDelayMonths ?? 0;
  expect(vendor).toHaveLength(H);
  const paidOut = new Array<bigint>(H + 4).fill(0n);
  for (const v of vendor) {
    expect(v.due).toBe(v.month + vendorDelay);
    paidOut[v.due] = paidOut[v.due]! + minor(v.invoiced);
  }
  for (let m = 1; m <= H; m++) {
    expect(paidOut[m]).toBe(minor(quote.months[m - 1]!.cash.outVendor));
  }
  const infra = quote.months.reduce((a, m) => a + minor(m.cash.outInfra), 0n);
  expect(sum(vendor.map((v) => v.invoiced))).toBe(minor(quote.totals!.cost) - infra);
}

describe('customerSeries', () => {
  const sampleTable = PriceTableSchema.parse(
    read('../../pricing-data/tr7-service-provider/USD/2026.11.json'),
  );
  const plan = parseScenario(read('../../scenarios/sample-msp-plan.json'));

  it('adds up to every line of the sample plan and to its months', () => {
    expectConsistent(plan, sampleTable, '2026-11-22');
  });

  it('adds up on the golden examples (PRICING.md examples)', () => {
    const t = PriceTableSchema.parse(read(`${examples}example-table.json`));
    for (const name of ['example-1-mixed', 'example-2-hardware']) {
      expectConsistent(parseScenario(read(`${examples}${name}.json`)), t, '2026-12-01');
    }
  });

  it('is null when the quote has errors', () => {
    const t = PriceTableSchema.parse(read(`${examples}example-table.json`));
    const s = parseScenario(read(`${examples}example-3-errors.json`));
    expect(customerSeries(s, t, { today: '2026-12-01' })).toBeNull();
  });

  it('returns only the lines asked for, in scenario order, without changing the quote', () => {
    const before = calculateQuote(plan, sampleTable, { today: '2026-11-22' });
    const some = customerSeries(plan, sampleTable, { today: '2026-11-22' }, ['c8', 'c2', 'zz']);
    expect(some?.map((x) => [x.customerId, x.index])).toEqual([
      ['c2', 1],
      ['c8', 7],
    ]);
    expect(calculateQuote(plan, sampleTable, { today: '2026-11-22' })).toEqual(before);
  });

  it("a line's one-off revenue is its fixed oneOff in its first month", () => {
    const c5 = customerSeries(plan, sampleTable, { today: '2026-11-22' }, ['c5'])![0]!;
    // Brightwave Events: fixed 1450.00 a month and 500.00 once, months 5 to 10
    expect(c5.months.filter((m) => m.active).map((m) => m.month)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(c5.months[4]!.oneOffRevenue).toBe('500.00');
    expect(c5.months[4]!.recurringRevenue).toBe('1450.00');
    expect(c5.totals.revenue).toBe('9200.00');
  });

  it('invoices the cash example by its billing modes and delays (example 5)', () => {
    const t = PriceTableSchema.parse(read(`${examples}example-table.json`));
    const s = parseScenario(read(`${examples}example-5-cash.json`));
    expectConsistent(s, t, '2026-12-01');
  });

  for (const name of Object.keys(TABLE_VARIANTS)) {
    it(`invoices add up to revenue and cash on random version-2 scenarios (${name} table)`, () => {
      const t = PriceTableSchema.parse(structuredClone(TABLE_VARIANTS[name]!));
      fc.assert(
        fc.property(validScenarioV2Arb(TABLE_VARIANTS[name]!, 4), (generated) => {
          // changes over time (§7) give later cohorts their own first month: only the invoice
          // and cash rules are checked here
          const s = parseScenario(generated);
          const quote = calculateQuote(s, t, { today: '2026-12-01' });
          const series = customerSeries(s, t, { today: '2026-12-01' });
          if (quote.totals === null) return;
          expectInvoicesAgreeWithCash(s, t, '2026-12-01', quote, series!);
        }),
        { numRuns: RUNS },
      );
    });
  }

  for (const name of Object.keys(TABLE_VARIANTS)) {
    it(`adds up on random valid scenarios (${name} table)`, () => {
      const t = PriceTableSchema.parse(structuredClone(TABLE_VARIANTS[name]!));
      fc.assert(
        fc.property(validScenarioArb(TABLE_VARIANTS[name]!, 4), (generated) => {
          expectConsistent(parseScenario(generated), t, '2026-12-01');
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe('platformSeries: the platform cost by part', () => {
  const readExample = (name: string): unknown =>
    JSON.parse(readFileSync(new URL(`../fixtures/examples/${name}`, import.meta.url), 'utf8'));
  const exampleTable = PriceTableSchema.parse(readExample('example-table.json'));

  it('example 2: appliances in month 1, a year of support in months 1 and 13, nothing else', () => {
    const s = parseScenario(readExample('example-2-hardware.json'));
    const quote = calculateQuote(s, exampleTable, { today: '2026-12-01' });
    const parts = platformSeries(s, exampleTable, { today: '2026-12-01' })!;
    const count = quote.platform!.appliances!.count;
    // Base appliance 12,500.00; support 20 % a year = 2,500.00 per appliance, in months 1 and 13
    expect(minor(parts[0]!.appliances)).toBe(BigInt(count) * 1_250_000n);
    expect(minor(parts[0]!.support)).toBe(BigInt(count) * 250_000n);
    expect(minor(parts[12]!.support)).toBe(BigInt(count) * 250_000n);
    for (const m of parts) {
      if (m.month !== 1) expect(m.appliances).toBe('0.00');
      if (m.month !== 1 && m.month !== 13) expect(m.support).toBe('0.00');
      expect(m.infrastructure).toBe('0.00'); // infraCostMonthly "0"
      expect(m.mainApps).toBe('0.00'); // no main apps
    }
  });

  it('on generated deals: the parts of each month sum to the quote’s cost.platform', () => {
    fc.assert(
      fc.property(validScenarioV2Arb(TABLE_VARIANTS['example']!, 4), (generated) => {
        const s = parseScenario(generated);
        const t = PriceTableSchema.parse(structuredClone(TABLE_VARIANTS['example']!));
        const quote = calculateQuote(s, t, { today: '2026-12-01' });
        const parts = platformSeries(s, t, { today: '2026-12-01' });
        if (quote.totals === null) {
          expect(parts).toBeNull();
          return;
        }
        expect(parts!.map((m) => m.total)).toEqual(quote.months.map((m) => m.cost.platform));
        for (const m of parts!) {
          expect(
            minor(m.appliances) + minor(m.support) + minor(m.infrastructure) + minor(m.mainApps),
          ).toBe(minor(m.total));
          // the MSP's own infrastructure is paid in its month (§8): the cash series has it too
          expect(m.infrastructure).toBe(quote.months[m.month - 1]!.cash.outInfra);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
