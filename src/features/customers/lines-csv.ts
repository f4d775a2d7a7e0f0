import { MONTH_NAMES } from './lines';
import type { CustomerLine, PriceTable } from '../../engine/index';
import { cleanName, problemsOf } from '../../engine/schema/common';
import { CustomerLineSchema } from '../../engine/schema/scenario';
import { csvCell } from '../../reports/csv';

/**
 * Customer lines as CSV, both ways (ADR 010): `linesToCsv` writes them, `parseLinesCsv` reads
 * what a user pastes or imports (from this app, a spreadsheet or a hand-written file) and
 * checks every row with `CustomerLineSchema`, the one source of truth for a line's rules and
 * messages. Pure: no React, no DOM; it never throws, whatever the text.
 */

type Service = PriceTable['service'];

/** The columns, in the order `linesToCsv` writes them. `id` is not one: imports get fresh ids. */
export const LINE_CSV_COLUMNS = [
  'name',
  'count',
  'model',
  'bundle',
  'bandwidth',
  'vServices',
  'termMonths',
  'renew',
  'hoursPerMonth',
  'startMonth',
  'endMonth',
  'partnerId',
  'convertAtMonth',
  'convertTermMonths',
  'sellMode',
  'sellPct',
  'sellMonthly',
  'sellOneOff',
  'apps',
  // version 2 (PRICING.md §7, §8; ADR 033): a JSON list of changes, and the line's invoicing
  'changes',
  'billing',
] as const;

export type LineCsvColumn = (typeof LINE_CSV_COLUMNS)[number];

/** A header must name these; every other column may be left out (its defaults apply). */
export const REQUIRED_LINE_CSV_COLUMNS = ['name', 'count', 'model', 'bundle', 'bandwidth'] as const;

/** The largest text `parseLinesCsv` reads: 5 MB of UTF-8. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
/** The most data rows (blank rows not counted) `parseLinesCsv` reads. */
export const MAX_CSV_ROWS = 10_000;

/** Hours a month of a PAYG line whose hoursPerMonth cell is empty (as a new PAYG line). */
const DEFAULT_HOURS = 730;
/** The term of a fixed-term line whose termMonths cell is empty (as a new line). */
const DEFAULT_TERM = 12;

export interface LineCsvError {
  /**
   * The row as a spreadsheet numbers it: the header is row 1 (when the text starts with it),
   * and a quoted cell with line breaks stays in its row. Null for a problem of the whole text
   * (too large, empty).
   */
  readonly row: number | null;
  /** The column as the header names it, or null for a problem of the whole row or text. */
  readonly column: string | null;
  readonly message: string;
}

export interface LinesCsvResult {
  /** The valid lines, in the order of their rows, with fresh ids (see `withFreshIds`). */
  readonly lines: CustomerLine[];
  readonly errors: LineCsvError[];
  /** Things that did not stop a line: unknown columns, ids the price table does not know. */
  readonly warnings: string[];
  /** How many rows have at least one error. */
  readonly rowsWithErrors: number;
  /**
   * What to leave in the box once `lines` are added: the header and the rows with errors as
   * they were written (the whole text when no row could be read); '' when every row was read.
   */
  readonly remaining: string;
}

export interface ParseLinesOptions {
  /**
   * The price table's service licenses. With it, an empty vServices cell takes the bundle's
   * included vServices, and a bundle, bandwidth or term the table does not offer is a warning
   * (the line is still imported; the quote lists it as an issue until it is changed).
   */
  readonly service?: Service | null;
  /** The scenario's partner ids: a partnerId not among them is a warning. */
  readonly partnerIds?: readonly string[] | null;
  /** The scenario's partners: a partnerId cell may name one ("Alpine IT") as well as its id. */
  readonly partners?: readonly { readonly id: string; readonly name: string }[] | null;
}

// ---------------------------------------------------------------------------------------------
// writing
// ---------------------------------------------------------------------------------------------

/** A cell `textCell` neutralised: one apostrophe to take back. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/**
 * A text cell (name, ids, apps) under the exports' one formula-injection rule (`csvCell`,
 * src/reports/csv.ts, ADR 025): quoted, and prefixed with an apostrophe when it starts like a
 * formula. Text that already starts with apostrophes before such a character gets one more, so
 * `parseLinesCsv`, which takes exactly one back, returns it unchanged.
 */
function textCell(value: string): string {
  return csvCell(value);
}

/** The text of a cell `textCell` wrote (or a user typed with a protective apostrophe). */
function untext(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}

/** An app bundle id the compact `bundle:count:users:provisioning` form can carry. */
const compactBundle = (id: string) => !/[;|]/.test(id) && !id.startsWith('[') && id.trim() === id;

/**
 * A line's apps in one cell: `bundle:count:usersPerApp:provisioning`, separated by `;`
 * (`full-feature:1:120:child;white-label:2:25:standalone`); a JSON array when a bundle id
 * holds a separator the compact form cannot carry.
 */
