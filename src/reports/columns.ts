/**
 * What the quote's figures are, said once (ADR 024): the cost categories, the commission kinds,
 * and the columns of the monthly series and of the per-customer table, each with its label, how
 * it is read from the quote, how it totals and what kind of value it is. The Results tables,
 * the CSV exports (app and CLI), the PDF tables and both chart renderers (recharts on screen,
 * the PDF's vector charts) read these lists; none of them spells a category or a column out.
 *
 * Adding a cost category is one entry in `COST_CATEGORIES` (after the engine has it): it becomes
 * a monthly column on screen and in the CSV, a stacked bar in both charts, a row of the cost
 * tables. Adding a monthly or per-customer column is one entry in `MONTH_COLUMNS` or
 * `CUSTOMER_COLUMNS`: it shows on screen and in the CSV, sorted and totalled as it says. The
 * PDF tables choose their columns by id (a page has room for so many), so a new column reaches
 * a document when its layout names it.
 *
 * Pure: no React, no formatting for a locale. `format` says what kind of value a cell holds;
 * each medium writes that kind its own way (screen: `moneyFormatter`; CSV: the plain decimal;
 * PDF: its en-US formatter).
 */
import type { CustomerLine, PaygAdvice, Quote, QuoteCustomer, QuoteMonth } from '../engine/index';
import { compareDecimals, percentOf, sumDecimals } from './decimal';

type RGB = readonly [number, number, number];

// ---------------------------------------------------------------------------------------------
// Cost categories and commission kinds
// ---------------------------------------------------------------------------------------------

export interface CostCategory {
  readonly key: string;
  /** In chart legends and the cost-by-category tables: "Fixed-Term licenses". */
  readonly label: string;
  /** Its monthly column on screen: "Fixed-Term cost". */
  readonly column: string;
  /** Its monthly column in the narrow landscape table of the internal report: "Fixed-Term". */
  readonly short: string;
  /** Its CSV header (and the monthly column's id). */
  readonly csv: string;
  readonly read: (month: QuoteMonth) => string;
  /**
   * Its colour in the charts: on screen (each ≥ 3:1 against white, WCAG 1.4.11) and in print
   * (read in greyscale too). Told apart by legend labels as well.
   */
  readonly color: { readonly screen: string; readonly print: RGB };
}

/** The engine's cost categories (`months[].cost`), in stacking order. */
export const COST_CATEGORIES = [
  {
    key: 'fixedTerm',
    label: 'Fixed-Term licenses',
    column: 'Fixed-Term cost',
    short: 'Fixed-Term',
    csv: 'costFixedTerm',
    read: (m) => m.cost.fixedTerm,
    color: { screen: '#1f4e79', print: [78, 121, 167] },
  },
  {
    key: 'payg',
    label: 'PAYG licenses',
    column: 'PAYG cost',
    short: 'PAYG',
    csv: 'costPayg',
    read: (m) => m.cost.payg,
    color: { screen: '#b35c00', print: [242, 142, 43] },
  },
  {
    key: 'apps',
    label: 'Customer apps',
    column: 'Apps cost',
    short: 'Customer apps',
    csv: 'costApps',
    read: (m) => m.cost.apps,
    color: { screen: '#6b3fa0', print: [89, 161, 79] },
  },
  {
    key: 'platform',
    label: 'Platform',
    column: 'Platform cost',
    short: 'Platform',
    csv: 'costPlatform',
    read: (m) => m.cost.platform,
    color: { screen: '#5c6670', print: [156, 117, 95] },
  },
] as const satisfies readonly CostCategory[];

export type CostKey = (typeof COST_CATEGORIES)[number]['key'];

export interface CommissionKind {
  readonly key: string;
  /** Its monthly column on screen. */
  readonly column: string;
  /** Its monthly column in the internal report. */
  readonly short: string;
  readonly csv: string;
  readonly read: (month: QuoteMonth) => string;
}

