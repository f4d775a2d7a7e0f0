import { createStore, useStore, type StoreApi } from 'zustand';
import type { StateStorage } from 'zustand/middleware';
import type { Scenario, SchemaProblem } from '../engine/index';
import { runMigrations } from '../price-tables/migrations';
import { scenarioStore } from './app-store';
import { LIBRARY_VERSION, libraryMigrations, scenarioFormat, type ScenarioFormat } from './formats';
import { openScenario } from './scenario-io';
import type { ScenarioState } from './store';

/**
 * The library of named scenarios, kept in this browser under `spc:library`
 * (`{ version, state: { entries, damaged } }`). What storage held is outside input: each entry
 * is migrated and re-validated with ScenarioSchema on load; one that fails is kept aside in
 * `damaged` (saved with the library, reported, downloadable), never dropped silently.
 */

export const LIBRARY_KEY = 'spc:library';

/** The version of the stored library; its migrations are in formats.ts (ADR 020). */
export { LIBRARY_VERSION };

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
  /**
   * Entries whose last change (an add, save over, rename, delete or undo) is not yet written in
   * this browser (storage full or refused); the changes stay in this tab, and every later write
   * tries them again. A deleted entry is listed here until its deletion is written.
   */
  readonly unsaved: readonly string[];
  /** Takes the library another tab saved (its JSON text), this tab's unsaved changes on top. */
  follow(raw: string | null): void;
  /**
   * Drops the changes not yet written and takes the library as storage holds it. The app never
   * calls it (unsaved changes are retried until written); tests reset the app's library with it
   * so one test's failed writes cannot be replayed into the next.
   */
  forgetUnsaved(): void;
}

