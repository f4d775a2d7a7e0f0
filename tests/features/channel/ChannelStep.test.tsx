// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelStep } from '../../../src/features/channel/ChannelStep';
import { sumDecimals as sumAmounts } from '../../../src/reports/decimal';
import { moneyFormatter } from '../../../src/components/format';
import { scenarioStore } from '../../../src/state/app-store';
import { resetApp as reset, engineQuote as quoteOf } from '../../support/app-state';

beforeEach(reset);
afterEach(() => {
  cleanup();
  reset();
});

function commissions(kind: 'partner' | 'distributor'): string {
  const quote = quoteOf(scenarioStore.getState().scenario);
  const amounts = quote.months.map((m) => m.commissions[kind]);
  return moneyFormatter(quote.currency)(sumAmounts(amounts, amounts[0]!.split('.')[1]!.length));
}

const state = () => scenarioStore.getState().scenario;
const channel = () => state().channel;

function partner(n: number) {
  return screen.getByRole('group', { name: new RegExp(`^Partner ${n}\\b`) });
}
function distributor(n: number) {
  return screen.getByRole('group', { name: new RegExp(`^Distributor ${n}\\b`) });
}
function totalRow(name: string) {
  return within(screen.getByRole('table', { name: 'Commission totals' })).getByRole('row', {
    name: new RegExp(name),
  });
}

