/**
 * The data of the Results charts (PRODUCT.md, wizard step 7) and of the PDF documents' charts and
 * tables (`./pdf`), shaped from the engine's output.
 * Pure: no React, no recharts, no store; every function takes what it shapes as arguments, so
 * tests hand it engine output or a fixture.
 *
 * Two kinds of figure come out of here:
 * - **exact** amounts: the quote's decimal strings (or sums and differences of them, done on
 *   BigInt minor units, never floats). The text alternatives (data tables) and tooltips show
 *   these, formatted with `moneyFormatter`.
 * - **plot** numbers: the same amounts as JavaScript numbers, `Number(amount)`, used ONLY to
 *   place marks on a chart, where a float's last bit cannot be seen. They are never added up,
 *   compared, formatted for reading or written back.
 */
import {
  formatScaled,
  minorDigitsOf,
  type PaygAdvice,
  type PaygBreakEven,
  type PriceWaterfall,
  type Quote,
  type Scenario,
} from '../engine/index';
import {
  addDecimals,
  compareDecimals,
  fractionDigits,
  negateDecimal,
  percentOf,
  sumDecimals,
} from './decimal';
import { COST_CATEGORIES, monthCommissions, monthCost, type CostKey } from './columns';

/**
 * An exact amount as a JavaScript number, for placing a mark on a chart ONLY: a float may be
 * off in its last bits, which no chart shows. Never format, add or compare what this returns.
 */
export function plotNumber(amount: string): number {
  return Number(amount);
}

// ------------------------------------------------------------------------------------------
// Labels
// ------------------------------------------------------------------------------------------

/** "2027-01" → "Jan 2027" in the browser's locale (the period stays the key everywhere). */
export function periodLabel(period: string, locale?: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** Axis ticks: a compact currency amount ("$1.2K", "-$350"), for reading a scale, not a figure. */
export function compactMoneyFormatter(currency: string, locale?: string): (n: number) => string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return (n) => format.format(n);
}

/**
 * A rate such as the PAYG hourly rate ("0.3840") in the currency with every decimal it has:
 * money formatting would round it to the minor unit. Exact, like `moneyFormatter`: Intl formats
 * the decimal string itself.
 */
export function rateFormatter(currency: string, locale?: string): (rate: string) => string {
  const minor = minorDigitsOf(currency);
  return (rate) => {
    const digits = Math.max(minor, fractionDigits(rate));
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(rate as unknown as number);
  };
}

// ------------------------------------------------------------------------------------------
// (a) Monthly revenue, cost by category, commissions and margin
// ------------------------------------------------------------------------------------------

/**
 * The exact figures of one month (or of the whole horizon, in `MonthlySeries.totals`): revenue,
 * each cost category of `COST_CATEGORIES` (src/reports/columns.ts) by its key, their sum, the
 * commissions of every kind and the margin.
 */
export type MonthlyFigures = {
  readonly revenue: string;
  /** Σ of the categories. */
  readonly cost: string;
  /** Partner + distributor. */
  readonly commissions: string;
  readonly margin: string;
} & { readonly [K in CostKey]: string };

export interface MonthlyRow extends MonthlyFigures {
  readonly month: number;
  readonly period: string;
}

/** The keys of `MonthlyFigures` a chart draws. */
export type MonthlyKey = Exclude<keyof MonthlyFigures, 'cost'>;

/** One month for drawing: the plot numbers, and the exact row for tooltips. */
export type MonthlyPlotPoint = {
  readonly month: number;
  readonly period: string;
  readonly exact: MonthlyRow;
} & { readonly [K in MonthlyKey]: number };

export interface MonthlySeries {
  readonly currency: string;
  readonly rows: readonly MonthlyRow[];
  /** Sums over the horizon: they equal the quote's totals. */
  readonly totals: MonthlyFigures;
  readonly plot: readonly MonthlyPlotPoint[];
}

