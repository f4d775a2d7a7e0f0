import {
  isPriced,
  type PaygAdvice,
  type PriceTable,
  type Quote,
  type Scenario,
} from '../../engine/index';
import {
  adviceText,
  COMMISSION_KINDS,
  CUSTOMER_COLUMNS,
  MONTH_COLUMNS,
  orderOf,
  totalOf,
  type Cell,
  type Column,
  type CustomerNames,
  type MonthSource,
} from '../../reports/columns';
import type { COST_CATEGORIES } from '../../reports/columns';
import { percentOf, quoteDigits, sumDecimals } from '../../reports/decimal';
import { platformAmounts, totalAmounts, type RowAmounts } from '../../reports/totals';

/**
 * The Results step's tables, shaped from the quote (pure: no React, no table library), column
 * by column as `src/reports/columns.ts` describes them (ADR 024): the same description the CSV
 * exports and the PDF tables read. Amounts stay the quote's decimal strings; every total is an
 * exact decimal sum (`src/reports/decimal.ts`), so the screen, the CSV and the quote agree to
 * the cent.
 */

export type { RowAmounts } from '../../reports/totals';
export { adviceText };

// ---------------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------------

/** The version-1 cells of a customer row, typed; a later column's cell is read by its id. */
interface CustomerRowFields extends RowAmounts {
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
  /** The advice itself (its column sorts by what it would save). */
  readonly advice: PaygAdvice | null;
}

/**
 * One customer line with its results over the horizon: a cell per column of
 * `CUSTOMER_COLUMNS`, by id, and what the screen marks (below the minimum margin, the advice).
 */
export type CustomerResultRow = CustomerRowFields & Readonly<Record<string, unknown>>;

type Service = Pick<PriceTable['service'], 'bundles' | 'bandwidthTiers'>;

/**
 * A row per customer line of the quote, with the names a reader knows (bundle and bandwidth
 * from the price table's service when given, the partner's name from the channel).
 */
export function customerResultRows(
  scenario: Scenario,
  quote: Quote,
  service: Service | null = null,
): CustomerResultRow[] {
  const names: CustomerNames = {
    bundles: new Map(service?.bundles.map((b) => [b.id, b.name])),
    bandwidths: new Map(service?.bandwidthTiers.map((b) => [b.id, b.label])),
    partners: new Map(scenario.channel.partners.map((p) => [p.id, p.name])),
  };
  const lines = new Map(scenario.customers.map((line, index) => [line.id, { line, index }]));
  return quote.customers.map((customer, i) => {
    const found = lines.get(customer.id);
    const source = { customer, line: found?.line, names };
    const cells = Object.fromEntries(CUSTOMER_COLUMNS.map((c) => [c.id, c.read(source)]));
    return {
      ...cells,
      index: found?.index ?? i,
      belowMinMargin: customer.belowMinMargin,
      advice: customer.advice,
    } as CustomerResultRow;
  });
}

/** The cell of a row a column sorts and totals by (the advice by its saving). */
export function cellOf(row: Readonly<Record<string, unknown>>, id: string): Cell {
  if (id === 'advice') return (row.advice as PaygAdvice | null)?.saving ?? null;
  return (row[id] ?? null) as Cell;
}

/**
 * The Total-row cells of `columns` over `rows`, each as its column says it totals (the margin
 * % from the summed margin and revenue); a column that does not total has no cell.
 */
function footCells<S>(
  columns: readonly Column<S>[],
  rows: readonly Readonly<Record<string, unknown>>[],
  digits: number,
): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const c of columns) {
    if (c.total === 'none' || c.total === 'marginPct') continue;
    cells[c.id] = totalOf(
      c,
      rows.map((r) => cellOf(r, c.id)),
      digits,
    );
  }
  for (const c of columns) {
    if (c.total !== 'marginPct') continue;
    cells[c.id] = percentOf(String(cells.margin), String(cells.revenue));
  }
  return cells;
}

/** The amount columns (money and percent, totalled): revenue, cost, commissions, margin, margin %. */
const AMOUNT_COLUMNS = CUSTOMER_COLUMNS.filter(
  (c) => (c.format === 'money' || c.format === 'percent') && c.total !== 'none',
);

/** The exact sum of rows' amounts, with the margin % of the sums (null without revenue). */
export function sumAmounts(rows: readonly RowAmounts[], digits: number): RowAmounts {
  return footCells(AMOUNT_COLUMNS, rows as never, digits) as unknown as RowAmounts;
}

type CustomerSums = RowAmounts & {
  readonly count: number;
  readonly lines: number;
} & Readonly<Record<string, Cell>>;

