import { parseWith, PriceTableSchema, type PriceTable, type SchemaProblem } from '../engine/index';
import { defineMigrations, runMigrations, type MigrationStep } from './migrations';

/** The price table format this app reads and validates (`schemaVersion`). */
export const PRICE_TABLE_VERSION = 1;

/**
 * Steps that bring an older price table file up to PRICE_TABLE_VERSION (ADR 020). Version 1 is
 * the first, so there is none yet; a change to the table format adds one here.
 */
export const PRICE_TABLE_MIGRATION_STEPS: readonly MigrationStep[] = [];

export const priceTableMigrations = defineMigrations({
  what: 'price table',
  versionField: 'schemaVersion',
  current: PRICE_TABLE_VERSION,
  steps: PRICE_TABLE_MIGRATION_STEPS,
});

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

/**
 * A parsed price table document migrated to the current format, then validated; the one way
 * every table (bundled, custom, the CLI's) is read. A table saved by a newer app says so.
 */
export function openPriceTableValue(
  value: unknown,
  migrations = priceTableMigrations,
): TextParseResult<PriceTable> {
  const migrated = runMigrations(migrations, value);
  if (!migrated.ok) {
    // a document that is not an object gets the schema's own message, with its path
    if (migrated.reason === 'version') return parseWith(PriceTableSchema, value);
    return { ok: false, problems: [{ path: 'schemaVersion', message: migrated.message }] };
  }
  return parseWith(PriceTableSchema, migrated.value);
}

/** Parses and validates a price table file's text; every problem names its JSON path. */
export function parsePriceTableText(text: string): TextParseResult<PriceTable> {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  return openPriceTableValue(json.value);
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
