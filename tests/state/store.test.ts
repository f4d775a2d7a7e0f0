import { describe, expect, it } from 'vitest';
import { COALESCE_MS, HISTORY_LIMIT } from '../../src/state/history';
import { RECOVERY_KEY_PREFIX, STORAGE_KEY, STORE_VERSION } from '../../src/state/persistence';
import { sampleScenario } from '../../src/state/sample';
import { createScenarioStore, hashText } from '../../src/state/store';
import { quotaStorage } from './support/storage';

/** localStorage stand-in: a map, optionally refusing to save (quota exceeded). */
function memoryStorage(initial: Record<string, string> = {}) {
  const q = quotaStorage(initial);
  return { storage: q.storage, items: q.items, fill: q.fill, free: q.free };
}

function clock(start = 1_800_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const rename = (title: string) => (s: ReturnType<typeof sampleScenario>) => ({ ...s, title });

/** A version-99 save of a scenario with many customer lines (the reproduction). */
function newerSave(lines = 3000): string {
  const s = sampleScenario();
  const customers = Array.from({ length: lines }, (_, i) => ({
    ...s.customers[0]!,
    name: `Customer ${i + 1}`,
  }));
  return JSON.stringify({
    state: { scenario: { ...s, schemaVersion: 99, customers } },
    version: 99,
  });
}

type Saved = { version: number; state: { scenario: unknown }; revision: number; writer: string };
const savedRecord = (items: Map<string, string>) => JSON.parse(items.get(STORAGE_KEY)!) as Saved;

describe('the scenario store', () => {
  it('opens the sample plan on first run', () => {
    const store = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
    expect(store.getState().scenario).toEqual(sampleScenario());
    expect(store.getState().notice).toBeNull();
  });

  it('saves every edit, with the record version and a revision, and a reload finds it intact', () => {
    const mem = memoryStorage();
    const first = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'a' });
    first.getState().edit(rename('Renamed plan'));
    const saved = savedRecord(mem.items);
    expect(saved.version).toBe(STORE_VERSION);
    expect(saved.state).toEqual({ scenario: { ...sampleScenario(), title: 'Renamed plan' } });
    expect(saved).toMatchObject({ revision: 1, writer: 'a' });
    first.getState().edit(rename('Again'));
    expect(savedRecord(mem.items).revision).toBe(2);

    const reloaded = createScenarioStore({ storage: mem.storage, now: Date.now });
    expect(reloaded.getState().scenario.title).toBe('Again');
    expect(reloaded.getState().scenario).toEqual(first.getState().scenario);
    reloaded.getState().edit(rename('Third'));
    expect(savedRecord(mem.items).revision).toBe(3);
  });

  it('opens a record saved before revisions existed (version 1, no revision)', () => {
    const raw = JSON.stringify({
      state: { scenario: { ...sampleScenario(), title: 'Old' } },
      version: 1,
    });
    const store = createScenarioStore({
      storage: memoryStorage({ [STORAGE_KEY]: raw }).storage,
      now: Date.now,
    });
    expect(store.getState().scenario.title).toBe('Old');
    expect(store.getState().notice).toBeNull();
  });

  it('persists the document only: no history, no quote', () => {
    const mem = memoryStorage();
    const store = createScenarioStore({ storage: mem.storage, now: Date.now });
    store.getState().edit(rename('A'));
    expect(Object.keys(savedRecord(mem.items).state)).toEqual(['scenario']);
  });

  it('re-validates what storage held: a damaged document is copied aside, the sample opens, and the user is told', () => {
    const damaged = { ...sampleScenario(), horizonMonths: 'forever' };
    const raw = JSON.stringify({ state: { scenario: damaged }, version: STORE_VERSION });
    const mem = memoryStorage({ [STORAGE_KEY]: raw });
    const store = createScenarioStore({ storage: mem.storage, now: () => 0 });
    const { notice, scenario } = store.getState();
    expect(scenario).toEqual(sampleScenario());
    if (notice?.kind !== 'recovered') throw new Error('expected a recovery notice');
    expect(notice.key).toBe(`${RECOVERY_KEY_PREFIX}${hashText(raw)}`);
    expect(notice.problems.map((p) => p.path)).toEqual(['horizonMonths']);
    // nothing the user made is lost: the copy and the download are the exact text
    expect(mem.items.get(notice.key!)).toBe(raw);
    expect(notice.raw).toBe(raw);
    // the original stays until a replacement is written (its copy exists, so one may be)
    expect(mem.items.get(STORAGE_KEY)).toBe(raw);
  });

  it('keeps aside a state saved by a newer version of the app, and says so', () => {
    const raw = JSON.stringify({
      state: { scenario: sampleScenario() },
      version: STORE_VERSION + 1,
    });
    const mem = memoryStorage({ [STORAGE_KEY]: raw });
    const store = createScenarioStore({ storage: mem.storage, now: () => 0 });
    const { notice } = store.getState();
    if (notice?.kind !== 'recovered') throw new Error('expected a recovery notice');
    expect(notice.reason).toMatch(/saved by a newer version of the app/);
    expect(notice.reason).not.toMatch(/\.\.$/);
    expect(mem.items.get(notice.key!)).toBe(raw);
  });

  it('keeps aside a scenario of a newer schemaVersion inside a current record', () => {
    const raw = JSON.stringify({
      state: { scenario: { ...sampleScenario(), schemaVersion: 99 } },
      version: STORE_VERSION,
    });
    const store = createScenarioStore({
      storage: memoryStorage({ [STORAGE_KEY]: raw }).storage,
      now: () => 0,
    });
    const { notice } = store.getState();
    if (notice?.kind !== 'recovered') throw new Error('expected a recovery notice');
    expect(notice.reason).toMatch(/^This scenario was saved by a newer version of the app/);
  });

  it('keeps aside a saved value that is not JSON at all, and opens the sample', () => {
    const raw = '{"state": {"scenario": {"title": "half-writ';
    const mem = memoryStorage({ [STORAGE_KEY]: raw });
    const store = createScenarioStore({ storage: mem.storage, now: () => 0 });
    const { notice, scenario } = store.getState();
    expect(scenario).toEqual(sampleScenario());
    if (notice?.kind !== 'recovered') throw new Error('expected a recovery notice');
    expect(notice.reason).toMatch(/not valid JSON/);
    expect(mem.items.get(notice.key!)).toBe(raw);
  });

  it('keeps one recovered copy per distinct save, however often the page reloads', () => {
    const raw = '{"state": {"scenario": {"title": "half-writ';
    const mem = memoryStorage({ [STORAGE_KEY]: raw });
    for (let i = 0; i < 5; i++) createScenarioStore({ storage: mem.storage, now: () => i * 1000 });
    const copies = [...mem.items.keys()].filter((k) => k.startsWith(RECOVERY_KEY_PREFIX));
    expect(copies).toHaveLength(1);
    // a different damaged save gets a copy of its own
    mem.items.set(STORAGE_KEY, `${raw}!`);
    createScenarioStore({ storage: mem.storage, now: () => 0 });
    expect([...mem.items.keys()].filter((k) => k.startsWith(RECOVERY_KEY_PREFIX))).toHaveLength(2);
  });

  it('keeps the edit and tells the user when the browser refuses to save, then clears the message once it saves', () => {
    const mem = memoryStorage();
    const store = createScenarioStore({ storage: mem.storage, now: Date.now });
    store.getState().edit(rename('Saved'));
    mem.fill();
    store.getState().edit(rename('Too big to save, and then some more text'));
    expect(store.getState().scenario.title).toMatch(/^Too big/);
    const { notice } = store.getState();
    if (notice?.kind !== 'storage') throw new Error('expected a storage notice');
    expect(notice.message).toMatch(/could not be saved.*storage is full/i);
    // the last save is still there, whole
    expect((savedRecord(mem.items).state.scenario as { title: string }).title).toBe('Saved');
    mem.free();
    store.getState().edit(rename('Saved at last'));
    expect(store.getState().notice).toBeNull(); // the message would no longer be true
    expect((savedRecord(mem.items).state.scenario as { title: string }).title).toBe(
      'Saved at last',
    );
  });
});