function appsCell(apps: CustomerLine['apps']): string {
  if (apps.length === 0) return '';
  if (apps.every((a) => compactBundle(a.bundle))) {
    return apps.map((a) => `${a.bundle}:${a.count}:${a.usersPerApp}:${a.provisioning}`).join(';');
  }
  return JSON.stringify(
    apps.map(({ bundle, count, usersPerApp, provisioning }) => ({
      bundle,
      count,
      usersPerApp,
      provisioning,
    })),
  );
}

function lineCells(line: CustomerLine): Record<LineCsvColumn, string> {
  const license = line.license;
  const sell = line.sell;
  const fixed = license.model === 'fixed-term' ? license : null;
  const payg = license.model === 'payg' ? license : null;
  return {
    name: textCell(line.name),
    count: String(line.count),
    model: license.model,
    bundle: textCell(license.bundle),
    bandwidth: textCell(license.bandwidth),
    vServices: String(license.vServices),
    termMonths: fixed ? String(fixed.termMonths) : '',
    renew: fixed ? String(fixed.renew) : '',
    hoursPerMonth: payg
      ? Array.isArray(payg.hoursPerMonth)
        ? payg.hoursPerMonth.join(';')
        : String(payg.hoursPerMonth)
      : '',
    startMonth: String(line.startMonth),
    endMonth: line.endMonth === null ? '' : String(line.endMonth),
    partnerId: line.partnerId === null ? '' : textCell(line.partnerId),
    convertAtMonth: payg?.convertTo ? String(payg.convertTo.atMonth) : '',
    convertTermMonths: payg?.convertTo ? String(payg.convertTo.termMonths) : '',
    sellMode: sell?.mode ?? '',
    sellPct: sell && sell.mode !== 'fixed' ? sell.pct : '',
    sellMonthly: sell?.mode === 'fixed' ? sell.monthly : '',
    sellOneOff: sell?.mode === 'fixed' ? sell.oneOff : '',
    apps: textCell(appsCell(line.apps)),
    // the changes as the scenario file writes them (ADR 033): exact both ways, no new syntax
    changes: line.changes && line.changes.length > 0 ? textCell(JSON.stringify(line.changes)) : '',
    billing: line.billing ?? '',
  };
}

/**
 * The lines as CSV: a header of `LINE_CSV_COLUMNS`, one row a line, comma-separated, CRLF line
 * ends (RFC 4180), no byte-order mark (a download adds one for spreadsheets). Cells that do not
 * apply to a line's model or sell mode are empty; `parseLinesCsv` reads it back to the same
 * lines, ids aside.
 */
export function linesToCsv(lines: readonly CustomerLine[]): string {
  const rows = [LINE_CSV_COLUMNS.join(',')];
  for (const line of lines) {
    const cells = lineCells(line);
    rows.push(LINE_CSV_COLUMNS.map((c) => cells[c]).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// ids
// ---------------------------------------------------------------------------------------------

/**
 * `lines` with the ids `freshLineId` (lines.ts) would give them one after another, appended to
 * `existing`: c<n+1>, c<n+2>, … skipping ids already taken. Computed in one pass (calling
 * `freshLineId` for each of 10,000 lines would rebuild its set of ids every time).
 */
export function withFreshIds(
  lines: readonly CustomerLine[],
  existing: readonly { id: string }[],
): CustomerLine[] {
  const taken = new Set(existing.map((l) => l.id));
  let size = existing.length;
  // every id from one search's start to its result is taken, so the next search may start
  // past the last result: the same ids as freshLineId, without walking a taken block again
  let last = 0;
  return lines.map((line) => {
    let n = Math.max(size + 1, last + 1);
    while (taken.has(`c${n}`)) n += 1;
    const id = `c${n}`;
    taken.add(id);
    size += 1;
    last = n;
    return { ...line, id };
  });
}

// ---------------------------------------------------------------------------------------------
// reading: records
// ---------------------------------------------------------------------------------------------

type Delimiter = ',' | ';' | '\t';

interface CsvRecord {
  /** 1-based, counting every record (blank ones too) from the start of the text. */
  readonly row: number;
  readonly cells: string[];
  /** Where its text starts and ends (before the line break). */
  readonly start: number;
  readonly end: number;
  /** Its last cell opens a quote that never closes: the record runs to the end of the text. */
  readonly unterminated: boolean;
}

/**
 * The records of RFC 4180 text: cells split at `delimiter`, records at CRLF, LF or CR; a cell
 * that starts with `"` runs to the next lone `"` (doubled quotes are one quote; delimiters and
 * line breaks inside are text). Lenient like spreadsheets: text after a closing quote is kept,
 * and a quote inside an unquoted cell is just a character. One record at a time, so a text of
 * blank lines holds no memory.
 */
function* records(text: string, delimiter: Delimiter): Generator<CsvRecord> {
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  /** The index of the next delimiter or line break from `i`, or n. */
  const stop = (i: number): number => {
    for (let k = i; k < n; k += 1) {
      const c = text.charCodeAt(k);
      if (c === d || c === 10 || c === 13) return k;
    }
    return n;
  };
  let i = 0;
  let row = 0;
  while (i < n) {
    row += 1;
    const start = i;
    const cells: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        const parts: string[] = [];
        let j = i + 1;
        let closed = false;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) break;
          parts.push(text.slice(j, q));
          if (text.charCodeAt(q + 1) === 34) {
            parts.push('"');
            j = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          cells.push(text.slice(start));
          yield { row, cells, start, end: n, unterminated: true };
          return;
        }
        const k = stop(i);
        parts.push(text.slice(i, k));
        cells.push(parts.join(''));
        i = k;
      } else {
        const k = stop(i);
        cells.push(text.slice(i, k));
        i = k;
      }
      if (i < n && text.charCodeAt(i) === d) {
        i += 1;
        continue;
      }
      break;
    }
    const end = i;
    if (text.charCodeAt(i) === 13) i += 1;
    if (text.charCodeAt(i) === 10 && (i === end || text.charCodeAt(i - 1) === 13)) i += 1;
    yield { row, cells, start, end, unterminated: false };
  }
}

