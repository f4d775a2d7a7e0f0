// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TABLE_LIST_MAX, type PriceTable } from '../../../src/engine/index';
import { DIFF_ROWS_PAGE, PriceBooksPage } from '../../../src/features/price-books/PriceBooksPage';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { findTable } from '../../../src/price-tables/registry';
import { customTablesStore } from '../../../src/state/custom-tables';
import { resetApp } from '../../support/app-state';

// Issue 11, finding 6: a table of 10,000 bandwidth tiers froze the page for 7.7 s on load and
// 6.3 s on every visit to Price books. The bound (200 per list) refuses such a table at once;
// a table at the bound loads and renders in a small fraction of that.

const november = findTable(bundledRegistry, {
  product: 'tr7-service-provider',
  currency: 'USD',
  version: '2026.11',
})!.table;

/** November's table with `tiers` bandwidth tiers, every bundle priced on each. */
function tableWithTiers(tiers: number, version: string): string {
  const t = structuredClone(november) as PriceTable;
  const tier0 = t.service.bandwidthTiers[0]!;
  t.service.bandwidthTiers = Array.from({ length: tiers }, (_, i) => ({
    ...tier0,
    id: `bw${i}`,
    mbps: (i + 1) * 10,
    label: `${(i + 1) * 10} Mbps`,
  }));
  for (const grid of [t.service.fixedTerm.monthlyList, t.service.payg.hourly]) {
    for (const bundle of Object.keys(grid)) {
      grid[bundle] = Object.fromEntries(
        t.service.bandwidthTiers.map((b, i) => [b.id, `${i + 1}.25`]),
      );
    }
  }
  return JSON.stringify({ ...t, version, effectiveFrom: '2027-01-01', validUntil: null });
}

function resetTables() {
  for (const e of customTablesStore.getState().entries)
    customTablesStore.getState().remove(e.table);
  customTablesStore.setState({ notice: null });
}

beforeEach(() => {
  resetApp();
  resetTables();
});
afterEach(() => {
  cleanup();
  resetApp();
  resetTables();
});

describe('a large price table', () => {
  it('of 10,000 bandwidth tiers is refused at once, with one message', () => {
    const started = performance.now();
    const loaded = customTablesStore.getState().add('huge.json', tableWithTiers(10_000, 'huge'));
    const took = performance.now() - started;
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.problems).toContainEqual({
        path: 'service.bandwidthTiers',
        message: `has 10,000 entries; a price table's lists hold at most ${TABLE_LIST_MAX} each`,
      });
      expect(loaded.problems.length).toBeLessThanOrEqual(50);
    }
    // generous for a shared test machine: the freeze was 7,700 ms
    expect(took).toBeLessThan(1000);
  });

  it(`of ${TABLE_LIST_MAX} bandwidth tiers loads, and the page renders it, without a long block`, () => {
    const text = tableWithTiers(TABLE_LIST_MAX, 'wide');
    let started = performance.now();
    const loaded = customTablesStore.getState().add('wide.json', text);
    const load = performance.now() - started;
    expect(loaded.ok).toBe(true);
    started = performance.now();
    render(<PriceBooksPage query="" />);
    const renderMs = performance.now() - started;
    expect(screen.getByTestId('table-tr7-service-provider USD wide')).toBeInTheDocument();
    // 1,200 prices differ from November's; the first 200 rows are drawn, the rest on request
    const diff = screen.getByRole('table', { name: 'Price changes' });
    expect(within(diff).getAllByRole('row')).toHaveLength(DIFF_ROWS_PAGE + 1);
    expect(screen.getByRole('button', { name: /^Show 200 more of 1,\d{3}$/ })).toBeInTheDocument();
    expect(load).toBeLessThan(1000);
    expect(renderMs).toBeLessThan(2000);
  });
});
