// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../src/engine/index';
import { CashFigure } from '../../../../src/features/results/charts/CashFigure';
import { CustomersFigure } from '../../../../src/features/results/charts/CustomersFigure';
import { periodLabel } from '../../../../src/reports/chart-data';
import { subtractDecimals } from '../../../../src/reports/decimal';
import { moneyFormatter } from '../../../../src/components/format';
import { sampleScenario } from '../../../../src/state/sample';
import { engineQuote } from '../../../support/app-state';

afterEach(cleanup);

const money = moneyFormatter('USD');

/** The sample plan growing a segment, the vendor paid upfront, customers a month late. */
function growing(): Scenario {
  const s = sampleScenario();
  return {
    ...s,
    billing: {
      vendor: { fixedTerm: 'upfront', paymentDelayMonths: 0 },
      customers: { fixedTerm: 'monthly', paymentDelayMonths: 1 },
    },
    customers: s.customers.map((c) =>
      c.id === 'c3'
        ? {
            ...c,
            count: 10,
            changes: [
              { fromMonth: 4, count: 30 },
              { fromMonth: 20, count: 25 },
            ],
          }
        : c,
    ),
  };
}

async function openTable(name: string) {
  const fig = screen.getByRole('figure', { name });
  await userEvent.click(within(fig).getByText('Data table', { selector: 'summary' }));
  return { fig, rows: within(fig).getAllByRole('row').slice(1) };
}

describe('the cash-flow figure', () => {
  it("names cash break-even and peak funding, and tabulates every month's cash beside the margin", async () => {
    const quote = engineQuote(growing());
    const cash = quote.totals!.cash;
    render(<CashFigure quote={quote} money={money} />);
    const { fig, rows } = await openTable('Cash flow');
    expect(within(fig).getByText(/Peak funding:/)).toHaveTextContent(
      `Peak funding: ${money(cash.peakFunding)}.`,
    );
    if (cash.breakEvenMonth !== null)
      expect(fig).toHaveTextContent(`Cash breaks even in month ${cash.breakEvenMonth}`);
    expect(rows).toHaveLength(quote.months.length);
    rows.forEach((row, i) => {
      const m = quote.months[i]!;
      expect([...row.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual([
        `${m.month} (${periodLabel(m.period)})`,
        money(m.cash.in),
        money(subtractDecimals(m.cash.in, m.cash.net)),
        money(m.cash.net),
        money(m.cash.cumulative),
        money(m.cumulativeMargin),
      ]);
    });
  });
});

describe('customers over time', () => {
  it("shows the customers the engine priced each month, the segment's growth included", async () => {
    const quote = engineQuote(growing());
    render(<CustomersFigure quote={quote} />);
    const { rows } = await openTable('Customers over time');
    expect(rows.map((r) => r.querySelector('td')!.textContent)).toEqual(
      quote.months.map((m) => String(m.customers)),
    );
    // the segment's 20 new customers arrive in month 4
    const base = engineQuote(sampleScenario());
    const delta = (q: typeof quote, i: number) =>
      q.months[i]!.customers - base.months[i]!.customers;
    expect(delta(quote, 2)).toBe(-30);
    expect(delta(quote, 3)).toBe(-10);
  });
});
