// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { focusField } from '../../../src/components/form/field-focus';
import { issueText } from '../../../src/reports/issue-text';
import { CustomersStep, ROW_HEIGHT } from '../../../src/features/customers/CustomersStep';
import { moneyFormatter } from '../../../src/components/format';
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
    expect(
      within(screen.getByRole('combobox', { name: 'Term of Müller GmbH' })).getByRole('option', {
        selected: true,
      }),
    ).toHaveTextContent('36 mo');
    expect(
      screen.getByRole('button', {
        name: /^Hours per month of Alpenrose Bergbahnen AG: a seasonal/,
      }),
    ).toHaveTextContent('Seasonal');
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
    // the new row's first field has the focus, ready for its name
    expect(
      screen.getByRole('textbox', { name: `Name of ${added.name || added.id}` }),
    ).toHaveFocus();
    expect(added.license).toMatchObject({ model: 'fixed-term', termMonths: 12, renew: true });
    expect(screen.getByRole('table', { name: /Customer lines \(9\)/ })).toBeInTheDocument();
    undo();
    expect(ids()).toEqual(original);

    // Copy, Remove and the moves sit behind "More", which keeps the pinned column narrow
    const more = (name: string) =>
      user.click(screen.getByRole('button', { name: `More actions for ${name}` }));
    expect(screen.queryByRole('button', { name: 'Duplicate Müller GmbH' })).toBeNull();
    await more('Müller GmbH');
    await user.click(screen.getByRole('button', { name: 'Duplicate Müller GmbH' }));
    const copy = state().customers[1]!;
    expect(copy.name).toBe('Müller GmbH (copy)');
    expect(original).not.toContain(copy.id);
    expect({ ...copy, id: 'c1', name: 'Müller GmbH' }).toEqual(state().customers[0]);
    undo();
    expect(ids()).toEqual(original);

    await more('Łódź Telekom');
    await user.click(screen.getByRole('button', { name: 'Remove Łódź Telekom' }));
    expect(ids()).toEqual(original.filter((id) => id !== 'c2'));
    undo();
    expect(ids()).toEqual(original);

    await more('Müller GmbH');
    await user.click(screen.getByRole('button', { name: 'Move down Müller GmbH' }));
    expect(ids().slice(0, 3)).toEqual(['c2', 'c1', 'c3']);
    await more('Müller GmbH');
    await user.click(screen.getByRole('button', { name: 'Move up Müller GmbH' }));
    expect(ids()).toEqual(original);
    await more('Müller GmbH');
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

  it('keeps the focused row, its focus and what was typed when it scrolls out of view', async () => {
    const user = userEvent.setup();
    const sample = sampleScenario();
    const customers = Array.from({ length: 1000 }, (_, i) => ({
      ...structuredClone(sample.customers[i % sample.customers.length]!),
      id: `g${i + 1}`,
      name: `Line ${i + 1}`,
    }));
    openScenario({ ...sample, customers });
    render(<CustomersStep />);
    const count = screen.getByRole('textbox', { name: 'Count of Line 1' });
    await user.clear(count);
    await user.type(count, 'x'); // not valid: only the cell has it
    const scroller = screen.getByRole('table').parentElement!;
    fireEvent.scroll(scroller, { target: { scrollTop: 599 * ROW_HEIGHT } });
    expect(rowOf('Line 600')).toBeInTheDocument();
    const kept = screen.getByRole('textbox', { name: 'Count of Line 1' });
    expect(kept).toBe(count);
    expect(kept).toHaveFocus();
    expect(kept).toHaveValue('x');
    expect(kept).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('textbox', { name: 'Name of Line 2' })).toBeNull();
  });

  describe('the details of a line', () => {
    const openDetails = async (user: ReturnType<typeof userEvent.setup>, name: string) => {
      await user.click(screen.getByRole('button', { name: `Details of ${name}` }));
      return screen.getByRole('region', { name: `Details of ${name}` });
    };

    it('edits the end month of a PAYG line; a bad one shows the message', async () => {
      const user = userEvent.setup();
      render(<CustomersStep />);
      const details = await openDetails(user, 'Brightwave Events Ltd');
      expect(
        screen.getByRole('button', { name: 'Details of Brightwave Events Ltd' }),
      ).toHaveAttribute('aria-expanded', 'true');
      const end = within(details).getByRole('textbox', { name: 'End month' });
      expect(end).toHaveValue('10');
      await user.clear(end);
      expect(state().customers[4]!.endMonth).toBeNull(); // blank runs to the horizon
      await user.type(end, '20');
      expect(state().customers[4]!.endMonth).toBe(20);
      await user.clear(end);
      const before = state();
      await user.type(end, '-3');
      expect(within(details).getByRole('alert')).toHaveTextContent('must not be negative');
      expect(end).toHaveValue('-3');
      expect(state()).toBe(before);
    });

    it('sets the partner, the renewal and the sell price', async () => {
      const user = userEvent.setup();
      render(<CustomersStep />);
      const details = await openDetails(user, 'Redwood Dental Group');
      await user.selectOptions(within(details).getByRole('combobox', { name: 'Partner' }), 'p2');
      expect(state().customers[6]!.partnerId).toBe('p2');
      await user.click(
        within(details).getByRole('checkbox', { name: 'Renew at the end of each term' }),
      );
      expect(state().customers[6]!.license).toMatchObject({ renew: false });
      const mode = within(details).getByRole('combobox', { name: 'Sell mode' });
      expect(mode).toHaveValue('default');
      await user.selectOptions(mode, 'margin');
      expect(state().customers[6]!.sell).toEqual({ mode: 'margin', pct: '20' });
      const pct = within(details).getByRole('textbox', { name: 'Margin %' });
      await user.clear(pct);
      await user.type(pct, '35');
      expect(state().customers[6]!.sell).toEqual({ mode: 'margin', pct: '35' });
      const quoted = quoteOf(state()).customers.find((c) => c.id === 'c7')!;
      expect(within(details).getByText(`${quoted.totals.marginPct} %`)).toBeInTheDocument();
      await user.clear(pct);
      const before = state();
      await user.paste('100');
      expect(within(details).getByRole('alert')).toHaveTextContent('below 100');
      expect(state()).toBe(before);
      await user.selectOptions(mode, 'fixed');
      const monthly = within(details).getByRole('textbox', { name: 'Monthly price' });
      await user.clear(monthly);
      await user.type(monthly, '123.45');
      expect(state().customers[6]!.sell).toEqual({ mode: 'fixed', monthly: '123.45', oneOff: '0' });
    });

    it('edits a seasonal profile month by month and turns a flat line seasonal', async () => {
      const user = userEvent.setup();
      render(<CustomersStep />);
      const details = await openDetails(user, 'Alpenrose Bergbahnen AG');
      const march = within(details).getByRole('textbox', { name: 'March' });
      expect(march).toHaveValue('620');
      await user.clear(march);
      await user.type(march, '610.5');
      const profile = state().customers[3]!.license;
      expect(profile.model === 'payg' && profile.hoursPerMonth).toEqual([
        744, 672, 610.5, 360, 120, 120, 240, 240, 150, 200, 480, 744,
      ]);
      await user.clear(march);
      const before = state();
      await user.paste('800');
      expect(within(details).getByRole('alert')).toHaveTextContent('at most 744');
      expect(state()).toBe(before);

      await user.click(within(details).getByRole('button', { name: 'Close details' }));
      const flat = await openDetails(user, 'Small-business web shops (segment)');
      await user.click(within(flat).getByRole('radio', { name: /Seasonal profile/ }));
      const c3 = state().customers[2]!.license;
      expect(c3.model === 'payg' && c3.hoursPerMonth).toEqual(new Array(12).fill(300));
      await user.click(within(flat).getByRole('radio', { name: /Same hours every month/ }));
      const back = state().customers[2]!.license;
      expect(back.model === 'payg' && back.hoursPerMonth).toBe(300);
    });

    it('converts a PAYG line to Fixed-Term at a month, and shows the engine advice', async () => {
      const user = userEvent.setup();
      render(<CustomersStep />);
      const details = await openDetails(user, 'Ελληνικά Δίκτυα');
      const advice = quoteOf(state()).customers.find((c) => c.id === 'c8')!.advice;
      if (advice) {
        expect(within(details).getByText(/^Advice:/)).toHaveTextContent(
          `a ${advice.termMonths}-month Fixed-Term license`,
        );
      }
      await user.click(
        within(details).getByRole('checkbox', { name: 'Convert to a Fixed-Term license' }),
      );
      expect(state().customers[7]!.license).toMatchObject({
        convertTo: { atMonth: 7, termMonths: 12 },
      });
      const atMonth = within(details).getByRole('textbox', { name: 'At month' });
      await user.clear(atMonth);
      await user.type(atMonth, '13');
      await user.selectOptions(
        within(details).getByRole('combobox', { name: 'Term after converting' }),
        '36',
      );
      expect(state().customers[7]!.license).toMatchObject({
        convertTo: { atMonth: 13, termMonths: 36 },
      });
      expect(within(details).queryByRole('textbox', { name: 'End month' })).toBeNull();
      // the engine's issue for a conversion past the horizon is shown in the panel
      await user.clear(atMonth);
      await user.type(atMonth, '40');
      const issue = quoteOf(state()).issues.find(
        (i) => i.path === 'customers[7].license.convertTo.atMonth',
      )!;
      // in the screen's words: the line's name, not its id (issue-text.ts)
      expect(within(details).getByText(issueText(issue, state()).message)).toBeInTheDocument();
    });

    it('a link to a field opens the line and focuses it, far down a long table', async () => {
      const sample = sampleScenario();
      const customers = Array.from({ length: 1000 }, (_, i) => ({
        ...structuredClone(sample.customers[i % sample.customers.length]!),
        id: `g${i + 1}`,
        name: `Line ${i + 1}`,
      }));
      openScenario({ ...sample, customers });
      render(<CustomersStep />);
      // line 605 is a copy of Brightwave Events Ltd (PAYG with an end month)
      const stops: (() => void)[] = [];
      await act(async () => {
        stops.push(focusField('customers[604].endMonth'));
        await Promise.resolve();
      });
      const details = screen.getByRole('region', { name: 'Details of Line 605' });
      await waitFor(() =>
        expect(within(details).getByRole('textbox', { name: 'End month' })).toHaveFocus(),
      );
      expect(rowOf('Line 605')).toBeInTheDocument();
      await act(async () => {
        stops.push(focusField('customers[2].count'));
        await Promise.resolve();
      });
      await waitFor(() =>
        expect(screen.getByRole('textbox', { name: 'Count of Line 3' })).toHaveFocus(),
      );
      stops.forEach((stop) => stop());
    });
  });
});
