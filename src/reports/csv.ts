import { isPriced, type Quote, type Scenario } from '../engine/index';
import {
  columnsFor,
  CUSTOMER_COLUMNS,
  CUSTOMER_ROW_HEADER,
  MONTH_COLUMNS,
  MONTH_ROW_HEADER,
  totalOf,
  type Cell,
  type Column,
  NO_NAMES,
} from './columns';
import { quoteDigits } from './decimal';
import { platformAmounts, totalAmounts, type RowAmounts } from './totals';

/**
 * CSV exports of a quote, the same for the app's buttons and `npm run quote -- --csv` (ADR 025):
 * a header row, then the columns of `./columns.ts` (plain decimals: the quote's own strings,
 * never re-formatted), RFC 4180 quoting, CRLF line ends, and one formula-injection rule
 * (`csvCell`) for every cell. Money headers name the currency ("revenue (USD)"); periods are
 * written as the ISO date of the month's first day ("2027-01-01"), which every spreadsheet reads
 * as that date, where "2027-01" is a guess. The byte order mark is added by whoever writes the
 * file (`withBom`), so a string stays a plain CSV for tests and parsers.
 */

/** The UTF-8 byte order mark: Excel opens "Müller", "Łódź" and Greek right only with it. */
export const BOM = '\uFEFF';

/** The CSV text as a file's content: with the byte order mark, once. */
export function withBom(csv: string): string {
  return csv.startsWith(BOM) ? csv : `${BOM}${csv}`;
}

/** A plain decimal number ("-12.50", "3"): data, never a formula, even with its minus sign. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
/**
 * A cell a spreadsheet would run as a formula: it starts with = + - @, a tab or a carriage
 * return, possibly behind apostrophes added before (so neutralising text twice stays
 * reversible by taking exactly one apostrophe back, as the customer-lines import does).
 */
export const FORMULA_START = /^'*[=+\-@\t\r]/;
/** What makes a cell need quotes: the separators of both locales (, and ;), quotes, line breaks, tabs. */
const NEEDS_QUOTES = /[",;\r\n\t]/;

/**
 * One CSV cell, under the one rule for every export (OWASP CSV injection): a cell that starts
 * like a formula is prefixed with an apostrophe, so a spreadsheet opens it as text, and quoted;
 * a plain number such as -12.50 is left a number. A cell with a comma, a semicolon, a quote, a
 * line break or a tab anywhere is quoted (RFC 4180, quotes doubled). Null is an empty cell.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const formula = !PLAIN_NUMBER.test(text) && FORMULA_START.test(text);
  const cell = formula ? `'${text}` : text;
  return formula || NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function rows(lines: readonly (readonly Cell[])[]): string {
  return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The header of a column: its CSV name, with the currency for amounts ("revenue (USD)"). */
function header<S>(column: Column<S>, currency: string): string {
  const name = column.csv!.header;
  return column.format === 'money' ? `${name} (${currency})` : name;
}

function cellOf<S>(column: Column<S>, source: S): Cell {
  return (column.csv?.read ?? column.read)(source);
}

/** A Platform or Total row: its label in the row-header column, its amounts by column id. */
function footRow<S>(
  columns: readonly Column<S>[],
  rowHeader: string,
  label: string,
  cells: Readonly<Record<string, Cell>>,
): Cell[] {
  return columns.map((c) => (c.id === rowHeader ? label : (cells[c.id] ?? null)));
}

/**
 * Customer lines with their totals over the horizon, then a "Platform" row (its cost has no
 * revenue) and a "Total" row equal to the quote's totals. Only the header when an error
 * stopped the quote.
 */
export function customersCsv(scenario: Scenario, quote: Quote): string {
  const columns = columnsFor(CUSTOMER_COLUMNS, quote, 'csv');
  const head = columns.map((c) => header(c, quote.currency));
  if (!isPriced(quote)) return rows([head]);
  const lines = new Map(scenario.customers.map((line) => [line.id, line]));
  const sources = quote.customers.map((customer) => ({
    customer,
    line: lines.get(customer.id),
    names: NO_NAMES,
  }));
  const body = sources.map((s) => columns.map((c) => cellOf(c, s)));
  const amounts = (r: RowAmounts): Record<string, Cell> => ({ ...r });
  // the Total row: the quote's own totals, and the columns that add up over the lines (count)
  const digits = quoteDigits(quote);
  const summed: Record<string, Cell> = {};
  for (const c of columns) {
    if (c.total !== 'sum' || c.format === 'money') continue;
    summed[c.id] = totalOf(
      c,
      sources.map((s) => c.read(s)),
      digits,
    );
  }
  return rows([
    head,
    ...body,
    footRow(columns, CUSTOMER_ROW_HEADER, 'Platform', amounts(platformAmounts(quote))),
    footRow(columns, CUSTOMER_ROW_HEADER, 'Total', {
      ...summed,
      ...amounts(totalAmounts(quote)),
    }),
  ]);
}

/** The monthly series, one row a month, then a "Total" row of the columns that add up. */
export function monthsCsv(quote: Quote): string {
  const columns = columnsFor(MONTH_COLUMNS, quote, 'csv');
  const head = columns.map((c) => header(c, quote.currency));
  if (!isPriced(quote)) return rows([head]);
  const digits = quoteDigits(quote);
  const sources = quote.months.map((month) => ({ month, digits }));
  const body = sources.map((s) => columns.map((c) => cellOf(c, s)));
  const total: Record<string, Cell> = {};
  for (const c of columns) {
    // a Total row's month column stays empty: the label says what the row is
    if (c.total !== 'sum') continue;
    total[c.id] = totalOf(
      c,
      sources.map((s) => c.read(s)),
      digits,
    );
  }
  return rows([head, ...body, footRow(columns, MONTH_ROW_HEADER, 'Total', total)]);
}
