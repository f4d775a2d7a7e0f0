// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moneyFormatter } from '../../../src/components/format';
import { ComparePage } from '../../../src/features/compare/ComparePage';
import { subtractDecimals } from '../../../src/reports/decimal';
import { libraryStore } from '../../../src/state/library';
import { sampleScenario } from '../../../src/state/sample';
import { resetApp, engineQuote } from '../../support/app-state';

function clearLibrary() {
  for (const e of [...libraryStore.getState().entries]) libraryStore.getState().remove(e.id);
}

beforeEach(() => {
  resetApp();
  clearLibrary();
});
afterEach(() => {
  cleanup();
  clearLibrary();
  resetApp();
});

describe('the Compare page', () => {
  it('asks for a saved scenario when the library is empty', () => {
    render(<ComparePage query="" />);
    expect(screen.getByText(/Save a scenario on the Scenarios page/)).toBeInTheDocument();
  });

  it('shows both scenarios’ key figures and B − A exactly, and how their inputs differ', async () => {
    const user = userEvent.setup();
    const a = sampleScenario();
    const b = { ...a, title: 'Higher markup', pricing: { ...a.pricing, defaultMarkupPct: '55' } };
    act(() => libraryStore.getState().saveScenarioAs('Higher markup', b));
    render(<ComparePage query="" />);
    await user.selectOptions(screen.getByLabelText('Scenario B'), 'Higher markup');
    const qa = engineQuote(a);
    const qb = engineQuote(b);
    const money = moneyFormatter(qa.currency);
    const kpis = screen.getByRole('table', { name: 'Key figures, A and B' });
    const tcv = within(kpis).getByRole('rowheader', { name: 'TCV' }).closest('tr')!;
    const cells = within(tcv).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent(money(qa.totals!.revenue));
    expect(cells[1]).toHaveTextContent(money(qb.totals!.revenue));
    const diff = subtractDecimals(qb.totals!.revenue, qa.totals!.revenue, 2);
    expect(cells[2]).toHaveTextContent(`+${money(diff)}`);
    const inputs = screen.getByRole('table', { name: /differences/ });
    expect(within(inputs).getByRole('rowheader', { name: 'Default markup %' })).toBeInTheDocument();
    expect(within(inputs).getByRole('rowheader', { name: 'Title' })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Monthly margin, A and B' })).toBeInTheDocument();
  });
});
