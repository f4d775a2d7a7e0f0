import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../bench/generate';
import type { Quote, Scenario } from '../../../src/engine/index';
import { customersCsv, monthsCsv } from '../../../src/reports/csv';
import { compareDecimals, quoteDigits, sumDecimals } from '../../../src/reports/decimal';
import {
  adviceText,
  CUSTOMER_ORDER,
  customerFooter,
  customerResultRows,
  MONTH_ORDER,
  monthFooter,
  monthMatches,
  monthResultRows,
  sumAmounts,
  textMatches,
  type CustomerResultRow,
} from '../../../src/features/results/tables';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { resolvePinned } from '../../../src/price-tables/registry';
import { sampleScenario } from '../../../src/state/sample';
import { engineQuote } from '../../support/app-state';

function serviceOf(scenario: Scenario) {
  const pinned = resolvePinned(bundledRegistry, scenario.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return pinned.entry.table.service;
}

/** The sample plan and three generated 200-line plans over 5 years. */
const CASES: [string, Scenario][] = [
  ['the sample plan', sampleScenario()],
  ...[1, 2, 3].map((seed): [string, Scenario] => [
    `a generated 200-line plan (seed ${seed})`,
    generateScenario(200, 60, seed),
  ]),
];

/** The cells of the CSV row whose second field is `label` ("Platform", "Total"). */
function csvRow(csv: string, label: string, at = 1): string[] {
  const line = csv.split('\r\n').find((l) => l.split(',')[at] === label);
  if (!line) throw new Error(`no ${label} row`);
  return line.split(',');
}

describe.each(CASES)('the Results tables of %s', (_name, scenario) => {
  const quote: Quote = engineQuote(scenario);
  const t = quote.totals!;
  const digits = quoteDigits(quote);
  const rows = customerResultRows(scenario, quote, serviceOf(scenario));
  const months = monthResultRows(quote);

  it('price without errors', () => {
    expect(quote.issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(rows).toHaveLength(scenario.customers.length);
  });

  it('customers: the Total row is the quote totals, and Σ rows + Platform equals it exactly', () => {
    const footer = customerFooter(quote, rows)!;
    expect(footer.subtotal).toBeNull();
    expect(footer.total).toMatchObject({
      revenue: t.revenue,
      cost: t.cost,
      commissions: t.commissions,
      margin: t.margin,
      marginPct: t.marginPct,
      lines: rows.length,
      count: scenario.customers.reduce((n, c) => n + c.count, 0),
    });
    const lines = sumAmounts(rows, digits);
    const withPlatform = sumAmounts([...rows, footer.platform], digits);
    expect(withPlatform).toEqual({
      revenue: t.revenue,
      cost: t.cost,
      commissions: t.commissions,
      margin: t.margin,
      marginPct: t.marginPct,
    });
    expect(footer.platform.revenue).toBe(sumDecimals([], digits));
    expect(footer.platform.cost).toBe(
      sumDecimals(
        quote.months.map((m) => m.cost.platform),
        digits,
      ),
    );
    expect(sumDecimals([lines.margin, footer.platform.margin], digits)).toBe(t.margin);
  });

  it('customers: each row carries its quote line and the names from the table and channel', () => {
    rows.forEach((row, i) => {
      const line = scenario.customers[i]!;
      const q = quote.customers[i]!;
      expect(row).toMatchObject({ id: line.id, index: i, count: line.count, ...q.totals });
      expect(row.name).toBe(line.name || line.id);
      expect(row.belowMinMargin).toBe(q.belowMinMargin);
      expect(row.advice).toBe(q.advice);
      const partner = scenario.channel.partners.find((p) => p.id === line.partnerId);
      expect(row.partner).toBe(partner ? partner.name : 'Direct');
      expect(row.model).toMatch(line.license.model === 'payg' ? /^PAYG/ : /^Fixed-Term, \d+ mo$/);
    });
  });

  it('months: the Total row is Σ months and equals the quote totals exactly', () => {
    const footer = monthFooter(quote, months)!;
    expect(footer.subtotal).toBeNull();
    expect(footer.total.months).toBe(scenario.horizonMonths);
    expect(footer.total.revenue).toBe(t.revenue);
    expect(footer.total.cost).toBe(t.cost);
    expect(footer.total.commissions).toBe(t.commissions);
    expect(footer.total.margin).toBe(t.margin);
    expect(
      sumDecimals(
        [
          footer.total.costFixedTerm,
          footer.total.costPayg,
          footer.total.costApps,
          footer.total.costPlatform,
        ],
        digits,
      ),
    ).toBe(t.cost);
    expect(months.at(-1)!.cumulativeMargin).toBe(t.margin);
    expect(months.at(-1)!.recurringRevenue).toBe(t.mrrFinal);
  });

  it('the CSV exports carry the same platform and total rows as the screen', () => {
    const footer = customerFooter(quote, rows)!;
    const csv = customersCsv(scenario, quote);
    const amounts = (cells: string[]) => cells.slice(8, 13);
    expect(amounts(csvRow(csv, 'Platform'))).toEqual([
      footer.platform.revenue,
      footer.platform.cost,
      footer.platform.commissions,
      footer.platform.margin,
      '',
    ]);
    expect(amounts(csvRow(csv, 'Total'))).toEqual([
      t.revenue,
      t.cost,
      t.commissions,
      t.margin,
      t.marginPct ?? '',
    ]);
    const m = monthFooter(quote, months)!.total;
    expect(csvRow(monthsCsv(quote), 'Total').slice(2, 11)).toEqual([
      m.revenue,
      m.recurringRevenue,
      m.costFixedTerm,
      m.costPayg,
      m.costApps,
      m.costPlatform,
      m.partnerCommission,
      m.distributorCommission,
      m.margin,
    ]);
  });

  it('a filter keeps the total and adds the subtotal of what it shows', () => {
    const shown = rows.filter((_, i) => i % 3 === 0);
    const footer = customerFooter(quote, rows, shown)!;
    expect(footer.total.revenue).toBe(t.revenue);
    expect(footer.subtotal).toMatchObject({
      lines: shown.length,
      revenue: sumDecimals(
        shown.map((r) => r.revenue),
        digits,
      ),
      margin: sumDecimals(
        shown.map((r) => r.margin),
        digits,
      ),
    });
    const rest = rows.filter((_, i) => i % 3 !== 0);
    expect(
      sumDecimals(
        [footer.subtotal!.revenue, sumAmounts(rest, digits).revenue, footer.platform.revenue],
        digits,
      ),
    ).toBe(t.revenue);

    const year = months[12]!.period.slice(0, 4);
    const inYear = months.filter((m) => monthMatches(m, year));
    expect(inYear.length).toBeGreaterThan(0);
    expect(inYear.every((m) => m.period.startsWith(year))).toBe(true);
    const mf = monthFooter(quote, months, inYear)!;
    expect(mf.subtotal!.months).toBe(inYear.length);
    expect(mf.subtotal!.margin).toBe(
      sumDecimals(
        inYear.map((m) => m.margin),
        digits,
      ),
    );
    expect(mf.total.margin).toBe(t.margin);
  });

  it('sorts by any column, amounts in exact decimal order', () => {
    const byRevenue = [...rows].sort(CUSTOMER_ORDER.revenue);
    for (let i = 1; i < byRevenue.length; i++) {
      expect(compareDecimals(byRevenue[i - 1]!.revenue, byRevenue[i]!.revenue)).toBeLessThanOrEqual(
        0,
      );
    }
    const byPct = [...rows].sort(CUSTOMER_ORDER.marginPct);
    const firstWithPct = byPct.findIndex((r) => r.marginPct !== null);
    expect(byPct.slice(firstWithPct).every((r) => r.marginPct !== null)).toBe(true);
    const byMargin = [...months].sort(MONTH_ORDER.margin);
    for (let i = 1; i < byMargin.length; i++) {
      expect(compareDecimals(byMargin[i - 1]!.margin, byMargin[i]!.margin)).toBeLessThanOrEqual(0);
    }
    expect(
      [...months]
        .reverse()
        .sort(MONTH_ORDER.month)
        .map((m) => m.month),
    ).toEqual(months.map((m) => m.month));
  });
});

describe('sorting and filtering helpers', () => {
  const row = (name: string, extra: Partial<CustomerResultRow> = {}): CustomerResultRow => ({
    id: name,
    index: 0,
    name,
    count: 1,
    model: 'PAYG',
    bundle: 'b',
    bandwidth: 'w',
    partner: 'Direct',
    revenue: '0.00',
    cost: '0.00',
    commissions: '0.00',
    margin: '0.00',
    marginPct: null,
    belowMinMargin: false,
    advice: null,
    ...extra,
  });

  it('orders names by the locale, numbers in numeric order', () => {
    const names = ['Line 10', 'line 2', 'Müller', 'Apex'];
    expect(
      names
        .map((n) => row(n))
        .sort(CUSTOMER_ORDER.name)
        .map((r) => r.name),
    ).toEqual(['Apex', 'line 2', 'Line 10', 'Müller']);
  });

  it('orders amounts as decimals, not as text or floats', () => {
    const rows = ['9.99', '10.00', '-250.00', '1000000000000000.01', '1000000000000000.00'].map(
      (revenue) => row(revenue, { revenue }),
    );
    expect(rows.sort(CUSTOMER_ORDER.revenue).map((r) => r.revenue)).toEqual([
      '-250.00',
      '9.99',
      '10.00',
      '1000000000000000.00',
      '1000000000000000.01',
    ]);
  });

  it('puts lines without a margin % or advice first in ascending order', () => {
    const rows = [row('a', { marginPct: '5.00' }), row('b'), row('c', { marginPct: '-1.00' })];
    expect(rows.sort(CUSTOMER_ORDER.marginPct).map((r) => r.name)).toEqual(['b', 'c', 'a']);
    const advice = { termMonths: 12, breakEvenHours: 300, averageHours: 250.5, saving: '120.00' };
    const withAdvice = [row('x', { advice }), row('y')];
    expect(withAdvice.sort(CUSTOMER_ORDER.advice).map((r) => r.name)).toEqual(['y', 'x']);
    expect(adviceText(advice, (a) => `$${a}`)).toBe(
      'Fixed-Term 12 mo saves $120.00 (break-even 300 h/month; average 250.5 h)',
    );
    expect(adviceText(null, (a) => a)).toBe('');
  });

  it('filters names ignoring case and accents; blank keeps all', () => {
    expect(textMatches('Müller GmbH', 'muller')).toBe(true);
    expect(textMatches('Müller GmbH', '  GMBH ')).toBe(true);
    expect(textMatches('Łódź Telekom', 'łódź')).toBe(true);
    expect(textMatches('Łódź Telekom', 'Müller')).toBe(false);
    expect(textMatches('anything', '')).toBe(true);
  });

  it('filters months by the start of their period', () => {
    const m = { period: '2027-03' } as Parameters<typeof monthMatches>[0];
    expect(monthMatches(m, '2027')).toBe(true);
    expect(monthMatches(m, '2027-03')).toBe(true);
    expect(monthMatches(m, '2027-1')).toBe(false);
    expect(monthMatches(m, '2028')).toBe(false);
    expect(monthMatches(m, ' ')).toBe(true);
  });

  it('have no figures when an error stopped the quote', () => {
    const scenario = sampleScenario();
    const quote = engineQuote({ ...scenario, horizonMonths: 0 } as Scenario);
    expect(quote.totals).toBeNull();
    expect(customerFooter(quote, [])).toBeNull();
    expect(monthFooter(quote, [])).toBeNull();
  });
});
