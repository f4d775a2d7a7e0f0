import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPricingData } from '../../src/cli/load-tables';
import {
  buildRegistry,
  compareVersions,
  defaultTable,
  resolvePinned,
  versionsOf,
} from '../../src/price-tables/registry';

const sample = readFileSync(
  new URL('../../pricing-data/tr7-service-provider/USD/2026.11.json', import.meta.url),
  'utf8',
);
const withChanges = (changes: Record<string, unknown>) =>
  JSON.stringify({ ...JSON.parse(sample), ...changes });

describe('pricing-data/', () => {
  const registry = loadPricingData();

  it('parses every table file without a problem', () => {
    expect(registry.problems).toEqual([]);
    expect(registry.entries.length).toBeGreaterThanOrEqual(3);
  });

  it('has unique identities (product, currency, version)', () => {
    const ids = registry.entries.map(
      (e) => `${e.table.product}/${e.table.currency}/${e.table.version}`,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps each file at <product>/<currency>/<version>.json', () => {
    for (const e of registry.entries) {
      expect(e.source).toBe(
        `pricing-data/${e.table.product}/${e.table.currency}/${e.table.version}.json`,
      );
    }
  });

  it('orders the versions of one product and currency by ascending effective date', () => {
    const usd = versionsOf(registry, 'tr7-service-provider', 'USD');
    expect(usd.map((e) => e.table.version)).toEqual(['2026.05', '2026.11']);
    const byVersion = [...usd].sort((a, b) => compareVersions(a.table.version, b.table.version));
    expect(byVersion).toEqual(usd);
  });

  it('holds at least two USD versions with different prices and one EUR table, all marked as samples', () => {
    const usd = versionsOf(registry, 'tr7-service-provider', 'USD');
    expect(usd.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(usd[0]!.table.service)).not.toBe(JSON.stringify(usd[1]!.table.service));
    expect(versionsOf(registry, 'tr7-service-provider', 'EUR').length).toBeGreaterThanOrEqual(1);
    for (const e of registry.entries) expect(e.table.notes.toLowerCase()).toContain('sample');
  });

  it('hashes the bytes of each file', () => {
    for (const e of registry.entries) expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('default table by effective date (Kill Bill catalog rule)', () => {
  const registry = loadPricingData();
  const pick = (today: string) =>
    defaultTable(registry, 'tr7-service-provider', 'USD', today)?.table.version ?? null;

  it('is the newest version whose effectiveFrom is not after today', () => {
    expect(pick('2026-11-22')).toBe('2026.11');
    expect(pick('2026-11-01')).toBe('2026.11'); // effective on its first day
    expect(pick('2026-10-31')).toBe('2026.05');
    expect(pick('2030-01-01')).toBe('2026.11'); // expired tables stay the newest; the quote warns
  });

  it('is null before any version takes effect, and for an unknown product or currency', () => {
    expect(pick('2026-04-30')).toBeNull();
    expect(defaultTable(registry, 'tr7-service-provider', 'JPY', '2026-11-22')).toBeNull();
  });
});

describe('buildRegistry', () => {
  it('reports a file that is not JSON with its position, and keeps the good ones', () => {
    const r = buildRegistry([
      { source: 'good.json', text: sample, sha256: null },
      { source: 'bad.json', text: '{ "schemaVersion": 1,\n  oops }', sha256: null },
    ]);
    expect(r.entries).toHaveLength(1);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.source).toBe('bad.json');
    expect(r.problems[0]!.message).toMatch(/not valid JSON at line 2/);
  });

  it('reports schema problems by JSON path', () => {
    const r = buildRegistry([
      { source: 't.json', text: withChanges({ currency: 'usd' }), sha256: null },
    ]);
    expect(r.problems.map((p) => p.path)).toEqual(['currency']);
  });

  it('refuses a second file with the same identity', () => {
    const r = buildRegistry([
      { source: 'a.json', text: sample, sha256: null },
      { source: 'b.json', text: sample, sha256: null },
    ]);
    expect(r.entries).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ source: 'b.json', path: 'version' });
    expect(r.problems[0]!.message).toMatch(/already defined by a\.json/);
  });

  it('refuses versions whose effective dates do not ascend', () => {
    const r = buildRegistry([
      { source: 'a.json', text: sample, sha256: null },
      {
        source: 'b.json',
        text: withChanges({ version: '2027.01', effectiveFrom: '2026-10-01' }),
        sha256: null,
      },
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ source: 'b.json', path: 'effectiveFrom' });
  });

  it("refuses a file kept under another identity's path", () => {
    const r = buildRegistry([
      { source: 'pricing-data/tr7-service-provider/USD/2026.12.json', text: sample, sha256: null },
    ]);
    expect(r.problems[0]!.message).toMatch(
      /belongs at …\/tr7-service-provider\/USD\/2026\.11\.json/,
    );
  });

  it('compares versions number by number', () => {
    expect(compareVersions('2026.5', '2026.11')).toBeLessThan(0);
    expect(compareVersions('2026.11', '2026.11')).toBe(0);
    expect(compareVersions('2027.01', '2026.12')).toBeGreaterThan(0);
  });
});

describe('resolvePinned', () => {
  const registry = loadPricingData();
  it('finds the pinned version, or says which versions exist', () => {
    const found = resolvePinned(registry, {
      product: 'tr7-service-provider',
      currency: 'USD',
      version: '2026.05',
    });
    expect(found.ok && found.entry.table.version).toBe('2026.05');
    const missing = resolvePinned(registry, {
      product: 'tr7-service-provider',
      currency: 'USD',
      version: '2025.01',
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toContain('2026.05, 2026.11');
  });
});
