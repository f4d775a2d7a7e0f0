// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PricingStep } from '../../../src/features/pricing/PricingStep';
import { scenarioStore } from '../../../src/state/app-store';
import { resetApp as reset, engineQuote } from '../../support/app-state';

beforeEach(reset);
afterEach(() => {
  cleanup();
  reset();
});

const state = () => scenarioStore.getState().scenario;

describe('Billing and cash on the Pricing step', () => {
  it('sets how the vendor and the customers invoice terms and pay, changing cash and not the margin', async () => {
    const user = userEvent.setup();
    render(<PricingStep />);
    const section = screen.getByRole('region', { name: 'Billing and cash' });
    const before = engineQuote(state()).totals!;
    const vendorMode = within(section).getByRole('combobox', {
      name: 'Vendor: Fixed-Term invoicing',
    });
    expect(vendorMode).toHaveValue('monthly'); // absent billing reads monthly, paid at once
    await user.selectOptions(vendorMode, 'upfront');
    await user.selectOptions(
      within(section).getByRole('combobox', { name: 'Customers: payment delay' }),
      '2',
    );
    expect(state().billing).toEqual({
      vendor: { fixedTerm: 'upfront' },
      customers: { paymentDelayMonths: 2 },
    });
    const after = engineQuote(state()).totals!;
    expect(after.margin).toBe(before.margin);
    expect(after.cash.peakFunding).not.toBe(before.cash.peakFunding);

    // every option is keyboard-reachable and labelled; the delay offers 0 to 3 months
    const delay = within(section).getByRole('combobox', { name: 'Vendor: payment delay' });
    expect(
      within(delay)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['0', '1', '2', '3']);
    act(() => scenarioStore.getState().undo());
    expect(state().billing).toEqual({ vendor: { fixedTerm: 'upfront' } });
  });
});
