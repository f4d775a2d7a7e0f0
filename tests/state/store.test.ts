import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { COALESCE_MS, HISTORY_LIMIT } from '../../src/state/history';
import {
  migrate,
  migrations,
  RECOVERY_KEY_PREFIX,
  STORAGE_KEY,
  STORE_VERSION,
} from '../../src/state/persistence';
import { sampleScenario } from '../../src/state/sample';
import { createScenarioStore } from '../../src/state/store';

/** localStorage stand-in: a map, optionally refusing to save (quota exceeded). */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  let full = false;
  const storage: StateStorage = {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      items.set(name, value);
    },
    removeItem: (name) => void items.delete(name),
  };
  return { storage, items, fill: () => (full = true) };
}

function clock(start = 1_800_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const rename = (title: string) => (s: ReturnType<typeof sampleScenario>) => ({ ...s, title });

describe('the scenario store', () => {
  it('opens the sample plan on first run', () => {
    const store = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
    expect(store.getState().scenario).toEqual(sampleScenario());
    expect(store.getState().notice).toBeNull();
  });

  it('saves every edit, with the store version, and a reload finds it intact', () => {
    const mem = memoryStorage();
    const first = createScenarioStore({ storage: mem.storage, now: Date.now });
    first.getState().edit(rename('Renamed plan'));
    const saved = JSON.parse(mem.items.get(STORAGE_KEY)!) as { version: number; state: unknown };
    expect(saved.version).toBe(STORE_VERSION);
    expect(saved.state).toEqual({ scenario: { ...sampleScenario(), title: 'Renamed plan' } });

    const reloaded = createScenarioStore({ storage: mem.storage, now: Date.now });
    expect(reloaded.getState().scenario.title).toBe('Renamed plan');
    expect(reloaded.getState().scenario).toEqual(first.getState().scenario);
  });

  it('persists the document only: no history, no quote', () => {
    const mem = memoryStorage();
    const store = createScenarioStore({ storage: mem.storage, now: Date.now });
    store.getState().edit(rename('A'));
    const saved = JSON.parse(mem.items.get(STORAGE_KEY)!) as { state: Record<string, unknown> };
    expect(Object.keys(saved.state)).toEqual(['scenario']);
  });

  it('re-validates what storage held: a damaged document is kept aside, the sample opens, and the user is told', () => {
    const damaged = { ...sampleScenario(), horizonMonths: 'forever' };
    const raw = JSON.stringify({ state: { scenario: damaged }, version: STORE_VERSION });
    const mem = memoryStorage({ [STORAGE_KEY]: raw });
    const store = createScenarioStore({ storage: mem.storage, now: () => Date.UTC(2026, 10, 22) });
    const { notice, scenario } = store.getState();
    expect(scenario).toEqual(sampleScenario());
    expect(notice?.kind).toBe('recovered');
    if (notice?.kind !== 'recovered') throw new Error('expected a recovery notice');
    expect(notice.key).toBe(`${RECOVERY_KEY_PREFIX}2026-11-22T00:00:00.000Z`);
    expect(notice.problems.map((p) => p.path)).toEqual(['horizonMonths']);
    // nothing the user made is lost: the document is kept, byte for byte of its content
    expect(JSON.parse(mem.items.get(notice.key)!)).toEqual({ scenario: damaged });
  });

  it('keeps aside a state saved by a newer version of the app, and says so', () => {
    const raw = JSON.stringify({
      state: { scenario: sampleScenario() },
      version: STORE_VERSION + 1,
    });
    const mem = memoryStorage({ [STORAGE_KEY]: raw });
    const store = createScenarioStore({ storage: mem.storage, now: () => 0 });
    const { notice } = store.getState();
    expect(notice?.kind).toBe('recovered');
    if (notice?.kind !== 'recovered') throw new Error('expected a recovery notice');
    expect(notice.problems[0]!.message).toMatch(/newer version of the app/);
    expect(mem.items.get(notice.key)).toBe(raw);
  });

  it('keeps aside a saved value that is not JSON at all, and opens the sample', () => {
    const raw = '{"state": {"scenario": {"title": "half-writ';
    const mem = memoryStorage({ [STORAGE_KEY]: raw });
    const store = createScenarioStore({ storage: mem.storage, now: () => 0 });
    const { notice, scenario } = store.getState();
    expect(scenario).toEqual(sampleScenario());
    if (notice?.kind !== 'recovered') throw new Error('expected a recovery notice');
    expect(notice.problems[0]!.message).toMatch(/not valid JSON/);
    expect(mem.items.get(notice.key)).toBe(raw);
  });

  it('keeps the edit and tells the user when the browser refuses to save', () => {
    const mem = memoryStorage();
    const store = createScenarioStore({ storage: mem.storage, now: Date.now });
    mem.fill();
    store.getState().edit(rename('Too big to save'));
    expect(store.getState().scenario.title).toBe('Too big to save');
    const { notice } = store.getState();
    expect(notice?.kind).toBe('storage');
    if (notice?.kind !== 'storage') throw new Error('expected a storage notice');
    expect(notice.message).toMatch(/could not be saved.*quota/i);
    store.getState().dismissNotice();
    expect(store.getState().notice).toBeNull();
  });
});

describe('undo and redo', () => {
  it('undoes and redoes edits in order; a new edit clears redo', () => {
    const store = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
    const original = store.getState().scenario;
    store.getState().edit(rename('A'));
    store.getState().edit(rename('B'));
    store.getState().undo();
    expect(store.getState().scenario.title).toBe('A');
    store.getState().undo();
    expect(store.getState().scenario).toBe(original);
    store.getState().undo(); // nothing left: no change
    expect(store.getState().scenario).toBe(original);
    store.getState().redo();
    expect(store.getState().scenario.title).toBe('A');
    store.getState().edit(rename('C'));
    store.getState().redo(); // cleared by the new edit
    expect(store.getState().scenario.title).toBe('C');
  });

  it('merges keystrokes in one field into one step, but not across fields or pauses', () => {
    const time = clock();
    const store = createScenarioStore({ storage: memoryStorage().storage, now: time.now });
    const typed = (title: string, key = 'title') =>
      store.getState().edit(rename(title), { coalesceKey: key });
    typed('N');
    time.advance(100);
    typed('No');
    time.advance(100);
    typed('Nor');
    time.advance(COALESCE_MS + 1);
    typed('Nord');
    time.advance(100);
    store.getState().edit((s) => ({ ...s, horizonMonths: 24 }), { coalesceKey: 'horizonMonths' });

    store.getState().undo();
    expect(store.getState().scenario.horizonMonths).toBe(sampleScenario().horizonMonths);
    expect(store.getState().scenario.title).toBe('Nord');
    store.getState().undo();
    expect(store.getState().scenario.title).toBe('Nor');
    store.getState().undo();
    expect(store.getState().scenario.title).toBe(sampleScenario().title);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    const store = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) store.getState().edit(rename(`v${i}`));
    expect(store.getState().history.past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) store.getState().undo();
    expect(store.getState().scenario.title).toBe('v20');
  });

  it('an edit that changes nothing records nothing', () => {
    const store = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
    store.getState().edit((s) => s);
    expect(store.getState().history.past).toHaveLength(0);
  });
});

describe('store migrations', () => {
  it('has a migration to every store version after 1', () => {
    for (let v = 2; v <= STORE_VERSION; v++)
      expect(migrations[v], `migration to ${v}`).toBeTypeOf('function');
    expect(
      Object.keys(migrations)
        .map(Number)
        .every((v) => v >= 2 && v <= STORE_VERSION),
    ).toBe(true);
  });

  it('leaves a state of the current version as it is, and refuses a newer one', () => {
    const state = { scenario: sampleScenario() };
    expect(migrate(state, STORE_VERSION)).toBe(state);
    expect(() => migrate(state, STORE_VERSION + 1)).toThrow(/newer version/);
  });
});
