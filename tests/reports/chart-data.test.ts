import { describe, expect, it } from 'vitest';
import {
  paygBreakEven,
  priceWaterfall,
  type PaygBreakEven,
  type PriceWaterfall,
  type Quote,
  type Scenario,
} from '../../src/engine/index';
import { COST_CATEGORIES } from '../../src/reports/columns';
import {
  cumulativeMargin,
  customerMix,
  monthlySeries,
  paygChart,
  plotNumber,
  rateFormatter,
  waterfallBars,
} from '../../src/reports/chart-data';
// the exact helpers live in the one decimal module (ADR 024); the names the charts once used
import {
  negateDecimal as negateAmount,
  percentOf as shareOf,
  subtractDecimals as subtractAmounts,
  sumDecimals as sumAmounts,
} from '../../src/reports/decimal';
import { bundledRegistry } from '../../src/price-tables/bundled';
import { resolvePinned } from '../../src/price-tables/registry';
import { localToday } from '../../src/state/app-store';
import { sampleScenario } from '../../src/state/sample';
import { engineQuote } from '../support/app-state';

/** A quote amount in minor units, exactly (BigInt): the test's own arithmetic, no floats. */
function minor(amount: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{2}))?$/.exec(amount);
  if (!m) throw new Error(`not a USD amount: ${amount}`);
  const units = BigInt(`${m[2]}${m[3] ?? '00'}`);
  return m[1] === '-' ? -units : units;
}
const total = (amounts: readonly string[]) => amounts.reduce((s, a) => s + minor(a), 0n);

const scenario: Scenario = sampleScenario();
const quote: Quote = engineQuote(scenario);