const MONTHLY_KEYS: readonly MonthlyKey[] = [
  'revenue',
  ...COST_CATEGORIES.map((c) => c.key),
  'commissions',
  'margin',
];
const FIGURE_KEYS: readonly (keyof MonthlyFigures)[] = [...MONTHLY_KEYS, 'cost'];

/** Per month: revenue, cost by category (and in all), commissions and margin. */
export function monthlySeries(quote: Quote): MonthlySeries {
  const digits = minorDigitsOf(quote.currency);
  const rows: MonthlyRow[] = quote.months.map(
    (m) =>
      ({
        month: m.month,
        period: m.period,
        revenue: m.revenue,
        ...Object.fromEntries(COST_CATEGORIES.map((c) => [c.key, c.read(m)])),
        cost: monthCost(m, digits),
        commissions: monthCommissions(m, digits),
        margin: m.margin,
      }) as MonthlyRow,
  );
  const totals = Object.fromEntries(
    FIGURE_KEYS.map((key) => [
      key,
      sumDecimals(
        rows.map((r) => r[key]),
        digits,
      ),
    ]),
  ) as MonthlyFigures;
  const plot = rows.map((row) => {
    const point: Record<string, unknown> = { month: row.month, period: row.period, exact: row };
    for (const key of MONTHLY_KEYS) point[key] = plotNumber(row[key]);
    return point as MonthlyPlotPoint;
  });
  return { currency: quote.currency, rows, totals, plot };
}

// ------------------------------------------------------------------------------------------
// (b) Cumulative margin and the break-even month
// ------------------------------------------------------------------------------------------

export interface CumulativePoint {
  readonly month: number;
  readonly period: string;
  /** Exact, the quote's `cumulativeMargin`. */
  readonly cumulativeMargin: string;
  /** For drawing only. */
  readonly value: number;
  /** True for the break-even month. */
  readonly breakEven: boolean;
}

export interface CumulativeMargin {
  readonly currency: string;
  readonly points: readonly CumulativePoint[];
  /** The quote's `totals.breakEvenMonth`: the first month from which the sum stays ≥ 0. */
  readonly breakEvenMonth: number | null;
  readonly breakEvenPeriod: string | null;
}

/** The running margin month by month, the break-even month marked. */
export function cumulativeMargin(quote: Quote): CumulativeMargin {
  const breakEvenMonth = quote.totals?.breakEvenMonth ?? null;
  const points = quote.months.map((m) => ({
    month: m.month,
    period: m.period,
    cumulativeMargin: m.cumulativeMargin,
    value: plotNumber(m.cumulativeMargin),
    breakEven: m.month === breakEvenMonth,
  }));
  return {
    currency: quote.currency,
    points,
    breakEvenMonth,
    breakEvenPeriod: points.find((p) => p.breakEven)?.period ?? null,
  };
}

// ------------------------------------------------------------------------------------------
// (c) Customer mix
// ------------------------------------------------------------------------------------------

export interface MixSlice {
  /** `fixed-term` or `payg`; a bundle id; a bandwidth id. */
  readonly key: string;
  readonly label: string;
  /** Exact Σ of the lines' `totals.revenue`. */
  readonly revenue: string;
  /** Of the mix's total revenue, percent with 2 decimals; null when that is 0. */
  readonly revenueShare: string | null;
  /** Σ line.count: customers, a segment line counting each of its copies. */
  readonly count: number;
  /** Customer lines. */
  readonly lines: number;
  /** For drawing only. */
  readonly plotRevenue: number;
}

export interface CustomerMix {
  readonly currency: string;
  /** Fixed-Term, then PAYG (both always present). */
  readonly byModel: readonly MixSlice[];
  readonly byBundle: readonly MixSlice[];
  readonly byBandwidth: readonly MixSlice[];
  readonly total: { readonly revenue: string; readonly count: number; readonly lines: number };
  /**
   * Customers (Σ count) on PAYG lines that convert to Fixed-Term during the horizon: they count
   * as PAYG, the model they start on.
   */
  readonly convertingCount: number;
}

