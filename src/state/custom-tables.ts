/**
 * Custom price tables: a vendor's JSON file loaded in the browser (PRODUCT.md "Scenarios and
 * price books"), validated like the bundled ones with every problem given by its JSON path,
 * kept in this browser's storage, and added to the registry the app prices with
 * (docs/decisions/015-custom-price-tables.md). Loading or removing a table never changes the
 * open scenario.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SchemaProblem } from '../engine/index';
import { bundledRegistry } from '../price-tables/bundled';
import {
  identityLabel,
  openPriceTableValue,
  parseJsonText,
  sameIdentity,
  type TableIdentity,
} from '../price-tables/parse';
import { withCustomTables, type Registry, type TableEntry } from '../price-tables/registry';
import { runMigrations } from '../price-tables/migrations';
import { sha256OfText } from '../price-tables/sha256';
import { CUSTOM_TABLES_VERSION, customTablesMigrations } from './formats';

/** The localStorage key of the loaded tables. */
export const CUSTOM_TABLES_KEY = 'spc:custom-tables';
/** Where a stored list that can no longer be read is kept aside, so nothing is lost. */
export const CUSTOM_TABLES_DAMAGED_KEY = 'spc:custom-tables:damaged';
/** The version of what is stored under CUSTOM_TABLES_KEY (its migrations are in formats.ts). */
export { CUSTOM_TABLES_VERSION } from './formats';
/** The largest file accepted, in bytes of UTF-8. */
export const MAX_TABLE_BYTES = 5 * 1024 * 1024;
/** Deeper JSON than this is no price table (the schema's deepest path is 7). */
const MAX_DEPTH = 32;
/** Keys that could reach an object's prototype when copied; refused anywhere in a file. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface KeyValueStorage {
  getItem(name: string): string | null;
  setItem(name: string, value: string): void;
  removeItem(name: string): void;
}

/** What is stored: the files' text (validated again when read back) and their names. */
interface StoredTables {
  readonly version: number;
  readonly tables: readonly { readonly name: string; readonly text: string }[];
}

export type LoadResult =
  | { readonly ok: true; readonly entry: TableEntry }
  | { readonly ok: false; readonly problems: readonly SchemaProblem[] };

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function formatKey(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Keys that would reach a prototype, and nesting deeper than a table has, each with its
 * path. Iterative, so a file of ten thousand nested brackets cannot overflow the stack.
 */
function unsafeKeys(value: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < 100) {
    const { value: v, path, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_DEPTH) {
      problems.push({ path, message: `is nested more than ${MAX_DEPTH} levels deep` });
      continue;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) =>
        stack.push({ value: item, path: formatKey(path, i), depth: depth + 1 }),
      );
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({
          path: formatKey(path, key),
          message: `the key "${key}" is not allowed in a price table`,
        });
        continue;
      }
      stack.push({
        value: (v as Record<string, unknown>)[key],
        path: formatKey(path, key),
        depth: depth + 1,
      });
    }
  }
  return problems;
}

/**
 * Reads a custom price table file: its size, its JSON (syntax errors with line and column),
 * keys that could pollute prototypes, then the schema with every problem by its JSON path,
 * and last its identity, which must not be one `registry` already has. Never throws.
 */