describe('the channel step', () => {
  it('shows every partner, its effective rate and the lines it serves', () => {
    render(<ChannelStep />);
    expect(within(distributor(1)).getByRole('textbox', { name: 'Id' })).toHaveValue('d1');
    expect(within(distributor(2)).getByRole('textbox', { name: 'Commission %' })).toHaveValue('');
    const p1 = partner(1);
    expect(within(p1).getByRole('combobox', { name: 'Distributor' })).toHaveValue('d1');
    expect(within(p1).getByText(/Effective rate/)).toHaveTextContent(
      '7 % — inherited from Bluepeak Distribution; plus 3 % to Bluepeak Distribution',
    );
    expect(within(p1).getByText(/customer line/)).toHaveTextContent('Serves 2 customer lines');
    expect(within(partner(2)).getByText(/Effective rate/)).toHaveTextContent(
      '9.5 % — its own rate',
    );
    expect(within(partner(2)).getByText(/Effective rate/)).not.toHaveTextContent('plus');
    const direct = within(partner(3)).getByRole('combobox', { name: 'Distributor' });
    expect(direct).toHaveValue('');
    expect(within(direct).getByRole('option', { selected: true })).toHaveTextContent(
      'None — a direct partner',
    );
    expect(totalRow('Partner commissions')).toHaveTextContent(commissions('partner'));
    expect(totalRow('Distributor commissions')).toHaveTextContent(commissions('distributor'));
  });

  it("a partner's rate change reaches the store and re-prices its commissions", async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    const before = commissions('partner');
    const rate = within(partner(2)).getByRole('textbox', { name: 'Commission %' });
    await user.clear(rate);
    await user.type(rate, '15');

    expect(channel().partners[1]!.commissionPct).toBe('15');
    const after = commissions('partner');
    expect(after).not.toBe(before);
    expect(totalRow('Partner commissions')).toHaveTextContent(after);
    expect(within(partner(2)).getByText(/Effective rate/)).toHaveTextContent('15 % — its own rate');
  });

  it('a cleared rate is null in the store and inherited from the distributor', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    await user.clear(within(partner(2)).getByRole('textbox', { name: 'Commission %' }));

    expect(channel().partners[1]!.commissionPct).toBeNull();
    expect(within(partner(2)).getByText(/Effective rate/)).toHaveTextContent(
      '8 % — inherited from Adriatic Channel Partners',
    );
    expect(totalRow('Partner commissions')).toHaveTextContent(commissions('partner'));
  });

  it('a cleared distributor commission is null in the store', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    await user.clear(within(distributor(1)).getByRole('textbox', { name: 'Commission %' }));
    expect(channel().distributors[0]!.commissionPct).toBeNull();
    expect(within(partner(1)).getByText(/Effective rate/)).not.toHaveTextContent('plus');
  });

  it('adds a distributor and a partner of it', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    await user.click(screen.getByRole('button', { name: 'Add distributor' }));
    expect(channel().distributors).toHaveLength(3);
    const added = channel().distributors[2]!;
    expect(added).toMatchObject({ commissionPct: null, partnerCommissionPct: null });
    await user.type(within(distributor(3)).getByRole('textbox', { name: 'Name' }), 'Northern');
    await user.type(
      within(distributor(3)).getByRole('textbox', { name: 'Partner commission %' }),
      '6',
    );
    expect(channel().distributors[2]).toMatchObject({
      name: 'Northern',
      partnerCommissionPct: '6',
    });

    await user.click(screen.getByRole('button', { name: 'Add partner' }));
    expect(channel().partners).toHaveLength(4);
    const p4 = partner(4);
    expect(within(p4).getByText(/Effective rate/)).toHaveTextContent('0 % — no rate set');
    expect(within(p4).getByText(/customer line/)).toHaveTextContent('Serves 0 customer lines');
    await user.selectOptions(within(p4).getByRole('combobox', { name: 'Distributor' }), added.id);
    expect(channel().partners[3]!.distributorId).toBe(added.id);
    expect(within(partner(4)).getByText(/Effective rate/)).toHaveTextContent(
      '6 % — inherited from Northern',
    );
  });

  it.each([
    ['partner', 2, 'Commission %', 'abc', /^Commission % must be a percentage from 0 to 100/],
    ['partner', 2, 'Commission %', '101', /from 0 to 100/],
    ['distributor', 1, 'Partner commission %', '7x', /^Partner commission % must be a percentage/],
    ['partner', 1, 'Id', '', /must not be empty/],
    ['partner', 3, 'Id', 'p1', /partner id "p1" is used more than once/],
    ['distributor', 2, 'Id', 'd1', /distributor id "d1" is used more than once/],
  ] as const)(
    '%s %i %s "%s" shows its message and leaves the store unchanged',
    async (kind, n, label, typed, message) => {
      const user = userEvent.setup();
      render(<ChannelStep />);
      const before = channel();
      const group = kind === 'partner' ? partner(n) : distributor(n);
      const input = within(group).getByRole('textbox', { name: label });
      // the whole value replaced at once, so no valid value is typed on the way
      await user.tripleClick(input);
      if (typed) await user.paste(typed);
      else await user.keyboard('{Backspace}');

      await waitFor(() => expect(input).toHaveAccessibleDescription(message));
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(within(group).getByRole('alert')).toHaveTextContent(message);
      expect(input).toHaveValue(typed);
      expect(channel()).toBe(before);
    },
  );

  it('a distributor id its partners still use is flagged and never reaches the store', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    const before = channel();
    await user.type(within(distributor(2)).getByRole('textbox', { name: 'Id' }), 'x');
    const select = within(partner(2)).getByRole('combobox', { name: 'Distributor' });
    await waitFor(() => expect(select).toHaveAccessibleDescription(/"d2" is not in the list/));
    expect(channel()).toBe(before);

    await user.selectOptions(select, 'd2x');
    expect(channel().distributors[1]!.id).toBe('d2x');
    expect(channel().partners[1]!.distributorId).toBe('d2x');
  });

  it('a duplicate id typed in an earlier row is shown at the later row it repeats', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    const before = channel();
    const id = within(partner(1)).getByRole('textbox', { name: 'Id' });
    await user.tripleClick(id);
    await user.paste('p3');
    const later = within(partner(3)).getByRole('textbox', { name: 'Id' });
    await waitFor(() => expect(later).toHaveAccessibleDescription(/"p3" is used more than once/));
    expect(channel()).toBe(before);
  });

  it('an id change in place carries the customer lines of a partner with it', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    const id = within(partner(1)).getByRole('textbox', { name: 'Id' });
    await user.type(id, 'x');
    expect(channel().partners[0]!.id).toBe('p1x');
    expect(state().customers.filter((c) => c.partnerId === 'p1x')).toHaveLength(2);
    expect(quoteOf(state()).issues.filter((i) => i.code === 'unknown-id')).toEqual([]);
  });

  it('removing a partner that serves lines asks, then clears them in one edit', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    const before = state();
    await user.click(within(partner(1)).getByRole('button', { name: 'Remove partner' }));
    const ask = within(partner(1)).getByRole('alert');
    expect(ask).toHaveTextContent(
      'Harbourline IT serves the customer lines Müller GmbH, Brightwave Events Ltd.',
    );
    expect(state()).toBe(before);
    await user.click(within(ask).getByRole('button', { name: 'Keep it' }));
    expect(within(partner(1)).queryByRole('alert')).not.toBeInTheDocument();
    expect(state()).toBe(before);

    await user.click(within(partner(1)).getByRole('button', { name: 'Remove partner' }));
    await user.click(screen.getByRole('button', { name: 'Remove and clear 2 references' }));
    expect(channel().partners.map((p) => p.id)).toEqual(['p2', 'p3']);
    expect(state().customers.find((c) => c.id === 'c1')!.partnerId).toBeNull();
    expect(state().customers.find((c) => c.id === 'c5')!.partnerId).toBeNull();
    expect(quoteOf(state()).issues.filter((i) => i.level === 'error')).toEqual([]);
    await waitFor(() => expect(screen.queryByRole('group', { name: /^Partner 3/ })).toBeNull());
    expect(partner(1)).toHaveAccessibleName(/Vistula Systems/);

    act(() => scenarioStore.getState().undo());
    expect(state()).toBe(before);
  });

  it('removing a distributor makes its partners direct, in one edit', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    const before = state();
    await user.click(within(distributor(1)).getByRole('button', { name: 'Remove distributor' }));
    expect(within(distributor(1)).getByRole('alert')).toHaveTextContent(
      'Bluepeak Distribution is the distributor of Harbourline IT.',
    );
    await user.click(screen.getByRole('button', { name: 'Remove and clear 1 reference' }));
    expect(channel().distributors.map((d) => d.id)).toEqual(['d2']);
    expect(channel().partners[0]!.distributorId).toBeNull();
    expect(await within(partner(1)).findByText(/Effective rate/)).toHaveTextContent(
      '0 % — no rate set',
    );
    act(() => scenarioStore.getState().undo());
    expect(state()).toBe(before);
  });

  it('removes an unused partner at once', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    await user.click(screen.getByRole('button', { name: 'Add partner' }));
    expect(channel().partners).toHaveLength(4);
    await user.click(within(partner(4)).getByRole('button', { name: 'Remove partner' }));
    expect(channel().partners).toHaveLength(3);
  });

  it('undo restores the previous channel and the form follows', async () => {
    const user = userEvent.setup();
    render(<ChannelStep />);
    const before = channel();
    const rate = within(partner(3)).getByRole('textbox', { name: 'Commission %' });
    await user.clear(rate);
    await user.type(rate, '12');
    expect(channel().partners[2]!.commissionPct).toBe('12');

    act(() => scenarioStore.getState().undo());
    expect(channel()).toEqual(before);
    await waitFor(() =>
      expect(within(partner(3)).getByRole('textbox', { name: 'Commission %' })).toHaveValue('5'),
    );
    expect(within(partner(3)).getByText(/Effective rate/)).toHaveTextContent('5 % — its own rate');
  });
});