/**
 * The delimiter of the header: the most frequent of tab, semicolon and comma outside quotes in
 * the first line that is not blank (a tie goes to tab, then semicolon); comma when it has none.
 */
function detectDelimiter(text: string): Delimiter {
  // the lines before the first character that is not white space are blank
  const first = text.search(/\S/);
  let i = first < 0 ? text.length : first;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i -= 1;
  let quoted = false;
  const counts = { '\t': 0, ';': 0, ',': 0 };
  for (; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === '\t' || c === ';' || c === ',')) counts[c] += 1;
  }
  const best = Math.max(counts['\t'], counts[';'], counts[',']);
  if (best === 0) return ',';
  return counts['\t'] === best ? '\t' : counts[';'] === best ? ';' : ',';
}

/** UTF-8 bytes of `text`, counted without encoding it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// reading: cells
// ---------------------------------------------------------------------------------------------

/** A cell read for the schema: its value (a wrong one is left for the schema to name), or why not. */
type Cell = { readonly value: unknown } | { readonly error: string };

const EMPTY: Cell = { value: undefined };

/** A header name as matched: lower case, without spaces, underscores, hyphens and dots. */
const headerKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_.-]/g, '');

const COLUMN_BY_KEY = new Map<string, LineCsvColumn>(
  LINE_CSV_COLUMNS.map((c) => [headerKey(c), c]),
);

/** Up to 10 values for a message. */
function shownList(values: readonly string[]): string {
  if (values.length === 0) return '(nothing)';
  const more = values.length > 10 ? ` and ${values.length - 10} more` : '';
  return `${values.slice(0, 10).map(shown).join(', ')}${more}`;
}

/** A user's value inside a message: quoted, and cut short when long. */
function shown(value: string): string {
  return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
}

const PLAIN = /^-?\d+(\.\d+)?$/;
const DECIMAL_COMMA = /^-?\d+,\d+$/;
/** 1,500: a decimal comma, or a thousands separator? */
const AMBIGUOUS = /^-?[1-9]\d{0,2},\d{3}$/;

const PLAIN_HINT = 'write plain decimals with a dot, like 1.5, without thousands separators';

/**
 * A decimal written in the cell, as text: `12.5`, or with `decimalComma` also `12,5` (the
 * convention of a semicolon- or tab-separated spreadsheet export); `1,500` is refused there as
 * ambiguous. Anything else is passed on as it is, for the schema to report.
 */
function decimalText(raw: string, decimalComma: boolean): Cell {
  const t = raw.trim();
  if (t === '') return EMPTY;
  if (PLAIN.test(t)) return { value: t };
  if (DECIMAL_COMMA.test(t)) {
    if (!decimalComma) return { error: `${shown(t)}: ${PLAIN_HINT}` };
    if (AMBIGUOUS.test(t)) {
      return {
        error: `${shown(t)} is ambiguous (a decimal comma or a thousands separator?): ${PLAIN_HINT}`,
      };
    }
    return { value: t.replace(',', '.') };
  }
  if (/\d,\d/.test(t)) return { error: `${shown(t)}: ${PLAIN_HINT}` };
  return { value: t };
}

/** A number cell: a number when it is a plain decimal, else the text (the schema says why). */
function numberCell(raw: string, decimalComma: boolean): Cell {
  const cell = decimalText(raw, decimalComma);
  if (!('value' in cell) || typeof cell.value !== 'string') return cell;
  if (!PLAIN.test(cell.value)) return cell;
  const n = Number(cell.value);
  if (!Number.isFinite(n)) return cell;
  return { value: n === 0 ? 0 : n }; // no -0
}

