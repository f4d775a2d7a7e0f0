import { createStore, type StoreApi } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import type { Scenario, SchemaProblem } from '../engine/index';
import { EMPTY_HISTORY, record, redo, undo, type History } from './history';
import {
  migrate,
  RECOVERY_KEY_PREFIX,
  revalidate,
  STORAGE_KEY,
  STORE_VERSION,
  type PersistedState,
} from './persistence';
import { sampleScenario } from './sample';

/** Something the user must know about their saved work. */
export type Notice =
  | {
      /** The stored scenario could not be opened; it was kept under `key`. */
      readonly kind: 'recovered';
      readonly key: string;
      readonly problems: readonly SchemaProblem[];
    }
  | {
      /** The browser refused to save (storage full or disabled); the scenario is still open. */
      readonly kind: 'storage';
      readonly message: string;
    };

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
  /** Applies a change to the scenario; the change must return a schema-valid document. */
  edit(change: (scenario: Scenario) => Scenario, options?: EditOptions): void;
  /** Replaces the whole document (opening a file, the sample plan); undoable. */
  replace(scenario: Scenario): void;
  undo(): void;
  redo(): void;
  dismissNotice(): void;
}

export interface StoreDependencies {
  /** Where the document is kept; localStorage in the browser. */
  readonly storage: StateStorage;
  readonly now: () => number;
}

/** Wraps storage so a failure to save becomes a notice, never an exception in an edit. */
function guarded(storage: StateStorage, report: (message: string) => void): StateStorage {
  // Told once when saving starts to fail, not again on every edit (nor on dismissing the
  // notice, which is saved too) until a save succeeds.
  let failing = false;
  const onError = (message: string) => {
    if (failing) return;
    failing = true;
    report(message);
  };
  return {
    getItem: (name) => {
      try {
        return storage.getItem(name);
      } catch (e) {
        onError(`Your saved work could not be read (${String(e)}).`);
        return null;
      }
    },
    setItem: (name, value) => {
      try {
        storage.setItem(name, value);
        failing = false;
      } catch (e) {
        onError(
          `Your changes could not be saved in this browser (${e instanceof Error ? e.message : String(e)}). They stay open in this tab; download the scenario to keep a copy.`,
        );
      }
    },
    removeItem: (name) => {
      try {
        storage.removeItem(name);
      } catch {
        // nothing to lose
      }
    },
  };
}

export function createScenarioStore({ storage, now }: StoreDependencies): StoreApi<ScenarioState> {
  let setNotice: (notice: Notice) => void = () => undefined;
  const safe = guarded(storage, (message) => setNotice({ kind: 'storage', message }));

  /** Keeps a stored document that cannot be opened, under a key of its own. */
  const quarantine = (raw: string): string => {
    const key = `${RECOVERY_KEY_PREFIX}${new Date(now()).toISOString()}`;
    safe.setItem(key, raw);
    return key;
  };

  const store = createStore<ScenarioState>()(
    persist(
      (set, get) => {
        setNotice = (notice) => set({ notice });
        return {
          scenario: sampleScenario(),
          history: EMPTY_HISTORY,
          notice: null,
          edit: (change, options) => {
            const { scenario, history } = get();
            const next = change(scenario);
            if (next === scenario) return;
            set({
              scenario: next,
              history: record(history, scenario, options?.coalesceKey, now()),
            });
          },
          replace: (scenario) => {
            const state = get();
            if (scenario === state.scenario) return;
            set({ scenario, history: record(state.history, state.scenario, undefined, now()) });
          },
          undo: () => {
            const step = undo(get().history, get().scenario);
            if (step) set(step);
          },
          redo: () => {
            const step = redo(get().history, get().scenario);
            if (step) set(step);
          },
          dismissNotice: () => set({ notice: null }),
        };
      },
      {
        name: STORAGE_KEY,
        version: STORE_VERSION,
        storage: createJSONStorage<PersistedState>(() => safe),
        partialize: (state) => ({ scenario: state.scenario }),
        migrate: (persisted, version) => migrate(persisted, version) as PersistedState,
        // what storage held is outside input: re-validated, and kept aside when it fails
        merge: (persisted, current) => {
          if (persisted === undefined || persisted === null) return current; // nothing saved yet
          const result = revalidate(persisted);
          if (result.ok) return { ...current, scenario: result.scenario };
          const key = quarantine(JSON.stringify(persisted));
          return { ...current, notice: { kind: 'recovered', key, problems: result.problems } };
        },
        // hydrated below, once a stored state that cannot be read at all has been set aside
        skipHydration: true,
      },
    ),
  );

  // A stored state that is not JSON, or that no migration can read (saved by a newer version of
  // the app), is set aside before persist sees it; the rest is migrated and re-validated there.
  const raw = safe.getItem(STORAGE_KEY);
  const unreadable = typeof raw === 'string' ? unreadableReason(raw) : null;
  if (typeof raw === 'string' && unreadable !== null) {
    const key = quarantine(raw);
    safe.removeItem(STORAGE_KEY);
    setNotice({ kind: 'recovered', key, problems: [{ path: '', message: unreadable }] });
  }
  void store.persist.rehydrate(); // synchronous with localStorage
  return store;
}

/** Why a stored state cannot be read at all, or null when persist can migrate it. */
function unreadableReason(raw: string): string | null {
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return 'the saved scenario is not valid JSON';
  }
  if (stored === null || typeof stored !== 'object') return 'the saved scenario is not an object';
  const version = (stored as { version?: unknown }).version;
  if (typeof version !== 'number') return 'the saved scenario has no store version';
  try {
    migrate((stored as { state?: unknown }).state, version);
    return null;
  } catch (e) {
    return `the saved scenario cannot be opened: ${e instanceof Error ? e.message : String(e)}`;
  }
}