/** Who is paid a commission (`months[].commissions`). */
export const COMMISSION_KINDS = [
  {
    key: 'partner',
    column: 'Partner commission',
    short: 'Partner commissions',
    csv: 'partnerCommission',
    read: (m) => m.commissions.partner,
  },
  {
    key: 'distributor',
    column: 'Distributor commission',
    short: 'Distributor commissions',
    csv: 'distributorCommission',
    read: (m) => m.commissions.distributor,
  },
] as const satisfies readonly CommissionKind[];

/** The month's cost: the exact sum of its categories. */
export function monthCost(m: QuoteMonth, digits: number): string {
  return sumDecimals(
    COST_CATEGORIES.map((c) => c.read(m)),
    digits,
  );
}

/** The month's commissions: the exact sum of every kind. */
export function monthCommissions(m: QuoteMonth, digits: number): string {
  return sumDecimals(
    COMMISSION_KINDS.map((c) => c.read(m)),
    digits,
  );
}

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

/**
 * What a cell holds: `money` a decimal string in the currency's minor digits; `percent` a
 * 2-decimal string or null; `integer` a count; `period` "YYYY-MM"; `text` words.
 */
export type ColumnFormat = 'money' | 'percent' | 'integer' | 'period' | 'text';

/**
 * How a Total row totals a column: `sum` the exact sum; `rows` the number of rows (months);
 * `marginPct` the margin % of the summed margin and revenue; `none` nothing (a running figure,
 * a level, or words).
 */
export type ColumnTotal = 'sum' | 'rows' | 'marginPct' | 'none';

export type Cell = string | number | null;

export interface Column<Source> {
  /** Stable key: the sort and filter key on screen, the PDF layouts' reference. */
  readonly id: string;
  /** Its header on screen. */
  readonly label: string;
  readonly format: ColumnFormat;
  readonly total: ColumnTotal;
  /** Its value, read from the quote (and the scenario line, for customers). */
  readonly read: (source: Source) => Cell;
  /** On screen (default true). */
  readonly screen?: boolean;
  /**
   * On screen, left out until the user adds it from the table's "Columns" menu (ADR 037), so
   * that the table fits its box at 1280 px without sideways scroll. The CSV and the PDF
   * layouts ignore it: they write every column they name.
   */
  readonly optional?: boolean;
  /** In the CSV: its header, and what it writes when that differs from `read`; absent: not in the CSV. */
  readonly csv?: { readonly header: string; readonly read?: (source: Source) => Cell };
  /**
   * Shown only when the quote carries it (fields the engine adds later, such as the cash of
   * version 2); absent: always.
   */
  readonly present?: (quote: Quote) => boolean;
}

/** The columns of a quote that a medium shows: the present ones, on screen or in the CSV. */
export function columnsFor<S>(
  columns: readonly Column<S>[],
  quote: Quote,
  medium: 'screen' | 'csv',
): Column<S>[] {
  return columns.filter(
    (c) =>
      (medium === 'screen' ? c.screen !== false : c.csv !== undefined) &&
      (c.present === undefined || c.present(quote)),
  );
}

/**
 * The screen columns the user sees: the ones that are not optional, and the optional ones
 * chosen (by id) in the table's "Columns" menu; in the list's order.
 */
export function shownColumns<S>(columns: readonly Column<S>[], chosen: ReadonlySet<string>) {
  return columns.filter((c) => c.optional !== true || chosen.has(c.id));
}

/** The column with that id; throws for an id no list has (a layout naming a removed column). */
export function columnById<S>(columns: readonly Column<S>[], id: string): Column<S> {
  const column = columns.find((c) => c.id === id);
  if (!column) throw new Error(`no column '${id}'`);
  return column;
}