/** Display names and order for the breakdowns, from the price table; ids otherwise. */
export interface MixLabels {
  readonly bundles?: readonly { readonly id: string; readonly name: string }[];
  readonly bandwidths?: readonly { readonly id: string; readonly label: string }[];
}

export const MODEL_LABELS = { 'fixed-term': 'Fixed-Term', payg: 'PAYG' } as const;

interface Bucket {
  key: string;
  label: string;
  revenue: string[];
  count: number;
  lines: number;
}

/**
 * Fixed-Term against PAYG, by bundle and by bandwidth: revenue (exact sums of the quote's
 * per-line totals) and customers (Σ line.count). A PAYG line with `convertTo` counts as PAYG.
 * Groups follow the order of `labels` when given (the table's order), else first appearance.
 */
export function customerMix(scenario: Scenario, quote: Quote, labels: MixLabels = {}): CustomerMix {
  const digits = minorDigitsOf(quote.currency);
  const lineById = new Map(scenario.customers.map((line) => [line.id, line]));
  const model = new Map<string, Bucket>(
    (['fixed-term', 'payg'] as const).map((key) => [
      key,
      { key, label: MODEL_LABELS[key], revenue: [], count: 0, lines: 0 },
    ]),
  );
  const bundle = new Map<string, Bucket>(
    (labels.bundles ?? []).map((b) => [
      b.id,
      { key: b.id, label: b.name, revenue: [], count: 0, lines: 0 },
    ]),
  );
  const bandwidth = new Map<string, Bucket>(
    (labels.bandwidths ?? []).map((b) => [
      b.id,
      { key: b.id, label: b.label, revenue: [], count: 0, lines: 0 },
    ]),
  );
  const add = (groups: Map<string, Bucket>, key: string, revenue: string, count: number) => {
    let bucket = groups.get(key);
    if (!bucket) {
      bucket = { key, label: key, revenue: [], count: 0, lines: 0 };
      groups.set(key, bucket);
    }
    bucket.revenue.push(revenue);
    bucket.count += count;
    bucket.lines += 1;
  };

  let convertingCount = 0;
  const all: string[] = [];
  let count = 0;
  for (const customer of quote.customers) {
    const line = lineById.get(customer.id);
    if (!line)
      throw new Error(`customer line '${customer.id}' of the quote is not in the scenario`);
    const { license } = line;
    const revenue = customer.totals.revenue;
    add(model, license.model, revenue, line.count);
    add(bundle, license.bundle, revenue, line.count);
    add(bandwidth, license.bandwidth, revenue, line.count);
    if (license.model === 'payg' && license.convertTo !== null) convertingCount += line.count;
    all.push(revenue);
    count += line.count;
  }
  const totalRevenue = sumDecimals(all, digits);
  const slices = (groups: Map<string, Bucket>, keepEmpty: boolean): MixSlice[] =>
    [...groups.values()]
      .filter((b) => keepEmpty || b.lines > 0)
      .map((b) => {
        const revenue = sumDecimals(b.revenue, digits);
        return {
          key: b.key,
          label: b.label,
          revenue,
          revenueShare: percentOf(revenue, totalRevenue),
          count: b.count,
          lines: b.lines,
          plotRevenue: plotNumber(revenue),
        };
      });
  return {
    currency: quote.currency,
    byModel: slices(model, true),
    byBundle: slices(bundle, false),
    byBandwidth: slices(bandwidth, false),
    total: { revenue: totalRevenue, count, lines: quote.customers.length },
    convertingCount,
  };
}

// ------------------------------------------------------------------------------------------
// (e) Price waterfall
// ------------------------------------------------------------------------------------------

export type WaterfallStep =
  | 'list'
  | 'termDiscount'
  | 'volumeDiscount'
  | 'cost'
  | 'markup'
  | 'sell'
  | 'commissions'
  | 'margin';

