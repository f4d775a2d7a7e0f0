import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { bundledRegistry } from '../../src/price-tables/bundled';
import { findTable } from '../../src/price-tables/registry';
import { scenarioStore } from '../../src/state/app-store';
import {
  CUSTOM_TABLES_DAMAGED_KEY,
  CUSTOM_TABLES_KEY,
  createCustomTablesStore,
  loadCustomTable,
  MAX_TABLE_BYTES,
  type KeyValueStorage,
} from '../../src/state/custom-tables';
import { createQuoteSelector } from '../../src/state/quote';
import { sampleScenario } from '../../src/state/sample';

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

  it('sets a damaged store aside and says so', () => {
    const storage = memory();
    storage.setItem(CUSTOM_TABLES_KEY, '{"version":1,"tables":[{"name":');
    const store = createCustomTablesStore({ storage, bundled: bundledRegistry, now: () => 42 });
    expect(store.getState().entries).toEqual([]);
    expect(store.getState().notice).toMatch(/could not be read/);
    expect(storage.items.get(`${CUSTOM_TABLES_DAMAGED_KEY}:42`)).toBe(
      '{"version":1,"tables":[{"name":',
    );
  });

  it('sets aside a saved list with a table that no longer loads, keeping the others', () => {
    const storage = memory();
    const saved = JSON.stringify({
      version: 1,
      tables: [
        { name: 'acme.json', text: vendor() },
        { name: 'bad.json', text: '{"schemaVersion": 2}' },
      ],
    });
    storage.setItem(CUSTOM_TABLES_KEY, saved);
    const store = createCustomTablesStore({ storage, bundled: bundledRegistry, now: () => 7 });
    expect(store.getState().entries.map((e) => e.source)).toEqual(['acme.json']);
    expect(store.getState().notice).toMatch(/bad\.json/);
    expect(storage.items.get(`${CUSTOM_TABLES_DAMAGED_KEY}:7`)).toBe(saved);
  });

  it('keeps a table for the session when storage is full, and says so', () => {
    const storage = memory();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const store = createCustomTablesStore({ storage, bundled: bundledRegistry });
    expect(store.getState().add('acme.json', vendor()).ok).toBe(true);
    expect(store.getState().entries).toHaveLength(1);
    expect(store.getState().notice).toMatch(/storage is full.*until this tab is closed/);
  });
});
