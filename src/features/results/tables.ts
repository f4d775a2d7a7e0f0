import type { PaygAdvice, PriceTable, Quote, Scenario } from '../../engine/index';
import { compareDecimals, percentOf, quoteDigits, sumDecimals } from '../../reports/decimal';
import { platformAmounts, totalAmounts, type RowAmounts } from '../../reports/totals';

/**
 * The Results step's tables, shaped from the quote (pure: no React, no table library).
 * Amounts stay the quote's decimal strings; every total is an exact decimal sum
 * (`src/reports/decimal.ts`), the same shaping the CSV exports use, so the screen, the CSV and
 * the quote agree to the cent.
 */

export type { RowAmounts } from '../../reports/totals';

// ---------------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------------

/** One customer line with its results over the horizon. */
export interface CustomerResultRow extends RowAmounts {
  readonly id: string;
  /** The line's index in the scenario (`customers[index]`). */
  readonly index: number;
  readonly name: string;
  readonly count: number;
  /** "Fixed-Term, 12 mo", "PAYG", "PAYG → Fixed-Term 12 mo from month 7". */
  readonly model: string;
  readonly bundle: string;
  readonly bandwidth: string;
  /** The partner's name, or "Direct". */
  readonly partner: string;
  readonly belowMinMargin: boolean;
  readonly advice: PaygAdvice | null;
}

type Service = Pick<PriceTable['service'], 'bundles' | 'bandwidthTiers'>;

function modelLabel(license: Scenario['customers'][number]['license']): string {
  if (license.model === 'fixed-term') return `Fixed-Term, ${license.termMonths} mo`;
  const to = license.convertTo;
  return to ? `PAYG → Fixed-Term ${to.termMonths} mo from month ${to.atMonth}` : 'PAYG';
}

/**
 * A row per customer line of the quote, with the names a reader knows (bundle and bandwidth
 * from the price table's service when given, the partner's name from the channel).
 */
export function customerResultRows(
  scenario: Scenario,
  quote: Quote,
  service: Service | null = null,
): CustomerResultRow[] {
  const bundles = new Map(service?.bundles.map((b) => [b.id, b.name]));
  const bandwidths = new Map(service?.bandwidthTiers.map((b) => [b.id, b.label]));
  const partners = new Map(scenario.channel.partners.map((p) => [p.id, p.name]));
  const lines = new Map(scenario.customers.map((line, index) => [line.id, { line, index }]));
  return quote.customers.map((c, i) => {
    const found = lines.get(c.id);
    const line = found?.line;
    const license = line?.license;
    return {
      id: c.id,
      index: found?.index ?? i,
      name: line?.name || c.id,
      count: c.count,
      model: license ? modelLabel(license) : '',
      bundle: license ? (bundles.get(license.bundle) ?? license.bundle) : '',
      bandwidth: license ? (bandwidths.get(license.bandwidth) ?? license.bandwidth) : '',
      partner: line?.partnerId ? (partners.get(line.partnerId) ?? line.partnerId) : 'Direct',
      revenue: c.totals.revenue,
      cost: c.totals.cost,
      commissions: c.totals.commissions,
      margin: c.totals.margin,
      marginPct: c.totals.marginPct,
      belowMinMargin: c.belowMinMargin,
      advice: c.advice,
    };
  });
}

/** The exact sum of rows' amounts, with the margin % of the sums (null without revenue). */
export function sumAmounts(rows: readonly RowAmounts[], digits: number): RowAmounts {
  const col = (pick: (r: RowAmounts) => string) => sumDecimals(rows.map(pick), digits);
  const revenue = col((r) => r.revenue);
  const margin = col((r) => r.margin);
  return {
    revenue,
    cost: col((r) => r.cost),
    commissions: col((r) => r.commissions),
    margin,
    marginPct: percentOf(margin, revenue),
  };
}

