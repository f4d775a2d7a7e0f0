// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PricingStep } from '../../../src/features/pricing/PricingStep';
import { scenarioStore } from '../../../src/state/app-store';
import { sampleScenario } from '../../../src/state/sample';
import { resetApp as reset, engineQuote, appQuote } from '../../support/app-state';

beforeEach(reset);
afterEach(() => {
  cleanup();
  reset();
});

describe('the Pricing step', () => {
  it('shows the defaults and a row per customer line with its sell mode and margin', () => {
    render(<PricingStep />);
    const sample = sampleScenario();
    const markup = screen.getByLabelText('Default markup %');
    expect(markup).toHaveValue(sample.pricing.defaultMarkupPct);
    expect(markup).toHaveAttribute('inputMode', 'decimal');
    expect(screen.getByLabelText('Minimum margin %')).toHaveValue(sample.pricing.minMarginPct);
    expect(screen.getByText(/details on the Customers step/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Edit the sell price of Müller GmbH' }),
    ).toHaveAttribute('href', '#/customers?field=customers%5B0%5D.sell');

    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(sample.customers.length);
    const quote = engineQuote(sample);
    sample.customers.forEach((line, i) => {
      const row = rows[i]!;
      expect(within(row).getByRole('rowheader')).toHaveTextContent(line.name);
      const sell = line.sell;
      const expected =
        sell === null
          ? `Default markup (${sample.pricing.defaultMarkupPct} %)`
          : sell.mode === 'markup'
            ? `Markup ${sell.pct} %`
            : sell.mode === 'margin'
              ? `Margin ${sell.pct} %`
              : /^Fixed .+ monthly \+ .+ one-off$/;
      expect(within(row).getAllByRole('cell')[0]).toHaveTextContent(expected);
      const quoted = quote.customers.find((c) => c.id === line.id)!;
      const pct = quoted.totals.marginPct;
      expect(within(row).getAllByRole('cell')[1]).toHaveTextContent(
        pct === null ? '—' : `${pct} %`,
      );
    });
  });

  it('changes the default markup in the store and re-prices like calculateQuote', async () => {
    const user = userEvent.setup();
    render(<PricingStep />);
    const before = scenarioStore.getState().scenario;
    const revenueBefore = engineQuote(before).totals!.revenue;
    const markup = screen.getByLabelText('Default markup %');
    await user.clear(markup);
    await user.type(markup, '55.5');
    const after = scenarioStore.getState().scenario;
    expect(after.pricing).toEqual({ ...before.pricing, defaultMarkupPct: '55.5' });
    expect(after.customers).toBe(before.customers);
    const revenue = appQuote().totals!.revenue;
    expect(revenue).toBe(engineQuote(after).totals!.revenue);
    expect(revenue).not.toBe(revenueBefore);
    const defaultRow = screen.getAllByText('Default markup (55.5 %)');
    expect(defaultRow.length).toBe(before.customers.filter((c) => c.sell === null).length);

    // the typing was one step of undo; the form follows the store back
    act(() => scenarioStore.getState().undo());
    expect(scenarioStore.getState().scenario).toBe(before);
    expect(markup).toHaveValue(before.pricing.defaultMarkupPct);
    expect(appQuote().totals!.revenue).toBe(revenueBefore);
  });

  it('shows the schema message for bad input and keeps it out of the store', async () => {
    const user = userEvent.setup();
    render(<PricingStep />);
    const before = scenarioStore.getState().scenario;
    const margin = screen.getByLabelText('Minimum margin %');
    await user.clear(margin);
    await user.type(margin, 'abc');
    expect(screen.getByRole('alert')).toHaveTextContent(
      /^Minimum margin % must be a percentage from 0 to 100/,
    );
    expect(margin).toHaveAttribute('aria-invalid', 'true');
    expect(margin).toHaveValue('abc');
    expect(scenarioStore.getState().scenario).toBe(before);

    const markup = screen.getByLabelText('Default markup %');
    await user.clear(markup);
    await user.type(markup, '-5');
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    expect(scenarioStore.getState().scenario).toBe(before);
  });

  it('marks the lines below the minimum margin', async () => {
    const user = userEvent.setup();
    render(<PricingStep />);
    expect(screen.queryAllByText('Below minimum')).toHaveLength(
      appQuote().customers.filter((c) => c.belowMinMargin).length,
    );
    const margin = screen.getByLabelText('Minimum margin %');
    await user.clear(margin);
    await user.type(margin, '99');
    expect(scenarioStore.getState().scenario.pricing.minMarginPct).toBe('99');
    const below = appQuote().customers.filter((c) => c.belowMinMargin).length;
    expect(below).toBeGreaterThan(0);
    expect(screen.getAllByText('Below minimum')).toHaveLength(below);

    act(() => scenarioStore.getState().undo());
    expect(margin).toHaveValue(sampleScenario().pricing.minMarginPct);
  });
});
