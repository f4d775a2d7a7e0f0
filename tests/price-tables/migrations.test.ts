import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineMigrations, missingSteps } from '../../src/price-tables/migrations';
import {
  openPriceTableValue,
  parsePriceTableText,
  PRICE_TABLE_VERSION,
  priceTableMigrations,
} from '../../src/price-tables/parse';

const table = () =>
  JSON.parse(
    readFileSync(new URL('../fixtures/examples/example-table.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

describe('price table migrations (ADR 020)', () => {
  it('registers every step up to the current version', () => {
    expect(priceTableMigrations.current).toBe(PRICE_TABLE_VERSION);
    expect(missingSteps(priceTableMigrations)).toEqual([]);
  });

  it('opens a current table as it is', () => {
    const opened = openPriceTableValue(table());
    expect(opened.ok).toBe(true);
  });

  it('says a table from a newer app is one, at schemaVersion', () => {
    const opened = parsePriceTableText(JSON.stringify({ ...table(), schemaVersion: 2 }));
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.problems).toHaveLength(1);
      expect(opened.problems[0]!.path).toBe('schemaVersion');
      expect(opened.problems[0]!.message).toMatch(/saved by a newer version of the app/);
    }
  });

  it('migrates an older table through a registered step before validating it', () => {
    // a made-up version 0 whose vendor was called "vendor"
    const { vendorName, ...rest } = table();
    const v0 = { ...rest, vendor: vendorName, schemaVersion: 0 };
    expect(openPriceTableValue(v0).ok).toBe(false);
    const withV0 = defineMigrations({
      ...priceTableMigrations,
      first: 0,
      steps: [
        {
          from: 0,
          to: 1,
          name: 'test/1-vendor-name',
          up: (doc) => {
            const { vendor, ...others } = doc as Record<string, unknown>;
            return { ...others, vendorName: vendor };
          },
        },
      ],
    });
    const opened = openPriceTableValue(v0, withV0);
    expect(opened).toMatchObject({ ok: true, value: { vendorName, schemaVersion: 1 } });
  });
});