describe('a full storage and a save that cannot be opened (issue 11, finding 1)', () => {
  it('keeps the original where it is, says so truthfully, and the download is the exact text', () => {
    const raw = newerSave();
    const mem = quotaStorage({ [STORAGE_KEY]: raw, 'other-app-data': 'x'.repeat(1000) });
    mem.fill(); // no room for a copy
    const before = mem.snapshot();
    const store = createScenarioStore({ storage: mem.storage, now: () => 0 });
    const { notice } = store.getState();
    if (notice?.kind !== 'recovered') throw new Error('expected a recovery notice');
    expect(notice.key).toBeNull(); // no claim of a copy that does not exist
    expect(notice.raw).toBe(raw);
    expect(notice.reason).toMatch(/saved by a newer version of the app/);

    // edits stay in the tab and are never written over the original
    store.getState().edit(rename('Work in this tab'));
    store.getState().edit(rename('More work in this tab'));
    expect(mem.snapshot()).toEqual(before);
    // reloads do not add copies either
    createScenarioStore({ storage: mem.storage, now: () => 1 });
    expect(mem.snapshot()).toEqual(before);
  });

  it('makes the copy as soon as there is room, and then saves the work', () => {
    const raw = newerSave(10);
    const mem = quotaStorage({ [STORAGE_KEY]: raw });
    mem.fill();
    const store = createScenarioStore({ storage: mem.storage, now: () => 0 });
    store.getState().edit(rename('Mine'));
    expect(mem.items.get(STORAGE_KEY)).toBe(raw);
    mem.free();
    store.getState().edit(rename('Mine, saved'));
    const notice = store.getState().notice;
    if (notice?.kind !== 'recovered') throw new Error('expected a recovery notice');
    expect(notice.key).not.toBeNull();
    expect(mem.items.get(notice.key!)).toBe(raw);
    expect((savedRecord(mem.items).state.scenario as { title: string }).title).toBe('Mine, saved');
  });

  it('saves over it only when the user chooses to', () => {
    const raw = newerSave(10);
    const mem = quotaStorage({ [STORAGE_KEY]: raw });
    mem.fill();
    const store = createScenarioStore({ storage: mem.storage, now: () => 0 });
    store.getState().edit(rename('Mine'));
    mem.free(); // room now, but the user chooses before the next edit
    store.getState().saveOverUnopened();
    expect((savedRecord(mem.items).state.scenario as { title: string }).title).toBe('Mine');
    expect(store.getState().notice).toBeNull();
  });

  it('never loses the last good save when storage fills while editing', () => {
    const mem = quotaStorage();
    const store = createScenarioStore({ storage: mem.storage, now: Date.now });
    store.getState().edit(rename('Good'));
    const good = mem.items.get(STORAGE_KEY);
    mem.fill();
    for (let i = 0; i < 20; i++) {
      store.getState().edit((s) => ({ ...s, title: `Bigger title ${'x'.repeat(i * 10)}` }));
    }
    expect(mem.items.get(STORAGE_KEY)).toBe(good);
    expect(store.getState().notice?.kind).toBe('storage');
  });

  it('never writes over storage that could not be read', () => {
    let written = false;
    const store = createScenarioStore({
      storage: {
        getItem: () => {
          throw new DOMException('denied', 'SecurityError');
        },
        setItem: () => void (written = true),
        removeItem: () => undefined,
      },
      now: Date.now,
    });
    expect(store.getState().notice?.kind).toBe('storage');
    store.getState().edit(rename('x'));
    expect(written).toBe(false);
  });
});

