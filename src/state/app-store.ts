import { useStore } from 'zustand';
import type { Scenario } from '../engine/index';
import type { Registry } from '../price-tables/registry';
import { useRegistry } from './custom-tables';
import { createQuoteSelector, type QuoteResult } from './quote';
import { STORAGE_KEY } from './persistence';
import { createScenarioStore, type ScenarioState } from './store';

/** Memory storage for when the browser offers none (private mode, disabled storage). */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (name: string) => items.get(name) ?? null,
    setItem: (name: string, value: string) => void items.set(name, value),
    removeItem: (name: string) => void items.delete(name),
  };
}

function browserStorage() {
  try {
    return globalThis.localStorage ?? memoryStorage();
  } catch {
    return memoryStorage(); // access itself can throw when storage is disabled
  }
}

/**
 * The app's one store: the open scenario, saved in this browser. An edit's save runs on a
 * zero-delay timer, after the edit is rendered (ADR 021, addendum: the edit → KPIs budget).
 */
export const scenarioStore = createScenarioStore({
  storage: browserStorage(),
  now: Date.now,
  schedule: (run) => void setTimeout(run, 0),
});

if (typeof window !== 'undefined') {
  // Another tab saved the open scenario: this tab asks before it saves again (ADR 021).
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) scenarioStore.getState().checkOtherTabs();
  });
  // a save still waiting for its timer is written before the page goes away
  const flush = () => scenarioStore.getState().flush();
  window.addEventListener('pagehide', flush);
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
  }
}

/** Reads from the store; re-renders only when the selected value changes. */
export function useScenarioStore<T>(selector: (state: ScenarioState) => T): T {
  return useStore(scenarioStore, selector);
}

export function useScenario(): Scenario {
  return useScenarioStore((s) => s.scenario);
}

/** The local calendar date, `YYYY-MM-DD`: the app's "today" for the engine. */
export function localToday(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const selectQuote = createQuoteSelector();

/**
 * The quote of the open scenario, derived on render (memoised on the scenario object and the
 * registry, which holds the bundled and the custom tables and changes only when one is loaded
 * or removed).
 */
export function useQuote(registry?: Registry): QuoteResult {
  const scenario = useScenario();
  const current = useRegistry();
  return selectQuote(scenario, registry ?? current, localToday());
}
