import type { PriceTable, SchemaProblem } from '../engine/index';
import { identityLabel, parsePriceTableText, sameIdentity, type TableIdentity } from './parse';

/** One price table file: where it came from, its bytes' hash and its parsed content. */
export interface TableEntry {
  readonly source: string;
  readonly sha256: string | null;
  readonly table: PriceTable;
  /** A table the user loaded (a vendor's file), not one shipped with the app (ADR 015). */
  readonly custom?: boolean;
}

export interface TableFile {
  /** A path or name used in messages: `pricing-data/tr7-service-provider/USD/2026.11.json`. */
  readonly source: string;
  readonly text: string;
  readonly sha256: string | null;
}

export interface RegistryProblem extends SchemaProblem {
  readonly source: string;
}

export interface Registry {
  readonly entries: readonly TableEntry[];
  /** Files that did not parse, and rule breaches across files. */
  readonly problems: readonly RegistryProblem[];
}

/**
 * Builds the registry of price tables from files: each one parsed and
 * validated; identities (product, currency, version) unique; a file's path, when
 * it follows `<product>/<currency>/<version>.json`, agrees with its content; and
 * the versions of one product and currency take effect in ascending order.
 */
export function buildRegistry(files: readonly TableFile[]): Registry {
  const entries: TableEntry[] = [];
  const problems: RegistryProblem[] = [];
  for (const file of files) {
    const parsed = parsePriceTableText(file.text);
    if (!parsed.ok) {
      for (const p of parsed.problems) problems.push({ ...p, source: file.source });
      continue;
    }
    const table = parsed.value;
    const duplicate = entries.find((e) => sameIdentity(e.table, table));
    if (duplicate) {
      problems.push({
        source: file.source,
        path: 'version',
        message: `${identityLabel(table)} is already defined by ${duplicate.source}; a price change is a new version`,
      });
      continue;
    }
    const expected = `${table.product}/${table.currency}/${table.version}.json`;
    if (/\/[^/]+\/[A-Z]{3}\/[^/]+\.json$/.test(file.source) && !file.source.endsWith(expected)) {
      problems.push({
        source: file.source,
        path: '',
        message: `the file holds ${identityLabel(table)}, so it belongs at …/${expected}`,
      });
    }
    entries.push({ source: file.source, sha256: file.sha256, table });
  }
  for (const group of groups(entries)) {
    const byVersion = [...group].sort((a, b) => compareVersions(a.table.version, b.table.version));
    for (let i = 1; i < byVersion.length; i++) {
      const older = byVersion[i - 1]!;
      const newer = byVersion[i]!;
      if (newer.table.effectiveFrom <= older.table.effectiveFrom) {
        problems.push({
          source: newer.source,
          path: 'effectiveFrom',
          message: `version ${newer.table.version} takes effect ${newer.table.effectiveFrom}, not after version ${older.table.version} (${older.table.effectiveFrom}); effective dates must ascend with versions`,
        });
      }
    }
  }
  return { entries, problems };
}

/** Versions compared number by number ("2026.11" after "2026.5"), then as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const c =
      x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

function groups(entries: readonly TableEntry[]): TableEntry[][] {
  const map = new Map<string, TableEntry[]>();
  for (const e of entries) {
    const key = `${e.table.product}\u0000${e.table.currency}`;
    map.set(key, [...(map.get(key) ?? []), e]);
  }
  return [...map.values()];
}

/** Every version of a product in a currency, oldest effective date first. */
export function versionsOf(registry: Registry, product: string, currency: string): TableEntry[] {
  return registry.entries
    .filter((e) => e.table.product === product && e.table.currency === currency)
    .sort((a, b) => a.table.effectiveFrom.localeCompare(b.table.effectiveFrom));
}

/**
 * The default table for a product and currency: the newest whose
 * `effectiveFrom` is not after `today` (the Kill Bill catalog rule); null when
 * none is in effect yet.
 */
export function defaultTable(
  registry: Registry,
  product: string,
  currency: string,
  today: string,
): TableEntry | null {
  const inEffect = versionsOf(registry, product, currency).filter(
    (e) => e.table.effectiveFrom <= today,
  );
  return inEffect.at(-1) ?? null;
}

export function findTable(registry: Registry, id: TableIdentity): TableEntry | null {
  return registry.entries.find((e) => sameIdentity(e.table, id)) ?? null;
}

/** The table a scenario pins, or a message that says what is missing and what there is. */
export function resolvePinned(
  registry: Registry,
  id: TableIdentity,
): { ok: true; entry: TableEntry } | { ok: false; message: string } {
  const entry = findTable(registry, id);
  if (entry) return { ok: true, entry };
  const others = versionsOf(registry, id.product, id.currency).map((e) => e.table.version);
  return {
    ok: false,
    message:
      others.length > 0
        ? `price table ${identityLabel(id)} is not available; versions of ${id.product} in ${id.currency}: ${others.join(', ')}`
        : `price table ${identityLabel(id)} is not available, and there is no ${id.product} table in ${id.currency}`,
  };
}

/**
 * The bundled registry with tables the user loaded added after it, each marked `custom`. The
 * caller has already refused custom tables whose identity is taken (ADR 015).
 */
export function withCustomTables(bundled: Registry, custom: readonly TableEntry[]): Registry {
  if (custom.length === 0) return bundled;
  return {
    entries: [...bundled.entries, ...custom.map((e) => ({ ...e, custom: true }))],
    problems: bundled.problems,
  };
}