/** The Total-row cell of a column over `values` (the column's cells of the rows totalled). */
export function totalOf(
  column: Pick<Column<unknown>, 'total' | 'format'>,
  values: readonly Cell[],
  digits: number,
  sums?: { readonly margin: string; readonly revenue: string },
): Cell {
  switch (column.total) {
    case 'sum':
      return column.format === 'money'
        ? sumDecimals(
            values.map((v) => String(v ?? '0')),
            digits,
          )
        : values.reduce<number>((n, v) => n + Number(v ?? 0), 0);
    case 'rows':
      return values.length;
    case 'marginPct':
      return sums ? percentOf(sums.margin, sums.revenue) : null;
    case 'none':
      return null;
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Null (no margin %) sorts below every value. */
function nullsFirst(compare: (a: string, b: string) => number) {
  return (a: Cell, b: Cell) =>
    a === null ? (b === null ? 0 : -1) : b === null ? 1 : compare(String(a), String(b));
}

/**
 * The ascending order of a column's cells by its format: amounts and percents exactly as
 * decimals (null lowest), counts as numbers, text by the locale with numbers in numeric order.
 */
export function orderOf(format: ColumnFormat): (a: Cell, b: Cell) => number {
  switch (format) {
    case 'money':
    case 'percent':
      return nullsFirst(compareDecimals);
    case 'integer':
      return (a, b) => {
        const x = Number(a ?? 0);
        const y = Number(b ?? 0);
        return x < y ? -1 : x > y ? 1 : 0;
      };
    case 'period':
    case 'text':
      return nullsFirst((x, y) => collator.compare(x, y));
  }
}

// ---------------------------------------------------------------------------------------------
// The monthly series
// ---------------------------------------------------------------------------------------------

/** A month and the currency's minor digits (for sums the quote does not write). */
export interface MonthSource {
  readonly month: QuoteMonth;
  readonly digits: number;
}

/**
 * The fields of a month that the engine's version 2 adds (PRICING.md §6): read only when
 * present, until `QuoteMonth` has them.
 */
interface CashMonth {
  readonly customers: number;
  readonly cash: {
    readonly in: string;
    readonly outVendor: string;
    readonly outCommissions: string;
    readonly outInfra: string;
    readonly net: string;
    readonly cumulative: string;
  };
}

const hasCash = (m: QuoteMonth): m is QuoteMonth & CashMonth => 'cash' in m;
const quoteHasCash = (q: Quote) => q.months.some(hasCash);
const cash =
  (key: keyof CashMonth['cash']) =>
  ({ month }: MonthSource): Cell =>
    hasCash(month) ? month.cash[key] : null;

/** A money column of the monthly series, written to the CSV under its id. */
function monthMoney(
  id: string,
  label: string,
  read: (source: MonthSource) => Cell,
  total: ColumnTotal = 'sum',
  extra: Partial<Column<MonthSource>> = {},
): Column<MonthSource> {
  return { id, label, format: 'money', total, read, csv: { header: id }, ...extra };
}

/** The monthly series' columns, in order; the period names the row. */
export const MONTH_COLUMNS: readonly Column<MonthSource>[] = [
  {
    id: 'month',
    label: 'Month',
    format: 'integer',
    total: 'rows',
    read: ({ month }) => month.month,
    csv: { header: 'month' },
    optional: true,
  },
  {
    id: 'period',
    label: 'Period',
    format: 'period',
    total: 'none',
    read: ({ month }) => month.period,
    // an ISO date with its day: a spreadsheet reads the month's first day, never a guess (ADR 025)
    csv: { header: 'periodStart', read: ({ month }) => `${month.period}-01` },
  },
  monthMoney('revenue', 'Revenue', ({ month }) => month.revenue),
  monthMoney(
    'recurringRevenue',
    'Recurring revenue',
    ({ month }) => month.recurringRevenue,
    'sum',
    {
      optional: true,
    },
  ),
  ...COST_CATEGORIES.map((c) =>
    monthMoney(c.csv, c.column, ({ month }) => c.read(month), 'sum', { optional: true }),
  ),
  // on screen only: the CSV keeps the categories, whose sum this is
  monthMoney('cost', 'Total cost', ({ month, digits }) => monthCost(month, digits), 'sum', {
    csv: undefined,
  }),
  ...COMMISSION_KINDS.map((c) => monthMoney(c.csv, c.column, ({ month }) => c.read(month))),
  monthMoney('margin', 'Margin', ({ month }) => month.margin),
  monthMoney(
    'cumulativeMargin',
    'Cumulative margin',
    ({ month }) => month.cumulativeMargin,
    'none',
  ),
  {
    id: 'demandMbps',
    label: 'Demand (Mbps)',
    format: 'integer',
    total: 'none',
    read: ({ month }) => month.demandMbps,
    csv: { header: 'demandMbps' },
    optional: true,
  },
  // --- version 2 (cash): shown once the engine writes them ----------------------------------
  {
    id: 'customers',
    label: 'Customers',
    format: 'integer',
    total: 'none',
    read: ({ month }) => (hasCash(month) ? month.customers : null),
    csv: { header: 'customers' },
    present: quoteHasCash,
    optional: true,
  },
  ...(
    [
      ['cashIn', 'Cash in', 'in', 'sum'],
      ['cashOutVendor', 'Paid to the vendor', 'outVendor', 'sum'],
      ['cashOutCommissions', 'Commissions paid', 'outCommissions', 'sum'],
      ['cashOutInfra', 'Infrastructure paid', 'outInfra', 'sum'],
      ['cashNet', 'Net cash', 'net', 'sum'],
      ['cashCumulative', 'Cumulative cash', 'cumulative', 'none'],
    ] as const
  ).map(([id, label, key, total]) =>
    monthMoney(id, label, cash(key), total, { present: quoteHasCash, optional: true }),
  ),
];

/** The id of the column that names a month's row (and holds "Total" in a Total row). */
export const MONTH_ROW_HEADER = 'period';

// ---------------------------------------------------------------------------------------------
// Per customer line
// ---------------------------------------------------------------------------------------------

/** Display names from the price table and the channel, for the screen's columns. */
export interface CustomerNames {
  readonly bundles: ReadonlyMap<string, string>;
  readonly bandwidths: ReadonlyMap<string, string>;
  readonly partners: ReadonlyMap<string, string>;
}

/** No display names: the CSV and the PDF tables write the scenario's ids. */
export const NO_NAMES: CustomerNames = {
  bundles: new Map(),
  bandwidths: new Map(),
  partners: new Map(),
};

/** A customer line of the quote, its scenario line and the names to show. */
export interface CustomerSource {
  readonly customer: QuoteCustomer;
  /** The scenario's line of the same id (undefined only for a quote of another scenario). */
  readonly line: CustomerLine | undefined;
  readonly names: CustomerNames;
}

/** "Fixed-Term, 12 mo", "PAYG", "PAYG → Fixed-Term 12 mo from month 7". */
export function modelLabel(license: CustomerLine['license']): string {
  if (license.model === 'fixed-term') return `Fixed-Term, ${license.termMonths} mo`;
  const to = license.convertTo;
  return to ? `PAYG → Fixed-Term ${to.termMonths} mo from month ${to.atMonth}` : 'PAYG';
}

/** The field of version 2 a customer line may carry. */
const activeFinal = (c: QuoteCustomer): number | null =>
  'activeFinal' in c && typeof c.activeFinal === 'number' ? c.activeFinal : null;

/** A column of the per-customer table written to the CSV under its id. */
function customerColumn(
  id: string,
  label: string,
  format: ColumnFormat,
  read: (source: CustomerSource) => Cell,
  extra: Partial<Column<CustomerSource>> = {},
): Column<CustomerSource> {
  return { id, label, format, total: 'none', read, csv: { header: id }, ...extra };
}

/** A line's amount over the horizon, summed in a Total row. */
const amount = (
  id: 'revenue' | 'cost' | 'commissions' | 'margin',
  label: string,
  extra: Partial<Column<CustomerSource>> = {},
) =>
  customerColumn(id, label, 'money', ({ customer }) => customer.totals[id], {
    total: 'sum',
    ...extra,
  });

/** The scenario line's own value in the CSV (an id, a model), a name a reader knows on screen. */
const named = (
  id: 'model' | 'bundle' | 'bandwidth',
  label: string,
  shown: (line: CustomerLine, names: CustomerNames) => string,
  raw: (line: CustomerLine) => string,
  extra: Partial<Column<CustomerSource>> = {},
) =>
  customerColumn(id, label, 'text', ({ line, names }) => (line ? shown(line, names) : ''), {
    csv: { header: id, read: ({ line }) => (line ? raw(line) : '') },
    ...extra,
  });

/** The per-customer table's columns, in order; the name names the row. */
export const CUSTOMER_COLUMNS: readonly Column<CustomerSource>[] = [
  customerColumn('id', 'Id', 'text', ({ customer }) => customer.id, { screen: false }),
  customerColumn(
    'name',
    'Customer line',
    'text',
    ({ customer, line }) => line?.name || customer.id,
    {
      csv: { header: 'name', read: ({ line }) => line?.name ?? '' },
    },
  ),
  customerColumn('count', 'Count', 'integer', ({ customer }) => customer.count, { total: 'sum' }),
  named(
    'model',
    'Model',
    (line) => modelLabel(line.license),
    (line) => line.license.model,
  ),
  named(
    'bundle',
    'Bundle',
    (line, names) => names.bundles.get(line.license.bundle) ?? line.license.bundle,
    (line) => line.license.bundle,
    { optional: true },
  ),
  named(
    'bandwidth',
    'Bandwidth',
    (line, names) => names.bandwidths.get(line.license.bandwidth) ?? line.license.bandwidth,
    (line) => line.license.bandwidth,
    { optional: true },
  ),
  customerColumn(
    'partner',
    'Partner',
    'text',
    ({ line, names }) =>
      line?.partnerId ? (names.partners.get(line.partnerId) ?? line.partnerId) : 'Direct',
    { csv: undefined, optional: true },
  ),
  customerColumn(
    'vServices',
    'vServices',
    'integer',
    ({ line }) => line?.license.vServices ?? null,
    {
      screen: false,
    },
  ),
  customerColumn('startMonth', 'Start month', 'integer', ({ line }) => line?.startMonth ?? null, {
    screen: false,
  }),
  amount('revenue', 'Revenue'),
  amount('cost', 'Cost'),
  amount('commissions', 'Commissions', { optional: true }),
  amount('margin', 'Margin'),
  customerColumn('marginPct', 'Margin %', 'percent', ({ customer }) => customer.totals.marginPct, {
    total: 'marginPct',
  }),
  // on screen, the advice in words (`adviceText`), sorted by what it would save
  customerColumn(
    'advice',
    'PAYG advice',
    'money',
    ({ customer }) => customer.advice?.saving ?? null,
    {
      csv: undefined,
    },
  ),
  customerColumn(
    'advisedTermMonths',
    'Advised term (months)',
    'integer',
    ({ customer }) => customer.advice?.termMonths ?? null,
    { screen: false },
  ),
  customerColumn(
    'adviceSaving',
    'Advice saving',
    'money',
    ({ customer }) => customer.advice?.saving ?? null,
    {
      screen: false,
    },
  ),
  // --- version 2: shown once the engine writes it --------------------------------------------
  customerColumn(
    'activeFinal',
    'Active at the end',
    'integer',
    ({ customer }) => activeFinal(customer),
    {
      total: 'sum',
      present: (q) => q.customers.some((c) => activeFinal(c) !== null),
      optional: true,
    },
  ),
];

/** The id of the column that names a customer row (and holds "Platform" or "Total"). */
export const CUSTOMER_ROW_HEADER = 'name';

/** Words a screen shows for a PAYG advice, amounts through `money`. */
export function adviceText(advice: PaygAdvice | null, money: (amount: string) => string): string {
  if (!advice) return '';
  return (
    `Fixed-Term ${advice.termMonths} mo saves ${money(advice.saving)} ` +
    `(break-even ${advice.breakEvenHours} h/month; average ${advice.averageHours} h)`
  );
}
