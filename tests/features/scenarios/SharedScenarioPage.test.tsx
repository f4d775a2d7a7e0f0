// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedScenarioPage } from '../../../src/features/scenarios/SharedScenarioPage';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { defaultTable } from '../../../src/price-tables/registry';
import { localToday, scenarioStore } from '../../../src/state/app-store';
import { LIBRARY_KEY, libraryStore } from '../../../src/state/library';
import { sampleScenario } from '../../../src/state/sample';
import { encodeShareLink } from '../../../src/state/share-link';
import { resetApp } from '../../support/app-state';

function resetLibrary() {
  window.localStorage.removeItem(LIBRARY_KEY);
  libraryStore.setState({ entries: [], damaged: [], message: null, lastDeleted: null });
}
beforeEach(() => {
  resetApp();
  resetLibrary();
});
afterEach(() => {
  cleanup();
  resetApp();
  resetLibrary();
});

const queryOf = (hash: string) => hash.slice(hash.indexOf('?') + 1);

describe('the shared scenario page', () => {
  it('shows what a good link holds, and opening it saves the open scenario first', async () => {
    const user = userEvent.setup();
    const shared = { ...sampleScenario(), title: 'Shared plan' };
    const before = scenarioStore.getState().scenario;
    render(<SharedScenarioPage query={queryOf(encodeShareLink(shared))} />);
    expect(screen.getByRole('heading', { name: 'Shared plan' })).toBeInTheDocument();
    const { product, currency, version } = shared.priceTable;
    expect(screen.getByText(`${product} · ${currency} · version ${version}`)).toBeInTheDocument();
    expect(screen.getByText(String(shared.customers.length))).toBeInTheDocument();
    expect(scenarioStore.getState().scenario).toBe(before); // nothing happens until asked

    await user.click(screen.getByRole('button', { name: 'Open this scenario' }));
    expect(scenarioStore.getState().scenario).toEqual(shared);
    const entries = libraryStore.getState().entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.scenario).toEqual(before);
    expect(screen.getByRole('status')).toHaveTextContent(/saved in the library/);
  });

  it('cancels without changing anything', async () => {
    const user = userEvent.setup();
    const before = scenarioStore.getState().scenario;
    render(<SharedScenarioPage query={queryOf(encodeShareLink(sampleScenario()))} />);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(scenarioStore.getState().scenario).toBe(before);
    expect(libraryStore.getState().entries).toEqual([]);
  });

  it('says so when the pinned table is missing, and re-pins to the newest on request', async () => {
    const user = userEvent.setup();
    const s = sampleScenario();
    const shared = { ...s, priceTable: { ...s.priceTable, version: '1999.01' } };
    render(<SharedScenarioPage query={queryOf(encodeShareLink(shared))} />);
    expect(screen.getByRole('alert')).toHaveTextContent(/version 1999\.01\) is not available/);
    const newest = defaultTable(
      bundledRegistry,
      s.priceTable.product,
      s.priceTable.currency,
      localToday(),
    );
    if (!newest) throw new Error('expected a bundled table');
    await user.click(
      screen.getByRole('button', { name: `Open it on version ${newest.table.version}` }),
    );
    expect(scenarioStore.getState().scenario.priceTable.version).toBe(newest.table.version);
    expect(scenarioStore.getState().scenario.customers).toEqual(s.customers);
  });

  it('refuses a bad link clearly, leaving the open scenario unchanged', () => {
    const before = scenarioStore.getState().scenario;
    const good = queryOf(encodeShareLink(sampleScenario()));
    for (const query of ['', 'd=!!!', good.slice(0, good.length / 2)]) {
      render(<SharedScenarioPage query={query} />);
      expect(screen.getByRole('alert')).toHaveTextContent(/cannot be opened/);
      expect(screen.getByRole('alert')).toHaveTextContent(/unchanged/);
      expect(screen.queryByRole('button', { name: 'Open this scenario' })).toBeNull();
      cleanup();
    }
    expect(scenarioStore.getState().scenario).toBe(before);
  });

  // last in the file: the library keeps its unsaved entry pending for the rest of the module
  it('never says the open scenario is saved in the library when that save failed', async () => {
    const user = userEvent.setup();
    const setItem = Storage.prototype.setItem;
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (
      this: Storage,
      key: string,
      value: string,
    ) {
      if (key === LIBRARY_KEY) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      setItem.call(this, key, value);
    });
    try {
      const shared = { ...sampleScenario(), title: 'Shared plan' };
      const before = scenarioStore.getState().scenario;
      render(<SharedScenarioPage query={queryOf(encodeShareLink(shared))} />);
      await user.click(screen.getByRole('button', { name: 'Open this scenario' }));
      expect(screen.queryByText(/saved in the library as/)).toBeNull();
      expect(screen.getByRole('alert')).toHaveTextContent(/was not opened/);
      expect(scenarioStore.getState().scenario).toBe(before);
      await user.click(screen.getByRole('button', { name: 'Open it anyway' }));
      expect(scenarioStore.getState().scenario).toEqual(shared);
      expect(screen.getByRole('status')).toHaveTextContent(
        /could not be saved in the library; Undo brings it back/,
      );
    } finally {
      spy.mockRestore();
    }
  });
});