export function loadCustomTable(name: string, text: string, registry: Registry): LoadResult {
  try {
    if (text.length > MAX_TABLE_BYTES || utf8Length(text) > MAX_TABLE_BYTES) {
      return fail(
        '',
        `the file is larger than ${MAX_TABLE_BYTES / (1024 * 1024)} MB; a price table is far smaller`,
      );
    }
    if (text.trim() === '') return fail('', 'the file is empty');
    const json = parseJsonText(text);
    if (!json.ok) return json;
    const unsafe = unsafeKeys(json.value);
    if (unsafe.length > 0) return { ok: false, problems: unsafe };
    const parsed = openPriceTableValue(json.value);
    if (!parsed.ok) return parsed;
    const table = parsed.value;
    const taken = registry.entries.find((e) => sameIdentity(e.table, table));
    if (taken) {
      return fail(
        'version',
        taken.custom
          ? `${identityLabel(table)} is already loaded (${taken.source}); remove it first to load it again`
          : `${identityLabel(table)} is a bundled price table; a custom table needs a version of its own (a price change is a new version)`,
      );
    }
    // the file's bytes as UTF-8, hashed as the CLI hashes a --price-table file: app documents
    // on a custom table name it by the same SHA-256
    return { ok: true, entry: { source: name, sha256: sha256OfText(text), table, custom: true } };
  } catch (e) {
    // the checks above should not throw; if one does, the file is refused, not the app
    return fail('', `the file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function fail(path: string, message: string): LoadResult {
  return { ok: false, problems: [{ path, message }] };
}

export interface CustomTablesState {
  /** The loaded tables, oldest load first, each `custom: true`. */
  readonly entries: readonly TableEntry[];
  /** Bundled plus custom tables: a new object only when `entries` changes. */
  readonly registry: Registry;
  /** Something the user should know (damaged storage set aside, storage full). */
  readonly notice: string | null;
  /** Validates and adds a file; the table is kept for the session even if it cannot be saved. */
  add(name: string, text: string): LoadResult;
  /** Removes a custom table; bundled tables cannot be removed. */
  remove(id: TableIdentity): void;
  dismissNotice(): void;
}

interface Options {
  readonly storage: KeyValueStorage;
  readonly bundled?: Registry;
  /** For the key a damaged list is kept under (tests pass a fixed clock). */
  readonly now?: () => number;
}

/** The texts of stored tables, or why they cannot be read. */
function readStored(raw: string): { ok: true; stored: StoredTables } | { ok: false; why: string } {
  const json = parseJsonText(raw);
  if (!json.ok) return { ok: false, why: 'it is not valid JSON' };
  const migrated = runMigrations(customTablesMigrations, json.value);
  if (!migrated.ok) return { ok: false, why: migrated.message.replace(/\.$/, '') };
  const value = migrated.value as Partial<StoredTables> | null;
  if (value === null || typeof value !== 'object' || !Array.isArray(value.tables)) {
    return { ok: false, why: 'it is not a list of tables' };
  }
  for (const t of value.tables as unknown[]) {
    const item = t as { name?: unknown; text?: unknown } | null;
    if (!item || typeof item.name !== 'string' || typeof item.text !== 'string') {
      return { ok: false, why: 'an item is not a named table file' };
    }
  }
  return { ok: true, stored: value as StoredTables };
}

export function createCustomTablesStore(options: Options): StoreApi<CustomTablesState> {
  const { storage } = options;
  const bundled = options.bundled ?? bundledRegistry;
  const now = options.now ?? Date.now;
  const texts = new Map<TableEntry, string>();

  // read what an earlier session saved
  const initial: TableEntry[] = [];
  let notice: string | null = null;
  let raw: string | null = null;
  try {
    raw = storage.getItem(CUSTOM_TABLES_KEY);
  } catch {
    raw = null;
  }
  if (raw !== null) {
    const read = readStored(raw);
    const refused: string[] = [];
    if (read.ok) {
      for (const { name, text } of read.stored.tables) {
        const loaded = loadCustomTable(name, text, withCustomTables(bundled, initial));
        if (loaded.ok) {
          initial.push(loaded.entry);
          texts.set(loaded.entry, text);
        } else refused.push(name);
      }
    }
    if (!read.ok || refused.length > 0) {
      const aside = `${CUSTOM_TABLES_DAMAGED_KEY}:${now()}`;
      let kept = true;
      try {
        storage.setItem(aside, raw);
      } catch {
        kept = false;
      }
      notice = !read.ok
        ? `The saved custom price tables could not be read (${read.why}).${kept ? ` They were set aside under "${aside}" in this browser's storage.` : ''}`
        : `${refused.length === 1 ? 'A saved custom price table' : `${refused.length} saved custom price tables`} could not be loaded again (${refused.join(', ')}).${kept ? ` The saved list was set aside under "${aside}".` : ''}`;
    }
  }

  const store = createStore<CustomTablesState>()((set, get) => {
    /** Saves the list; a full or disabled storage leaves the tables for this session only. */
    function save(entries: readonly TableEntry[]): string | null {
      const stored: StoredTables = {
        version: CUSTOM_TABLES_VERSION,
        tables: entries.map((e) => ({ name: e.source, text: texts.get(e) ?? '' })),
      };
      try {
        if (entries.length === 0) storage.removeItem(CUSTOM_TABLES_KEY);
        else storage.setItem(CUSTOM_TABLES_KEY, JSON.stringify(stored));
        return null;
      } catch {
        return "This browser's storage is full (or turned off), so the custom price tables could not be saved. They stay loaded until this tab is closed; remove saved scenarios or other tables to make room.";
      }
    }
    return {
      entries: initial,
      registry: withCustomTables(bundled, initial),
      notice,
      add(name, text) {
        const loaded = loadCustomTable(name, text, get().registry);
        if (!loaded.ok) return loaded;
        texts.set(loaded.entry, text);
        const entries = [...get().entries, loaded.entry];
        const problem = save(entries);
        set({
          entries,
          registry: withCustomTables(bundled, entries),
          notice: problem ?? get().notice,
        });
        return loaded;
      },
      remove(id) {
        const entries = get().entries.filter((e) => !sameIdentity(e.table, id));
        if (entries.length === get().entries.length) return;
        const problem = save(entries);
        set({ entries, registry: withCustomTables(bundled, entries), notice: problem });
      },
      dismissNotice() {
        set({ notice: null });
      },
    };
  });
  return store;
}

function memoryStorage(): KeyValueStorage {
  const items = new Map<string, string>();
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name),
  };
}

function browserStorage(): KeyValueStorage {
  try {
    return globalThis.localStorage ?? memoryStorage();
  } catch {
    return memoryStorage();
  }
}

/** The app's custom tables, saved in this browser. */
export const customTablesStore = createCustomTablesStore({ storage: browserStorage() });

export function useCustomTables<T>(selector: (state: CustomTablesState) => T): T {
  return useStore(customTablesStore, selector);
}

/** Bundled plus custom price tables; the same object until a table is added or removed. */
export function useRegistry(): Registry {
  return useCustomTables((s) => s.registry);
}
