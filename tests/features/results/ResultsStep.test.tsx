// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fieldLink } from '../../../src/app/routing';
import { ScenarioSchema, type Scenario } from '../../../src/engine/index';
import { compareDecimals, sumDecimals } from '../../../src/reports/decimal';
import { ResultsStep } from '../../../src/features/results/ResultsStep';
import { moneyFormatter } from '../../../src/components/format';
import { scenarioStore } from '../../../src/state/app-store';
import { sampleScenario } from '../../../src/state/sample';
import { appQuote, openScenario, resetApp as reset } from '../../support/app-state';

// The charts have their own tests and draw with recharts; here they are a stand-in.
vi.mock('../../../src/features/results/charts/ResultsCharts', () => ({
  default: () => <p>Charts stand-in</p>,
}));

beforeEach(() => {
  reset();
  window.location.hash = '#/results';
  window.localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  reset();
});

/** Opens a section as a user does: its link in the Results navigation. */
async function show(name: string | RegExp) {
  const nav = screen.getByRole('navigation', { name: 'Results sections' });
  const link = within(nav).getByRole('link', { name });
  act(() => {
    window.location.hash = link.getAttribute('href')!;
    // jsdom fires hashchange late; the browser fires it on the click
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  expect(link).toHaveAttribute('aria-current', 'page');
}

/** The shell passes the documents panel as `exports`; here a stand-in (it has its own tests). */
function renderStep({ exports = <p>Exports stand-in</p> }: { exports?: ReactNode } = {}) {
  const user = userEvent.setup();
  render(<ResultsStep linkFor={fieldLink} exports={exports} />);
  return { user };
}

/** The sample plan with its lines repeated to `n` lines, each with its own id and name. */
function manyLines(n: number): Scenario {
  const sample = sampleScenario();
  const customers = Array.from({ length: n }, (_, i) => {
    const line = sample.customers[i % sample.customers.length]!;
    return { ...line, id: `line-${i + 1}`, name: `${line.name} #${i + 1}`, count: 1 + (i % 7) };
  });
  return ScenarioSchema.parse({ ...sample, customers });
}

const region = (name: string) => screen.getByRole('region', { name });
const customersTable = () => screen.getByRole('table', { name: /^Results per customer line/ });
const monthsTable = () => screen.getByRole('table', { name: /^Monthly series/ });

/** The value of the KPI card named `label`. */
function card(label: string): string {
  const term = within(region('Key figures')).getByText(label, { selector: 'dt' });
  return term.parentElement!.querySelector('.results-kpi-value')!.textContent ?? '';
}

/** Body rows of a table, by their row header. */
const bodyRowNames = (table: HTMLElement) =>
  within(table.querySelector('tbody')!)
    .getAllByRole('rowheader')
    .map((th) => th.textContent);

/** The cells of the foot row whose header is `label`. */
function footRow(table: HTMLElement, label: string | RegExp): string[] {
  const header = within(table.querySelector('tfoot')!).getByRole('rowheader', { name: label });
  return [...header.parentElement!.children].map((c) => c.textContent ?? '');
}

const columnIndex = (table: HTMLElement, name: string) =>
  within(table)
    .getAllByRole('columnheader')
    .findIndex((th) => within(th).queryByRole('button', { name: new RegExp(`^${name}`) }));

describe('the Results step', () => {
  it('shows the KPI cards with the quote figures in its currency', () => {
    renderStep();
    const quote = appQuote();
    const t = quote.totals!;
    const money = moneyFormatter(quote.currency);
    expect(card('TCV')).toBe(money(t.revenue));
    expect(card('Total cost')).toBe(money(t.cost));
    expect(card('Commissions')).toBe(money(t.commissions));
    expect(card('Margin')).toBe(money(t.margin));
    expect(card('Margin %')).toBe(`${t.marginPct} %`);
    expect(card('One-off')).toBe(money(t.oneOff));
    expect(card('MRR')).toBe(money(t.mrrFinal));
    expect(card('ARR')).toBe(money(t.arr));
    expect(card('License committed after the horizon')).toBe(money(t.licenseCommittedAfterHorizon));
    expect(card('Break-even month')).toBe(
      t.breakEvenMonth === null
        ? 'Not within the horizon'
        : `Month ${t.breakEvenMonth} (${quote.months[t.breakEvenMonth - 1]!.period})`,
    );
  });

  it('offers every section in a navigation, one at a time, the choice in the URL', async () => {
    renderStep();
    const nav = screen.getByRole('navigation', { name: 'Results sections' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Key figures',
      'Charts',
      'Cash',
      'Per customer line',
      'Monthly series',
      'Sensitivity',
      'Who earns what',
      'Issues',
      'Exports',
    ]);
    // the first section by default; only one section on the page
    expect(region('Key figures')).toBeInTheDocument();
    expect(screen.getAllByRole('region')).toHaveLength(1);
    expect(within(nav).getByRole('link', { name: 'Charts' })).toHaveAttribute(
      'href',
      '#/results?view=charts',
    );
    await show('Charts');
    expect(await screen.findByText('Charts stand-in')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Key figures' })).toBeNull();
    await show('Issues');
    expect(region('Issues (0 errors, 0 warnings)')).toBeInTheDocument();
    await show('Exports');
    expect(within(region('Exports')).getByText('Exports stand-in')).toBeInTheDocument();
    // an unknown view in the URL opens the first section
    act(() => {
      window.location.hash = '#/results?view=nothing';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(region('Key figures')).toBeInTheDocument();
  });

  it('places a section added to the registry by its order, and opens it from the URL', async () => {
    const { RESULTS_SECTIONS } = await import('../../../src/features/results/sections');
    const sections = [
      ...RESULTS_SECTIONS,
      { id: 'forecast', order: 35, label: 'Forecast', Component: () => <p>Forecast stand-in</p> },
    ];
    window.location.hash = '#/results?view=forecast';
    render(<ResultsStep linkFor={fieldLink} sections={sections} />);
    const nav = screen.getByRole('navigation', { name: 'Results sections' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Key figures',
      'Charts',
      'Cash',
      'Per customer line',
      'Forecast',
      'Monthly series',
      'Sensitivity',
      'Who earns what',
      'Issues',
    ]);
    expect(within(region('Forecast')).getByText('Forecast stand-in')).toBeInTheDocument();
  });

  it("shows both tables with totals that are the quote's", async () => {
    renderStep();
    await show('Per customer line');
    const quote = appQuote();
    const money = moneyFormatter(quote.currency);
    const customers = customersTable();
    expect(bodyRowNames(customers)).toEqual(sampleScenario().customers.map((c) => c.name));
    const total = footRow(customers, 'Total');
    expect(total[columnIndex(customers, 'Revenue')]).toBe(money(quote.totals!.revenue));
    expect(total[columnIndex(customers, 'Margin')]).toBe(money(quote.totals!.margin));
    expect(total[columnIndex(customers, 'Margin %')]).toBe(`${quote.totals!.marginPct} %`);
    expect(footRow(customers, 'Platform')[columnIndex(customers, 'Revenue')]).toBe(money('0'));
    await show('Monthly series');
    const months = monthsTable();
    expect(bodyRowNames(months)).toHaveLength(quote.months.length);
    const monthTotal = footRow(months, 'Total');
    expect(monthTotal[columnIndex(months, 'Total cost')]).toBe(money(quote.totals!.cost));
    expect(monthTotal[columnIndex(months, 'Margin')]).toBe(money(quote.totals!.margin));
    await show('Issues');
    expect(screen.getByText('No issues: nothing to fix.')).toBeInTheDocument();
  });

  it('adds an optional column from the More columns menu and remembers the choice', async () => {
    const { user } = renderStep();
    await show('Per customer line');
    const table = customersTable();
    expect(columnIndex(table, 'Commissions')).toBe(-1);
    const menu = () =>
      screen.getByText(
        (_, el) => el?.tagName === 'SUMMARY' && /^More columns/.test(el.textContent ?? ''),
      );
    expect(menu()).toHaveTextContent('More columns (5)');
    await user.click(menu());
    await user.click(screen.getByRole('checkbox', { name: 'Commissions' }));
    expect(columnIndex(customersTable(), 'Commissions')).toBeGreaterThan(0);
    const quote = appQuote();
    expect(footRow(customersTable(), 'Total')[columnIndex(customersTable(), 'Commissions')]).toBe(
      moneyFormatter(quote.currency)(quote.totals!.commissions),
    );
    expect(menu()).toHaveTextContent('More columns (1 of 5 shown)');
    cleanup();
    renderStep();
    await show('Per customer line');
    expect(columnIndex(customersTable(), 'Commissions')).toBeGreaterThan(0);
    expect(screen.getByRole('checkbox', { name: 'Commissions' })).toBeChecked();
    // the other table keeps its own choice
    await show('Monthly series');
    expect(columnIndex(monthsTable(), 'Recurring revenue')).toBe(-1);
    expect(columnIndex(monthsTable(), 'Partner commission')).toBeGreaterThan(0);
  });

  it('says so when a table is wider than its box, and not when it fits', async () => {
    // jsdom lays nothing out: the box's widths and the observer are stand-ins
    let width = 900;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        disconnect() {}
      },
    );
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockImplementation(() => width);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(() => 1000);
    renderStep();
    await show('Per customer line');
    expect(screen.queryByText(/scroll the table sideways/)).toBeNull();
    cleanup();
    width = 1600;
    renderStep();
    await show('Per customer line');
    expect(
      screen.getByText(/Scroll the table sideways to see its columns on the right/),
    ).toBeVisible();
    vi.unstubAllGlobals();
  });

  it('sorts the customer lines by revenue from a header button, with aria-sort', async () => {
    const { user } = renderStep();
    await show('Per customer line');
    const table = customersTable();
    const quote = appQuote();
    const names = new Map(sampleScenario().customers.map((c) => [c.id, c.name]));
    const byRevenue = [...quote.customers]
      .sort((a, b) => compareDecimals(a.totals.revenue, b.totals.revenue))
      .map((c) => names.get(c.id));
    const button = within(table).getByRole('button', { name: /^Revenue/ });
    const th = button.closest('th')!;
    expect(th).not.toHaveAttribute('aria-sort');

    await user.click(button);
    expect(th).toHaveAttribute('aria-sort', 'descending');
    expect(bodyRowNames(table)).toEqual([...byRevenue].reverse());

    await user.click(button);
    expect(th).toHaveAttribute('aria-sort', 'ascending');
    expect(bodyRowNames(table)).toEqual(byRevenue);
    // the foot does not move: the total is still the quote's
    expect(footRow(table, 'Total')[columnIndex(table, 'Revenue')]).toBe(
      moneyFormatter(quote.currency)(quote.totals!.revenue),
    );
  });

  it('filters customer lines by name and adds a filtered subtotal above the total', async () => {
    const { user } = renderStep();
    await show('Per customer line');
    const table = customersTable();
    const quote = appQuote();
    const money = moneyFormatter(quote.currency);
    const first = sampleScenario().customers[0]!;
    const result = quote.customers.find((c) => c.id === first.id)!;
    expect(within(table).queryByRole('rowheader', { name: /Filtered subtotal/ })).toBeNull();

    await user.type(screen.getByLabelText('Filter customer lines by name'), first.name.slice(0, 5));
    expect(bodyRowNames(table)).toEqual([first.name]);
    const n = quote.customers.length;
    const subtotal = footRow(table, `Filtered subtotal (1 of ${n} lines)`);
    expect(subtotal[columnIndex(table, 'Revenue')]).toBe(money(result.totals.revenue));
    expect(subtotal[columnIndex(table, 'Margin %')]).toBe(`${result.totals.marginPct} %`);
    expect(footRow(table, 'Total')[columnIndex(table, 'Revenue')]).toBe(
      money(quote.totals!.revenue),
    );
    expect(table).toHaveAccessibleName(/1 of \d+ shown by the filter/);

    await user.type(screen.getByLabelText('Filter customer lines by name'), 'zzz-nothing');
    expect(within(table).getByText('No customer line matches the filter.')).toBeInTheDocument();
  });

  it('filters months by period with a subtotal, and sorts them', async () => {
    const { user } = renderStep();
    await show('Monthly series');
    const table = monthsTable();
    const quote = appQuote();
    const money = moneyFormatter(quote.currency);
    const year = quote.months[0]!.period.slice(0, 4);
    const inYear = quote.months.filter((m) => m.period.startsWith(year));
    await user.type(screen.getByLabelText('Filter months by period'), year);
    expect(bodyRowNames(table)).toEqual(inYear.map((m) => m.period));
    const subtotal = footRow(table, 'Filtered subtotal');
    expect(subtotal[columnIndex(table, 'Margin')]).toBe(
      money(
        sumDecimals(
          inYear.map((m) => m.margin),
          2,
        ),
      ),
    );
    expect(footRow(table, 'Total')[columnIndex(table, 'Margin')]).toBe(money(quote.totals!.margin));

    await user.click(within(table).getByRole('button', { name: /^Period/ }));
    expect(bodyRowNames(table)[0]).toBe(inYear[0]!.period);
    await user.click(within(table).getByRole('button', { name: /^Period/ }));
    expect(bodyRowNames(table)[0]).toBe(inYear.at(-1)!.period);
  });

  it('re-renders the figures after an edit in the store', async () => {
    renderStep();
    const before = appQuote().totals!.revenue;
    act(() =>
      scenarioStore
        .getState()
        .edit((s) => ({ ...s, pricing: { ...s.pricing, defaultMarkupPct: '80' } })),
    );
    const after = appQuote();
    expect(after.totals!.revenue).not.toBe(before);
    const money = moneyFormatter(after.currency);
    expect(card('TCV')).toBe(money(after.totals!.revenue));
    await show('Per customer line');
    expect(footRow(customersTable(), 'Total')[columnIndex(customersTable(), 'Revenue')]).toBe(
      money(after.totals!.revenue),
    );
  });

  it('lists warnings with links to the fields to fix', async () => {
    renderStep();
    act(() =>
      scenarioStore
        .getState()
        .edit((s) => ({ ...s, pricing: { ...s.pricing, minMarginPct: '99' } })),
    );
    await show(/^Issues/);
    const warnings = appQuote().issues;
    expect(warnings.length).toBeGreaterThan(0);
    const issues = screen.getByRole('region', { name: /^Issues \(0 errors, \d+ warnings?\)/ });
    const items = within(issues).getAllByRole('listitem');
    expect(items).toHaveLength(warnings.length);
    // the line is named as on screen, never by its JSON path (issue 13)
    expect(items[0]).not.toHaveTextContent(warnings[0]!.path);
    const link = within(items[0]!).getByRole('link');
    expect(link).toHaveAttribute('href', fieldLink(warnings[0]!.path).href);
    expect(link).toHaveTextContent('Fix it');
    await show('Per customer line');
    expect(screen.getAllByText('Below minimum').length).toBe(
      appQuote().customers.filter((c) => c.belowMinMargin).length,
    );
  });

  it('shows why there are no figures when the quote has errors, with links', async () => {
    const scenario = sampleScenario();
    const first = scenario.customers[0]!;
    openScenario({
      ...scenario,
      customers: [{ ...first, license: { ...first.license, bundle: 'no-such-bundle' } }],
    } as Scenario);
    renderStep();
    expect(
      screen.getByText('No figures until the 1 error is fixed (see Issues).'),
    ).toBeInTheDocument();
    // only the sections that need no figures, the issues first
    const nav = screen.getByRole('navigation', { name: 'Results sections' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Issues (1)', 'Exports']);
    expect(screen.queryByRole('table')).toBeNull();
    const issues = screen.getByRole('region', { name: /^Issues \(1 error/ });
    expect(within(issues).getByRole('link')).toHaveAttribute(
      'href',
      '#/customers?field=customers%5B0%5D.license.bundle',
    );
    // the exports stay, so the documents panel can say why there is nothing to export
    await show('Exports');
    expect(within(region('Exports')).getByText('Exports stand-in')).toBeInTheDocument();
  });

  it('pages a 200-line plan 50 lines at a time; sorting and the total cover every line', async () => {
    openScenario(manyLines(200));
    const { user } = renderStep();
    await show('Per customer line');
    const table = customersTable();
    expect(bodyRowNames(table)).toHaveLength(50);
    expect(screen.getByText('Showing 50 of 200 lines.')).toBeInTheDocument();
    const quote = appQuote();
    expect(footRow(table, 'Total')[columnIndex(table, 'Revenue')]).toBe(
      moneyFormatter(quote.currency)(quote.totals!.revenue),
    );
    await user.click(within(table).getByRole('button', { name: /^Revenue/ }));
    const top = [...quote.customers].sort((a, b) =>
      compareDecimals(b.totals.revenue, a.totals.revenue),
    )[0]!;
    const lines = scenarioStore.getState().scenario.customers;
    expect(bodyRowNames(table)[0]).toBe(lines.find((l) => l.id === top.id)!.name || top.id);
    await user.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(bodyRowNames(table)).toHaveLength(100);
    await user.click(screen.getByRole('button', { name: 'Show all 200' }));
    expect(bodyRowNames(table)).toHaveLength(200);
    expect(screen.queryByRole('button', { name: /Show/ })).toBeNull();
  });

  it('shows the exports it is handed, and no Exports section without them', async () => {
    renderStep({ exports: <button type="button">Export stand-in</button> });
    await show('Exports');
    expect(
      within(region('Exports')).getByRole('button', { name: 'Export stand-in' }),
    ).toBeInTheDocument();
    cleanup();
    renderStep({ exports: null });
    expect(screen.queryByRole('region', { name: 'Exports' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Exports' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Download/ })).toBeNull();
  });

  it('has labelled tables and filters and no axe violations', async () => {
    const { user } = renderStep();
    for (const [section, table] of [
      ['Monthly series', monthsTable],
      ['Per customer line', customersTable],
    ] as const) {
      await show(section);
      expect(
        within(table())
          .getAllByRole('columnheader')
          .every((th) => th.getAttribute('scope') === 'col'),
      ).toBe(true);
      expect(table().querySelector('caption')).not.toBeNull();
    }
    await user.click(within(customersTable()).getByRole('button', { name: /^Margin %/ }));
    await user.type(screen.getByLabelText('Filter customer lines by name'), 'a');
    const results = await axe.run(document.body, {
      // jsdom lays nothing out: contrast is checked in the browser tests
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