export interface WaterfallBar {
  readonly step: WaterfallStep;
  /** Says what the bar does without colour: "− Term discounts", "= Sell price". */
  readonly label: string;
  /**
   * `total`: a level (list, cost, sell price), drawn from zero; the margin is drawn as the gap
   * between the cost and what the sell price leaves after commissions (see `waterfallBars`).
   * `increase` and `decrease`: a step, drawn between the level before and after it (by its
   * actual direction, so a negative markup is a decrease, labelled "−" too).
   */
  readonly kind: 'total' | 'increase' | 'decrease';
  /** The signed change of the running level (for a total: its value). Exact. */
  readonly amount: string;
  /**
   * The running level before and after the bar, exact: every bar's `start` is the previous
   * bar's `end`. The list price starts at 0; a later total neither adds nor takes anything
   * (`start` = `end` = the total), so the chain runs through it.
   */
  readonly start: string;
  readonly end: string;
  /** For drawing only: [low, high] of the floating bar. */
  readonly range: readonly [number, number];
}

export interface WaterfallChart {
  readonly currency: string;
  readonly scope: PriceWaterfall['scope'];
  readonly customerId: string | null;
  readonly bars: readonly WaterfallBar[];
}

/**
 * List price → − term discounts → − volume discounts → = cost → ± markup → = sell price →
 * − commissions → = margin, as floating bars. The levels are exact BigInt arithmetic on the
 * waterfall's own amounts; the totals show the waterfall's `cost`, `sell` and `margin`.
 *
 * Why the margin is not "− cost" then "= margin" (issue 13): that showed the cost twice and
 * made the reader subtract it by eye. The margin bar instead spans from the cost level to what
 * is left of the sell price after commissions (`sell − commissions − cost = margin`), so it
 * sits where it is earned and the cost appears once. A markup below zero is a step down and
 * says so in its label ("− Sold below cost"), never "+ Markup" drawn red.
 */
export function waterfallBars(w: PriceWaterfall): WaterfallChart {
  const bars: WaterfallBar[] = [];
  let level = formatScaled(0n, minorDigitsOf(w.currency));
  const total = (step: WaterfallStep, label: string, value: string) => {
    const low = plotNumber(value);
    bars.push({
      step,
      label,
      kind: 'total',
      amount: value,
      start: level,
      end: value,
      range: low < 0 ? [low, 0] : [0, low],
    });
    level = value;
  };
  const change = (step: WaterfallStep, label: string, amount: string) => {
    const end = addDecimals(level, amount);
    const a = plotNumber(level);
    const b = plotNumber(end);
    const direction = compareDecimals(level, end);
    bars.push({
      step,
      label,
      // a zero step keeps the direction its label names (a "− Term discounts" of 0 is no rise)
      kind: direction > 0 || (direction === 0 && label.startsWith('−')) ? 'decrease' : 'increase',
      amount,
      start: level,
      end,
      range: a <= b ? [a, b] : [b, a],
    });
    level = end;
  };
  total('list', 'List price', w.list);
  change('termDiscount', '− Term discounts', negateDecimal(w.termDiscount));
  change('volumeDiscount', '− Volume discounts', negateDecimal(w.volumeDiscount));
  total('cost', '= Cost', w.cost);
  const belowCost = compareDecimals(w.markup, formatScaled(0n, minorDigitsOf(w.currency))) < 0;
  change('markup', belowCost ? '− Sold below cost' : '+ Markup', w.markup);
  total('sell', '= Sell price', w.sell);
  change('commissions', '− Commissions', negateDecimal(w.commissions));
  // The margin: from the cost level to the level left after commissions.
  const cost = plotNumber(w.cost);
  const left = plotNumber(level);
  bars.push({
    step: 'margin',
    label: '= Margin',
    kind: 'total',
    amount: w.margin,
    start: level,
    end: w.margin,
    range: cost <= left ? [cost, left] : [left, cost],
  });
  return { currency: w.currency, scope: w.scope, customerId: w.customerId, bars };
}

// ------------------------------------------------------------------------------------------
// (d) PAYG against Fixed-Term
// ------------------------------------------------------------------------------------------

