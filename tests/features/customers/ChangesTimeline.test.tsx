// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomersStep } from '../../../src/features/customers/CustomersStep';
import { scenarioStore } from '../../../src/state/app-store';
import { resetApp as reset, engineQuote } from '../../support/app-state';

beforeEach(() => reset());
afterEach(() => {
  cleanup();
  reset();
});

const state = () => scenarioStore.getState().scenario;
const lineOf = (id: string) => state().customers.find((c) => c.id === id)!;
const undo = () => act(() => scenarioStore.getState().undo());

const SEGMENT = 'Small-business web shops (segment)'; // c3: PAYG, 40 customers from month 1

async function openDetails(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByRole('button', { name: `Details of ${name}` }));
  return screen.getByRole('region', { name: `Details of ${name}` });
}

describe('the timeline of changes in a line’s details', () => {
  it('adds a change from the keyboard, shows it in words, and one undo takes it back', async () => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    const details = await openDetails(user, SEGMENT);
    const before = state();
    expect(within(details).getByText(/No changes/)).toBeInTheDocument();
    await user.click(within(details).getByRole('button', { name: 'Add a change' }));
    const form = within(details).getByRole('group', { name: 'New change' });
    await user.type(within(form).getByRole('textbox', { name: 'From month' }), '7');
    await user.type(within(form).getByRole('textbox', { name: 'Customers' }), '25');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Bandwidth' }), '1g');
    await user.type(within(form).getByRole('textbox', { name: 'Hours per month' }), '350{Enter}');

    expect(lineOf('c3').changes).toEqual([
      { fromMonth: 7, count: 25, bandwidth: '1g', hoursPerMonth: 350 },
    ]);
    const item = within(details).getByRole('listitem');
    expect(item).toHaveTextContent(
      /^From Jul 2027 \(month 7\): 25 customers, .+, 350 hours a month/,
    );
    // the engine prices the new plan: 25 customers instead of 40 from month 7, not before
    const [now, was] = [engineQuote(state()).months, engineQuote(before).months];
    expect(now[5]!.customers).toBe(was[5]!.customers);
    expect(now[6]!.customers).toBe(was[6]!.customers - 15);
    undo();
    expect(lineOf('c3').changes).toBeUndefined();
  });

  it('refuses a month outside the line, letters and a repeated month inline, leaving the scenario as it was', async () => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    const details = await openDetails(user, SEGMENT);
    const before = state();
    await user.click(within(details).getByRole('button', { name: 'Add a change' }));
    const form = within(details).getByRole('group', { name: 'New change' });
    const month = within(form).getByRole('textbox', { name: 'From month' });
    const count = within(form).getByRole('textbox', { name: 'Customers' });

    await user.type(month, '40');
    await user.type(count, '12');
    await user.click(within(form).getByRole('button', { name: 'Add change' }));
    expect(month).toHaveAccessibleDescription(/From month must be a month from 2 to 36/);
    expect(month).toHaveAttribute('aria-invalid', 'true');

    await user.clear(month);
    await user.type(month, '1');
    await user.click(within(form).getByRole('button', { name: 'Add change' }));
    expect(month).toHaveAccessibleDescription(/from 2 to 36/);

    await user.clear(month);
    await user.type(month, '5');
    await user.clear(count);
    await user.type(count, 'ten');
    await user.click(within(form).getByRole('button', { name: 'Add change' }));
    expect(count).toHaveAccessibleDescription(/Customers must be/);
    expect(count).toHaveAttribute('aria-invalid', 'true');

    // nothing set at all: the form says what a change needs
    await user.clear(count);
    await user.click(within(form).getByRole('button', { name: 'Add change' }));
    expect(within(form).getByRole('alert')).toHaveTextContent(/at least one of/);

    expect(state()).toBe(before);
  });

  it('edits and removes a change, each one undoable step', async () => {
    const user = userEvent.setup();
    act(() =>
      scenarioStore.getState().edit((s) => ({
        ...s,
        customers: s.customers.map((c) =>
          c.id === 'c3'
            ? {
                ...c,
                changes: [
                  { fromMonth: 6, count: 50 },
                  { fromMonth: 12, count: 30 },
                ],
              }
            : c,
        ),
      })),
    );
    render(<CustomersStep />);
    const details = await openDetails(user, SEGMENT);
    await user.click(
      within(details).getByRole('button', { name: /^Edit change: From Jun 2027 \(month 6\)/ }),
    );
    const form = within(details).getByRole('group', { name: 'Change 1' });
    const count = within(form).getByRole('textbox', { name: 'Customers' });
    await user.clear(count);
    await user.type(count, '0');
    // a later month than the other change: the list is kept in month order
    const month = within(form).getByRole('textbox', { name: 'From month' });
    await user.clear(month);
    await user.type(month, '18');
    await user.click(within(form).getByRole('button', { name: 'Save change' }));
    expect(lineOf('c3').changes).toEqual([
      { fromMonth: 12, count: 30 },
      { fromMonth: 18, count: 0 },
    ]);
    expect(within(details).getAllByRole('listitem')[1]).toHaveTextContent(
      'From Jun 2028 (month 18): 0 customers',
    );

    await user.click(
      within(details).getByRole('button', { name: /^Remove change: From Dec 2027 \(month 12\)/ }),
    );
    expect(lineOf('c3').changes).toEqual([{ fromMonth: 18, count: 0 }]);
    undo();
    expect(lineOf('c3').changes).toHaveLength(2);
  });

  it('offers no change on a line that converts to Fixed-Term', async () => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    const details = await openDetails(user, 'Cascade Health Partners');
    expect(within(details).getByRole('button', { name: 'Add a change' })).toBeDisabled();
    expect(
      within(details).getByText(/converts to Fixed-Term cannot change over time/),
    ).toBeVisible();
    expect(within(details).queryByRole('button', { name: 'Plan growth…' })).toBeNull();
  });
});

