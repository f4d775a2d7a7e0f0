import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriceTable } from '../../src/engine/index';
import { bundledRegistry } from '../../src/price-tables/bundled';
import { changePercent, diffTables, type PriceChange } from '../../src/price-tables/diff';
import { findTable } from '../../src/price-tables/registry';

function table(currency: string, version: string): PriceTable {
  const entry = findTable(bundledRegistry, { product: 'tr7-service-provider', currency, version });
  if (!entry) throw new Error(`no ${currency} ${version}`);
  return entry.table;
}

const may = table('USD', '2026.05');
const november = table('USD', '2026.11');

/** Reads a value at a diff path (`a.b[1].c`, `a["x.y"]`) from a table. */
function read(root: unknown, path: string): unknown {
  const keys: (string | number)[] = [];
  const re = /\.?([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else keys.push(JSON.parse(m[3]!) as string);
  }
  let value: unknown = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, key)
      ? (value as Record<string | number, unknown>)[key]
      : undefined;
  }
  return value;
}

const byPath = (changes: readonly PriceChange[], path: string) =>
  changes.find((c) => c.path === path);

describe('diffTables on the bundled USD tables, 2026.05 → 2026.11', () => {
  const changes = diffTables(may, november);

  it('lists the fixed-term list price increases', () => {
    expect(byPath(changes, 'service.fixedTerm.monthlyList.advanced.1g')).toEqual({
      path: 'service.fixedTerm.monthlyList.advanced.1g',
      label: 'Fixed-Term list, Advanced 1 Gbps',
      old: '1190.00',
      new: '1250.00',
      changePct: '5.04',
    });
    // unchanged prices are not listed
    expect(byPath(changes, 'service.fixedTerm.monthlyList.essential.10g')).toBeUndefined();
  });

  it('lists the 60-month discount, 20 → 22 %', () => {
    expect(byPath(changes, 'service.fixedTerm.terms[7].discountPct')).toEqual({
      path: 'service.fixedTerm.terms[7].discountPct',
      label: 'Fixed-Term 60-month term discount %',
      old: '20',
      new: '22',
      changePct: '10.00',
    });
  });

  it('lists the new 5 Gbps tier as added prices', () => {
    expect(byPath(changes, 'service.fixedTerm.monthlyList.essential.5g')).toEqual({
      path: 'service.fixedTerm.monthlyList.essential.5g',
      label: 'Fixed-Term list, Essential 5 Gbps',
      old: null,
      new: '1990.00',
      changePct: null,
    });
    expect(byPath(changes, 'service.payg.hourly.premium.5g')).toMatchObject({
      label: 'PAYG hourly, Premium 5 Gbps',
      old: null,
      new: '7.8450',
    });
  });

  it('lists the White Label setup fee and the Pro appliance price', () => {
    expect(byPath(changes, 'apps.bundles[0].setupFee')).toEqual({
      path: 'apps.bundles[0].setupFee',
      label: 'White Label setup fee',
      old: '4900.00',
      new: '5400.00',
      changePct: '10.20',
    });
    expect(byPath(changes, 'platform.appliances[1].price')).toEqual({
      path: 'platform.appliances[1].price',
      label: 'Pro appliance price',
      old: '52000.00',
      new: '54500.00',
      changePct: '4.81',
    });
  });

  it('lists the PAYG hourly increases', () => {
    expect(byPath(changes, 'service.payg.hourly.advanced.10g')).toEqual({
      path: 'service.payg.hourly.advanced.10g',
      label: 'PAYG hourly, Advanced 10 Gbps',
      old: '7.6710',
      new: '8.0200',
      changePct: '4.55',
    });
  });

  it('is exactly the changes of the files, and every increase is 3–6 % (except the three)', () => {
    // 3 essential + 5 advanced + 4 premium list changes and three new 5 Gbps prices, the same
    // for PAYG, the 60-month discount, the Pro appliance and the White Label setup fee
    expect(changes).toHaveLength(15 + 15 + 3);
    expect(changes.filter((c) => c.old === null)).toHaveLength(6);
    for (const c of changes) {
      if (c.old === null || c.changePct === null) continue;
      if (['apps.bundles[0].setupFee', 'service.fixedTerm.terms[7].discountPct'].includes(c.path))
        continue;
      expect(Number(c.changePct)).toBeGreaterThanOrEqual(3);
      expect(Number(c.changePct)).toBeLessThanOrEqual(6);
    }
  });

  it('lists removed prices the other way round', () => {
    const back = diffTables(november, may);
    expect(byPath(back, 'service.fixedTerm.monthlyList.essential.5g')).toEqual({
      path: 'service.fixedTerm.monthlyList.essential.5g',
      label: 'Fixed-Term list, Essential 5 Gbps',
      old: '1990.00',
      new: null,
      changePct: null,
    });
    expect(back).toHaveLength(changes.length);
  });
});

describe('changePercent', () => {
  it('rounds half away from zero with exact decimals', () => {
    expect(changePercent('200', '200.01')).toBe('0.01'); // 0.005 %
    expect(changePercent('200', '199.99')).toBe('-0.01'); // -0.005 %
    expect(changePercent('3', '1')).toBe('-66.67');
    expect(changePercent('1', '0')).toBe('-100.00');
    expect(changePercent('0.1', '0.3')).toBe('200.00');
    expect(changePercent('0', '5')).toBeNull();
    expect(changePercent('12.5', '12.50')).toBe('0.00');
  });
});

describe('diffTables properties', () => {
  const tables = bundledRegistry.entries.map((e) => e.table);

  it('a table against itself has no changes', () => {
    for (const t of tables) expect(diffTables(t, t)).toEqual([]);
  });

  it('every change reads its old and new values from the tables', () => {
    for (const a of tables) {
      for (const b of tables) {
        for (const c of diffTables(a, b)) {
          if (c.new !== null) expect(read(b, c.path)).toBe(c.new);
          if (c.old !== null && c.new === null) expect(read(a, c.path)).toBe(c.old);
          expect(c.old !== null || c.new !== null).toBe(true);
        }
      }
    }
  });

  it('finds exactly one changed list price, with its old and new value', () => {
    const bundles = november.service.bundles.map((b) => b.id);
    const tiers = november.service.bandwidthTiers.map((t) => t.id);
    fc.assert(
      fc.property(
        fc.constantFrom(...bundles),
        fc.constantFrom(...tiers),
        fc.integer({ min: 0, max: 999_999 }),
        (bundle, tier, cents) => {
          const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
          const changed = structuredClone(november);
          changed.service.fixedTerm.monthlyList[bundle]![tier] = amount;
          const old = november.service.fixedTerm.monthlyList[bundle]![tier]!;
          const diff = diffTables(november, changed);
          if (Number(old) === Number(amount)) {
            expect(diff).toEqual([]);
            return;
          }
          expect(diff).toHaveLength(1);
          expect(diff[0]).toMatchObject({
            path: `service.fixedTerm.monthlyList.${bundle}.${tier}`,
            old,
            new: amount,
          });
          expect(read(changed, diff[0]!.path)).toBe(amount);
        },
      ),
      { numRuns: 200 },
    );
  });
});