/** A Money or percent cell: the schema's strings; "40 %" is read as 40 for percents. */
function decimalStringCell(raw: string, decimalComma: boolean, percent: boolean): Cell {
  return decimalText(percent ? raw.replace(/\s*%\s*$/, '') : raw, decimalComma);
}

/** An id cell: trimmed, a protective apostrophe taken back; empty is missing. */
function idCell(raw: string): Cell {
  const t = untext(raw.trim());
  return t === '' ? EMPTY : { value: t };
}

function renewCell(raw: string): Cell {
  const t = raw.trim().toLowerCase();
  if (t === '') return { value: true };
  if (t === 'true' || t === 'yes' || t === '1') return { value: true };
  if (t === 'false' || t === 'no' || t === '0') return { value: false };
  return { value: raw.trim() };
}

/** A choice compared as a person reads it: case, spaces, dashes, underscores and dots aside. */
const choiceKey = (text: string) => text.toLowerCase().replace(/[\s_.-]/g, '');

function modelCell(raw: string): Cell {
  const key = choiceKey(raw);
  if (key === 'fixedterm') return { value: 'fixed-term' };
  if (key === 'payg') return { value: 'payg' };
  if (key === '') return { error: 'is empty; write Fixed-Term or PAYG' };
  return { error: `${shown(raw.trim())} is not a license model: write Fixed-Term or PAYG` };
}

/**
 * A bundle, bandwidth or partner as the screen shows it ("Advanced", "1 Gbps", "Alpine IT")
 * or as its id ("advanced", "1g"), case-insensitively (issue 13): the id of the choice whose
 * id or name matches; otherwise the text as written, which the checks after it report.
 */
function choiceCell(
  raw: string,
  choices: readonly { readonly id: string; readonly names: readonly string[] }[],
): Cell {
  const cell = idCell(raw);
  if (!('value' in cell) || typeof cell.value !== 'string') return cell;
  const key = choiceKey(cell.value);
  const byId =
    choices.find((c) => c.id === cell.value) ?? choices.find((c) => choiceKey(c.id) === key);
  const match = byId ?? choices.find((c) => c.names.some((n) => choiceKey(n) === key));
  return match ? { value: match.id } : cell;
}

/** "1 Gbps", "500 Mbps", "1000 Mbit/s" → Mbps; null for anything else. */
function mbpsOf(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([mg])(?:bps|bit\/?s|b\/s)?$/i.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * (m[2]!.toLowerCase() === 'g' ? 1000 : 1);
}

function bandwidthCell(raw: string, service: Service | null): Cell {
  const tiers = service?.bandwidthTiers ?? [];
  const cell = choiceCell(
    raw,
    tiers.map((t) => ({ id: t.id, names: [t.label] })),
  );
  if (!('value' in cell) || typeof cell.value !== 'string') return cell;
  if (tiers.some((t) => t.id === cell.value)) return cell;
  const mbps = mbpsOf(cell.value);
  const tier = mbps === null ? undefined : tiers.find((t) => t.mbps === mbps);
  return tier ? { value: tier.id } : cell;
}

/** A number of months as the screen writes it too: "36 mo", "12 months", "month 7". */
function monthsText(raw: string): string {
  return raw
    .trim()
    .replace(/^month\s+/i, '')
    .replace(/\s*(?:mo|mos|month|months)\.?$/i, '');
}

/** Hours as the screen writes them too: "120 h", "120 h / month", "120 hours". */
function hoursText(raw: string): string {
  return raw.trim().replace(/\s*(?:h|hrs?|hours?)(?:\s*\/\s*(?:mo|month))?\.?$/i, '');
}

/** Hours, or 12 of them separated by `;` or `|` (a seasonal profile, January first). */
function hoursCell(raw: string, decimalComma: boolean): Cell {
  const t = raw.trim();
  if (t === '') return { value: DEFAULT_HOURS };
  if (!/[;|]/.test(t)) return numberCell(hoursText(t), decimalComma);
  const months: unknown[] = [];
  for (const [i, part] of t.split(/[;|]/).entries()) {
    const cell = numberCell(hoursText(part), decimalComma);
    if ('error' in cell) return { error: `month ${i + 1}: ${cell.error}` };
    months.push(cell.value ?? part);
  }
  return { value: months };
}

const CHANGES_FORM =
  'write changes as a JSON list, like [{"fromMonth":7,"count":25}], or leave the cell empty';

/** The changes cell: empty (no changes) or a JSON list of changes (ADR 033). */
function changesCellValue(raw: string): Cell {
  const t = untext(raw.trim());
  if (t === '') return { value: undefined };
  try {
    const parsed: unknown = JSON.parse(t);
    return Array.isArray(parsed) ? { value: parsed } : { error: `is not a list; ${CHANGES_FORM}` };
  } catch {
    return { error: `is not valid JSON; ${CHANGES_FORM}` };
  }
}

