import { runMigrations } from './migrations';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { StateStorage } from 'zustand/middleware';
import type { Scenario, SchemaProblem } from '../engine/index';
import { scenarioStore } from './app-store';
import { openScenarioValue } from './scenario-io';
import type { ScenarioState } from './store';

/**
 * The library of named scenarios, kept in this browser under `spc:library`
 * (`{ version, state: { entries, damaged } }`). What storage held is outside input: each entry
 * is migrated and re-validated with ScenarioSchema on load; one that fails is kept aside in
 * `damaged` (saved with the library, reported, downloadable), never dropped silently.
 */

export const LIBRARY_KEY = 'spc:library';

/** The version of the stored library; each change adds a migration from the one before. */
export const LIBRARY_VERSION = 1;

/** LIBRARY_MIGRATIONS[v] turns a stored library of version v − 1 into version v. */
export const LIBRARY_MIGRATIONS: Readonly<Record<number, (state: unknown) => unknown>> = {};

/** The longest scenario name kept. */
export const NAME_MAX = 200;

export interface LibraryEntry {
  readonly id: string;
  readonly name: string;
  readonly savedAt: string /* ISO */;
  readonly scenario: Scenario;
}

/** A stored entry (or a whole stored library) that could not be opened, kept as it was. */
export interface DamagedEntry {
  readonly id: string;
  /** Its name when one could be read. */
  readonly name: string | null;
  /** What storage held, as JSON text. */
  readonly raw: string;
  readonly problems: readonly SchemaProblem[];
}

export type LibraryMessage =
  | {
      /** The browser refused to save the library; the entries stay in this tab. */
      readonly kind: 'not-saved';
      readonly message: string;
      /** The entry the failed save concerned, to offer as a JSON download. */
      readonly entryId: string | null;
    }
  | {
      /** Stored entries could not be opened and were kept aside (see `damaged`). */
      readonly kind: 'damaged';
      readonly message: string;
    };

export interface LibraryState {
  readonly entries: readonly LibraryEntry[];
  readonly damaged: readonly DamagedEntry[];
  readonly message: LibraryMessage | null;
  /** The last deleted entry and where it was, until undone or another delete. */
  readonly lastDeleted: { readonly entry: LibraryEntry; readonly index: number } | null;
  /** Saves the open scenario as a new entry named `name`; returns it. */
  saveCurrentAs(name: string): LibraryEntry;
  /** Saves `scenario` (not necessarily the open one) as a new entry. */
  saveScenarioAs(name: string, scenario: Scenario): LibraryEntry;
  /** Overwrites entry `id` with the open scenario. */
  update(id: string): void;
  /** Opens entry `id` as the working scenario (undoable); false when there is no such entry. */
  open(id: string): boolean;
  /** A copy of entry `id`, named "<name> (copy)", placed after it. */
  duplicate(id: string): LibraryEntry | null;
  rename(id: string, name: string): void;
  /** Deletes entry `id`; `undoDelete` brings it back. */
  remove(id: string): void;
  undoDelete(): void;
  /** Forgets a damaged entry (after the user downloaded it, or chose to). */
  discardDamaged(id: string): void;
  dismissMessage(): void;
}

export interface LibraryDependencies {
  readonly storage: StateStorage;
  readonly now: () => number;
  /** The working scenario the library saves from and opens into. */
  readonly scenarios: StoreApi<ScenarioState>;
  readonly newId?: () => string;
}

/** A name as kept: trimmed, bounded, never empty. */
export function cleanName(name: string, fallback = 'Untitled scenario'): string {
  const trimmed = String(name).replace(/\s+/g, ' ').trim().slice(0, NAME_MAX);
  return trimmed === '' ? fallback : trimmed;
}

function defaultId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    return e.name === 'QuotaExceededError' ? 'the browser storage is full' : e.message;
  }
  return String(e);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '"(unreadable)"';
  }
}

interface Loaded {
  entries: LibraryEntry[];
  damaged: DamagedEntry[];
  /** How many of `damaged` failed on this load (the rest were kept aside before). */
  newlyDamaged: number;
}

/** Brings a stored library of any earlier version up to LIBRARY_VERSION. */
export function migrateLibrary(state: unknown, fromVersion: number): unknown {
  return runMigrations(state, fromVersion, LIBRARY_VERSION, LIBRARY_MIGRATIONS, 'library version');
}

/**
 * Reads a stored library (its JSON text): every entry re-validated; whatever cannot be opened
 * goes to `damaged` with its problems. Never throws.
 */