describe('two tabs on one scenario (issue 11, finding 3)', () => {
  it('does not save over another tab’s newer save: it asks, and Keep mine saves this tab’s', () => {
    const mem = memoryStorage();
    const a = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'a' });
    const b = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'b' });
    a.getState().edit(rename('Edited in A'));
    b.getState().edit(rename('Edited in B'));
    // B was told, and A's save is still there
    expect(b.getState().conflict?.theirs?.title).toBe('Edited in A');
    expect((savedRecord(mem.items).state.scenario as { title: string }).title).toBe('Edited in A');
    // nothing is saved while the choice waits
    b.getState().edit(rename('Edited in B again'));
    expect(savedRecord(mem.items).writer).toBe('a');
    b.getState().keepMine();
    expect(b.getState().conflict).toBeNull();
    expect(savedRecord(mem.items)).toMatchObject({ writer: 'b', revision: 2 });
    // A is told in its turn (the storage event)
    a.getState().checkOtherTabs();
    expect(a.getState().conflict?.theirs?.title).toBe('Edited in B again');
  });

  it('Load their version opens theirs, and Undo brings this tab’s back', () => {
    const mem = memoryStorage();
    const a = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'a' });
    const b = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'b' });
    b.getState().edit(rename('Mine in B'));
    a.getState().edit(rename('Theirs from A')); // A is told: B saved first
    expect(a.getState().conflict).not.toBeNull();
    a.getState().loadTheirs();
    expect(a.getState().scenario.title).toBe('Mine in B');
    expect(a.getState().conflict).toBeNull();
    a.getState().undo();
    expect(a.getState().scenario.title).toBe('Theirs from A');
    // and A saves again normally, on top of B's save
    expect(savedRecord(mem.items).writer).toBe('a');
    expect((savedRecord(mem.items).state.scenario as { title: string }).title).toBe(
      'Theirs from A',
    );
  });

  it('shows the newest of the other tab’s saves while the choice waits', () => {
    const mem = memoryStorage();
    const a = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'a' });
    const b = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'b' });
    a.getState().edit(rename('First in A'));
    b.getState().checkOtherTabs();
    a.getState().edit(rename('Second in A'));
    b.getState().checkOtherTabs();
    expect(b.getState().conflict?.theirs?.title).toBe('Second in A');
    b.getState().loadTheirs();
    b.getState().edit(rename('B builds on A'));
    expect(savedRecord(mem.items)).toMatchObject({ writer: 'b', revision: 3 });
  });

  it('tells an idle tab when the other saves, and says nothing when the document is the same', () => {
    const mem = memoryStorage();
    const a = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'a' });
    const b = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'b' });
    a.getState().edit(rename('Changed in A'));
    b.getState().checkOtherTabs();
    expect(b.getState().conflict?.savedAt).toEqual(expect.any(String));
    b.getState().loadTheirs();
    a.getState().edit(rename('Changed in A')); // same title: no change, no save
    b.getState().checkOtherTabs();
    expect(b.getState().conflict).toBeNull();
  });
});