const APP_FORM = 'write apps as bundle:count:usersPerApp:provisioning, separated by ";"';

/** The apps cell: `bundle:count:users:provisioning;…` or a JSON array (see `appsCell`). */
function appsCellValue(raw: string, decimalComma: boolean): Cell {
  const t = untext(raw.trim());
  if (t === '') return { value: [] };
  if (t.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(t);
      return Array.isArray(parsed) ? { value: parsed } : { error: `is not a list; ${APP_FORM}` };
    } catch {
      return { error: `is not valid JSON; ${APP_FORM}` };
    }
  }
  const apps: unknown[] = [];
  for (const entry of t.split(/[;|]/)) {
    if (entry.trim() === '') continue;
    const parts = entry.split(':');
    if (parts.length < 4)
      return { error: `${shown(entry.trim())}: ${APP_FORM}, like full-feature:1:25:child` };
    const provisioning = parts.pop()!.trim().toLowerCase();
    const users = numberCell(parts.pop()!, decimalComma);
    const count = numberCell(parts.pop()!, decimalComma);
    if ('error' in users) return users;
    if ('error' in count) return count;
    apps.push({
      bundle: parts.join(':').trim(),
      count: count.value,
      usersPerApp: users.value,
      provisioning,
    });
  }
  return { value: apps };
}

// ---------------------------------------------------------------------------------------------
// reading: rows
// ---------------------------------------------------------------------------------------------

interface RowContext {
  readonly decimalComma: boolean;
  readonly service: Service | null;
  /** The channel's partners, to read a partner by its name too. */
  readonly partners: readonly { readonly id: string; readonly name: string }[];
}

/** The candidate line of a row and the cells that could not be read. */
function candidateOf(
  cellOf: (column: LineCsvColumn) => string,
  ctx: RowContext,
): { candidate: unknown; errors: Map<LineCsvColumn, string> } {
  const errors = new Map<LineCsvColumn, string>();
  /** The first problem of a cell is the one reported. */
  const fail = (column: LineCsvColumn, message: string) => {
    if (!errors.has(column)) errors.set(column, message);
  };
  const read = (column: LineCsvColumn, cell: Cell): unknown => {
    if ('error' in cell) {
      fail(column, cell.error);
      return cellOf(column); // the schema's message is not shown: this column has one
    }
    return cell.value;
  };
  const number = (column: LineCsvColumn) =>
    read(column, numberCell(cellOf(column), ctx.decimalComma));
  /** A month count or month number, its unit allowed: "36 mo", "month 7". */
  const months = (column: LineCsvColumn) =>
    read(column, numberCell(monthsText(cellOf(column)), ctx.decimalComma));
  const filled = (column: LineCsvColumn) => cellOf(column).trim() !== '';
  const notFor = (columns: readonly LineCsvColumn[], message: string) => {
    for (const column of columns) if (filled(column)) fail(column, message);
  };

  const model = read('model', modelCell(cellOf('model')));
  const bundle = read(
    'bundle',
    choiceCell(
      cellOf('bundle'),
      (ctx.service?.bundles ?? []).map((b) => ({ id: b.id, names: [b.name] })),
    ),
  );
  const bandwidth = read('bandwidth', bandwidthCell(cellOf('bandwidth'), ctx.service));

  let vServices: unknown;
  if (filled('vServices')) vServices = number('vServices');
  else {
    const included =
      typeof bundle === 'string'
        ? ctx.service?.bundles.find((b) => b.id === bundle)?.includedVServices
        : undefined;
    if (included !== undefined) vServices = included;
    else {
      fail(
        'vServices',
        ctx.service
          ? `is empty, and bundle ${shown(String(bundle ?? ''))} is not in the price table to take its included vServices from; give a number`
          : 'is empty; give the number of vServices',
      );
    }
  }

  let license: Record<string, unknown>;
  if (model === 'fixed-term') {
    notFor(
      ['hoursPerMonth', 'convertAtMonth', 'convertTermMonths'],
      'applies to PAYG lines only; leave it empty on a fixed-term line',
    );
    license = {
      model,
      bandwidth,
      bundle,
      vServices,
      termMonths: filled('termMonths') ? months('termMonths') : DEFAULT_TERM,
      renew: read('renew', renewCell(cellOf('renew'))),
    };
  } else if (model === 'payg') {
    notFor(
      ['termMonths', 'renew'],
      'applies to fixed-term lines only; leave it empty on a PAYG line',
    );
    const converts = filled('convertAtMonth') || filled('convertTermMonths');
    license = {
      model,
      bandwidth,
      bundle,
      vServices,
      hoursPerMonth: read('hoursPerMonth', hoursCell(cellOf('hoursPerMonth'), ctx.decimalComma)),
      convertTo: converts
        ? { atMonth: months('convertAtMonth'), termMonths: months('convertTermMonths') }
        : null,
    };
  } else {
    // The model cell has its error already; the rest of the license is checked as a
    // fixed-term one so that its other bad cells are listed too, not hidden behind the model.
    license = {
      model: 'fixed-term',
      bandwidth,
      bundle,
      vServices,
      termMonths: filled('termMonths') ? months('termMonths') : DEFAULT_TERM,
      renew: true,
    };
  }

  // "Markup", "Margin", "Fixed price" as the screen names them, or the ids
  const modeKey = cellOf('sellMode')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const mode = modeKey === 'fixedprice' ? 'fixed' : modeKey;
  const pct = () => read('sellPct', decimalStringCell(cellOf('sellPct'), ctx.decimalComma, true));
  const money = (column: 'sellMonthly' | 'sellOneOff') =>
    read(column, decimalStringCell(cellOf(column), ctx.decimalComma, false));
  let sell: unknown;
  if (mode === '') {
    notFor(
      ['sellPct', 'sellMonthly', 'sellOneOff'],
      'needs a sellMode (markup, margin or fixed); leave it empty for the default markup',
    );
    sell = null;
  } else if (mode === 'markup' || mode === 'margin') {
    notFor(['sellMonthly', 'sellOneOff'], 'applies to sellMode fixed only; leave it empty');
    sell = { mode, pct: pct() };
  } else if (mode === 'fixed') {
    notFor(['sellPct'], 'applies to sellMode markup or margin only; leave it empty');
    sell = { mode, monthly: money('sellMonthly'), oneOff: money('sellOneOff') };
  } else {
    sell = { mode: cellOf('sellMode').trim() };
  }

  const candidate = {
    id: 'imported',
    // NUL, escapes and line breaks out of a name (issue 11), before any check reads it
    name: cleanName(untext(cellOf('name'))),
    count: number('count'),
    startMonth: filled('startMonth') ? months('startMonth') : 1,
    endMonth: filled('endMonth') ? months('endMonth') : null,
    partnerId: filled('partnerId')
      ? read(
          'partnerId',
          choiceCell(
            cellOf('partnerId'),
            ctx.partners.map((p) => ({ id: p.id, names: [p.name] })),
          ),
        )
      : null,
    license,
    sell,
    apps: read('apps', appsCellValue(cellOf('apps'), ctx.decimalComma)),
    // absent rather than undefined, so a line without them is the same line as before
    ...(filled('changes') ? { changes: read('changes', changesCellValue(cellOf('changes'))) } : {}),
    ...(filled('billing') ? { billing: cellOf('billing').trim().toLowerCase() } : {}),
  };
  return { candidate, errors };
}

