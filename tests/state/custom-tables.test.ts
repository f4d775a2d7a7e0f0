import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { problemTotal } from '../../src/engine/index';
import { bundledRegistry } from '../../src/price-tables/bundled';
import { findTable } from '../../src/price-tables/registry';
import { scenarioStore } from '../../src/state/app-store';
import {
  CUSTOM_TABLES_DAMAGED_KEY,
  CUSTOM_TABLES_KEY,
  createCustomTablesStore,
  followOtherTabs,
  loadCustomTable,
  MAX_TABLE_BYTES,
  type KeyValueStorage,
} from '../../src/state/custom-tables';
import { createQuoteSelector } from '../../src/state/quote';
import { sampleScenario } from '../../src/state/sample';
import { quotaStorage } from './support/storage';

const sampleText = readFileSync(
  new URL('../../pricing-data/tr7-service-provider/USD/2026.11.json', import.meta.url),
  'utf8',
);
const sample = JSON.parse(sampleText) as Record<string, unknown>;
const vendor = (changes: Record<string, unknown> = {}) =>
  JSON.stringify({ ...sample, version: 'acme-2027.01', vendorName: 'Acme', ...changes }, null, 2);

function memory(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

beforeEach(() => {
  scenarioStore.setState({ scenario: sampleScenario() });
});

describe('loadCustomTable', () => {
  it('accepts a valid vendor table and marks it custom', () => {
    const result = loadCustomTable('acme.json', vendor(), bundledRegistry);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entry.custom).toBe(true);
    expect(result.entry.source).toBe('acme.json');
    expect(result.entry.table.version).toBe('acme-2027.01');
  });

  it('lists every schema error by its JSON path', () => {
    const broken = JSON.parse(vendor()) as {
      currency: string;
      service: { fixedTerm: { monthlyList: Record<string, Record<string, unknown>> } };
      platform: { appliances: { price: unknown }[] };
    };
    broken.currency = 'dollars';
    broken.service.fixedTerm.monthlyList.advanced!['1g'] = 1250;
    broken.platform.appliances[1]!.price = '-x';
    delete (broken.service.fixedTerm.monthlyList.premium as Record<string, unknown>)['5g'];
    const result = loadCustomTable('broken.json', JSON.stringify(broken), bundledRegistry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'currency',
        'service.fixedTerm.monthlyList.advanced.1g',
        'platform.appliances[1].price',
      ]),
    );
    expect(result.problems.find((p) => p.path === 'currency')?.message).toMatch(/ISO 4217/);
  });

  it('reports cross-field errors with their paths once the shape is right', () => {
    const broken = JSON.parse(vendor()) as {
      service: { fixedTerm: { monthlyList: Record<string, Record<string, unknown>> } };
    };
    delete broken.service.fixedTerm.monthlyList.premium!['5g'];
    const result = loadCustomTable('broken.json', JSON.stringify(broken), bundledRegistry);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: 'service.fixedTerm.monthlyList.premium.5g',
          message: 'bundle "premium" on bandwidth "5g" has no fixed-term monthly price',
        },
      ],
    });
  });

  it('refuses a table with a negative price, naming the price (issue 11, finding 6)', () => {
    const doc = JSON.parse(vendor()) as {
      service: { fixedTerm: { monthlyList: Record<string, Record<string, string>> } };
    };
    doc.service.fixedTerm.monthlyList.essential!['1g'] = '-820.00';
    const result = loadCustomTable('credit.json', JSON.stringify(doc), bundledRegistry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: 'service.fixedTerm.monthlyList.essential.1g',
        message: expect.stringMatching(/at least 0/) as unknown as string,
      },
    ]);
  });

  it('lists at most 50 problems of a broken table, the last counting the rest (finding 6)', () => {
    // every price written as a number instead of a string: one problem per price
    const text = vendor().replace(/"(-?\d+\.\d+)"/g, '$1');
    const result = loadCustomTable('numbers.json', text, bundledRegistry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const prices = (vendor().match(/"(-?\d+\.\d+)"/g) ?? []).length;
    expect(prices).toBeGreaterThan(50);
    expect(result.problems).toHaveLength(50);
    expect(result.problems[49]!.message).toMatch(/^and \d+ more problems/);
    expect(problemTotal(result.problems)).toBeGreaterThanOrEqual(prices);
  });

  it('refuses the identity of a bundled table', () => {
    const result = loadCustomTable('copy.json', sampleText, bundledRegistry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ path: 'version' });
    expect(result.problems[0]!.message).toMatch(/bundled price table/);
  });

  it('gives the position of a JSON syntax error (a truncated file)', () => {
    const text = vendor();
    const result = loadCustomTable('cut.json', text.slice(0, text.length / 2), bundledRegistry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.message).toMatch(/not valid JSON/);
  });

  it('refuses an oversized file without parsing it', () => {
    const text = `${vendor()}${' '.repeat(MAX_TABLE_BYTES)}`;
    const result = loadCustomTable('big.json', text, bundledRegistry);
    expect(result).toMatchObject({ ok: false, problems: [{ path: '' }] });
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/larger than 5 MB/);
  });

  it('refuses wrong types and empty files with a clear message', () => {
    for (const text of ['', '   ', '[]', '42', 'null', '"table"', '{}']) {
      const result = loadCustomTable('x.json', text, bundledRegistry);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
    }
  });

  it('refuses __proto__ keys and never pollutes Object.prototype', () => {
    const text = vendor().replace(
      '"apps": {',
      '"apps": { "__proto__": { "polluted": "yes" }, "childApps2": { "constructor": { "prototype": { "polluted": "yes" } } },',
    );
    const result = loadCustomTable('evil.json', text, bundledRegistry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['apps.__proto__', 'apps.childApps2.constructor']),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keeps markup in names as text', () => {
    const text = vendor({ vendorName: '<script>alert(1)</script>' });
    const result = loadCustomTable('x.json', text, bundledRegistry);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.entry.table.vendorName).toBe('<script>alert(1)</script>');
  });

  it('refuses very deep nesting without overflowing the stack', () => {
    const text = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const result = loadCustomTable('deep.json', text, bundledRegistry);
    expect(result.ok).toBe(false);
  });
});