describe('a save after the edit is rendered (the app passes a timer)', () => {
  /** A scheduler run by hand, like the app's zero-delay timer. */
  function manual() {
    const waiting: (() => void)[] = [];
    return {
      schedule: (run: () => void) => void waiting.push(run),
      runAll: () => waiting.splice(0).forEach((run) => run()),
      get count() {
        return waiting.length;
      },
    };
  }

  it('writes nothing during the edit, then the newest scenario in one write', () => {
    const mem = memoryStorage();
    const timer = manual();
    const store = createScenarioStore({ storage: mem.storage, now: Date.now, ...timer });
    store.getState().edit(rename('One'));
    store.getState().edit(rename('Two'));
    expect(mem.items.has(STORAGE_KEY)).toBe(false);
    expect(timer.count).toBe(1);
    timer.runAll();
    expect(savedRecord(mem.items).state.scenario).toMatchObject({ title: 'Two' });
    expect(savedRecord(mem.items).revision).toBe(1);
  });

  it('flush writes a waiting save at once (the page is hidden or closed)', () => {
    const mem = memoryStorage();
    const timer = manual();
    const store = createScenarioStore({ storage: mem.storage, now: Date.now, ...timer });
    store.getState().edit(rename('Before closing'));
    store.getState().flush();
    expect(savedRecord(mem.items).state.scenario).toMatchObject({ title: 'Before closing' });
    timer.runAll(); // the timer then has nothing left to do
    expect(savedRecord(mem.items).revision).toBe(1);
  });

  it('another tab saving between the edit and its save is still never written over', () => {
    const mem = memoryStorage();
    const a = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'a' });
    const timer = manual();
    const b = createScenarioStore({ storage: mem.storage, now: Date.now, tabId: 'b', ...timer });
    b.getState().edit(rename('Edited in B'));
    a.getState().edit(rename('Edited in A'));
    timer.runAll();
    expect(savedRecord(mem.items).state.scenario).toMatchObject({ title: 'Edited in A' });
    expect(b.getState().conflict?.theirs?.title).toBe('Edited in A');
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