/** The column of a schema path: `license.convertTo.atMonth` → convertAtMonth. */
function columnOfPath(path: readonly PropertyKey[]): LineCsvColumn | null {
  const [first, second, third] = path;
  switch (first) {
    case 'name':
    case 'count':
    case 'startMonth':
    case 'endMonth':
    case 'partnerId':
    case 'apps':
    case 'changes':
    case 'billing':
      return first;
    case 'license':
      if (second === 'convertTo')
        return third === 'termMonths' ? 'convertTermMonths' : 'convertAtMonth';
      if (
        second === 'bandwidth' ||
        second === 'bundle' ||
        second === 'vServices' ||
        second === 'termMonths' ||
        second === 'renew' ||
        second === 'hoursPerMonth'
      ) {
        return second;
      }
      return 'model';
    case 'sell':
      if (second === 'pct') return 'sellPct';
      if (second === 'monthly') return 'sellMonthly';
      if (second === 'oneOff') return 'sellOneOff';
      return 'sellMode';
    default:
      return null;
  }
}

/** The schema's message, worded for a cell: which month or app it is about; empty for missing. */
function cellMessage(path: readonly PropertyKey[], message: string): string {
  const text = /^is missing \(expected /.test(message)
    ? 'is empty; it needs a value here'
    : message;
  const [first, second, third] = path;
  if (first === 'license' && second === 'hoursPerMonth' && typeof third === 'number') {
    return `month ${third + 1} (${MONTH_NAMES[third] ?? '?'}): ${text}`;
  }
  if (first === 'changes' && typeof second === 'number') {
    return `change ${second + 1}${typeof third === 'string' ? `, ${third}` : ''}: ${text}`;
  }
  if (first === 'apps' && typeof second === 'number') {
    return `app ${second + 1}${typeof third === 'string' ? `, ${third}` : ''}: ${text}`;
  }
  return text;
}

/** Ids the price table or the channel does not know: one warning per id, naming its rows. */
class UnknownIds {
  private readonly seen = new Map<string, { what: string; value: string; rows: number[] }>();

  /** `what` reads in a sentence: `bundle "x" is not in the price table`. */
  add(what: string, value: string, row: number): void {
    const key = `${what}\u0000${value}`;
    const entry = this.seen.get(key);
    if (entry) entry.rows.push(row);
    else this.seen.set(key, { what, value, rows: [row] });
  }

  warnings(): string[] {
    return [...this.seen.values()].map(({ what, value, rows }) => {
      const list =
        rows.length <= 5
          ? `${rows.slice(0, -1).join(', ')}${rows.length > 1 ? ' and ' : ''}${rows.at(-1)}`
          : `${rows.slice(0, 5).join(', ')} and ${rows.length - 5} more`;
      return (
        `${rows.length === 1 ? 'Row' : 'Rows'} ${list}: ${what.replace('"%s"', () => shown(value)).replace('%s', () => value)}; ` +
        'the lines can be added, and the quote lists it as an issue until it is changed.'
      );
    });
  }
}

function whole(message: string, text: string, row: number | null = null): LinesCsvResult {
  return {
    lines: [],
    errors: [{ row, column: null, message }],
    warnings: [],
    rowsWithErrors: row === null ? 0 : 1, // the header's row
    remaining: text,
  };
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/**
 * Reads customer lines from CSV text (ADR 010). The header names the columns, in any order,
 * matched case-insensitively and ignoring spaces, underscores, hyphens and dots; the delimiter
 * (comma, semicolon or tab) is the header's; a byte-order mark is skipped. Each data row is a
 * candidate line checked with `CustomerLineSchema`: a valid one is returned with a fresh id
 * (unique against `existingLines` and the other imported lines), a bad one gives an error per
 * bad cell. Blank rows are skipped. Never throws.
 */
export function parseLinesCsv(
  input: string,
  existingLines: readonly { id: string }[],
  options: ParseLinesOptions = {},
): LinesCsvResult {
  try {
    return parse(typeof input === 'string' ? input : '', existingLines, options);
  } catch (e) {
    // a bug here must not take the page down: say so instead
    return whole(
      `The CSV could not be read (${e instanceof Error ? e.message : String(e)}).`,
      input,
    );
  }
}

function parse(
  input: string,
  existingLines: readonly { id: string }[],
  options: ParseLinesOptions,
): LinesCsvResult {
  if (input.length > MAX_CSV_BYTES / 3 && utf8Bytes(input) > MAX_CSV_BYTES) {
    return whole(
      `The CSV is larger than 5 MB; split it into smaller files (at most ${MAX_CSV_ROWS.toLocaleString('en-US')} lines each).`,
      input,
    );
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') {
    return whole(
      'There is nothing to import: paste CSV with a header row, or choose a file.',
      input,
    );
  }
  const delimiter = detectDelimiter(text);
  const ctx: RowContext = {
    decimalComma: delimiter !== ',',
    service: options.service ?? null,
    partners: options.partners ?? [],
  };

  const iterator = records(text, delimiter);
  // the first record that is not blank is the header (not for…of: a break would close the
  // generator, and the data rows come from the same one)
  let header: CsvRecord | undefined;
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    if (next.value.unterminated || !isBlank(next.value.cells)) {
      header = next.value;
      break;
    }
  }
  if (!header) return whole('There is nothing to import.', input);
  if (header.unterminated) {
    return whole(
      `Row ${header.row}, the header: a quoted cell opens with " and never closes.`,
      input,
      header.row,
    );
  }

  // the header: which column each position holds
  const names = header.cells.map((c) => c.trim());
  const positions = new Map<LineCsvColumn, number>();
  const unknown: string[] = [];
  const unnamed: number[] = [];
  let hasId = false;
  for (const [index, name] of names.entries()) {
    const key = headerKey(name);
    const column = COLUMN_BY_KEY.get(key);
    if (column) {
      if (positions.has(column)) {
        return whole(
          `The header names the column ${column} twice (as ${shown(names[positions.get(column)!] ?? '')} and ${shown(name)}); keep one.`,
          input,
          header.row,
        );
      }
      positions.set(column, index);
    } else if (key === 'id') hasId = true;
    else if (key === '') unnamed.push(index);
    else unknown.push(name);
  }
  const missing = REQUIRED_LINE_CSV_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length > 0) {
    return {
      ...whole(
        `The header must name the columns ${REQUIRED_LINE_CSV_COLUMNS.join(', ')} (in any order); ` +
          `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. ` +
          `Row ${header.row} was read as the header: ${shownList(names.filter((n) => n !== ''))}.`,
        input,
        header.row,
      ),
    };
  }
  const headerName = (column: LineCsvColumn) => {
    const at = positions.get(column);
    return at === undefined ? column : names[at] || column;
  };

  const warnings: string[] = [];
  if (hasId) warnings.push('The id column is ignored: imported lines get new ids.');
  if (unknown.length > 0) {
    warnings.push(
      `Unknown ${unknown.length === 1 ? 'column' : 'columns'} ignored: ${shownList(unknown)}. ` +
        `The columns are ${LINE_CSV_COLUMNS.join(', ')}.`,
    );
  }

  const valid: CustomerLine[] = [];
  const errors: LineCsvError[] = [];
  const badRows: CsvRecord[] = [];
  const unknownIds = new UnknownIds();
  const bundles = ctx.service ? new Set(ctx.service.bundles.map((b) => b.id)) : null;
  const bandwidths = ctx.service ? new Set(ctx.service.bandwidthTiers.map((b) => b.id)) : null;
  const terms = ctx.service ? new Set(ctx.service.fixedTerm.terms.map((t) => t.months)) : null;
  const partners = options.partnerIds
    ? new Set(options.partnerIds)
    : options.partners
      ? new Set(options.partners.map((p) => p.id))
      : null;
  let unnamedData = false;
  let dataRows = 0;

  for (const record of iterator) {
    if (record.unterminated) {
      const at = record.cells.length - 1;
      errors.push({
        row: record.row,
        column: names[at] || null,
        message:
          'a quoted cell opens with " and never closes, so this row and everything after it could not be read; close the quote (a quote inside a quoted cell is written "")',
      });
      badRows.push(record);
      break;
    }
    const cells = record.cells;
    if (isBlank(cells)) continue;
    dataRows += 1;
    if (dataRows > MAX_CSV_ROWS) {
      return whole(
        `The CSV has more than ${MAX_CSV_ROWS.toLocaleString('en-US')} lines; split it into smaller files.`,
        input,
      );
    }
    if (unnamed.some((i) => (cells[i] ?? '').trim() !== '')) unnamedData = true;
    if (cells.length > names.length && cells.slice(names.length).some((c) => c.trim() !== '')) {
      errors.push({
        row: record.row,
        column: null,
        message: `has ${cells.length} cells but the header has ${names.length}: a cell that holds the delimiter ("${delimiter === '\t' ? 'tab' : delimiter}") must be in double quotes`,
      });
      badRows.push(record);
      continue;
    }

    const cellOf = (column: LineCsvColumn) => {
      const at = positions.get(column);
      return at === undefined ? '' : (cells[at] ?? '');
    };
    const { candidate, errors: cellErrors } = candidateOf(cellOf, ctx);
    const parsed = CustomerLineSchema.safeParse(candidate, { reportInput: true });
    const rowErrors = new Map(cellErrors);
    if (!parsed.success) {
      const problems = problemsOf(parsed.error);
      parsed.error.issues.forEach((issue, k) => {
        const column = columnOfPath(issue.path);
        if (column === null || rowErrors.has(column)) return;
        rowErrors.set(column, cellMessage(issue.path, problems[k]?.message ?? issue.message));
      });
    }
    if (rowErrors.size > 0 || !parsed.success) {
      // in the order of the columns, as a spreadsheet shows them
      const ordered = [...rowErrors].sort(
        ([a], [b]) => (positions.get(a) ?? 99) - (positions.get(b) ?? 99),
      );
      for (const [column, message] of ordered) {
        errors.push({ row: record.row, column: headerName(column), message });
      }
      if (ordered.length === 0) {
        errors.push({ row: record.row, column: null, message: 'is not a valid line' });
      }
      badRows.push(record);
      continue;
    }

    const line = parsed.data;
    const license = line.license;
    if (bundles && !bundles.has(license.bundle)) {
      unknownIds.add('bundle "%s" is not in the price table', license.bundle, record.row);
    }
    if (bandwidths && !bandwidths.has(license.bandwidth)) {
      unknownIds.add('bandwidth "%s" is not in the price table', license.bandwidth, record.row);
    }
    if (terms && license.model === 'fixed-term' && !terms.has(license.termMonths)) {
      unknownIds.add(
        'a term of %s months is not in the price table',
        String(license.termMonths),
        record.row,
      );
    }
    if (
      terms &&
      license.model === 'payg' &&
      license.convertTo &&
      !terms.has(license.convertTo.termMonths)
    ) {
      unknownIds.add(
        'a term of %s months is not in the price table',
        String(license.convertTo.termMonths),
        record.row,
      );
    }
    if (partners && line.partnerId !== null && !partners.has(line.partnerId)) {
      unknownIds.add('partner "%s" is not in the channel', line.partnerId, record.row);
    }
    valid.push(line);
  }

  if (unnamedData) warnings.push('Cells under a column with no name in the header are ignored.');
  warnings.push(...unknownIds.warnings());
  if (dataRows === 0 && errors.length === 0) warnings.push('The CSV has a header but no lines.');

  const remaining =
    badRows.length === 0
      ? ''
      : [header, ...badRows].map((r) => text.slice(r.start, r.end)).join('\n');
  return {
    lines: withFreshIds(valid, existingLines),
    errors,
    warnings,
    rowsWithErrors: badRows.length,
    remaining,
  };
}