/** One horizontal line: a Fixed-Term monthly license, for every term with that price. */
export interface PaygTermLevel {
  /** The data key of the line in `PaygChart.rows`: `term-12`, or `term-1-3` for equal terms. */
  readonly key: string;
  /** Terms priced the same (1 and 3 months with no discount): one line, not two on top. */
  readonly termMonths: readonly number[];
  /** "12-month term", "1- and 3-month terms". */
  readonly label: string;
  /** Exact monthly license. */
  readonly monthly: string;
  /** Hours a month from which PAYG costs at least the term (the engine's ceil). */
  readonly breakEvenHours: number;
  /** Whether the break-even falls within the chart's hours (0 to maxHours). */
  readonly onChart: boolean;
  /** For drawing only. */
  readonly value: number;
}

/** One x of the chart: PAYG cost at `hours`, and every term's constant monthly license. */
export type PaygPlotRow = { readonly hours: number; readonly payg: number } & {
  readonly [termKey: string]: number;
};

export interface PaygChart {
  readonly currency: string;
  readonly lineId: string;
  /** Exact hourly rate, including extra vServices. */
  readonly hourlyRate: string;
  readonly maxHours: number;
  /** The PAYG curve, exact: monthly cost at each hours value. */
  readonly points: readonly { readonly hours: number; readonly payg: string }[];
  readonly levels: readonly PaygTermLevel[];
  readonly rows: readonly PaygPlotRow[];
  /** One marker per term line at its break-even, where it lies on the chart. */
  readonly breakEvens: readonly {
    readonly key: string;
    readonly hours: number;
    readonly value: number;
    readonly label: string;
  }[];
  /** The line's mean hours over its active months (a vertical marker). */
  readonly averageHours: number;
  readonly advice: PaygAdvice | null;
}

function termsLabel(months: readonly number[]): string {
  if (months.length === 1) return `${months[0]}-month term`;
  const head = months.slice(0, -1).map((m) => `${m}-`);
  return `${head.join(', ')} and ${months[months.length - 1]}-month terms`;
}

/**
 * PAYG cost against hours per month and one horizontal line per term (terms with the same
 * monthly license share one line), with the break-even points and the line's average hours.
 */
export function paygChart(b: PaygBreakEven): PaygChart {
  const groups: { termMonths: number[]; monthly: string; breakEvenHours: number }[] = [];
  for (const term of [...b.terms].sort((x, y) => x.termMonths - y.termMonths)) {
    const same = groups.find((g) => compareDecimals(g.monthly, term.monthly) === 0);
    if (same) same.termMonths.push(term.termMonths);
    else
      groups.push({
        termMonths: [term.termMonths],
        monthly: term.monthly,
        breakEvenHours: term.breakEvenHours,
      });
  }
  const levels: PaygTermLevel[] = groups.map((g) => ({
    key: `term-${g.termMonths.join('-')}`,
    termMonths: g.termMonths,
    label: termsLabel(g.termMonths),
    monthly: g.monthly,
    breakEvenHours: g.breakEvenHours,
    onChart: g.breakEvenHours >= 0 && g.breakEvenHours <= b.maxHours,
    value: plotNumber(g.monthly),
  }));
  const points = [...b.points]
    .sort((x, y) => x.hours - y.hours)
    .map((p) => ({ hours: p.hours, payg: p.payg }));
  const rows = points.map((p) => {
    const row: Record<string, number> = { hours: p.hours, payg: plotNumber(p.payg) };
    for (const level of levels) row[level.key] = level.value;
    return row as PaygPlotRow;
  });
  return {
    currency: b.currency,
    lineId: b.lineId,
    hourlyRate: b.hourlyRate,
    maxHours: b.maxHours,
    points,
    levels,
    rows,
    breakEvens: levels
      .filter((l) => l.onChart)
      .map((l) => ({
        key: l.key,
        hours: l.breakEvenHours,
        value: l.value,
        label: `Break-even, ${l.label}: ${l.breakEvenHours} h`,
      })),
    averageHours: b.averageHours,
    advice: b.advice,
  };
}