function tableOf(s: Scenario) {
  const pinned = resolvePinned(bundledRegistry, s.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return pinned.entry;
}
const options = () => ({ today: localToday(), tableSha256: tableOf(scenario).sha256 });

describe('exact decimal helpers', () => {
  it('add, subtract and negate without floats, past 2^53', () => {
    expect(sumAmounts(['0.10', '0.20'], 2)).toBe('0.30');
    expect(sumAmounts([], 2)).toBe('0.00');
    expect(sumAmounts([], 0)).toBe('0');
    expect(sumAmounts(['90071992547409.93', '0.01', '-0.05'], 2)).toBe('90071992547409.89');
    expect(sumAmounts(['1.5', '0.25'], 2)).toBe('1.75');
    expect(subtractAmounts('0.30', '0.10')).toBe('0.20');
    expect(subtractAmounts('-1.00', '2.50')).toBe('-3.50');
    expect(negateAmount('12.34')).toBe('-12.34');
    expect(negateAmount('-0.01')).toBe('0.01');
    expect(negateAmount('0.00')).toBe('0.00');
    expect(() => sumAmounts(['1e3'], 2)).toThrow(RangeError);
  });

  it('formats a rate with every decimal it has, at least the minor digits', () => {
    expect(rateFormatter('USD', 'en-US')('0.3840')).toBe('$0.3840');
    expect(rateFormatter('USD', 'en-US')('2.1')).toBe('$2.10');
    expect(rateFormatter('JPY', 'en-US')('12.505')).toBe('¥12.505');
    expect(rateFormatter('USD', 'en-US')('123456789012.123456')).toBe('$123,456,789,012.123456');
  });

  it('shares round half away from zero to 2 decimals', () => {
    expect(shareOf('1.00', '3.00')).toBe('33.33');
    expect(shareOf('2.00', '3.00')).toBe('66.67');
    expect(shareOf('1.00', '8.00')).toBe('12.50');
    expect(shareOf('0.00', '5.00')).toBe('0.00');
    expect(shareOf('1.00', '0.00')).toBeNull();
  });
});

describe('monthlySeries', () => {
  const series = monthlySeries(quote);

  it("keeps every month's exact figures and adds cost and commissions exactly", () => {
    expect(series.currency).toBe('USD');
    expect(series.rows).toHaveLength(scenario.horizonMonths);
    series.rows.forEach((row, i) => {
      const m = quote.months[i]!;
      expect(row).toMatchObject({
        month: m.month,
        period: m.period,
        revenue: m.revenue,
        fixedTerm: m.cost.fixedTerm,
        payg: m.cost.payg,
        apps: m.cost.apps,
        platform: m.cost.platform,
        margin: m.margin,
      });
      const cost = total([m.cost.fixedTerm, m.cost.payg, m.cost.apps, m.cost.platform]);
      const commissions = total([m.commissions.partner, m.commissions.distributor]);
      expect(minor(row.cost)).toBe(cost);
      expect(minor(row.commissions)).toBe(commissions);
      // the quote's own identity: revenue − cost − commissions = margin, month by month
      expect(minor(row.revenue) - cost - commissions).toBe(minor(row.margin));
    });
  });

  it("has totals equal to the quote's totals", () => {
    const t = quote.totals!;
    expect(series.totals.revenue).toBe(t.revenue);
    expect(series.totals.cost).toBe(t.cost);
    expect(series.totals.commissions).toBe(t.commissions);
    expect(series.totals.margin).toBe(t.margin);
    expect(
      minor(series.totals.fixedTerm) +
        minor(series.totals.payg) +
        minor(series.totals.apps) +
        minor(series.totals.platform),
    ).toBe(minor(t.cost));
  });

  it('plots the same figures as numbers and carries the exact row for tooltips', () => {
    series.plot.forEach((point, i) => {
      const row = series.rows[i]!;
      expect(point.exact).toBe(row);
      expect(point.period).toBe(row.period);
      for (const key of [
        'revenue',
        'commissions',
        'margin',
        ...COST_CATEGORIES.map((c) => c.key),
      ]) {
        expect(point[key as 'revenue']).toBe(Number(row[key as 'revenue']));
      }
    });
  });

  it('is empty for a quote stopped by an error', () => {
    const broken = { ...quote, months: [], customers: [], platform: null, totals: null };
    const empty = monthlySeries(broken);
    expect(empty.rows).toEqual([]);
    expect(empty.totals.revenue).toBe('0.00');
  });
});

describe('cumulativeMargin', () => {
  const c = cumulativeMargin(quote);

  it('is the running sum of the monthly margins, exactly', () => {
    let running = 0n;
    c.points.forEach((p, i) => {
      running += minor(quote.months[i]!.margin);
      expect(p.cumulativeMargin).toBe(quote.months[i]!.cumulativeMargin);
      expect(minor(p.cumulativeMargin)).toBe(running);
      expect(p.value).toBe(plotNumber(p.cumulativeMargin));
    });
    expect(running).toBe(minor(quote.totals!.margin));
  });

  it("marks the quote's break-even month, from which the sum stays ≥ 0", () => {
    expect(c.breakEvenMonth).toBe(quote.totals!.breakEvenMonth);
    expect(c.breakEvenMonth).toBe(3);
    expect(c.breakEvenPeriod).toBe('2027-03');
    expect(c.points.filter((p) => p.breakEven).map((p) => p.month)).toEqual([3]);
    for (const p of c.points) {
      expect(minor(p.cumulativeMargin) >= 0n).toBe(p.month >= 3);
    }
  });

  it('has no break-even when the margin never turns positive', () => {
    const none = cumulativeMargin({ ...quote, totals: { ...quote.totals!, breakEvenMonth: null } });
    expect(none.breakEvenMonth).toBeNull();
    expect(none.breakEvenPeriod).toBeNull();
    expect(none.points.some((p) => p.breakEven)).toBe(false);
  });
});

describe('customerMix', () => {
  const table = tableOf(scenario).table;
  const mix = customerMix(scenario, quote, {
    bundles: table.service.bundles,
    bandwidths: table.service.bandwidthTiers,
  });
  const revenueOf = (ids: string[]) =>
    total(quote.customers.filter((c) => ids.includes(c.id)).map((c) => c.totals.revenue));

  it('splits Fixed-Term and PAYG by revenue and by count; a converting line counts as PAYG', () => {
    // c6 is PAYG converting to Fixed-Term at month 7: PAYG
    const [fixed, payg] = mix.byModel;
    expect(fixed).toMatchObject({ key: 'fixed-term', label: 'Fixed-Term', count: 3, lines: 3 });
    expect(payg).toMatchObject({ key: 'payg', label: 'PAYG', count: 45, lines: 5 });
    expect(minor(fixed!.revenue)).toBe(revenueOf(['c1', 'c2', 'c7']));
    expect(minor(payg!.revenue)).toBe(revenueOf(['c3', 'c4', 'c5', 'c6', 'c8']));
    expect(mix.convertingCount).toBe(1);
    expect(mix.total).toEqual({ revenue: quote.totals!.revenue, count: 48, lines: 8 });
  });

  it("orders bundles and bandwidths as the table does, with the table's names", () => {
    expect(mix.byBundle.map((s) => [s.label, s.count, s.lines])).toEqual([
      ['Essential', 43, 3],
      ['Advanced', 3, 3],
      ['Premium', 2, 2],
    ]);
    expect(minor(mix.byBundle[0]!.revenue)).toBe(revenueOf(['c3', 'c7', 'c8']));
    expect(mix.byBandwidth.map((s) => [s.label, s.count])).toEqual([
      ['50 Mbps', 1],
      ['100 Mbps', 40],
      ['500 Mbps', 2],
      ['1 Gbps', 4],
      ['5 Gbps', 1],
    ]);
    expect(minor(mix.byBandwidth[3]!.revenue)).toBe(revenueOf(['c1', 'c5', 'c8']));
  });

  it('adds up: every breakdown sums to the total, exactly', () => {
    for (const slices of [mix.byModel, mix.byBundle, mix.byBandwidth]) {
      expect(total(slices.map((s) => s.revenue))).toBe(minor(quote.totals!.revenue));
      expect(slices.reduce((n, s) => n + s.count, 0)).toBe(48);
      for (const s of slices) {
        expect(s.revenueShare).toBe(shareOf(s.revenue, quote.totals!.revenue));
        expect(s.plotRevenue).toBe(Number(s.revenue));
      }
    }
  });

  it('falls back to ids, in order of appearance, without labels', () => {
    const plain = customerMix(scenario, quote);
    expect(plain.byBundle.map((s) => s.label)).toEqual(['advanced', 'premium', 'essential']);
  });

  it('keeps both models when the deal has none of one', () => {
    const fixedOnly = { ...scenario, customers: scenario.customers.slice(0, 2) };
    const m = customerMix(fixedOnly, engineQuote(fixedOnly));
    expect(m.byModel.map((s) => [s.key, s.count, s.revenue, s.revenueShare])).toEqual([
      ['fixed-term', 2, m.total.revenue, '100.00'],
      ['payg', 0, '0.00', '0.00'],
    ]);
  });
});

/** The chain of a waterfall checked exactly: each bar starts where the last one ended. */
function expectChain(w: PriceWaterfall) {
  const { bars } = waterfallBars(w);
  expect(bars.map((b) => b.step)).toEqual([
    'list',
    'termDiscount',
    'volumeDiscount',
    'cost',
    'markup',
    'sell',
    'commissions',
    'margin',
  ]);
  expect(minor(bars[0]!.start)).toBe(0n);
  for (let i = 1; i < bars.length; i++) {
    expect(bars[i]!.start).toBe(bars[i - 1]!.end);
    expect(minor(bars[i]!.start)).toBe(minor(bars[i - 1]!.end));
  }
  for (const bar of bars) {
    if (bar.kind === 'total') {
      expect(bar.end).toBe(bar.amount);
      if (bar.step !== 'list' && bar.step !== 'margin') expect(bar.start).toBe(bar.end);
    } else {
      expect(minor(bar.end) - minor(bar.start)).toBe(minor(bar.amount));
      const a = minor(bar.amount);
      // a zero step keeps the direction its label names
      const down = a < 0n || (a === 0n && bar.label.startsWith('−'));
      expect(bar.kind).toBe(down ? 'decrease' : 'increase');
    }
    const [low, high] = bar.range;
    expect(low).toBeLessThanOrEqual(high);
  }
  const byStep = Object.fromEntries(bars.map((b) => [b.step, b]));
  expect(byStep.list!.end).toBe(w.list);
  expect(byStep.cost!.end).toBe(w.cost);
  expect(byStep.sell!.end).toBe(w.sell);
  expect(bars.at(-1)!.end).toBe(w.margin);
  expect(minor(byStep.termDiscount!.amount)).toBe(-minor(w.termDiscount));
  expect(minor(byStep.commissions!.amount)).toBe(-minor(w.commissions));
  // The margin spans from the cost to what is left after commissions: its length is the margin,
  // and the cost is drawn once only.
  const margin = byStep.margin!;
  expect(minor(margin.start)).toBe(minor(w.sell) - minor(w.commissions));
  expect(minor(margin.start) - minor(w.cost)).toBe(minor(w.margin));
  expect(bars.filter((b) => /cost/i.test(b.label) && b.step !== 'markup')).toHaveLength(1);
  const cents = (n: number) => BigInt(Math.round(n * 100));
  expect(cents(margin.range[1]) - cents(margin.range[0])).toBe(
    minor(w.margin) < 0n ? -minor(w.margin) : minor(w.margin),
  );
  // Never a "+" label on a step down, nor a "−" on a step up.
  for (const bar of bars) {
    if (bar.kind === 'decrease') expect(bar.label.startsWith('−')).toBe(true);
    if (bar.kind === 'increase') expect(bar.label.startsWith('+')).toBe(true);
  }
  return bars;
}

describe('waterfallBars', () => {
  it("runs the deal's waterfall from list price to margin, exactly", () => {
    const w = priceWaterfall(scenario, tableOf(scenario).table, options());
    expect(w).not.toBeNull();
    expect(w!.margin).toBe(quote.totals!.margin);
    const bars = expectChain(w!);
    expect(bars.map((b) => b.label)).toEqual([
      'List price',
      '− Term discounts',
      '− Volume discounts',
      '= Cost',
      '+ Markup',
      '= Sell price',
      '− Commissions',
      '= Margin',
    ]);
    expect(waterfallBars(w!)).toMatchObject({ currency: 'USD', scope: 'deal', customerId: null });
  });

  it("runs every customer line's waterfall to the line's margin", () => {
    for (const c of quote.customers) {
      const w = priceWaterfall(scenario, tableOf(scenario).table, options(), c.id);
      expect(w).not.toBeNull();
      expect(w!.margin).toBe(c.totals.margin);
      expectChain(w!);
      expect(waterfallBars(w!).customerId).toBe(c.id);
    }
  });

  it('draws a negative markup as a decrease and a negative margin below zero', () => {
    const w: PriceWaterfall = {
      currency: 'USD',
      scope: 'customer',
      customerId: 'x',
      list: '1000.00',
      termDiscount: '100.00',
      volumeDiscount: '0.00',
      cost: '900.00',
      markup: '-50.00',
      sell: '850.00',
      commissions: '85.01',
      margin: '-135.01',
    };
    const bars = expectChain(w);
    const markup = bars.find((b) => b.step === 'markup')!;
    expect(markup).toMatchObject({
      kind: 'decrease',
      label: '− Sold below cost',
      start: '900.00',
      end: '850.00',
    });
    expect(markup.range).toEqual([850, 900]);
    // below the cost: from what is left after commissions up to the cost
    expect(bars.at(-1)!.range).toEqual([764.99, 900]);
    expect(bars.find((b) => b.step === 'commissions')!.end).toBe('764.99');
  });

  it('keeps a currency without minor digits exact', () => {
    const w: PriceWaterfall = {
      currency: 'JPY',
      scope: 'deal',
      customerId: null,
      list: '90071992547409930',
      termDiscount: '7',
      volumeDiscount: '3',
      cost: '90071992547409920',
      markup: '11',
      sell: '90071992547409931',
      commissions: '1',
      margin: '10',
    };
    const { bars } = waterfallBars(w);
    expect(bars[0]!.start).toBe('0');
    expect(bars.map((b) => b.end)).toEqual([
      '90071992547409930',
      '90071992547409923',
      '90071992547409920',
      '90071992547409920',
      '90071992547409931',
      '90071992547409931',
      '90071992547409930',
      '10',
    ]);
  });

  it('draws a zero markup as no step, labelled +, and nothing red', () => {
    const w: PriceWaterfall = {
      currency: 'USD',
      scope: 'customer',
      customerId: 'x',
      list: '500.00',
      termDiscount: '0.00',
      volumeDiscount: '0.00',
      cost: '500.00',
      markup: '0.00',
      sell: '500.00',
      commissions: '0.00',
      margin: '0.00',
    };
    const bars = expectChain(w);
    expect(bars.find((b) => b.step === 'markup')).toMatchObject({
      kind: 'increase',
      label: '+ Markup',
      range: [500, 500],
    });
    expect(bars.some((b) => b.kind === 'decrease' && minor(b.amount) !== 0n)).toBe(false);
  });

  const sellModes: readonly [string, Scenario['customers'][number]['sell']][] = [
    ['a fixed price above cost', { mode: 'fixed', monthly: '100000.00', oneOff: '0.00' }],
    ['a fixed price below cost', { mode: 'fixed', monthly: '1.00', oneOff: '0.00' }],
    ['a fixed price of zero', { mode: 'fixed', monthly: '0.00', oneOff: '0.00' }],
    ['a margin sell', { mode: 'margin', pct: '40' }],
    ['a zero markup', { mode: 'markup', pct: '0' }],
  ];
  for (const [name, sell] of sellModes) {
    it(`reads correctly for lines sold at ${name}, per line and for the deal`, () => {
      const s: Scenario = {
        ...scenario,
        customers: scenario.customers.map((l) => ({ ...l, sell })),
      };
      const q = engineQuote(s);
      const table = tableOf(s).table;
      const deal = priceWaterfall(s, table, options());
      expect(deal).not.toBeNull();
      expect(deal!.margin).toBe(q.totals!.margin);
      const dealBars = expectChain(deal!);
      const dealMarkup = dealBars.find((b) => b.step === 'markup')!;
      expect(dealMarkup.label).toBe(minor(deal!.markup) < 0n ? '− Sold below cost' : '+ Markup');
      for (const c of q.customers) {
        const w = priceWaterfall(s, table, options(), c.id);
        expect(w!.margin).toBe(c.totals.margin);
        expectChain(w!);
      }
    });
  }
});

describe('paygChart', () => {
  const table = tableOf(scenario).table;
  const paygLines = scenario.customers.filter((l) => l.license.model === 'payg');

  it("shapes every PAYG line's break-even from the engine, exactly", () => {
    expect(paygLines.map((l) => l.id)).toEqual(['c3', 'c4', 'c5', 'c6', 'c8']);
    for (const line of paygLines) {
      const b = paygBreakEven(scenario, table, line.id);
      expect(b).not.toBeNull();
      const chart = paygChart(b!);
      expect(chart.lineId).toBe(line.id);
      expect(chart.points).toEqual(b!.points);
      expect(chart.rows.map((r) => [r.hours, r.payg])).toEqual(
        b!.points.map((p) => [p.hours, Number(p.payg)]),
      );
      // one line per term: terms with equal monthly licenses share one
      expect(chart.levels.flatMap((l) => l.termMonths)).toEqual(b!.terms.map((t) => t.termMonths));
      for (const level of chart.levels) {
        for (const months of level.termMonths) {
          const term = b!.terms.find((t) => t.termMonths === months)!;
          expect(level.monthly).toBe(term.monthly);
          expect(level.breakEvenHours).toBe(term.breakEvenHours);
        }
        for (const row of chart.rows) expect(row[level.key]).toBe(Number(level.monthly));
      }
      expect(chart.averageHours).toBe(b!.averageHours);
      expect(chart.advice).toEqual(quote.customers.find((c) => c.id === line.id)!.advice);
    }
  });

  it('merges the 1- and 3-month terms of the sample table into one line', () => {
    const chart = paygChart(paygBreakEven(scenario, table, 'c8')!);
    expect(chart.levels.map((l) => [l.key, l.label, l.monthly, l.breakEvenHours])).toEqual([
      ['term-1-3', '1- and 3-month terms', '832.00', 573],
      ['term-6', '6-month term', '807.04', 556],
      ['term-12', '12-month term', '765.44', 527],
      ['term-24', '24-month term', '732.16', 504],
      ['term-36', '36-month term', '698.88', 481],
      ['term-48', '48-month term', '673.92', 464],
      ['term-60', '60-month term', '648.96', 447],
    ]);
    expect(chart.advice).toEqual({
      termMonths: 36,
      breakEvenHours: 481,
      averageHours: 698.33,
      saving: '22787.76',
    });
    // the engine puts a point at every break-even, so each marker sits on the PAYG curve
    for (const marker of chart.breakEvens) {
      const point = chart.points.find((p) => p.hours === marker.hours)!;
      const level = chart.levels.find((l) => l.key === marker.key)!;
      expect(minor(point.payg) >= minor(level.monthly)).toBe(true);
    }
  });

  it('marks only the break-evens within the chart', () => {
    const b: PaygBreakEven = {
      currency: 'USD',
      lineId: 'x',
      hourlyRate: '0.0100',
      maxHours: 744,
      points: [
        { hours: 744, payg: '7.44' },
        { hours: 0, payg: '0.00' },
      ],
      terms: [
        { termMonths: 12, monthly: '5.00', breakEvenHours: 500 },
        { termMonths: 1, monthly: '9.00', breakEvenHours: 900 },
        { termMonths: 3, monthly: '9.00', breakEvenHours: 900 },
        { termMonths: 24, monthly: '4.00', breakEvenHours: 400 },
      ],
      averageHours: 12.5,
      advice: null,
    };
    const chart = paygChart(b);
    expect(chart.points.map((p) => p.hours)).toEqual([0, 744]);
    expect(chart.levels.map((l) => [l.key, l.onChart])).toEqual([
      ['term-1-3', false],
      ['term-12', true],
      ['term-24', true],
    ]);
    expect(chart.breakEvens.map((m) => [m.key, m.hours, m.value])).toEqual([
      ['term-12', 500, 5],
      ['term-24', 400, 4],
    ]);
    expect(chart.rows[1]).toEqual({
      hours: 744,
      payg: 7.44,
      'term-1-3': 9,
      'term-12': 5,
      'term-24': 4,
    });
  });
});