export function loadLibrary(raw: string | null, newId: () => string = defaultId): Loaded {
  const whole = (message: string): Loaded => ({
    entries: [],
    damaged: [{ id: newId(), name: null, raw: String(raw), problems: [{ path: '', message }] }],
    newlyDamaged: 1,
  });
  if (raw === null || raw === '') return { entries: [], damaged: [], newlyDamaged: 0 };
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return whole('the saved library is not valid JSON');
  }
  if (!isRecord(stored) || typeof stored.version !== 'number') {
    return whole('the saved library has no version');
  }
  let state: unknown;
  try {
    state = migrateLibrary(stored.state, stored.version);
  } catch (e) {
    return whole(`the saved library cannot be opened: ${describe(e)}`);
  }
  if (!isRecord(state) || !Array.isArray(state.entries)) {
    return whole('the saved library has no list of entries');
  }
  const entries: LibraryEntry[] = [];
  const damaged: DamagedEntry[] = [];
  const ids = new Set<string>();
  for (const [index, item] of (state.entries as unknown[]).entries()) {
    const name = isRecord(item) && typeof item.name === 'string' ? item.name : null;
    const problems: SchemaProblem[] = [];
    if (!isRecord(item)) {
      problems.push({ path: '', message: 'the entry is not an object' });
    } else {
      if (typeof item.id !== 'string' || item.id === '' || ids.has(item.id)) {
        problems.push({ path: 'id', message: 'must be a unique id' });
      }
      if (name === null) problems.push({ path: 'name', message: 'must be text' });
      if (typeof item.savedAt !== 'string' || Number.isNaN(Date.parse(item.savedAt))) {
        problems.push({ path: 'savedAt', message: 'must be a date and time' });
      }
      const opened = openScenarioValue(item.scenario);
      if (!opened.ok) {
        for (const p of opened.problems) {
          problems.push({ path: p.path ? `scenario.${p.path}` : 'scenario', message: p.message });
        }
      } else if (problems.length === 0) {
        const id = item.id as string;
        ids.add(id);
        entries.push({
          id,
          name: cleanName(name!),
          savedAt: new Date(Date.parse(item.savedAt as string)).toISOString(),
          scenario: opened.scenario,
        });
        continue;
      }
    }
    damaged.push({
      id: newId(),
      name: name === null ? `entry ${index + 1}` : cleanName(name),
      raw: safeStringify(item),
      problems,
    });
  }
  const newlyDamaged = damaged.length;
  // entries damaged on an earlier load stay kept aside until the user discards them
  if (Array.isArray(state.damaged)) {
    for (const d of state.damaged as unknown[]) {
      if (
        isRecord(d) &&
        typeof d.id === 'string' &&
        typeof d.raw === 'string' &&
        (d.name === null || typeof d.name === 'string') &&
        Array.isArray(d.problems)
      ) {
        const problems = (d.problems as unknown[]).filter(
          (p): p is SchemaProblem =>
            isRecord(p) && typeof p.path === 'string' && typeof p.message === 'string',
        );
        damaged.push({ id: d.id, name: d.name as string | null, raw: d.raw, problems });
      } else {
        damaged.push({
          id: newId(),
          name: null,
          raw: safeStringify(d),
          problems: [{ path: '', message: 'a kept-aside entry could not be read' }],
        });
      }
    }
  }
  return { entries, damaged, newlyDamaged };
}

