// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldLink } from '../../../src/app/routing';
import { moneyFormatter } from '../../../src/components/format';
import { CustomersStep } from '../../../src/features/customers/CustomersStep';
import { Summary } from '../../../src/features/summary/Summary';
import { scenarioStore } from '../../../src/state/app-store';
import { appQuote, resetApp as reset } from '../../support/app-state';

beforeEach(reset);
afterEach(() => {
  cleanup();
  reset();
});

function summary() {
  return screen.getByRole('complementary', { name: 'Live summary' });
}

describe('the live summary', () => {
  it('shows TCV, margin, margin %, MRR, break-even, peak funding and issues of the quote', () => {
    render(<Summary linkFor={fieldLink} />);
    const quote = appQuote();
    const money = moneyFormatter(quote.currency);
    const s = within(summary());
    expect(s.getByTestId('kpi-tcv')).toHaveTextContent(money(quote.totals!.revenue));
    expect(s.getByTestId('kpi-margin')).toHaveTextContent(money(quote.totals!.margin));
    expect(s.getByTestId('kpi-margin-pct')).toHaveTextContent(`${quote.totals!.marginPct} %`);
    expect(s.getByTestId('kpi-mrr')).toHaveTextContent(money(quote.totals!.mrrFinal));
    expect(s.getByTestId('kpi-break-even')).toHaveTextContent(
      `Month ${quote.totals!.breakEvenMonth}`,
    );
    expect(s.getByTestId('kpi-issues')).toHaveTextContent('0 errors, 0 warnings');
    // the funding the plan needs at its lowest cumulative cash (PRICING.md §8)
    expect(s.getByTestId('kpi-peak-funding')).toHaveTextContent(
      money(quote.totals!.cash.peakFunding),
    );
  });

  it('letters in a Count: a message at the field, no figures, and a link to that field', async () => {
    const user = userEvent.setup();
    render(
      <>
        <CustomersStep />
        <Summary linkFor={fieldLink} />
      </>,
    );
    const name = scenarioStore.getState().scenario.customers[0]!.name;
    const count = screen.getByRole('textbox', { name: `Count of ${name}` });
    await user.clear(count);
    await user.type(count, 'abc');

    // at the field, in plain words
    expect(count).toHaveAttribute('aria-invalid', 'true');
    expect(count).toHaveAccessibleDescription('Count must be a whole number');
    // the summary does not show figures of a value the screen no longer shows
    const s = within(summary());
    expect(s.getByTestId('kpi-tcv')).toHaveTextContent(/^—$/);
    expect(s.getByTestId('kpi-margin')).toHaveTextContent(/^—$/);
    expect(s.getByTestId('kpi-issues')).toHaveTextContent('1 invalid input, 0 errors, 0 warnings');
    expect(s.getByRole('status')).toHaveTextContent('No figures while 1 input is not valid');
    const item = s.getByText(`${name} · Count`).closest('li')!;
    expect(item).toHaveTextContent('Count must be a whole number');
    expect(item).not.toHaveTextContent('customers[');
    expect(within(item).getByRole('link', { name: /^Fix it/ })).toHaveAttribute(
      'href',
      fieldLink('customers[0].count').href,
    );

    // fixed: the figures are back, priced on what the field shows
    await user.clear(count);
    await user.type(count, '3');
    expect(scenarioStore.getState().scenario.customers[0]!.count).toBe(3);
    const quote = appQuote();
    expect(s.getByTestId('kpi-tcv')).toHaveTextContent(
      moneyFormatter(quote.currency)(quote.totals!.revenue),
    );
    expect(s.queryByText(`${name} · Count`)).toBeNull();
  });

  it('a start month past the horizon: the message at the field and the line named in the summary', () => {
    render(
      <>
        <CustomersStep />
        <Summary linkFor={fieldLink} />
      </>,
    );
    act(() =>
      scenarioStore.getState().edit((s) => ({
        ...s,
        customers: s.customers.map((l, i) => (i === 1 ? { ...l, startMonth: 99 } : l)),
      })),
    );
    const line = scenarioStore.getState().scenario.customers[1]!;
    const s = within(summary());
    expect(s.getByTestId('kpi-tcv')).toHaveTextContent(/^—$/);
    expect(s.getByText(`${line.name} · Start month`)).toBeInTheDocument();
    expect(summary()).not.toHaveTextContent('customers[1]');
    expect(summary()).toHaveTextContent(`${line.name} starts in month 99`);
  });

  it('collapses the issues behind a button and opens them on request', async () => {
    const user = userEvent.setup();
    act(() =>
      scenarioStore
        .getState()
        .edit((s) => ({ ...s, pricing: { ...s.pricing, minMarginPct: '99' } })),
    );
    render(<Summary linkFor={fieldLink} />);
    const toggle = within(summary()).getByRole('button', { name: /issues? to review/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(summary()).queryAllByRole('link')).toHaveLength(0);
  });
});

describe('bad input in the shell', () => {
  it('a start month past the horizon shows the quote error at the field itself', async () => {
    const { Shell } = await import('../../../src/app/Shell');
    act(() =>
      scenarioStore.getState().edit((s) => ({
        ...s,
        customers: s.customers.map((l, i) => (i === 1 ? { ...l, startMonth: 99 } : l)),
      })),
    );
    window.location.hash = '#/customers';
    render(<Shell />);
    const line = scenarioStore.getState().scenario.customers[1]!;
    const start = await screen.findByRole('textbox', { name: `Start month of ${line.name}` });
    expect(start).toHaveAttribute('aria-invalid', 'true');
    expect(start).toHaveAccessibleDescription(new RegExp(`${line.name} starts in month 99`));
  });
});

describe('the summary as a bar below 1280 px', () => {
  const narrow = () =>
    ({
      matches: false,
      addEventListener: () => {},
      removeEventListener: () => {},
    }) as unknown as MediaQueryList;

  beforeEach(() => {
    window.matchMedia = narrow;
  });
  afterEach(() => {
    // jsdom has no matchMedia: put it back as it was
    delete (window as { matchMedia?: unknown }).matchMedia;
  });

  it('folds warnings away, and lists what stops the figures', () => {
    act(() =>
      scenarioStore
        .getState()
        .edit((s) => ({ ...s, pricing: { ...s.pricing, minMarginPct: '99' } })),
    );
    const { unmount } = render(<Summary linkFor={fieldLink} />);
    expect(summary()).toHaveClass('summary-bar');
    expect(
      within(summary()).getByRole('button', { name: /^Show \d+ issues? to review$/ }),
    ).toHaveAttribute('aria-expanded', 'false');
    unmount();

    act(() =>
      scenarioStore.getState().edit((s) => ({
        ...s,
        customers: s.customers.map((l, i) => (i === 1 ? { ...l, startMonth: 99 } : l)),
      })),
    );
    render(<Summary linkFor={fieldLink} />);
    expect(within(summary()).getByRole('button', { name: /^Hide/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(within(summary()).getAllByRole('link', { name: /^Fix it/ }).length).toBeGreaterThan(0);
  });
});
