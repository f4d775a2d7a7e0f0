import { createStore, type StoreApi } from 'zustand';
import type { Scenario, SchemaProblem } from '../engine/index';
import { runMigrations } from '../price-tables/migrations';
import { autosaveMigrations, scenarioFormat, type ScenarioFormat } from './formats';
import { EMPTY_HISTORY, record, redo, undo, type History } from './history';
import { RECOVERY_KEY_PREFIX, STORAGE_KEY, STORE_VERSION } from './persistence';
import { sampleScenario } from './sample';
import { openScenario } from './scenario-io';

/** Something the user must know about their saved work. */
export type Notice =
  | {
      /**
       * The stored scenario could not be opened. `key` is where a copy was written and read
       * back; null when no copy could be written, in which case the save stays where it was
       * and this tab does not save over it (`held`) until the user chooses to.
       */
      readonly kind: 'recovered';
      readonly key: string | null;
      /** The exact text storage held, for the download. */
      readonly raw: string;
      readonly reason: string;
      readonly problems: readonly SchemaProblem[];
    }
  | {
      /** The browser refused to save (storage full or disabled); the scenario is still open. */
      readonly kind: 'storage';
      readonly message: string;
    }
  | {
      /** What a choice about saved work did (for example where the other tab's version went). */
      readonly kind: 'info';
      readonly message: string;
    };

/** Another tab saved the open scenario after this tab last read or wrote it. */
export interface Conflict {
  /** Their scenario, or null when it cannot be opened here (see `reason`). */
  readonly theirs: Scenario | null;
  readonly reason: string | null;
  /** Their record's exact text, for the download. */
  readonly raw: string;
  /** When they saved it, when the record says (ISO). */
  readonly savedAt: string | null;
}

export interface EditOptions {
  /** Edits of the same field in quick succession are one undo step (for example `customers.3.name`). */
  readonly coalesceKey?: string;
}

/**
 * The one store of the app: the scenario document of PRICING.md §4 and its
 * undo history. The quote is never stored; it is derived from `scenario`.
 */
export interface ScenarioState {
  readonly scenario: Scenario;
  readonly history: History;
  readonly notice: Notice | null;
  /** Set while another tab's newer save waits for the user's choice; nothing is saved meanwhile. */
  readonly conflict: Conflict | null;
  /** Applies a change to the scenario; the change must return a schema-valid document. */
  edit(change: (scenario: Scenario) => Scenario, options?: EditOptions): void;
  /** Replaces the whole document (opening a file, the sample plan); undoable. */
  replace(scenario: Scenario): void;
  undo(): void;
  redo(): void;
  dismissNotice(): void;
  /** Opens the other tab's version (undoable: Undo brings this tab's back). */
  loadTheirs(): void;
  /** Saves this tab's version over the other tab's (theirs is copied aside first when it cannot be opened here). */
  keepMine(): void;
  /** After a save that could not be opened nor copied: let this tab's work be saved over it. */
  saveOverUnopened(): void;
  /** Another tab changed the saved scenario (the `storage` event). */
  checkOtherTabs(): void;
  /** Runs a save that is waiting for its turn (the page is being hidden or closed). */
  flush(): void;
}

/** The storage the store needs; localStorage in the browser. */
export interface KeyValueStorage {
  getItem(name: string): string | null;
  setItem(name: string, value: string): void;
  removeItem(name: string): void;
}

export interface StoreDependencies {
  /** Where the document is kept; localStorage in the browser. */
  readonly storage: KeyValueStorage;
  readonly now: () => number;
  /** How a saved scenario is opened; tests inject a fake next version. */
  readonly format?: ScenarioFormat;
  /** This tab's id in the saved record (tests pass a fixed one). */
  readonly tabId?: string;
  /**
   * When an edit's save runs. Without it, at once (unit tests). The app passes a zero-delay
   * timer, so the save (a re-read, the write and its read-back: about 5 ms for 1,000 lines)
   * runs after the edit is rendered, not before; edits made before it runs are saved in one
   * write, and a page being hidden or closed runs it at once (`flush`). The check against other
   * tabs' saves happens when the save runs, so deferring it loses none of ADR 021's guarantees.
   */
  readonly schedule?: (run: () => void) => void;
}

/** The saved record under STORAGE_KEY. `revision` and `writer` were added in place (ADR 021). */
interface SavedRecord {
  readonly version: number;
  readonly state: { readonly scenario: Scenario };
  /** Counts the saves of this scenario, across tabs. */
  readonly revision: number;
  /** The tab that wrote it. */
  readonly writer: string;
  readonly savedAt: string;
}

type Opened =
  | { ok: true; scenario: Scenario; revision: number; savedAt: string | null }
  | { ok: false; reason: string; problems: readonly SchemaProblem[] };