/** The foot of the customers table. */
export interface CustomerFooter {
  /** The rows the filter shows, when a filter hides some; otherwise null. */
  readonly subtotal: (RowAmounts & { readonly count: number; readonly lines: number }) | null;
  /** Platform cost, no revenue (Σ of the months' `cost.platform`). */
  readonly platform: RowAmounts;
  /** The quote's totals: every line plus the platform. */
  readonly total: RowAmounts & { readonly count: number; readonly lines: number };
}

/**
 * The foot of the customers table for the `shown` rows out of `all`: a filtered subtotal
 * when they differ, the platform row, and the total, which is the quote's own totals (and
 * equals Σ rows + platform to the cent). Null when an error stopped the quote.
 */
export function customerFooter(
  quote: Quote,
  all: readonly CustomerResultRow[],
  shown: readonly CustomerResultRow[] = all,
): CustomerFooter | null {
  const platform = platformAmounts(quote);
  const total = totalAmounts(quote);
  if (!platform || !total) return null;
  const digits = quoteDigits(quote);
  const count = (rows: readonly CustomerResultRow[]) => rows.reduce((n, r) => n + r.count, 0);
  return {
    subtotal:
      shown.length === all.length
        ? null
        : { ...sumAmounts(shown, digits), count: count(shown), lines: shown.length },
    platform,
    total: { ...total, count: count(all), lines: all.length },
  };
}

export type CustomerColumnId =
  | 'name'
  | 'count'
  | 'model'
  | 'bundle'
  | 'bandwidth'
  | 'partner'
  | 'revenue'
  | 'cost'
  | 'commissions'
  | 'margin'
  | 'marginPct'
  | 'advice';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const byText = (a: string, b: string) => collator.compare(a, b);
const byNumber = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);
/** Null (no margin %, no advice) sorts below every value. */
function nullsFirst<T>(compare: (a: T, b: T) => number) {
  return (a: T | null, b: T | null) =>
    a === null ? (b === null ? 0 : -1) : b === null ? 1 : compare(a, b);
}
const byPct = nullsFirst(compareDecimals);
const bySaving = nullsFirst((a: PaygAdvice, b: PaygAdvice) => compareDecimals(a.saving, b.saving));

/**
 * The ascending order of each customers column: text by the locale (numbers in names in
 * numeric order), amounts exactly as decimals, no margin % or no advice lowest.
 */
export const CUSTOMER_ORDER: Record<
  CustomerColumnId,
  (a: CustomerResultRow, b: CustomerResultRow) => number
> = {
  name: (a, b) => byText(a.name, b.name),
  count: (a, b) => byNumber(a.count, b.count),
  model: (a, b) => byText(a.model, b.model),
  bundle: (a, b) => byText(a.bundle, b.bundle),
  bandwidth: (a, b) => byText(a.bandwidth, b.bandwidth),
  partner: (a, b) => byText(a.partner, b.partner),
  revenue: (a, b) => compareDecimals(a.revenue, b.revenue),
  cost: (a, b) => compareDecimals(a.cost, b.cost),
  commissions: (a, b) => compareDecimals(a.commissions, b.commissions),
  margin: (a, b) => compareDecimals(a.margin, b.margin),
  marginPct: (a, b) => byPct(a.marginPct, b.marginPct),
  advice: (a, b) => bySaving(a.advice, b.advice),
};

/** Text folded for a filter: case and accents ignored ("muller" finds "Müller GmbH"). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Whether `text` contains the filter `query` (case and accents ignored; blank matches all). */
export function textMatches(text: string, query: string): boolean {
  const q = fold(query.trim());
  return q === '' || fold(text).includes(q);
}

/** The PAYG advice of a line in words, amounts through `money`. */
export function adviceText(advice: PaygAdvice | null, money: (amount: string) => string): string {
  if (!advice) return '';
  return (
    `Fixed-Term ${advice.termMonths} mo saves ${money(advice.saving)} ` +
    `(break-even ${advice.breakEvenHours} h/month; average ${advice.averageHours} h)`
  );
}

// ---------------------------------------------------------------------------------------------
// Months
// ---------------------------------------------------------------------------------------------

