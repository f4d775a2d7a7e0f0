/**
 * Custom price tables: a vendor's JSON file loaded in the browser (PRODUCT.md "Scenarios and
 * price books"), validated like the bundled ones with every problem given by its JSON path,
 * kept in this browser's storage, and added to the registry the app prices with
 * (docs/decisions/015-custom-price-tables.md). Loading or removing a table never changes the
 * open scenario.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { megabytes, PRICE_TABLE_MAX_BYTES, type SchemaProblem } from '../engine/index';
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
import { hashText } from './store';

/** The localStorage key of the loaded tables. */
export const CUSTOM_TABLES_KEY = 'spc:custom-tables';
/**
 * Where a stored list that can no longer be read (or holds a table that no longer loads) is
 * copied before anything is written over it: `<this>:<hash of its text>`, one copy per text.
 */
export const CUSTOM_TABLES_DAMAGED_KEY = 'spc:custom-tables:damaged';
/** The version of what is stored under CUSTOM_TABLES_KEY (its migrations are in formats.ts). */
export { CUSTOM_TABLES_VERSION } from './formats';
/**
 * The largest file accepted, in bytes of UTF-8: the one definition in src/engine/limits.ts,
 * which the CLI reads through too (ADR 022).
 */
export const MAX_TABLE_BYTES = PRICE_TABLE_MAX_BYTES;
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
        `the file is larger than ${megabytes(MAX_TABLE_BYTES)}; a price table is far smaller`,
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
  /** Something the user should know (a saved list set aside, storage full); true when shown. */
  readonly notice: string | null;
  /**
   * True while a load or removal made in this tab is not yet written in this browser (storage
   * full or refused): the change holds in this tab and is tried again with every later one.
   */
  readonly unsaved: boolean;
  /** Validates and adds a file; the table is kept for the session even if it cannot be saved. */
  add(name: string, text: string): LoadResult;
  /** Removes a custom table; bundled tables cannot be removed. */
  remove(id: TableIdentity): void;
  dismissNotice(): void;
  /** Another tab saved the list (its text): take its tables, this tab's unwritten changes on top. */
  follow(raw: string | null): void;
}

interface Options {
  readonly storage: KeyValueStorage;
  readonly bundled?: Registry;
}

/** One stored table: the file's text (validated again whenever it is read) and its name. */
interface StoredItem {
  readonly name: string;
  readonly text: string;
}

/** The stored tables, or why the stored list cannot be read. */
function readStored(
  raw: string,
): { ok: true; items: readonly StoredItem[] } | { ok: false; why: string } {
  const json = parseJsonText(raw);
  if (!json.ok) return { ok: false, why: 'it is not valid JSON' };
  const migrated = runMigrations(customTablesMigrations, json.value);
  if (!migrated.ok) return { ok: false, why: migrated.message.replace(/\.$/, '') };
  const value = migrated.value as Partial<StoredTables> | null;
  if (value === null || typeof value !== 'object' || !Array.isArray(value.tables)) {
    return { ok: false, why: 'it is not a list of tables' };
  }
  const items: StoredItem[] = [];
  for (const t of value.tables as unknown[]) {
    const item = t as { name?: unknown; text?: unknown } | null;
    if (!item || typeof item.name !== 'string' || typeof item.text !== 'string') {
      return { ok: false, why: 'an item is not a named table file' };
    }
    items.push({ name: item.name, text: item.text });
  }
  return { ok: true, items };
}

/**
 * One change to the list, applied to the list as freshly read from storage, never to this
 * tab's copy (which another tab may have changed since: ADR 021). Applying it to a list that
 * already has it changes nothing, because a change that could not be written is applied again
 * with the next one.
 */
type Change = (
  items: readonly StoredItem[],
  open: (item: StoredItem) => TableEntry | null,
) => StoredItem[];

function describe(e: unknown): string {
  if (e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException)) {
    const err = e as Error;
    return err.name === 'QuotaExceededError' ? 'the browser storage is full' : err.message;
  }
  return String(e);
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