/** Opens a saved record: the record's migrations, then the scenario's (`openScenario`). */
export function openSavedRecord(raw: string, format: ScenarioFormat = scenarioFormat): Opened {
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    const reason = 'The saved scenario is not valid JSON (it may have been cut short).';
    return { ok: false, reason, problems: [{ path: '', message: reason }] };
  }
  const migrated = runMigrations(autosaveMigrations, stored);
  if (!migrated.ok) {
    return {
      ok: false,
      reason: migrated.message,
      problems: [{ path: '', message: migrated.message }],
    };
  }
  const record = migrated.value as Partial<Record<keyof SavedRecord, unknown>>;
  const state = record.state as { scenario?: unknown } | null | undefined;
  const opened = openScenario(
    state !== null && typeof state === 'object' ? state.scenario : undefined,
    { source: 'autosave', format },
  );
  if (!opened.ok) return { ok: false, reason: opened.reason, problems: opened.problems };
  return {
    ok: true,
    scenario: opened.scenario,
    revision: typeof record.revision === 'number' ? record.revision : 0,
    savedAt: typeof record.savedAt === 'string' ? record.savedAt : null,
  };
}

/** A short, stable hash of a text (53-bit cyrb53), so one save has one recovered copy. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function describe(e: unknown): string {
  if (e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException)) {
    const err = e as Error;
    return err.name === 'QuotaExceededError' ? 'the browser storage is full' : err.message;
  }
  return String(e);
}

function defaultTabId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

const sameScenario = (a: Scenario, b: Scenario) =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

export function createScenarioStore({
  storage,
  now,
  format = scenarioFormat,
  tabId = defaultTabId(),
  schedule,
}: StoreDependencies): StoreApi<ScenarioState> {
  const read = (name: string): string | null => {
    try {
      return storage.getItem(name);
    } catch {
      return null;
    }
  };

  /**
   * Writes `value` under `name` and reads it back; true only when storage holds exactly it.
   * A write that throws leaves the key as it was (localStorage writes are all or nothing).
   */
  const writeVerified = (name: string, value: string): true | string => {
    try {
      storage.setItem(name, value);
      return storage.getItem(name) === value ? true : 'what was written could not be read back';
    } catch (e) {
      return describe(e);
    }
  };

  /**
   * Copies a save that cannot be opened to `spc:recovered:<hash of its text>`: one copy per
   * distinct save, however often the page is reloaded. The key, or null when no copy could be
   * written (and read back).
   */
  const backup = (raw: string): string | null => {
    const base = `${RECOVERY_KEY_PREFIX}${hashText(raw)}`;
    for (let i = 0; i < 4; i++) {
      const key = i === 0 ? base : `${base}-${i}`;
      const existing = read(key);
      if (existing === raw) return key;
      if (existing !== null) continue; // another text with the same hash: the next key
      return writeVerified(key, raw) === true ? key : null;
    }
    return null;
  };

  /** The exact text this tab last read from or wrote to STORAGE_KEY: what it builds on. */
  let known: string | null = null;
  let revision = 0;
  /** The scenario last written (or loaded): an unchanged one is not written again. */
  let written: Scenario | null = null;
  /** True while a save that could not be opened nor copied must not be written over. */
  let heldForUnopened = false;
  /** Told once when saving starts to fail, not again on every edit until a save succeeds. */
  let failing = false;

  // ---- what storage held when the page opened
  let initial: Scenario = sampleScenario();
  let notice: Notice | null = null;
  let readFailure: string | null = null;
  let raw: string | null = null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch (e) {
    readFailure = describe(e);
  }
  if (readFailure !== null) {
    notice = {
      kind: 'storage',
      message: `Your saved work could not be read in this browser (${readFailure}). The sample plan is open; changes are kept in this tab only.`,
    };
    heldForUnopened = true; // what cannot be read is never written over
  } else if (raw !== null) {
    known = raw;
    const opened = openSavedRecord(raw, format);
    if (opened.ok) {
      initial = opened.scenario;
      written = opened.scenario;
      revision = opened.revision;
    } else {
      const key = backup(raw);
      heldForUnopened = key === null;
      notice = { kind: 'recovered', key, raw, reason: opened.reason, problems: opened.problems };
    }
  }

  const store = createStore<ScenarioState>()((set, get) => {
    const storageNotice = (message: string) => {
      if (failing) return;
      failing = true;
      set({ notice: { kind: 'storage', message } });
    };

    /** Another tab's save is newer than what this tab built on: stop and let the user choose. */
    const toConflict = (theirs: string) => {
      const opened = openSavedRecord(theirs, format);
      let savedAt: string | null = null;
      try {
        const s = (JSON.parse(theirs) as { savedAt?: unknown }).savedAt;
        savedAt = typeof s === 'string' ? s : null;
      } catch {
        savedAt = null;
      }
      set({
        conflict: {
          theirs: opened.ok ? opened.scenario : null,
          reason: opened.ok ? null : opened.reason,
          raw: theirs,
          savedAt,
        },
      });
    };

    /** Saves the scenario, never over a save this tab has not seen (ADR 021). */
    const save = (scenario: Scenario) => {
      if (get().conflict !== null || written === scenario) return;
      if (heldForUnopened) {
        // the unopened save has no copy yet: try again (space may have been freed)
        const current = get().notice;
        if (current?.kind !== 'recovered' || readFailure !== null) return;
        const key = backup(current.raw);
        if (key === null) return;
        heldForUnopened = false;
        set({ notice: { ...current, key } });
      }
      const stored = read(STORAGE_KEY);
      if (stored !== null && stored !== known) {
        const opened = openSavedRecord(stored, format);
        if (!(opened.ok && sameScenario(opened.scenario, scenario))) {
          toConflict(stored);
          return;
        }
      }
      const next: SavedRecord = {
        version: STORE_VERSION,
        state: { scenario },
        revision: revision + 1,
        writer: tabId,
        savedAt: new Date(now()).toISOString(),
      };
      const text = JSON.stringify(next);
      const result = writeVerified(STORAGE_KEY, text);
      if (result !== true) {
        storageNotice(
          `Your changes could not be saved in this browser (${result}). They stay open in this tab; download the scenario to keep a copy.`,
        );
        return;
      }
      known = text;
      revision = next.revision;
      written = scenario;
      if (failing) {
        failing = false;
        // the message said the changes were not saved; now they are
        if (get().notice?.kind === 'storage') set({ notice: null });
      }
    };

    /** True while a save waits for its turn (see `schedule`). */
    let queued = false;
    /** Saves the open scenario now, or once the edit has been rendered. */
    const requestSave = (scenario: Scenario) => {
      if (schedule === undefined) {
        save(scenario);
        return;
      }
      if (queued) return; // the waiting save will write the newest scenario
      queued = true;
      schedule(() => {
        if (!queued) return;
        queued = false;
        save(get().scenario);
      });
    };
    /** Saves at once what is open, dropping a save that was waiting (a user's choice). */
    const saveNow = () => {
      queued = false;
      save(get().scenario);
    };

    return {
      scenario: initial,
      history: EMPTY_HISTORY,
      notice,
      conflict: null,
      edit: (change, options) => {
        const { scenario, history } = get();
        const next = change(scenario);
        if (next === scenario) return;
        set({
          scenario: next,
          history: record(history, scenario, options?.coalesceKey, now()),
        });
        requestSave(next);
      },
      replace: (scenario) => {
        const state = get();
        if (scenario === state.scenario) return;
        set({ scenario, history: record(state.history, state.scenario, undefined, now()) });
        requestSave(scenario);
      },
      undo: () => {
        const step = undo(get().history, get().scenario);
        if (!step) return;
        set(step);
        requestSave(step.scenario);
      },
      redo: () => {
        const step = redo(get().history, get().scenario);
        if (!step) return;
        set(step);
        requestSave(step.scenario);
      },
      dismissNotice: () => set({ notice: null }),
      loadTheirs: () => {
        const conflict = get().conflict;
        if (!conflict?.theirs) return;
        const opened = openSavedRecord(conflict.raw, format);
        known = conflict.raw;
        if (opened.ok) revision = opened.revision;
        written = conflict.theirs;
        set({ conflict: null });
        get().replace(conflict.theirs);
        // a save made meanwhile by the other tab still wins the next check
      },
      keepMine: () => {
        const conflict = get().conflict;
        if (!conflict) return;
        if (conflict.theirs === null && backup(conflict.raw) === null) {
          set({
            notice: {
              kind: 'storage',
              message:
                'Your version was not saved: the other tab’s version cannot be opened here and no copy of it could be kept in this browser. Download it first, or free some space.',
            },
          });
          return;
        }
        const opened = openSavedRecord(conflict.raw, format);
        known = read(STORAGE_KEY);
        if (opened.ok) revision = Math.max(revision, opened.revision);
        written = null;
        set({ conflict: null });
        saveNow();
      },
      saveOverUnopened: () => {
        if (!heldForUnopened) return;
        heldForUnopened = false;
        readFailure = null;
        known = read(STORAGE_KEY);
        written = null;
        set({ notice: null });
        saveNow();
      },
      checkOtherTabs: () => {
        const stored = read(STORAGE_KEY);
        const waiting = get().conflict;
        if (waiting !== null) {
          // the other tab saved again while the user decides: show its newest version
          if (stored !== null && stored !== waiting.raw) toConflict(stored);
          return;
        }
        if (stored === null || stored === known) return;
        const opened = openSavedRecord(stored, format);
        if (opened.ok && sameScenario(opened.scenario, get().scenario)) {
          // the same document: nothing differs, nothing to ask
          known = stored;
          revision = Math.max(revision, opened.revision);
          return;
        }
        toConflict(stored);
      },
      flush: () => {
        if (queued) saveNow();
      },
    };
  });
  return store;
}