/** The foot of the customers table: cells by column id. */
export interface CustomerFooter {
  /** The rows the filter shows, when a filter hides some; otherwise null. */
  readonly subtotal: CustomerSums | null;
  /** Platform cost, no revenue (Σ of the months' `cost.platform`). */
  readonly platform: RowAmounts;
  /** The quote's totals: every line plus the platform. */
  readonly total: CustomerSums;
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
  if (!isPriced(quote)) return null;
  const digits = quoteDigits(quote);
  const sums = (rows: readonly CustomerResultRow[]) =>
    ({ ...footCells(CUSTOMER_COLUMNS, rows, digits), lines: rows.length }) as CustomerSums;
  return {
    subtotal: shown.length === all.length ? null : sums(shown),
    platform: platformAmounts(quote),
    total: { ...sums(all), ...totalAmounts(quote) },
  };
}

/** The version-1 columns of the customers table. */
export type CustomerColumnId = Exclude<keyof CustomerRowFields, 'id' | 'index' | 'belowMinMargin'>;

type Order<Row> = (a: Row, b: Row) => number;

function ordersOf<S, Row extends Readonly<Record<string, unknown>>>(
  columns: readonly Column<S>[],
): Readonly<Record<string, Order<Row>>> {
  return Object.fromEntries(
    columns.map((c) => {
      const order = orderOf(c.format);
      return [c.id, (a: Row, b: Row) => order(cellOf(a, c.id), cellOf(b, c.id))];
    }),
  );
}

/**
 * The ascending order of each customers column, by its format: text by the locale (numbers in
 * names in numeric order), amounts exactly as decimals, no margin % or no advice lowest.
 */
export const CUSTOMER_ORDER = ordersOf<unknown, CustomerResultRow>(
  CUSTOMER_COLUMNS as readonly Column<unknown>[],
) as Record<CustomerColumnId, Order<CustomerResultRow>> &
  Readonly<Record<string, Order<CustomerResultRow> | undefined>>;

/** Text folded for a filter: case and accents ignored ("muller" finds "Müller GmbH"). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Whether `text` contains the filter `query` (case and accents ignored; blank matches all). */
export function textMatches(text: string, query: string): boolean {
  const q = fold(query.trim());
  return q === '' || fold(text).includes(q);
}

// ---------------------------------------------------------------------------------------------
// Months
// ---------------------------------------------------------------------------------------------

/** The version-1 amount columns of the monthly table, typed (each summed in its foot). */
type MonthAmountId =
  | 'revenue'
  | 'recurringRevenue'
  | (typeof COST_CATEGORIES)[number]['csv']
  | 'cost'
  | (typeof COMMISSION_KINDS)[number]['csv']
  | 'margin';

/** One month of the horizon: a cell per column of `MONTH_COLUMNS`, by id. */
export type MonthResultRow = Readonly<Record<MonthAmountId | 'cumulativeMargin', string>> & {
  readonly month: number;
  readonly period: string;
  readonly demandMbps: number;
} & Readonly<Record<string, Cell>>;

/** A row per month of the quote. */
export function monthResultRows(quote: Quote): MonthResultRow[] {
  const digits = quoteDigits(quote);
  return quote.months.map((month) => {
    const source: MonthSource = { month, digits };
    return Object.fromEntries(MONTH_COLUMNS.map((c) => [c.id, c.read(source)])) as MonthResultRow;
  });
}

/** Σ of each summed column over `rows`, the commissions (every kind) and the number of months. */
export type MonthSums = Readonly<Record<MonthAmountId | 'commissions', string>> & {
  readonly months: number;
} & Readonly<Record<string, Cell>>;

export function sumMonths(rows: readonly MonthResultRow[], digits: number): MonthSums {
  const cells = footCells(MONTH_COLUMNS, rows, digits);
  const commissions = sumDecimals(
    COMMISSION_KINDS.map((k) => String(cells[k.csv])),
    digits,
  );
  return { ...cells, commissions, months: rows.length } as MonthSums;
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
  if (!isPriced(quote)) return null;
  const digits = quoteDigits(quote);
  return {
    subtotal: shown.length === all.length ? null : sumMonths(shown, digits),
    total: sumMonths(all, digits),
  };
}

/** The version-1 columns of the monthly table. */
export type MonthColumnId = MonthAmountId | 'month' | 'period' | 'cumulativeMargin' | 'demandMbps';

/** The ascending order of each monthly column, by its format. */
export const MONTH_ORDER = ordersOf<MonthSource, MonthResultRow>(MONTH_COLUMNS) as Record<
  MonthColumnId,
  Order<MonthResultRow>
> &
  Readonly<Record<string, Order<MonthResultRow> | undefined>>;

/**
 * Whether a month is in the period filter, which is the start of a period: "2027" keeps the
 * months of 2027, "2027-0" its first nine; blank keeps every month.
 */
export function monthMatches(row: Pick<MonthResultRow, 'period'>, query: string): boolean {
  return row.period.startsWith(query.trim());
}