export function createCustomTablesStore(options: Options): StoreApi<CustomTablesState> {
  const { storage } = options;
  const bundled = options.bundled ?? bundledRegistry;

  /** Each stored file opened once (against the bundled tables), by name and text. */
  let opened = new Map<string, TableEntry | null>();
  const cacheKey = (item: StoredItem) => `${item.name}\u0000${item.text}`;
  const open = (item: StoredItem): TableEntry | null => {
    const key = cacheKey(item);
    let entry = opened.get(key);
    if (entry === undefined) {
      const loaded = loadCustomTable(item.name, item.text, bundled);
      entry = loaded.ok ? loaded.entry : null;
      opened.set(key, entry);
    }
    return entry;
  };

  /** The tables of a stored list that load, and the items that do not (or repeat an identity). */
  const openList = (items: readonly StoredItem[]) => {
    const entries: TableEntry[] = [];
    const refused: StoredItem[] = [];
    const used = new Map<string, TableEntry | null>();
    for (const item of items) {
      const entry = open(item);
      used.set(cacheKey(item), entry);
      if (entry === null || entries.some((e) => sameIdentity(e.table, entry.table))) {
        refused.push(item);
      } else entries.push(entry);
    }
    opened = used; // forget files no list holds any more
    return { entries, refused };
  };

  /**
   * Copies a stored list that cannot be read (or holds tables that no longer load) to
   * `spc:custom-tables:damaged:<hash of its text>`, written and read back: one copy per
   * distinct text however often the page reloads. The key, or null when no copy could be kept.
   */
  const keepAside = (raw: string): string | null => {
    const base = `${CUSTOM_TABLES_DAMAGED_KEY}:${hashText(raw)}`;
    for (let i = 0; i < 4; i++) {
      const key = i === 0 ? base : `${base}-${i}`;
      let existing: string | null;
      try {
        existing = storage.getItem(key);
      } catch {
        return null;
      }
      if (existing === raw) return key;
      if (existing !== null) continue; // another text with the same hash: the next key
      try {
        storage.setItem(key, raw);
        return storage.getItem(key) === raw ? key : null;
      } catch {
        return null;
      }
    }
    return null;
  };

  /** Texts of stored tables that a verified copy holds: only these may leave the list. */
  const copied = new Set<string>();
  /** Changes not yet written; applied again on top of every fresh read until one write succeeds. */
  const pending: Change[] = [];
  /** The list as storage last held it, without this tab's unwritten changes. */
  let base: readonly StoredItem[] = [];

  /** What was wrong with the list saved before this page opened (null once dismissed). */
  let damaged: { raw: string; why: string; key: string | null; names: string[] | null } | null =
    null;
  /** Why the last write failed; cleared as soon as one succeeds. */
  let notSaved: string | null = null;

  const damagedMessage = (): string | null => {
    if (damaged === null) return null;
    const { why, key, names } = damaged;
    if (names === null) {
      return key !== null
        ? `The saved custom price tables could not be read (${why}). A copy was kept under "${key}" in this browser's storage.`
        : `The saved custom price tables could not be read (${why}), and this browser's storage has no room for a copy. They are left as they were and nothing is saved over them; tables you load now stay in this tab only.`;
    }
    const lead = `${plural(names.length, 'A saved custom price table', 'saved custom price tables')} could not be loaded again (${names.join(', ')}).`;
    return key !== null
      ? `${lead} A copy of the saved list was kept under "${key}" in this browser's storage.`
      : `${lead} ${names.length === 1 ? 'It stays' : 'They stay'} in the saved list as ${names.length === 1 ? 'it was' : 'they were'} (there is no room in this browser's storage for a copy).`;
  };
  const noticeText = () => [damagedMessage(), notSaved].filter((m) => m !== null).join(' ') || null;

  // ---- what an earlier session saved
  let raw: string | null = null;
  let readFailure: string | null = null;
  try {
    raw = storage.getItem(CUSTOM_TABLES_KEY);
  } catch (e) {
    readFailure = describe(e);
  }
  if (readFailure !== null) {
    notSaved = `The saved custom price tables could not be read in this browser (${readFailure}). Tables you load now stay in this tab only.`;
  } else if (raw !== null) {
    const read = readStored(raw);
    if (!read.ok) {
      damaged = { raw, why: read.why, key: keepAside(raw), names: null };
    } else {
      base = read.items;
      const { refused } = openList(base);
      if (refused.length > 0) {
        const key = keepAside(raw);
        if (key !== null) for (const item of refused) copied.add(item.text);
        damaged = { raw, why: '', key, names: refused.map((r) => r.name) };
      }
    }
  }
  const initial = openList(base).entries;

  const store = createStore<CustomTablesState>()((set, get) => {
    /** The tables to show for a list: a new array (and registry) only when they differ. */
    const show = (items: readonly StoredItem[], unsaved: boolean) => {
      const entries = openList(items).entries;
      const current = get().entries;
      const same = entries.length === current.length && entries.every((e, i) => e === current[i]);
      set({
        ...(same ? {} : { entries, registry: withCustomTables(bundled, entries) }),
        unsaved,
        notice: noticeText(),
      });
    };

    const replay = (items: readonly StoredItem[]) =>
      pending.reduce<readonly StoredItem[]>((list, change) => change(list, open), items);

    const failed = (why: string) => {
      notSaved = `The custom price tables could not be saved in this browser (${why}). They stay loaded in this tab until it is closed; remove saved scenarios or other tables to make room.`;
      show(replay(base), true);
    };

    /**
     * Re-reads the list, applies this tab's changes to it, writes it and reads it back (ADR
     * 021): another tab's tables are never written over, a list that cannot be read is never
     * written over before a copy of it is kept, and a change is said saved only once storage
     * holds it.
     */
    const commit = (change: Change) => {
      pending.push(change);
      let fresh: string | null;
      try {
        fresh = storage.getItem(CUSTOM_TABLES_KEY);
      } catch (e) {
        failed(`the saved tables could not be read: ${describe(e)}`);
        return;
      }
      let items: readonly StoredItem[] = [];
      if (fresh !== null) {
        const read = readStored(fresh);
        if (read.ok) items = read.items;
        else {
          const key = keepAside(fresh);
          if (key === null) {
            failed(
              `what it holds under them cannot be read (${read.why}) and there is no room to keep a copy of it, so it is not written over`,
            );
            return;
          }
          // told once a copy exists: the list seen at load, or one another tab left since
          damaged =
            damaged?.raw === fresh
              ? { ...damaged, key }
              : { raw: fresh, why: read.why, key, names: null };
        }
      }
      base = items;
      const next = replay(items);
      const refused = new Set(openList(next).refused);
      // a table that no longer loads leaves the list only when a copy of it is kept
      const kept = next.filter((item) => !refused.has(item) || !copied.has(item.text));
      const text =
        kept.length === 0
          ? null
          : JSON.stringify({ version: CUSTOM_TABLES_VERSION, tables: kept } satisfies StoredTables);
      if (text !== fresh) {
        try {
          if (text === null) storage.removeItem(CUSTOM_TABLES_KEY);
          else storage.setItem(CUSTOM_TABLES_KEY, text);
          if (storage.getItem(CUSTOM_TABLES_KEY) !== text) {
            failed('what was written could not be read back');
            return;
          }
        } catch (e) {
          failed(describe(e));
          return;
        }
      }
      pending.length = 0;
      base = kept;
      notSaved = null; // the message said the tables were not saved; now they are
      show(kept, false);
    };

    return {
      entries: initial,
      registry: withCustomTables(bundled, initial),
      notice: noticeText(),
      unsaved: false,
      add(name, text) {
        const loaded = loadCustomTable(name, text, get().registry);
        if (!loaded.ok) return loaded;
        const item: StoredItem = { name, text };
        opened.set(cacheKey(item), loaded.entry);
        const id = loaded.entry.table;
        commit((items, openItem) =>
          items.some((i) => {
            const e = openItem(i);
            return e !== null && sameIdentity(e.table, id);
          })
            ? [...items] // another tab loaded this table too: one copy is enough
            : [...items, item],
        );
        return loaded;
      },
      remove(id) {
        if (!get().entries.some((e) => sameIdentity(e.table, id))) return;
        commit((items, openItem) =>
          items.filter((i) => {
            const e = openItem(i);
            return !(e !== null && sameIdentity(e.table, id));
          }),
        );
      },
      dismissNotice() {
        damaged = null;
        notSaved = null;
        set({ notice: null });
      },
      follow(next) {
        let items: readonly StoredItem[] = [];
        if (next !== null) {
          const read = readStored(next);
          // a list another tab wrote that cannot be read is copied aside when this tab next writes
          if (!read.ok) return;
          items = read.items;
        }
        base = items;
        show(replay(base), pending.length > 0);
      },
    };
  });
  return store;
}

/**
 * Another tab loaded or removed a table: take its list, so that this tab's next change is made
 * to it and the registry here shows what that tab loaded (ADR 021).
 */
export function followOtherTabs(target: Window, store: StoreApi<CustomTablesState>): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === CUSTOM_TABLES_KEY || event.key === null) {
      store.getState().follow(event.key === null ? null : event.newValue);
    }
  };
  target.addEventListener('storage', onStorage);
  return () => target.removeEventListener('storage', onStorage);
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

if (typeof window !== 'undefined') followOtherTabs(window, customTablesStore);

export function useCustomTables<T>(selector: (state: CustomTablesState) => T): T {
  return useStore(customTablesStore, selector);
}

/** Bundled plus custom price tables; the same object until a table is added or removed. */
export function useRegistry(): Registry {
  return useCustomTables((s) => s.registry);
}
