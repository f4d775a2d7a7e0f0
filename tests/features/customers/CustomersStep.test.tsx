// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomersStep, ROW_HEIGHT } from '../../../src/features/customers/CustomersStep';
import { moneyFormatter } from '../../../src/features/summary/figures';
import { scenarioStore } from '../../../src/state/app-store';
import { sampleScenario } from '../../../src/state/sample';
import { resetApp as reset, engineQuote as quoteOf, openScenario } from '../../support/app-state';

beforeEach(() => reset());
afterEach(() => {
  cleanup();
  reset();
});

const state = () => scenarioStore.getState().scenario;
const ids = () => state().customers.map((c) => c.id);
const undo = () => act(() => scenarioStore.getState().undo());

/** The table row of a line, found from its name box. */
function rowOf(name: string): HTMLElement {
  const row = screen.getByRole('textbox', { name: `Name of ${name}` }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

describe('the customers step', () => {
  it("lists the sample plan's 8 lines with their model, figures and caption", () => {
    render(<CustomersStep />);
    const table = screen.getByRole('table', { name: /Customer lines \(8\)/ });
    expect(table).toHaveAttribute('aria-rowcount', '9');
    for (const line of sampleScenario().customers) {
      expect(screen.getByRole('textbox', { name: `Name of ${line.name}` })).toHaveValue(line.name);
    }
    expect(screen.getByRole('combobox', { name: 'Model of Müller GmbH' })).toHaveValue(
      'fixed-term',
    );
    expect(screen.getByRole('combobox', { name: 'Term of Müller GmbH' })).toHaveValue('36');
    expect(screen.getByRole('checkbox', { name: 'Renew of Müller GmbH' })).toBeChecked();
    expect(
      screen.getByRole('textbox', { name: 'Hours per month of Alpenrose Bergbahnen AG' }),
    ).toHaveValue('seasonal');
    const quote = quoteOf(state());
    const money = moneyFormatter(quote.currency);
    const c1 = quote.customers.find((c) => c.id === 'c1')!;
    expect(rowOf('Müller GmbH')).toHaveTextContent(money(c1.totals.revenue));
  });

  it('re-prices when a count is edited', async () => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    const before = quoteOf(state()).customers.find((c) => c.id === 'c1')!;
    const count = screen.getByRole('textbox', { name: 'Count of Müller GmbH' });
    await user.clear(count);
    await user.type(count, '5');
    expect(state().customers[0]!.count).toBe(5);
    const after = quoteOf(state());
    const c1 = after.customers.find((c) => c.id === 'c1')!;
    expect(c1.count).toBe(5);
    expect(c1.totals.revenue).not.toBe(before.totals.revenue);
    expect(rowOf('Müller GmbH')).toHaveTextContent(
      moneyFormatter(after.currency)(c1.totals.revenue),
    );
    // typing is one undo step
    undo();
    expect(state().customers[0]!.count).toBe(1);
  });

  it.each([
    ['0', 'must be at least 1'],
    ['abc', 'must be a whole number'],
  ])('a count of "%s" shows a message and leaves the store unchanged', async (text, message) => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    const before = state();
    const count = screen.getByRole('textbox', { name: 'Count of Müller GmbH' });
    await user.clear(count);
    await user.type(count, text);
    expect(within(rowOf('Müller GmbH')).getByRole('alert')).toHaveTextContent(message);
    expect(count).toHaveValue(text);
    expect(count).toHaveAttribute('aria-invalid', 'true');
    expect(state()).toBe(before);
  });

  it('switches a line to PAYG and back to fixed-term', async () => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Model of Müller GmbH' }),
      'payg',
    );
    expect(state().customers[0]!.license).toMatchObject({
      model: 'payg',
      hoursPerMonth: 730,
      convertTo: null,
    });
    expect(screen.getByRole('textbox', { name: 'Hours per month of Müller GmbH' })).toHaveValue(
      '730',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Model of Brightwave Events Ltd' }),
      'fixed-term',
    );
    const c5 = state().customers[4]!;
    expect(c5.endMonth).toBeNull();
    expect(c5.license).toMatchObject({ model: 'fixed-term', termMonths: 12, renew: true });
  });

  it('adds, duplicates, removes and moves lines; undo restores each', async () => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    const original = ids();

    await user.click(screen.getByRole('button', { name: 'Add customer line' }));
    expect(ids()).toHaveLength(9);
    const added = state().customers[8]!;
    expect(original).not.toContain(added.id);
    expect(added.license).toMatchObject({ model: 'fixed-term', termMonths: 12, renew: true });
    expect(screen.getByRole('table', { name: /Customer lines \(9\)/ })).toBeInTheDocument();
    undo();
    expect(ids()).toEqual(original);

    await user.click(screen.getByRole('button', { name: 'Duplicate Müller GmbH' }));
    const copy = state().customers[1]!;
    expect(copy.name).toBe('Müller GmbH (copy)');
    expect(original).not.toContain(copy.id);
    expect({ ...copy, id: 'c1', name: 'Müller GmbH' }).toEqual(state().customers[0]);
    undo();
    expect(ids()).toEqual(original);

    await user.click(screen.getByRole('button', { name: 'Remove Łódź Telekom' }));
    expect(ids()).toEqual(original.filter((id) => id !== 'c2'));
    undo();
    expect(ids()).toEqual(original);

    await user.click(screen.getByRole('button', { name: 'Move down Müller GmbH' }));
    expect(ids().slice(0, 3)).toEqual(['c2', 'c1', 'c3']);
    await user.click(screen.getByRole('button', { name: 'Move up Müller GmbH' }));
    expect(ids()).toEqual(original);
    expect(screen.getByRole('button', { name: 'Move up Müller GmbH' })).toBeDisabled();
    undo();
    expect(ids().slice(0, 2)).toEqual(['c2', 'c1']);
    undo();
    expect(ids()).toEqual(original);
  });

  it('renders only the rows in view of a 1,000-line scenario', () => {
    const sample = sampleScenario();
    const customers = Array.from({ length: 1000 }, (_, i) => ({
      ...structuredClone(sample.customers[i % sample.customers.length]!),
      id: `g${i + 1}`,
      name: `Line ${i + 1}`,
    }));
    openScenario({ ...sample, customers });
    render(<CustomersStep />);
    const table = screen.getByRole('table', { name: /Customer lines \(1000\)/ });
    expect(table).toHaveAttribute('aria-rowcount', '1001');
    const rows = within(table).getAllByRole('row');
    expect(rows.length).toBeLessThan(50);
    expect(screen.getByRole('textbox', { name: 'Name of Line 1' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Name of Line 600' })).toBeNull();

    const scroller = table.parentElement!;
    fireEvent.scroll(scroller, { target: { scrollTop: 599 * ROW_HEIGHT } });
    const row = rowOf('Line 600');
    expect(row).toHaveAttribute('aria-rowindex', '601');
    expect(screen.queryByRole('textbox', { name: 'Name of Line 1' })).toBeNull();
    expect(within(table).getAllByRole('row').length).toBeLessThan(50);
  });
});