describe('the growth helper', () => {
  it('previews the customer curve and writes the count changes in one undoable edit', async () => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    const details = await openDetails(user, SEGMENT);
    const before = state();
    await user.click(within(details).getByRole('button', { name: 'Plan growth…' }));
    const helper = within(details).getByRole('group', { name: 'Plan growth' });
    const field = (name: string) => within(helper).getByRole('textbox', { name });
    await user.clear(field('Start customers'));
    await user.type(field('Start customers'), '10');
    await user.clear(field('Wins per month'));
    await user.type(field('Wins per month'), '2.5');
    await user.clear(field('Wins from month'));
    await user.type(field('Wins from month'), '2');
    await user.clear(field('Wins to month'));
    await user.type(field('Wins to month'), '5');
    await user.clear(field('Churn per month %'));
    await user.type(field('Churn per month %'), '0');

    // 10, 12.5 → 13, 15, 17.5 → 18, 20, then flat
    const curve = within(helper).getByRole('table', { name: 'Customers by month' });
    const cells = within(curve)
      .getAllByRole('row')
      .slice(1, 7)
      .map((r) => within(r).getByRole('cell').textContent);
    expect(cells).toEqual(['10', '13', '15', '18', '20', '20']);
    expect(
      within(helper).getByRole('img', {
        name: 'Customers from 10 in month 1 to 20 in month 36, at most 20.',
      }),
    ).toBeInTheDocument();
    expect(state()).toBe(before); // a preview only

    await user.click(within(helper).getByRole('button', { name: 'Write the changes' }));
    expect(lineOf('c3').count).toBe(10);
    expect(lineOf('c3').changes).toEqual([
      { fromMonth: 2, count: 13 },
      { fromMonth: 3, count: 15 },
      { fromMonth: 4, count: 18 },
      { fromMonth: 5, count: 20 },
    ]);
    expect(
      within(details)
        .getAllByRole('status')
        .map((status) => status.textContent)
        .join(' '),
    ).toContain('4 changes');
    expect(
      engineQuote(state())
        .months.slice(0, 6)
        .map((m) => m.customers),
    ).toEqual(
      engineQuote(before)
        .months.slice(0, 6)
        .map((m, i) => m.customers - 40 + [10, 13, 15, 18, 20, 20][i]!),
    );
    undo();
    expect(state().customers).toEqual(before.customers);
  });

  it('on a fixed-term line previews the customers the quote counts once written', async () => {
    // Łódź Telekom (c2): a 12-month term from month 4, not renewed. 10 customers, 2 won a month
    // in months 6–9: each cohort leaves when its own term ends (PRICING.md §7), which the
    // preview shows as the engine counts it.
    const user = userEvent.setup();
    render(<CustomersStep />);
    const details = await openDetails(user, 'Łódź Telekom');
    await user.click(within(details).getByRole('button', { name: 'Plan growth…' }));
    const helper = within(details).getByRole('group', { name: 'Plan growth' });
    const field = (name: string) => within(helper).getByRole('textbox', { name });
    for (const [name, value] of [
      ['Start customers', '10'],
      ['Wins per month', '2'],
      ['Wins from month', '6'],
      ['Wins to month', '9'],
    ] as const) {
      await user.clear(field(name));
      await user.type(field(name), value);
    }
    const table = within(helper).getByRole('table', { name: 'Customers by month' });
    const shown = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => Number(within(r).getByRole('cell').textContent));

    await user.click(within(helper).getByRole('button', { name: 'Write the changes' }));
    const line = state().customers.findIndex((c) => c.id === 'c2');
    const before = engineQuote(state());
    // the line's customers each month, from the quote's month totals less the other lines'
    const others = state().customers.filter((c) => c.id !== 'c2');
    const rest = engineQuote({ ...state(), customers: others });
    const counted = before.months
      .slice(3)
      .map((m, i) => m.customers - rest.months[i + 3]!.customers);
    expect(line).toBeGreaterThanOrEqual(0);
    expect(shown).toEqual(counted);
    expect(shown.at(-1)).toBe(before.customers[line]!.activeFinal);
  });

  it('refuses 0 to start, letters and a period outside the line inline, and writes nothing', async () => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    const details = await openDetails(user, SEGMENT);
    const before = state();
    await user.click(within(details).getByRole('button', { name: 'Plan growth…' }));
    const helper = within(details).getByRole('group', { name: 'Plan growth' });
    const field = (name: string) => within(helper).getByRole('textbox', { name });
    await user.clear(field('Start customers'));
    await user.type(field('Start customers'), '0');
    expect(field('Start customers')).toHaveAccessibleDescription(/at least 1/);
    await user.clear(field('Wins per month'));
    await user.type(field('Wins per month'), 'three');
    expect(field('Wins per month')).toHaveAccessibleDescription(/must be a number/);
    await user.clear(field('Wins per month'));
    await user.type(field('Wins per month'), '3');
    await user.clear(field('Wins to month'));
    await user.type(field('Wins to month'), '99');
    expect(field('Wins to month')).toHaveAccessibleDescription(/month from 2 to 36/);
    expect(within(helper).getByRole('button', { name: 'Write the changes' })).toBeDisabled();
    expect(state()).toBe(before);
  });
});

