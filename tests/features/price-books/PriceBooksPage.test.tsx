// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moneyFormatter } from '../../../src/components/format';
import { calculateQuote } from '../../../src/engine/index';
import { PriceBooksPage } from '../../../src/features/price-books/PriceBooksPage';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { findTable } from '../../../src/price-tables/registry';
import { localToday, scenarioStore } from '../../../src/state/app-store';
import { customTablesStore } from '../../../src/state/custom-tables';
import { openScenario, resetApp } from '../../support/app-state';

const november = findTable(bundledRegistry, {
  product: 'tr7-service-provider',
  currency: 'USD',
  version: '2026.11',
})!.table;
const vendorText = JSON.stringify({
  ...november,
  version: 'acme-2027.01',
  effectiveFrom: '2027-01-01',
  validUntil: null,
  notes: 'Acme negotiated prices',
});

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

const rowOf = (label: string) => screen.getByTestId(`table-${label}`);

describe('the price books page', () => {
  it('lists every table with its dates, notes and badges', () => {
    render(<PriceBooksPage query="" />);
    for (const e of bundledRegistry.entries) {
      const row = rowOf(`${e.table.product} ${e.table.currency} ${e.table.version}`);
      expect(row).toHaveTextContent(e.table.effectiveFrom);
      expect(row).toHaveTextContent(e.table.notes);
      expect(row).toHaveTextContent('Sample prices');
      expect(row).not.toHaveTextContent('Custom');
    }
    expect(rowOf('tr7-service-provider USD 2026.11')).toHaveTextContent(
      'In use by the open scenario',
    );
    expect(rowOf('tr7-service-provider USD 2026.05')).not.toHaveTextContent('In use');
    expect(rowOf('tr7-service-provider USD 2026.05')).toHaveTextContent('2026-10-31');
  });

  it('compares two versions of the same product and currency', async () => {
    const user = userEvent.setup();
    render(<PriceBooksPage query="" />);
    expect(screen.getByLabelText('Older version')).toHaveDisplayValue(/^2026\.05/);
    expect(screen.getByLabelText('Newer version')).toHaveDisplayValue(/^2026\.11/);
    expect(screen.getByTestId('diff-count')).toHaveTextContent(
      '33 prices differ between 2026.05 and 2026.11',
    );
    const diff = screen.getByRole('table', { name: 'Price changes' });
    const row = within(diff).getByRole('rowheader', {
      name: 'Fixed-Term list, Advanced 1 Gbps',
    }).parentElement!;
    expect(row).toHaveTextContent('1190.00');
    expect(row).toHaveTextContent('1250.00');
    expect(row).toHaveTextContent('+5.04 %');
    const added = within(diff).getByRole('rowheader', {
      name: 'Fixed-Term list, Essential 5 Gbps',
    }).parentElement!;
    expect(added).toHaveTextContent('not offered');
    expect(added).toHaveTextContent('new');

    await user.selectOptions(screen.getByLabelText('Newer version'), '2026.05');
    expect(screen.getByTestId('diff-count')).toHaveTextContent('no prices differ');
    expect(screen.queryByRole('table', { name: 'Price changes' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Price book'), 'tr7-service-provider\u0000EUR');
    expect(screen.getByText(/has one version/)).toBeInTheDocument();
  });

  it('previews the open scenario on another version with the engine numbers, and switches undoably', async () => {
    const user = userEvent.setup();
    // the sample plan uses 5 Gbps, which 2026.05 does not offer: move it to 1 Gbps
    const sample = scenarioStore.getState().scenario;
    openScenario({
      ...sample,
      customers: sample.customers.map((c) =>
        c.license.bandwidth === '5g' ? { ...c, license: { ...c.license, bandwidth: '1g' } } : c,
      ),
    });
    const scenario = scenarioStore.getState().scenario;
    render(<PriceBooksPage query="" />);
    expect(screen.getByLabelText('Re-price the open scenario on')).toHaveDisplayValue(/^2026\.05/);
    const may = findTable(bundledRegistry, { ...scenario.priceTable, version: '2026.05' })!;
    const now = findTable(bundledRegistry, scenario.priceTable)!;
    const today = localToday();
    const expected = calculateQuote(
      { ...scenario, priceTable: { ...scenario.priceTable, version: '2026.05' } },
      may.table,
      { today, tableSha256: may.sha256 },
    ).totals!;
    const current = calculateQuote(scenario, now.table, { today, tableSha256: now.sha256 }).totals!;
    const money = moneyFormatter('USD');
    const cells = (key: string) =>
      within(screen.getByTestId(`reprice-${key}`))
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells('tcv').slice(0, 2)).toEqual([money(current.revenue), money(expected.revenue)]);
    expect(cells('cost').slice(0, 2)).toEqual([money(current.cost), money(expected.cost)]);
    expect(cells('margin').slice(0, 2)).toEqual([money(current.margin), money(expected.margin)]);
    expect(cells('mrr').slice(0, 2)).toEqual([money(current.mrrFinal), money(expected.mrrFinal)]);
    expect(cells('marginPct').slice(0, 2)).toEqual([
      `${current.marginPct} %`,
      `${expected.marginPct} %`,
    ]);
    // the scenario is not touched by the preview
    expect(scenarioStore.getState().scenario).toBe(scenario);

    await user.click(screen.getByRole('button', { name: 'Switch to 2026.05' }));
    expect(scenarioStore.getState().scenario.priceTable.version).toBe('2026.05');
    expect(rowOf('tr7-service-provider USD 2026.05')).toHaveTextContent(
      'In use by the open scenario',
    );
    act(() => scenarioStore.getState().undo());
    expect(scenarioStore.getState().scenario.priceTable.version).toBe('2026.11');
    expect(scenarioStore.getState().scenario).toEqual(scenario);
  });

  it('lists the errors the other version would raise (a bandwidth it does not have)', () => {
    const scenario = scenarioStore.getState().scenario;
    expect(scenario.customers.some((c) => c.license.bandwidth === '5g')).toBe(true);
    render(<PriceBooksPage query="" />);
    const alert = screen
      .getByText(/On 2026\.05 the quote would have/)
      .closest<HTMLElement>('[role="alert"]')!;
    expect(alert).toHaveTextContent(/On 2026\.05 the quote would have \d+ errors?/);
    expect(alert).toHaveTextContent(/5g/);
    // lines by their names, never `customers[n]…`
    expect(alert).not.toHaveTextContent(/customers\[\d+\]/);
  });

  it('names the bundle of a broken entry by its name in the file', async () => {
    const user = userEvent.setup();
    render(<PriceBooksPage query="" />);
    const broken = JSON.parse(vendorText) as {
      service: { bundles: { name: string; includedVServices: unknown }[] };
    };
    const bundle = broken.service.bundles[1]!;
    bundle.includedVServices = -3;
    await user.upload(
      screen.getByLabelText('Custom price table file'),
      new File([JSON.stringify(broken)], 'bad-bundle.json', { type: 'application/json' }),
    );
    const alert = (await screen.findByText(/bad-bundle\.json was not loaded/)).closest<HTMLElement>(
      '[role="alert"]',
    )!;
    const item = within(alert).getAllByRole('listitem')[0]!;
    expect(item.querySelector('strong')).toHaveTextContent(
      `Bundle “${bundle.name}” · Included vServices`,
    );
    expect(item.querySelector('code')).toHaveTextContent('service.bundles[1].includedVServices');
  });

  it('loads a custom table, marks it, uses it, and removes it', async () => {
    const user = userEvent.setup();
    render(<PriceBooksPage query="" />);
    await user.upload(
      screen.getByLabelText('Custom price table file'),
      new File([vendorText], 'acme.json', { type: 'application/json' }),
    );
    expect(await screen.findByText(/Loaded tr7-service-provider USD acme-2027.01/)).toBeVisible();
    const row = rowOf('tr7-service-provider USD acme-2027.01');
    expect(row).toHaveTextContent('Custom');
    expect(row).toHaveTextContent('Acme negotiated prices');
    // it is a version of the open scenario's price book, to re-price on
    await user.selectOptions(
      screen.getByLabelText('Re-price the open scenario on'),
      'acme-2027.01',
    );
    await user.click(screen.getByRole('button', { name: 'Switch to acme-2027.01' }));
    expect(scenarioStore.getState().scenario.priceTable.version).toBe('acme-2027.01');

    await user.click(
      within(rowOf('tr7-service-provider USD acme-2027.01')).getByRole('button', {
        name: 'Remove tr7-service-provider USD acme-2027.01',
      }),
    );
    expect(screen.queryByTestId('table-tr7-service-provider USD acme-2027.01')).toBeNull();
  });

  it('lists every problem of a broken file in plain words, the JSON path aside, and adds nothing', async () => {
    const user = userEvent.setup();
    render(<PriceBooksPage query="" />);
    const broken = JSON.parse(vendorText) as Record<string, unknown>;
    broken.currency = 'usd';
    broken.effectiveFrom = 20270101;
    const before = customTablesStore.getState().registry;
    await user.upload(
      screen.getByLabelText('Custom price table file'),
      new File([JSON.stringify(broken)], 'broken.json', { type: 'application/json' }),
    );
    const alert = (await screen.findByText(/broken\.json was not loaded/)).closest<HTMLElement>(
      '[role="alert"]',
    )!;
    expect(alert).toHaveTextContent('broken.json was not loaded: 2 problems');
    const items = within(alert).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Currency',
      'Effective from',
    ]);
    expect(items[0]).toHaveTextContent(/^Currency: must be an ISO 4217 code/);
    // the path stays, as a detail for whoever edits the file
    expect(within(items[1]!).getByText('effectiveFrom', { selector: 'code' })).toBeInTheDocument();
    expect(customTablesStore.getState().registry).toBe(before);

    await user.upload(
      screen.getByLabelText('Custom price table file'),
      new File(['{"schemaVersion": 1,'], 'cut.json', { type: 'application/json' }),
    );
    expect(await screen.findByText(/not valid JSON/)).toBeInTheDocument();
  });
});