export interface LibraryDependencies {
  readonly storage: StateStorage;
  readonly now: () => number;
  /** The working scenario the library saves from and opens into. */
  readonly scenarios: StoreApi<ScenarioState>;
  readonly newId?: () => string;
  /** How scenarios are opened; tests inject a fake next version. */
  readonly format?: ScenarioFormat;
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

/**
 * Reads a stored library (its JSON text): every entry re-validated; whatever cannot be opened
 * goes to `damaged` with its problems. Never throws.
 */
export function loadLibrary(
  raw: string | null,
  newId: () => string = defaultId,
  format: ScenarioFormat = scenarioFormat,
): Loaded {
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
  const migrated = runMigrations(libraryMigrations, stored);
  if (!migrated.ok) return whole(migrated.message);
  const state = (migrated.value as { state?: unknown }).state;
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
      const opened = openScenario(item.scenario, { source: 'library', format });
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

interface Lists {
  readonly entries: readonly LibraryEntry[];
  readonly damaged: readonly DamagedEntry[];
}

/**
 * One change to the library, applied to the list as freshly read from storage (never to this
 * tab's copy, which may be stale: ADR 021). Each can be applied again to a list that already
 * has it, because a change that could not be written is tried again with the next one.
 */
interface Change {
  /** The entry it concerns, to report it unsaved while it is not written. */
  readonly entryId: string | null;
  apply(lists: Lists): Lists;
}

function insertAt(
  entries: readonly LibraryEntry[],
  entry: LibraryEntry,
  at: number,
): LibraryEntry[] {
  const next = [...entries];
  next.splice(Math.max(0, Math.min(at, next.length)), 0, entry);
  return next;
}

const addChange = (entry: LibraryEntry, after?: string): Change => ({
  entryId: entry.id,
  apply: (lists) => {
    if (lists.entries.some((e) => e.id === entry.id)) return lists;
    const at = after === undefined ? -1 : lists.entries.findIndex((e) => e.id === after);
    return {
      ...lists,
      entries: at === -1 ? [...lists.entries, entry] : insertAt(lists.entries, entry, at + 1),
    };
  },
});

export function createLibraryStore({
  storage,
  now,
  scenarios,
  newId = defaultId,
  format = scenarioFormat,
}: LibraryDependencies): StoreApi<LibraryState> {
  let initialRaw: string | null = null;
  let readError: string | null = null;
  try {
    initialRaw = storage.getItem(LIBRARY_KEY) as string | null;
  } catch (e) {
    readError = describe(e);
  }
  const loaded = loadLibrary(initialRaw, newId, format);
  const fresh = loaded.newlyDamaged;
  const iso = () => new Date(now()).toISOString();
  /** Changes not yet written; replayed on top of every fresh read until one write succeeds. */
  const pending: Change[] = [];
  /** The library as last read from storage, without this tab's unsaved changes. */
  let base: Lists = { entries: loaded.entries, damaged: loaded.damaged };

  const store = createStore<LibraryState>()((set, get) => {
    /** A fresh read's kept-aside entries keep the ids this tab knows them by (same bytes). */
    const stable = (damaged: readonly DamagedEntry[]): DamagedEntry[] => {
      const known = get().damaged;
      return damaged.map((d) => {
        const same = known.find((k) => k.raw === d.raw);
        return same ? { ...d, id: same.id } : d;
      });
    };

    const replay = (lists: Lists): Lists => pending.reduce((l, c) => c.apply(l), lists);

    const unsavedIds = () => [
      ...new Set(pending.map((c) => c.entryId).filter((id): id is string => id !== null)),
    ];

    const notSaved = (why: string, entryId: string | null): LibraryMessage => ({
      kind: 'not-saved',
      entryId,
      message: `The library could not be saved in this browser (${why}). The changes stay in this tab only and will be lost when it closes; download them as JSON to keep a copy.`,
    });

    /**
     * Re-reads the library, applies this tab's changes to it and writes it, then reads it back
     * (ADR 021): another tab's entries are never written over, and a change is reported saved
     * only once storage holds it.
     */
    const commit = (change: Change, extra: Partial<Pick<LibraryState, 'lastDeleted'>> = {}) => {
      pending.push(change);
      let raw: string | null;
      try {
        raw = storage.getItem(LIBRARY_KEY) as string | null;
      } catch (e) {
        // a library that cannot be read is never overwritten by this tab's smaller one
        set({
          ...replay(base),
          ...extra,
          unsaved: unsavedIds(),
          message: notSaved(`the saved library could not be read: ${describe(e)}`, change.entryId),
        });
        return;
      }
      const read = loadLibrary(raw, newId, format);
      const damaged = stable(read.damaged);
      const known = new Set(get().damaged.map((d) => d.raw));
      const newlyDamaged = damaged.filter((d) => !known.has(d.raw)).length;
      base = { entries: read.entries, damaged };
      const next = replay(base);
      const text = JSON.stringify({ version: LIBRARY_VERSION, state: next });
      try {
        storage.setItem(LIBRARY_KEY, text);
        if (storage.getItem(LIBRARY_KEY) !== text) {
          throw new Error('what was written could not be read back');
        }
      } catch (e) {
        set({
          ...next,
          ...extra,
          unsaved: unsavedIds(),
          message: notSaved(describe(e), change.entryId),
        });
        return;
      }
      pending.length = 0;
      base = next;
      const message = get().message;
      set({
        ...next,
        ...extra,
        unsaved: [],
        message:
          newlyDamaged > 0
            ? {
                kind: 'damaged',
                message: `${newlyDamaged === 1 ? 'One saved scenario' : `${newlyDamaged} saved scenarios`} could not be opened and ${newlyDamaged === 1 ? 'was' : 'were'} kept aside. Download ${newlyDamaged === 1 ? 'it' : 'them'} to keep a copy.`,
              }
            : message?.kind === 'not-saved'
              ? null
              : message,
      });
    };

    const find = (id: string) => get().entries.find((e) => e.id === id) ?? null;

    const add = (name: string, scenario: Scenario, after?: string): LibraryEntry => {
      const entry: LibraryEntry = { id: newId(), name: cleanName(name), savedAt: iso(), scenario };
      commit(addChange(entry, after));
      return entry;
    };

    return {
      entries: loaded.entries,
      damaged: loaded.damaged,
      lastDeleted: null,
      unsaved: [],
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
        const seen = find(id);
        if (!seen) return;
        const scenario = scenarios.getState().scenario;
        const savedAt = iso();
        const copyId = newId();
        commit({
          entryId: id,
          apply: (lists) => {
            const at = lists.entries.findIndex((e) => e.id === id);
            const there = lists.entries[at];
            if (!there) {
              // deleted in another tab since: saving over it brings it back, with this content
              return { ...lists, entries: [...lists.entries, { ...seen, scenario, savedAt }] };
            }
            if (there.savedAt === seen.savedAt || there.savedAt === savedAt) {
              const entries = [...lists.entries];
              entries[at] = { ...there, scenario, savedAt };
              return { ...lists, entries };
            }
            // saved in another tab since this one read it: keep both, never overwrite theirs
            if (lists.entries.some((e) => e.id === copyId)) return lists;
            const copy: LibraryEntry = {
              id: copyId,
              name: cleanName(`${there.name} (saved in another tab too)`),
              savedAt,
              scenario,
            };
            return { ...lists, entries: insertAt(lists.entries, copy, at + 1) };
          },
        });
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
        commit({
          entryId: id,
          apply: (lists) => ({
            ...lists,
            entries: lists.entries.map((e) => (e.id === id ? { ...e, name: clean } : e)),
          }),
        });
      },
      remove: (id) => {
        const index = get().entries.findIndex((e) => e.id === id);
        if (index === -1) return;
        const entry = get().entries[index]!;
        commit(
          {
            // listed in `unsaved` while storage still holds it, so "Deleted" is not said too soon
            entryId: id,
            apply: (lists) => ({ ...lists, entries: lists.entries.filter((e) => e.id !== id) }),
          },
          { lastDeleted: { entry, index } },
        );
      },
      undoDelete: () => {
        const deleted = get().lastDeleted;
        if (!deleted) return;
        commit(
          {
            entryId: deleted.entry.id,
            apply: (lists) =>
              lists.entries.some((e) => e.id === deleted.entry.id)
                ? lists
                : { ...lists, entries: insertAt(lists.entries, deleted.entry, deleted.index) },
          },
          { lastDeleted: null },
        );
      },
      discardDamaged: (id) => {
        const gone = get().damaged.find((d) => d.id === id);
        if (!gone) return;
        commit({
          entryId: null,
          apply: (lists) => ({
            ...lists,
            damaged: lists.damaged.filter((d) => d.id !== id && d.raw !== gone.raw),
          }),
        });
        if (get().damaged.length === 0 && get().message?.kind === 'damaged') set({ message: null });
      },
      dismissMessage: () => set({ message: null }),
      follow: (raw) => {
        const read = loadLibrary(raw, newId, format);
        // a library another tab wrote that cannot be read is reported when this tab next writes
        if (read.newlyDamaged > 0 && read.entries.length === 0) return;
        base = { entries: read.entries, damaged: stable(read.damaged) };
        set({ ...replay(base) });
      },
      forgetUnsaved: () => {
        pending.length = 0;
        let raw: string | null = null;
        try {
          raw = storage.getItem(LIBRARY_KEY) as string | null;
        } catch {
          raw = null;
        }
        const read = loadLibrary(raw, newId, format);
        base = { entries: read.entries, damaged: read.damaged };
        set({ ...base, unsaved: [], lastDeleted: null, message: null });
      },
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
    store.getState().follow(event.newValue);
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