describe("a line's billing", () => {
  it('overrides the customers’ invoicing of terms for that line, and back to the default', async () => {
    const user = userEvent.setup();
    render(<CustomersStep />);
    const details = await openDetails(user, 'Müller GmbH');
    const select = within(details).getByRole('combobox', { name: 'Invoicing of the term' });
    await user.selectOptions(select, 'upfront');
    expect(lineOf('c1').billing).toBe('upfront');
    await user.selectOptions(select, '');
    expect('billing' in lineOf('c1')).toBe(false);
  });
});

describe('a link to a change to fix', () => {
  it('opens the line’s details and focuses the change the quote names', async () => {
    const { focusField } = await import('../../../src/components/form/field-focus');
    act(() =>
      scenarioStore.getState().edit((s) => ({
        ...s,
        customers: s.customers.map((c) =>
          c.id === 'c3' ? { ...c, changes: [{ fromMonth: 99, count: 5 }] } : c,
        ),
      })),
    );
    const issue = engineQuote(state()).issues.find((i) => i.code === 'month-out-of-range')!;
    expect(issue.path).toBe('customers[2].changes[0].fromMonth');
    render(<CustomersStep />);
    act(() => focusField(issue.path));
    await waitFor(() =>
      expect(document.activeElement).toHaveAccessibleName(/^Edit change: From .* \(month 99\)/),
    );
  });
});
