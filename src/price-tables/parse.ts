import { parseWith, PriceTableSchema, type PriceTable, type SchemaProblem } from '../engine/index';

export interface TableIdentity {
  readonly product: string;
  readonly currency: string;
  readonly version: string;
}

export type TextParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly SchemaProblem[] };

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * Parses JSON text, turning a syntax error into a problem with a position a
 * person can find (never an exception).
 */
export function parseJsonText(text: string): TextParseResult<unknown> {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(clean) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const where = at ? ` at ${lineColumn(clean, Number(at[1]))}` : '';
    return {
      ok: false,
      problems: [
        { path: '', message: `not valid JSON${where}: ${message.replace(/^JSON\.parse: /, '')}` },
      ],
    };
  }
}

/** Parses and validates a price table file's text; every problem names its JSON path. */
export function parsePriceTableText(text: string): TextParseResult<PriceTable> {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  return parseWith(PriceTableSchema, json.value);
}

export function identityOf(table: TableIdentity): TableIdentity {
  return { product: table.product, currency: table.currency, version: table.version };
}

export function identityLabel(id: TableIdentity): string {
  return `${id.product} ${id.currency} ${id.version}`;
}

export function sameIdentity(a: TableIdentity, b: TableIdentity): boolean {
  return a.product === b.product && a.currency === b.currency && a.version === b.version;
}