describe('fuzzing loadCustomTable', () => {
  it('turns any string into a table or problems, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const result = loadCustomTable('fuzz.json', text, bundledRegistry);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) expect(typeof p.message).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('turns mutated valid tables into a table or problems with paths, never an exception', () => {
    const base = vendor();
    const before = scenarioStore.getState().scenario;
    const values = fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.string(),
      fc.constant('__proto__'),
      fc.constant({}),
      fc.constant([]),
      fc.constant('-1.5'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), values), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (mutations, cut) => {
          const doc = JSON.parse(base) as unknown;
          for (const [pick, value] of mutations) mutate(doc, pick, value);
          let text = JSON.stringify(doc);
          if (cut % 5 === 0) text = text.slice(0, cut % text.length);
          const store = createCustomTablesStore({ storage: memory(), bundled: bundledRegistry });
          const result = store.getState().add('fuzz.json', text);
          if (result.ok) expect(store.getState().entries).toHaveLength(1);
          else {
            expect(result.problems.length).toBeGreaterThan(0);
            expect(store.getState().entries).toHaveLength(0);
          }
          expect(scenarioStore.getState().scenario).toBe(before);
          expect(Object.prototype).not.toHaveProperty('polluted');
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Replaces one value somewhere in `doc`, chosen by `pick`, with `value`. */
function mutate(doc: unknown, pick: number, value: unknown): void {
  const slots: { parent: Record<string | number, unknown>; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      const k = Array.isArray(node) ? Number(key) : key;
      slots.push({ parent: node as Record<string | number, unknown>, key: k });
      walk((node as Record<string, unknown>)[key]);
    }
  };
  walk(doc);
  const slot = slots[pick % slots.length];
  if (slot) slot.parent[slot.key] = value;
}

describe('the custom tables store', () => {
  it('adds a table to the registry, saves it and reads it back', () => {
    const storage = memory();
    const store = createCustomTablesStore({ storage, bundled: bundledRegistry });
    const registryBefore = store.getState().registry;
    expect(registryBefore).toBe(bundledRegistry);
    const result = store.getState().add('acme.json', vendor());
    expect(result.ok).toBe(true);
    const registry = store.getState().registry;
    expect(registry).not.toBe(registryBefore);
    const id = { product: 'tr7-service-provider', currency: 'USD', version: 'acme-2027.01' };
    expect(findTable(registry, id)?.custom).toBe(true);
    expect(registry.entries.filter((e) => e.custom)).toHaveLength(1);
    expect(JSON.parse(storage.items.get(CUSTOM_TABLES_KEY)!)).toMatchObject({
      version: 1,
      tables: [{ name: 'acme.json' }],
    });

    const again = createCustomTablesStore({ storage, bundled: bundledRegistry });
    expect(findTable(again.getState().registry, id)?.custom).toBe(true);
    expect(again.getState().notice).toBeNull();

    // the same identity twice is refused
    expect(store.getState().add('acme.json', vendor()).ok).toBe(false);

    store.getState().remove(id);
    expect(findTable(store.getState().registry, id)).toBeNull();
    expect(storage.items.has(CUSTOM_TABLES_KEY)).toBe(false);
  });

  it('keeps the registry object while nothing changes (quote caching by identity)', () => {
    const store = createCustomTablesStore({ storage: memory(), bundled: bundledRegistry });
    store.getState().add('acme.json', vendor());
    const registry = store.getState().registry;
    store.getState().add('broken.json', '{');
    store.getState().dismissNotice();
    expect(store.getState().registry).toBe(registry);
  });

  it('prices a scenario on a custom table', () => {
    const store = createCustomTablesStore({ storage: memory(), bundled: bundledRegistry });
    store.getState().add('acme.json', vendor());
    const scenario = {
      ...sampleScenario(),
      priceTable: { product: 'tr7-service-provider', currency: 'USD', version: 'acme-2027.01' },
    };
    const result = createQuoteSelector()(scenario, store.getState().registry, '2026-11-22');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.table.custom).toBe(true);
  });

  it('prices nothing from a table another tab removed, and shows one another tab loaded', () => {
    const { storage } = quotaStorage();
    const a = createCustomTablesStore({ storage, bundled: bundledRegistry });
    const b = createCustomTablesStore({ storage, bundled: bundledRegistry });
    const target = new EventTarget();
    const stop = followOtherTabs(target as unknown as Window, b);
    a.getState().add('acme.json', vendor());
    target.dispatchEvent(
      Object.assign(new Event('storage'), {
        key: CUSTOM_TABLES_KEY,
        newValue: storage.getItem(CUSTOM_TABLES_KEY),
      }),
    );
    expect(b.getState().entries.map((e) => e.table.version)).toEqual(['acme-2027.01']);
    a.getState().remove(ACME);
    target.dispatchEvent(
      Object.assign(new Event('storage'), { key: CUSTOM_TABLES_KEY, newValue: null }),
    );
    expect(b.getState().entries).toEqual([]);
    stop();
  });
});

const ACME = { product: 'tr7-service-provider', currency: 'USD', version: 'acme-2027.01' };
const BETA = { product: 'tr7-service-provider', currency: 'USD', version: 'beta-2027.02' };
const GAMMA = { product: 'tr7-service-provider', currency: 'USD', version: 'gamma-2027.03' };
const beta = () => vendor({ version: BETA.version, vendorName: 'Beta' });
const gamma = () => vendor({ version: GAMMA.version, vendorName: 'Gamma' });

/** The versions of the tables storage holds, in order. */
function storedVersions(storage: KeyValueStorage): string[] {
  const raw = storage.getItem(CUSTOM_TABLES_KEY);
  if (raw === null) return [];
  const stored = JSON.parse(raw) as { tables: { text: string }[] };
  return stored.tables.map((t) => (JSON.parse(t.text) as { version: string }).version);
}

const asideKeys = (items: Map<string, string>) =>
  [...items.keys()].filter((k) => k.startsWith(`${CUSTOM_TABLES_DAMAGED_KEY}:`));

describe('the custom tables in storage (issue 11: nothing lost, two tabs)', () => {
  const damagedText = '{"version":1,"tables":[{"name":';

  it('keeps one copy of a list that cannot be read, however often the page reloads', () => {
    const q = quotaStorage({ [CUSTOM_TABLES_KEY]: damagedText });
    for (let reload = 0; reload < 3; reload++) {
      const store = createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
      expect(store.getState().entries).toEqual([]);
      const [key] = asideKeys(q.items);
      expect(store.getState().notice).toBe(
        `The saved custom price tables could not be read (it is not valid JSON). A copy was kept under "${key}" in this browser's storage.`,
      );
    }
    expect(asideKeys(q.items)).toHaveLength(1);
    expect(q.items.get(asideKeys(q.items)[0]!)).toBe(damagedText);
    // a different damaged text gets its own copy
    q.items.set(CUSTOM_TABLES_KEY, `${damagedText}"x`);
    createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
    expect(asideKeys(q.items)).toHaveLength(2);
  });

  it('never writes over a list it cannot read until a copy of it is kept, and says so truly', () => {
    const q = quotaStorage({ [CUSTOM_TABLES_KEY]: damagedText });
    q.fill();
    const before = q.snapshot();
    const store = createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
    expect(store.getState().notice).toMatch(
      /could not be read \(it is not valid JSON\), and this browser's storage has no room for a copy\. They are left as they were and nothing is saved over them/,
    );
    expect(store.getState().notice).not.toMatch(/A copy was kept/);

    // loading a table now keeps it in this tab only: not a byte of storage changes
    expect(store.getState().add('acme.json', vendor()).ok).toBe(true);
    expect(store.getState().entries.map((e) => e.table.version)).toEqual([ACME.version]);
    expect(store.getState().unsaved).toBe(true);
    expect(store.getState().notice).toMatch(
      /could not be saved in this browser .*not written over/,
    );
    expect(q.snapshot()).toEqual(before);

    // room again: the next change keeps the copy first, then writes both tables
    q.free();
    store.getState().add('beta.json', beta());
    expect(store.getState().unsaved).toBe(false);
    const [key] = asideKeys(q.items);
    expect(q.items.get(key!)).toBe(damagedText);
    expect(storedVersions(q.storage)).toEqual([ACME.version, BETA.version]);
    expect(store.getState().notice).toBe(
      `The saved custom price tables could not be read (it is not valid JSON). A copy was kept under "${key}" in this browser's storage.`,
    );
  });

  it('keeps a table that no longer loads in the saved list while no copy of it can be kept', () => {
    const saved = JSON.stringify({
      version: 1,
      tables: [
        { name: 'acme.json', text: vendor() },
        { name: 'bad.json', text: '{"schemaVersion": 2}' },
      ],
    });
    const q = quotaStorage({ [CUSTOM_TABLES_KEY]: saved });
    q.fill();
    const store = createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
    expect(store.getState().entries.map((e) => e.source)).toEqual(['acme.json']);
    expect(store.getState().notice).toBe(
      "A saved custom price table could not be loaded again (bad.json). It stays in the saved list as it was (there is no room in this browser's storage for a copy).",
    );
    q.free();
    store.getState().add('beta.json', beta());
    const stored = JSON.parse(q.items.get(CUSTOM_TABLES_KEY)!) as { tables: { name: string }[] };
    expect(stored.tables.map((t) => t.name)).toEqual(['acme.json', 'bad.json', 'beta.json']);
    expect(asideKeys(q.items)).toEqual([]);
  });

  it('lets a table that no longer loads leave the list only once a copy of the list is kept', () => {
    const saved = JSON.stringify({
      version: 1,
      tables: [
        { name: 'acme.json', text: vendor() },
        { name: 'bad.json', text: '{"schemaVersion": 2}' },
      ],
    });
    const q = quotaStorage({ [CUSTOM_TABLES_KEY]: saved });
    const store = createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
    const [key] = asideKeys(q.items);
    expect(q.items.get(key!)).toBe(saved);
    expect(store.getState().notice).toBe(
      `A saved custom price table could not be loaded again (bad.json). A copy of the saved list was kept under "${key}" in this browser's storage.`,
    );
    // loading adds nothing new on reload, and the original stays until a change is written
    createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
    expect(asideKeys(q.items)).toHaveLength(1);
    expect(q.items.get(CUSTOM_TABLES_KEY)).toBe(saved);
    store.getState().add('beta.json', beta());
    expect(storedVersions(q.storage)).toEqual([ACME.version, BETA.version]);
    expect(q.items.get(key!)).toBe(saved);
  });

  it('keeps a table for the session when storage is full, says so, and unsays it once saved', () => {
    const q = quotaStorage();
    const store = createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
    store.getState().add('acme.json', vendor());
    q.fill();
    const before = q.snapshot();
    expect(store.getState().add('beta.json', beta()).ok).toBe(true);
    expect(store.getState().entries.map((e) => e.table.version)).toEqual([
      ACME.version,
      BETA.version,
    ]);
    expect(store.getState().unsaved).toBe(true);
    expect(store.getState().notice).toMatch(
      /could not be saved in this browser \(the browser storage is full\)\. They stay loaded in this tab until it is closed/,
    );
    expect(q.snapshot()).toEqual(before);
    // a removal makes the list smaller: it fits, and is written with the load that waited
    store.getState().remove(ACME);
    expect(storedVersions(q.storage)).toEqual([BETA.version]);
    expect(store.getState().unsaved).toBe(false);
    expect(store.getState().notice).toBeNull();
  });

  it('copies aside a list another tab left unreadable before writing over it, and says where', () => {
    const q = quotaStorage();
    const store = createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
    store.getState().add('acme.json', vendor());
    const newer = JSON.stringify({ version: 99, tables: [] });
    q.items.set(CUSTOM_TABLES_KEY, newer); // a newer app in another tab
    store.getState().add('beta.json', beta());
    const [key] = asideKeys(q.items);
    expect(q.items.get(key!)).toBe(newer);
    expect(store.getState().notice).toMatch(
      new RegExp(`could not be read \\(.*newer version.*\\)\\. A copy was kept under "${key}"`),
    );
    expect(storedVersions(q.storage)).toEqual([BETA.version]);
  });

  it('does not count a write that cannot be read back', () => {
    const q = quotaStorage();
    const storage = { ...q.storage, setItem: () => undefined }; // a storage that drops writes
    const store = createCustomTablesStore({ storage, bundled: bundledRegistry });
    store.getState().add('acme.json', vendor());
    expect(store.getState().unsaved).toBe(true);
    expect(store.getState().notice).toMatch(/what was written could not be read back/);
  });

  it('two tabs loading tables at once keep both', () => {
    const { storage } = quotaStorage();
    const a = createCustomTablesStore({ storage, bundled: bundledRegistry });
    const b = createCustomTablesStore({ storage, bundled: bundledRegistry });
    a.getState().add('acme.json', vendor());
    b.getState().add('beta.json', beta()); // b has not seen a's table
    expect(storedVersions(storage)).toEqual([ACME.version, BETA.version]);
    expect(b.getState().entries.map((e) => e.table.version)).toEqual([ACME.version, BETA.version]);
  });

  it('a removal in one tab and a load in another: the removed table does not come back', () => {
    const { storage } = quotaStorage();
    const a = createCustomTablesStore({ storage, bundled: bundledRegistry });
    a.getState().add('acme.json', vendor());
    a.getState().add('beta.json', beta());
    const b = createCustomTablesStore({ storage, bundled: bundledRegistry });
    a.getState().remove(ACME);
    b.getState().add('gamma.json', gamma()); // b still lists acme
    expect(storedVersions(storage)).toEqual([BETA.version, GAMMA.version]);
    a.getState().follow(storage.getItem(CUSTOM_TABLES_KEY));
    expect(a.getState().entries.map((e) => e.table.version)).toEqual([BETA.version, GAMMA.version]);
  });

  it('a change that could not be written is written with the next one, on top of the other tab', () => {
    const q = quotaStorage();
    const a = createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
    const b = createCustomTablesStore({ storage: q.storage, bundled: bundledRegistry });
    q.fill();
    a.getState().add('acme.json', vendor());
    expect(a.getState().unsaved).toBe(true);
    q.free();
    b.getState().add('beta.json', beta());
    a.getState().follow(q.storage.getItem(CUSTOM_TABLES_KEY));
    // a's table is still listed while it waits; the next change writes it
    expect(a.getState().entries.map((e) => e.table.version)).toEqual([BETA.version, ACME.version]);
    a.getState().add('gamma.json', gamma());
    expect(storedVersions(q.storage)).toEqual([BETA.version, ACME.version, GAMMA.version]);
    expect(a.getState().unsaved).toBe(false);
  });
});