export function createLibraryStore({
  storage,
  now,
  scenarios,
  newId = defaultId,
}: LibraryDependencies): StoreApi<LibraryState> {
  let initialRaw: string | null = null;
  let readError: string | null = null;
  try {
    initialRaw = storage.getItem(LIBRARY_KEY) as string | null;
  } catch (e) {
    readError = describe(e);
  }
  const loaded = loadLibrary(initialRaw, newId);
  const fresh = loaded.newlyDamaged;
  const iso = () => new Date(now()).toISOString();

  const store = createStore<LibraryState>()((set, get) => {
    /** Sets the new library and saves it; a refusal becomes a message, nothing is lost. */
    const commit = (
      next: Partial<Pick<LibraryState, 'entries' | 'damaged' | 'lastDeleted'>>,
      entryId: string | null,
    ) => {
      set(next);
      const { entries, damaged, message } = get();
      try {
        // a library that could not be read is never overwritten by a smaller one
        if (readError !== null)
          throw new Error(`the saved library could not be read (${readError})`);
        storage.setItem(
          LIBRARY_KEY,
          JSON.stringify({ version: LIBRARY_VERSION, state: { entries, damaged } }),
        );
        if (message?.kind === 'not-saved') set({ message: null });
      } catch (e) {
        set({
          message: {
            kind: 'not-saved',
            entryId,
            message: `The library could not be saved in this browser (${describe(e)}). Your scenarios stay in this tab only and will be lost when it closes; download them as JSON to keep a copy.`,
          },
        });
      }
    };

    const find = (id: string) => get().entries.find((e) => e.id === id) ?? null;

    const add = (name: string, scenario: Scenario, after?: string): LibraryEntry => {
      const entry: LibraryEntry = { id: newId(), name: cleanName(name), savedAt: iso(), scenario };
      const entries = [...get().entries];
      const at = after === undefined ? -1 : entries.findIndex((e) => e.id === after);
      if (at === -1) entries.push(entry);
      else entries.splice(at + 1, 0, entry);
      commit({ entries }, entry.id);
      return entry;
    };

    return {
      entries: loaded.entries,
      damaged: loaded.damaged,
      lastDeleted: null,
      message:
        readError !== null
          ? {
              kind: 'not-saved',
              entryId: null,
              message: `The saved library could not be read in this browser (${readError}). Scenarios saved now stay in this tab only; download them as JSON to keep a copy.`,
            }
          : fresh > 0
            ? {
                kind: 'damaged',
                message: `${fresh === 1 ? 'One saved scenario' : `${fresh} saved scenarios`} could not be opened and ${fresh === 1 ? 'was' : 'were'} kept aside. Download ${fresh === 1 ? 'it' : 'them'} to keep a copy.`,
              }
            : null,
      saveCurrentAs: (name) => add(name, scenarios.getState().scenario),
      saveScenarioAs: (name, scenario) => add(name, scenario),
      update: (id) => {
        const entries = get().entries.map((e) =>
          e.id === id ? { ...e, scenario: scenarios.getState().scenario, savedAt: iso() } : e,
        );
        if (find(id)) commit({ entries }, id);
      },
      open: (id) => {
        const entry = find(id);
        if (!entry) return false;
        scenarios.getState().replace(entry.scenario);
        return true;
      },
      duplicate: (id) => {
        const entry = find(id);
        if (!entry) return null;
        return add(`${entry.name} (copy)`, entry.scenario, id);
      },
      rename: (id, name) => {
        const entry = find(id);
        if (!entry) return;
        const clean = cleanName(name, entry.name);
        if (clean === entry.name) return;
        commit(
          { entries: get().entries.map((e) => (e.id === id ? { ...e, name: clean } : e)) },
          id,
        );
      },
      remove: (id) => {
        const index = get().entries.findIndex((e) => e.id === id);
        if (index === -1) return;
        const entry = get().entries[index]!;
        commit(
          { entries: get().entries.filter((e) => e.id !== id), lastDeleted: { entry, index } },
          null,
        );
      },
      undoDelete: () => {
        const deleted = get().lastDeleted;
        if (!deleted) return;
        const entries = [...get().entries];
        entries.splice(Math.min(deleted.index, entries.length), 0, deleted.entry);
        commit({ entries, lastDeleted: null }, deleted.entry.id);
      },
      discardDamaged: (id) => {
        const damaged = get().damaged.filter((d) => d.id !== id);
        commit({ damaged }, null);
        if (damaged.length === 0 && get().message?.kind === 'damaged') set({ message: null });
      },
      dismissMessage: () => set({ message: null }),
    };
  });
  return store;
}

/** Memory storage for when the browser offers none. */
function memoryStorage(): StateStorage {
  const items = new Map<string, string>();
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name),
  };
}

function browserStorage(): StateStorage {
  try {
    return globalThis.localStorage ?? memoryStorage();
  } catch {
    return memoryStorage();
  }
}

/** The app's library, in this browser's localStorage, opening into the app's scenario store. */
export const libraryStore: StoreApi<LibraryState> = createLibraryStore({
  storage: browserStorage(),
  now: Date.now,
  scenarios: scenarioStore,
});

/**
 * Another tab saved the library: take its entries, so two tabs do not overwrite each other's
 * work with stale lists. A library the other tab wrote that cannot be read is ignored here (it
 * is reported when this tab next loads).
 */
export function followOtherTabs(target: Window, store: StoreApi<LibraryState>): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== LIBRARY_KEY) return;
    const loaded = loadLibrary(event.newValue);
    if (loaded.newlyDamaged > 0) return;
    store.setState({ entries: loaded.entries, damaged: loaded.damaged });
  };
  target.addEventListener('storage', onStorage);
  return () => target.removeEventListener('storage', onStorage);
}

if (typeof window !== 'undefined') followOtherTabs(window, libraryStore);

const selectEntries = (s: LibraryState) => s.entries;

/** The library's entries, in their order; re-renders when they change. */
export function useLibrary(): readonly LibraryEntry[] {
  return useStore(libraryStore, selectEntries);
}

/** Reads any part of the library state (messages, the last deletion, damaged entries). */
export function useLibraryState<T>(selector: (state: LibraryState) => T): T {
  return useStore(libraryStore, selector);
}
