import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '../../src/state/store';
import { ScenarioSchema } from '../../src/engine/index';
import {
  createLibraryStore,
  LIBRARY_KEY,
  LIBRARY_VERSION,
  loadLibrary,
} from '../../src/state/library';
import { sampleScenario } from '../../src/state/sample';
import { createScenarioStore } from '../../src/state/store';
import { scenarioMigrations } from '../../src/state/formats';
import { nextVersionFormat } from './support/next-version';
import { quotaStorage } from './support/storage';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  let full = false;
  const storage: KeyValueStorage = {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => {
      if (full && name === LIBRARY_KEY) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      items.set(name, value);
    },
    removeItem: (name) => void items.delete(name),
  };
  return { storage, items, fill: (f = true) => (full = f) };
}

function setup(initial: Record<string, string> = {}) {
  const mem = memoryStorage(initial);
  const scenarios = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
  let n = 0;
  const make = () =>
    createLibraryStore({
      storage: mem.storage,
      now: () => Date.UTC(2026, 10, 22, 12),
      scenarios,
      newId: () => `id-${++n}`,
    });
  return { mem, scenarios, library: make(), reload: make };
}

const titled = (title: string) => ({ ...sampleScenario(), title });

describe('the scenario library', () => {
  it('saves the open scenario under a name, and a reload finds it', () => {
    const { mem, scenarios, library, reload } = setup();
    scenarios.getState().replace(titled('Plan A'));
    const entry = library.getState().saveCurrentAs('  First   plan ');
    expect(entry).toMatchObject({ name: 'First plan', savedAt: '2026-11-22T12:00:00.000Z' });
    expect(entry.scenario.title).toBe('Plan A');
    const stored = JSON.parse(mem.items.get(LIBRARY_KEY)!) as { version: number };
    expect(stored.version).toBe(LIBRARY_VERSION);
    expect(reload().getState().entries).toEqual([entry]);
  });

  it('opens an entry as the working scenario, undoably', () => {
    const { scenarios, library } = setup();
    const saved = library.getState().saveScenarioAs('B', titled('Plan B'));
    const before = scenarios.getState().scenario;
    expect(library.getState().open(saved.id)).toBe(true);
    expect(scenarios.getState().scenario.title).toBe('Plan B');
    scenarios.getState().undo();
    expect(scenarios.getState().scenario).toBe(before);
    expect(library.getState().open('nope')).toBe(false);
  });

  it('updates, duplicates and renames', () => {
    const { scenarios, library } = setup();
    const a = library.getState().saveCurrentAs('A');
    library.getState().saveCurrentAs('B');
    scenarios.getState().replace(titled('Edited'));
    library.getState().update(a.id);
    expect(library.getState().entries[0]!.scenario.title).toBe('Edited');
    const copy = library.getState().duplicate(a.id)!;
    expect(copy.name).toBe('A (copy)');
    expect(library.getState().entries.map((e) => e.name)).toEqual(['A', 'A (copy)', 'B']);
    library.getState().rename(copy.id, '<script>x</script>');
    expect(library.getState().entries[1]!.name).toBe('<script>x</script>');
    library.getState().rename(copy.id, '   ');
    expect(library.getState().entries[1]!.name).toBe('<script>x</script>');
  });

  it('deletes with undo, back in its place', () => {
    const { library, reload } = setup();
    library.getState().saveCurrentAs('A');
    const b = library.getState().saveCurrentAs('B');
    library.getState().saveCurrentAs('C');
    library.getState().remove(b.id);
    expect(library.getState().entries.map((e) => e.name)).toEqual(['A', 'C']);
    expect(library.getState().lastDeleted?.entry.name).toBe('B');
    expect(reload().getState().entries).toHaveLength(2);
    library.getState().undoDelete();
    expect(library.getState().entries.map((e) => e.name)).toEqual(['A', 'B', 'C']);
    expect(library.getState().lastDeleted).toBeNull();
    expect(reload().getState().entries).toHaveLength(3);
  });

  it('keeps the entry in memory and says so when storage is full, then recovers', () => {
    const { mem, library, reload } = setup();
    library.getState().saveCurrentAs('A');
    mem.fill();
    const b = library.getState().saveCurrentAs('B');
    expect(library.getState().entries.map((e) => e.name)).toEqual(['A', 'B']);
    const message = library.getState().message;
    expect(message).toMatchObject({ kind: 'not-saved', entryId: b.id });
    expect(message?.message).toMatch(/storage is full/);
    expect(message?.message).toMatch(/download/i);
    expect(reload().getState().entries).toHaveLength(1);
    mem.fill(false);
    library.getState().rename(b.id, 'B2');
    expect(library.getState().message).toBeNull();
    expect(reload().getState().entries).toHaveLength(2);
  });

  it('works, unsaved, when storage cannot even be read, and never overwrites it', () => {
    const scenarios = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
    let written = false;
    const library = createLibraryStore({
      storage: {
        getItem: () => {
          throw new DOMException('denied', 'SecurityError');
        },
        setItem: () => void (written = true),
        removeItem: () => undefined,
      },
      now: Date.now,
      scenarios,
    });
    expect(library.getState().message?.kind).toBe('not-saved');
    library.getState().saveCurrentAs('A');
    expect(library.getState().entries).toHaveLength(1);
    expect(written).toBe(false);
  });

  it('re-validates on load: a damaged entry is kept aside and reported, the others open', () => {
    const good = {
      id: 'g',
      name: 'Good',
      savedAt: '2026-01-01T00:00:00.000Z',
      scenario: sampleScenario(),
    };
    const bad = {
      ...good,
      id: 'b',
      name: 'Bad',
      scenario: { ...sampleScenario(), horizonMonths: -1 },
    };
    const raw = JSON.stringify({ version: 1, state: { entries: [good, bad, 42] } });
    const { library, reload } = setup({ [LIBRARY_KEY]: raw });
    const s = library.getState();
    expect(s.entries.map((e) => e.name)).toEqual(['Good']);
    expect(s.damaged).toHaveLength(2);
    expect(s.damaged[0]).toMatchObject({ name: 'Bad' });
    expect(s.damaged[0]!.problems.map((p) => p.path)).toContain('scenario.horizonMonths');
    expect(JSON.parse(s.damaged[0]!.raw)).toEqual(bad);
    expect(s.message?.kind).toBe('damaged');
    // kept across saves and reloads until discarded
    library.getState().saveCurrentAs('New');
    const again = reload().getState();
    expect(again.damaged.map((d) => d.name)).toEqual(['Bad', 'entry 3']);
    expect(again.message).toBeNull(); // reported once, when found
    library.getState().discardDamaged(s.damaged[0]!.id);
    expect(library.getState().damaged).toHaveLength(1);
  });

  it('keeps aside a library that is not JSON or from a newer version', () => {
    for (const raw of [
      '{nope',
      JSON.stringify({ version: LIBRARY_VERSION + 1, state: { entries: [] } }),
    ]) {
      const { library } = setup({ [LIBRARY_KEY]: raw });
      expect(library.getState().entries).toEqual([]);
      expect(library.getState().damaged[0]!.raw).toBe(raw);
      expect(library.getState().message?.kind).toBe('damaged');
    }
  });

  it('fuzz: any stored text loads without throwing, into valid entries or kept-aside ones', () => {
    const good = JSON.stringify({
      version: 1,
      state: {
        entries: [
          { id: 'g', name: 'G', savedAt: '2026-01-01T00:00:00.000Z', scenario: sampleScenario() },
        ],
      },
    });
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.nat({ max: good.length }).map((n) => good.slice(0, n)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ version: 1, state: v })),
      fc
        .jsonValue({ maxDepth: 3 })
        .map((v) => JSON.stringify({ version: 1, state: { entries: [v] } })),
    );
    fc.assert(
      fc.property(text, (raw) => {
        const loaded = loadLibrary(raw);
        for (const e of loaded.entries) {
          expect(ScenarioSchema.safeParse(e.scenario).success).toBe(true);
        }
        // nothing is dropped: a stored entry opens or is kept aside
        let stored: unknown = null;
        try {
          stored = JSON.parse(raw);
        } catch {
          stored = null;
        }
        const list = (stored as { state?: { entries?: unknown } } | null)?.state?.entries;
        if (Array.isArray(list)) {
          expect(loaded.entries.length + loaded.damaged.length).toBeGreaterThanOrEqual(list.length);
        } else if (raw !== '') {
          expect(loaded.damaged.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the library in two tabs (issue 11, finding 3)', () => {
  /** Two tabs of one browser: two library stores on one storage, with distinct ids. */
  function twoTabs() {
    const mem = memoryStorage();
    const scenarios = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
    let n = 0;
    let t = Date.UTC(2026, 10, 22, 12);
    const tab = (name: string) =>
      createLibraryStore({
        storage: mem.storage,
        now: () => (t += 1000),
        scenarios,
        newId: () => `${name}-${++n}`,
      });
    return { mem, scenarios, a: tab('a'), b: tab('b'), reload: () => tab('r') };
  }
  const names = (lib: { getState(): { entries: readonly { name: string }[] } }) =>
    lib.getState().entries.map((e) => e.name);

  it('two saves at the same moment keep both entries', () => {
    const { a, b, reload } = twoTabs();
    a.getState().saveScenarioAs('From A', titled('A'));
    b.getState().saveScenarioAs('From B', titled('B')); // B never saw A's entry
    expect(names(reload())).toEqual(['From A', 'From B']);
    expect(names(b)).toEqual(['From A', 'From B']);
  });

  it('a duplicate in one tab while deleting in the other neither brings back nor loses an entry', () => {
    const { a, b, reload } = twoTabs();
    const x = a.getState().saveScenarioAs('X', titled('X'));
    a.getState().saveScenarioAs('Y', titled('Y'));
    b.setState({ entries: a.getState().entries }); // B shows the library before the delete…
    a.getState().remove(x.id); // …A deletes X…
    b.getState().duplicate(x.id); // …and B, still showing X, duplicates it
    expect(names(reload())).toEqual(['Y', 'X (copy)']);
  });

  it('a delete in one tab and a rename in the other both hold', () => {
    const { a, b, reload } = twoTabs();
    const x = a.getState().saveScenarioAs('X', titled('X'));
    const y = a.getState().saveScenarioAs('Y', titled('Y'));
    b.setState({ entries: a.getState().entries });
    a.getState().remove(x.id);
    b.getState().rename(y.id, 'Y renamed');
    expect(names(reload())).toEqual(['Y renamed']);
  });

  it('saving over an entry another tab saved since keeps both versions', () => {
    const { scenarios, a, b, reload } = twoTabs();
    const x = a.getState().saveScenarioAs('X', titled('X'));
    b.setState({ entries: a.getState().entries });
    scenarios.getState().replace(titled('Saved from A'));
    a.getState().update(x.id);
    scenarios.getState().replace(titled('Saved from B'));
    b.getState().update(x.id); // B's copy of X is stale
    const entries = reload().getState().entries;
    expect(entries.map((e) => e.scenario.title)).toEqual(['Saved from A', 'Saved from B']);
    expect(entries[1]!.name).toMatch(/X \(saved in another tab too\)/);
  });

  it('an entry that could not be saved stays in the tab, is reported unsaved, and is written with the next save', () => {
    const { mem, a, b, reload } = twoTabs();
    a.getState().saveScenarioAs('A1', titled('A1'));
    mem.fill();
    const unsaved = a.getState().saveScenarioAs('A2', titled('A2'));
    expect(a.getState().unsaved).toEqual([unsaved.id]);
    expect(names(reload())).toEqual(['A1']);
    mem.fill(false);
    b.getState().saveScenarioAs('B1', titled('B1')); // another tab writes meanwhile
    a.getState().follow(mem.items.get(LIBRARY_KEY)!);
    expect(names(a)).toEqual(['A1', 'B1', 'A2']); // theirs taken, ours still on top
    a.getState().rename(unsaved.id, 'A2 named');
    expect(a.getState().unsaved).toEqual([]);
    expect(names(reload())).toEqual(['A1', 'B1', 'A2 named']);
  });

  it('no byte of the library is lost when storage is full (a quota stub)', () => {
    const q = quotaStorage();
    const scenarios = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
    const lib = createLibraryStore({ storage: q.storage, now: Date.now, scenarios });
    lib.getState().saveScenarioAs('Kept', titled('Kept'));
    const before = q.items.get(LIBRARY_KEY);
    q.fill();
    const tooMuch = lib.getState().saveScenarioAs('Too much', titled('Too much'));
    const kept = lib.getState().entries[0]!.id;
    lib.getState().remove(kept);
    expect(q.items.get(LIBRARY_KEY)).toBe(before);
    expect(lib.getState().message?.kind).toBe('not-saved');
    expect(lib.getState().message?.message).toMatch(/storage is full/);
    // the deletion counts as unsaved too, so the page does not say "Deleted" yet
    expect([...lib.getState().unsaved].sort()).toEqual([kept, tooMuch.id].sort());
    // a test's reset drops what was not written and shows what storage holds
    lib.getState().forgetUnsaved();
    expect(lib.getState().unsaved).toEqual([]);
    expect(lib.getState().entries.map((e) => e.name)).toEqual(['Kept']);
    q.free();
    lib.getState().rename(kept, 'Kept, renamed');
    expect(names(createLibraryStore({ storage: q.storage, now: Date.now, scenarios }))).toEqual([
      'Kept, renamed',
    ]);
  });
});

describe('a library entry of version 1 after a version bump (ADR 020)', () => {
  it('opens through the injected next version', () => {
    const { mem, library } = setup();
    library.getState().saveScenarioAs('Old plan', titled('Old plan'));
    const format = nextVersionFormat();
    const scenarios = createScenarioStore({ storage: memoryStorage().storage, now: Date.now });
    const after = createLibraryStore({ storage: mem.storage, now: Date.now, scenarios, format });
    expect(after.getState().damaged).toEqual([]);
    expect(after.getState().entries.map((e) => e.scenario)).toEqual([titled('Old plan')]);
    expect(format.ran).toEqual([scenarioMigrations.current]);
  });
});