/** The money columns of the monthly table, each summed in its foot. */
export const MONTH_AMOUNTS = [
  'revenue',
  'recurringRevenue',
  'costFixedTerm',
  'costPayg',
  'costApps',
  'costPlatform',
  'cost',
  'partnerCommission',
  'distributorCommission',
  'margin',
] as const;

export type MonthAmountId = (typeof MONTH_AMOUNTS)[number];

/** One month of the horizon. */
export type MonthResultRow = Record<MonthAmountId, string> & {
  readonly month: number;
  readonly period: string;
  /** Cumulative margin at the end of the month (not summed). */
  readonly cumulativeMargin: string;
  readonly demandMbps: number;
};

/** A row per month of the quote; `cost` is the sum of its four categories. */
export function monthResultRows(quote: Quote): MonthResultRow[] {
  const digits = quoteDigits(quote);
  return quote.months.map((m) => ({
    month: m.month,
    period: m.period,
    revenue: m.revenue,
    recurringRevenue: m.recurringRevenue,
    costFixedTerm: m.cost.fixedTerm,
    costPayg: m.cost.payg,
    costApps: m.cost.apps,
    costPlatform: m.cost.platform,
    cost: sumDecimals([m.cost.fixedTerm, m.cost.payg, m.cost.apps, m.cost.platform], digits),
    partnerCommission: m.commissions.partner,
    distributorCommission: m.commissions.distributor,
    margin: m.margin,
    cumulativeMargin: m.cumulativeMargin,
    demandMbps: m.demandMbps,
  }));
}

/** Σ of each money column over `rows`, plus the commissions (partner + distributor). */
export type MonthSums = Record<MonthAmountId | 'commissions', string> & {
  readonly months: number;
};

export function sumMonths(rows: readonly MonthResultRow[], digits: number): MonthSums {
  const sums = Object.fromEntries(
    MONTH_AMOUNTS.map((id) => [
      id,
      sumDecimals(
        rows.map((r) => r[id]),
        digits,
      ),
    ]),
  ) as Record<MonthAmountId, string>;
  const commissions = sumDecimals([sums.partnerCommission, sums.distributorCommission], digits);
  return { ...sums, commissions, months: rows.length };
}

/** The foot of the monthly table: the filtered subtotal (when a filter hides months) and the total. */
export interface MonthFooter {
  readonly subtotal: MonthSums | null;
  readonly total: MonthSums;
}

export function monthFooter(
  quote: Quote,
  all: readonly MonthResultRow[],
  shown: readonly MonthResultRow[] = all,
): MonthFooter | null {
  if (!quote.totals) return null;
  const digits = quoteDigits(quote);
  return {
    subtotal: shown.length === all.length ? null : sumMonths(shown, digits),
    total: sumMonths(all, digits),
  };
}

export type MonthColumnId = 'month' | 'period' | MonthAmountId | 'cumulativeMargin' | 'demandMbps';

/** The ascending order of each monthly column. */
export const MONTH_ORDER: Record<MonthColumnId, (a: MonthResultRow, b: MonthResultRow) => number> =
  {
    month: (a, b) => byNumber(a.month, b.month),
    period: (a, b) => byText(a.period, b.period),
    demandMbps: (a, b) => byNumber(a.demandMbps, b.demandMbps),
    cumulativeMargin: (a, b) => compareDecimals(a.cumulativeMargin, b.cumulativeMargin),
    ...(Object.fromEntries(
      MONTH_AMOUNTS.map((id) => [
        id,
        (a: MonthResultRow, b: MonthResultRow) => compareDecimals(a[id], b[id]),
      ]),
    ) as Record<MonthAmountId, (a: MonthResultRow, b: MonthResultRow) => number>),
  };

/**
 * Whether a month is in the period filter, which is the start of a period: "2027" keeps the
 * months of 2027, "2027-0" its first nine; blank keeps every month.
 */
export function monthMatches(row: MonthResultRow, query: string): boolean {
  return row.period.startsWith(query.trim());
}
