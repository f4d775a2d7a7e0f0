// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paygBreakEven, priceWaterfall, type Scenario } from '../../../../src/engine/index';
import ResultsChartsDefault, {
  CashCharts,
  MainCharts,
  ResultsCharts,
} from '../../../../src/features/results/charts/ResultsCharts';
import { periodLabel, rateFormatter } from '../../../../src/reports/chart-data';
import { moneyFormatter } from '../../../../src/components/format';
import { bundledRegistry } from '../../../../src/price-tables/bundled';
import { resolvePinned } from '../../../../src/price-tables/registry';
import { localToday, scenarioStore } from '../../../../src/state/app-store';
import { sampleScenario } from '../../../../src/state/sample';
import { engineQuote, openScenario, resetApp } from '../../../support/app-state';

beforeEach(resetApp);
afterEach(() => {
  cleanup();
  resetApp();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const money = moneyFormatter('USD');
const scenario = () => scenarioStore.getState().scenario;

function table(s: Scenario) {
  const pinned = resolvePinned(bundledRegistry, s.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return pinned.entry;
}

function figure(name: string | RegExp): HTMLElement {
  return screen.getByRole('figure', { name });
}

/** Opens a figure's "Data table" and returns its table (named by its caption). */
async function dataTable(fig: HTMLElement, name: string | RegExp): Promise<HTMLElement> {
  const summary = within(fig).getByText('Data table', { selector: 'summary' });
  if (!summary.parentElement!.hasAttribute('open')) await userEvent.click(summary);
  return within(fig).getByRole('table', { name });
}

/** The text of each cell of a row, header cell first. */
function cells(row: HTMLElement): string[] {
  return [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? '');
}

function bodyRows(t: HTMLElement): HTMLElement[] {
  return within(t)
    .getAllByRole('row')
    .filter((r) => r.parentElement?.tagName === 'TBODY');
}

describe('ResultsCharts', () => {
  it('is the default export React.lazy loads', () => {
    expect(ResultsChartsDefault).toBe(MainCharts);
  });

  it('puts every chart in a figure with a caption', () => {
    render(<ResultsCharts />);
    expect(
      screen.getAllByRole('figure').map((f) => f.querySelector('figcaption')!.textContent),
    ).toEqual([
      'Monthly revenue, cost and margin',
      'Cumulative margin',
      'Customer mix',
      'PAYG against Fixed-Term: Small-business web shops (segment)',
      'Price waterfall: the whole deal',
    ]);
    for (const f of screen.getAllByRole('figure')) {
      expect(within(f).getByText('Data table', { selector: 'summary' })).toBeInTheDocument();
    }
  });

  it('puts the cash figures in the Cash section', () => {
    render(<CashCharts />);
    expect(
      screen.getAllByRole('figure').map((f) => f.querySelector('figcaption')!.textContent),
    ).toEqual(['Cash flow', 'Customers over time']);
  });

  it("tabulates the monthly series with the quote's figures and its totals", async () => {
    render(<ResultsCharts />);
    const quote = engineQuote(scenario());
    const t = await dataTable(
      figure('Monthly revenue, cost and margin'),
      'Monthly revenue, cost and margin (USD)',
    );
    const rows = bodyRows(t);
    expect(rows).toHaveLength(36);
    rows.forEach((row, i) => {
      const m = quote.months[i]!;
      const [label, revenue, fixedTerm, payg, apps, platform, , , margin] = cells(row);
      expect(label).toBe(`${m.month} (${periodLabel(m.period)})`);
      expect([revenue, fixedTerm, payg, apps, platform, margin]).toEqual(
        [m.revenue, m.cost.fixedTerm, m.cost.payg, m.cost.apps, m.cost.platform, m.margin].map(
          money,
        ),
      );
    });
    expect(cells(rows[0]!)).toEqual([
      `1 (${periodLabel('2027-01')})`,
      money('18681.99'),
      money('1120.56'),
      money('7709.75'),
      money('3881.80'),
      money('8277.50'),
      money('20989.61'),
      money('722.37'),
      money('-3029.99'),
    ]);
    const footer = within(t).getAllByRole('row').at(-1)!;
    const totals = cells(footer);
    expect(totals[0]).toBe('Total');
    expect(totals[1]).toBe(money(quote.totals!.revenue));
    expect(totals.slice(6)).toEqual(
      [quote.totals!.cost, quote.totals!.commissions, quote.totals!.margin].map(money),
    );
  });

  it('tabulates the cumulative margin and names the break-even month', async () => {
    render(<ResultsCharts />);
    const quote = engineQuote(scenario());
    const fig = figure('Cumulative margin');
    expect(within(fig).getByText(/^Break-even in month 3 \(/)).toBeInTheDocument();
    const rows = bodyRows(await dataTable(fig, 'Cumulative margin (USD)'));
    expect(rows.map((r) => cells(r).slice(1))).toEqual(
      quote.months.map((m) => [money(m.cumulativeMargin), m.month === 3 ? 'Break-even' : '']),
    );
  });

  it('tabulates the customer mix; the measure toggle keeps the table', async () => {
    render(<ResultsCharts />);
    const quote = engineQuote(scenario());
    const fig = figure('Customer mix');
    expect(
      within(fig).getByText(
        /A PAYG line that converts to a Fixed-Term during the horizon counts as PAYG \(here 1 customer\)\./,
      ),
    ).toBeInTheDocument();
    const t = await dataTable(fig, /^Customer mix: revenue/);
    const rows = bodyRows(t).map(cells);
    const revenue = (ids: string[]) =>
      quote.customers
        .filter((c) => ids.includes(c.id))
        .reduce((sum, c) => sum + BigInt(c.totals.revenue.replace('.', '')), 0n);
    const asMoney = (minor: bigint) =>
      money(`${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`);
    expect(rows[0]).toEqual([
      'Fixed-Term and PAYG',
      'Fixed-Term',
      asMoney(revenue(['c1', 'c2', 'c7'])),
      expect.stringMatching(/ %$/),
      '3',
      '3',
    ]);
    expect(rows[1]!.slice(0, 3)).toEqual([
      'Fixed-Term and PAYG',
      'PAYG',
      asMoney(revenue(['c3', 'c4', 'c5', 'c6', 'c8'])),
    ]);
    expect(rows[1]!.slice(4)).toEqual(['45', '5']);
    expect(rows.map((r) => r[1])).toEqual([
      'Fixed-Term',
      'PAYG',
      'Essential',
      'Advanced',
      'Premium',
      '50 Mbps',
      '100 Mbps',
      '500 Mbps',
      '1 Gbps',
      '5 Gbps',
    ]);
    const footer = cells(within(t).getAllByRole('row').at(-1)!);
    expect(footer).toEqual(['All', 'Total', money(quote.totals!.revenue), '100.00 %', '48', '8']);

    await userEvent.click(within(fig).getByRole('radio', { name: 'Customers' }));
    expect(within(fig).getByRole('radio', { name: 'Customers' })).toBeChecked();
    expect(bodyRows(within(fig).getByRole('table')).map(cells)).toEqual(rows);
  });

  it('shows the chosen PAYG line against its terms, with the advice beside it', async () => {
    const user = userEvent.setup();
    render(<ResultsCharts />);
    const choose = screen.getByRole('combobox', { name: 'PAYG line' });
    expect(
      within(choose)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Small-business web shops (segment)',
      'Alpenrose Bergbahnen AG',
      'Brightwave Events Ltd',
      'Cascade Health Partners',
      'Ελληνικά Δίκτυα',
    ]);
    let fig = figure('PAYG against Fixed-Term: Small-business web shops (segment)');
    let terms = await dataTable(fig, /^Fixed-Term monthly license/);
    expect(bodyRows(terms).map(cells)[0]).toEqual(['1- and 3-month terms', money('220.00'), '573']);
    expect(within(fig).getByText(/No term would have cost less than PAYG/)).toBeInTheDocument();

    await user.selectOptions(choose, 'c8');
    fig = figure('PAYG against Fixed-Term: Ελληνικά Δίκτυα');
    const b = paygBreakEven(scenario(), table(scenario()).table, 'c8')!;
    terms = await dataTable(fig, /^Fixed-Term monthly license/);
    expect(bodyRows(terms).map((r) => cells(r).slice(1))).toEqual(
      [
        ['832.00', 573],
        ['807.04', 556],
        ['765.44', 527],
        ['732.16', 504],
        ['698.88', 481],
        ['673.92', 464],
        ['648.96', 447],
      ].map(([monthly, hours]) => [money(String(monthly)), String(hours)]),
    );
    const curve = within(fig).getByRole('table', {
      name: `PAYG license for one customer and one month, at ${rateFormatter('USD')(b.hourlyRate)} an hour (USD)`,
    });
    expect(b.hourlyRate).toBe('1.4540');
    expect(bodyRows(curve).map((r) => cells(r)[1])).toEqual(b.points.map((p) => money(p.payg)));
    expect(within(fig).getByText(`Saving: ${money('22787.76')}`)).toBeInTheDocument();
    expect(
      within(fig).getByText(/Committing to a 36-month term would save .* \(all 2 customers\)/),
    ).toBeInTheDocument();

    // a converting line has no advice, and says why
    await user.selectOptions(choose, 'c6');
    expect(
      within(figure('PAYG against Fixed-Term: Cascade Health Partners')).getByText(
        /converts to a 24-month term at month 7/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the waterfall of the whole deal, or of the line chosen', async () => {
    const user = userEvent.setup();
    render(<ResultsCharts />);
    const s = scenario();
    const options = { today: localToday(), tableSha256: table(s).sha256 };
    const stepsOf = async (caption: string) => {
      const t = await dataTable(figure(caption), `${caption} (USD)`);
      return bodyRows(t).map(cells);
    };
    const deal = priceWaterfall(s, table(s).table, options)!;
    const dealRows = await stepsOf('Price waterfall: the whole deal');
    expect(dealRows.map((r) => r[0])).toEqual([
      'List price',
      '− Term discounts',
      '− Volume discounts',
      '= Cost',
      '+ Markup',
      '= Sell price',
      '− Commissions',
      '= Margin',
    ]);
    expect(dealRows[0]!.slice(1)).toEqual([money(deal.list), money(deal.list)]);
    expect(dealRows[3]!.slice(1)).toEqual([money(deal.cost), money(deal.cost)]);
    expect(dealRows[5]!.slice(1)).toEqual([money(deal.sell), money(deal.sell)]);
    expect(dealRows[7]!.slice(1)).toEqual([money(deal.margin), money(deal.margin)]);
    expect(dealRows[7]![2]).toBe(money(engineQuote(s).totals!.margin));

    const choose = screen.getByRole('combobox', { name: 'Waterfall for' });
    expect(within(choose).getAllByRole('option')).toHaveLength(1 + s.customers.length);
    await user.selectOptions(choose, 'c1');
    const line = priceWaterfall(s, table(s).table, options, 'c1')!;
    const lineRows = await stepsOf('Price waterfall: Müller GmbH');
    expect(lineRows[1]![1]).toBe(money(`-${line.termDiscount}`));
    expect(lineRows[4]![1]).toBe(money(line.markup));
    expect(lineRows[6]![1]).toBe(money(`-${line.commissions}`));
    expect(lineRows[7]![2]).toBe(
      money(engineQuote(s).customers.find((c) => c.id === 'c1')!.totals.margin),
    );
    expect(screen.queryByRole('figure', { name: 'Price waterfall: the whole deal' })).toBeNull();

    await user.selectOptions(choose, '');
    expect(figure('Price waterfall: the whole deal')).toBeInTheDocument();
  });

  it('follows edits of the scenario', async () => {
    render(<ResultsCharts />);
    const edited = sampleScenario();
    edited.customers = edited.customers.filter((c) => c.license.model === 'fixed-term');
    act(() => openScenario(edited));
    expect(screen.getByText(/No PAYG lines in this deal/)).toBeInTheDocument();
    const quote = engineQuote(edited);
    const t = await dataTable(figure('Monthly revenue, cost and margin'), /^Monthly revenue/);
    expect(cells(within(t).getAllByRole('row').at(-1)!)[1]).toBe(money(quote.totals!.revenue));
  });

  it('says why there are no charts when the quote has errors', () => {
    const broken = sampleScenario();
    broken.customers[0]!.license.bundle = 'no-such-bundle';
    openScenario(broken);
    render(<ResultsCharts />);
    expect(screen.queryAllByRole('figure')).toEqual([]);
    expect(screen.getByText(/charts appear once the errors/)).toBeInTheDocument();
  });

  it('draws the charts, titled, once its boxes have a width, without console errors', () => {
    const errors = vi.spyOn(console, 'error');
    const warnings = vi.spyOn(console, 'warn');
    class FixedResizeObserver {
      constructor(private readonly callback: ResizeObserverCallback) {}
      observe(target: Element) {
        const entry = { target, contentRect: { width: 900, height: 320 } } as ResizeObserverEntry;
        this.callback([entry], this as unknown as ResizeObserver);
      }
      unobserve() {}
      disconnect() {}
    }
    vi.stubGlobal('ResizeObserver', FixedResizeObserver);
    render(<ResultsCharts />);
    const titles = [...document.querySelectorAll('svg.recharts-surface > title')]
      .map((t) => t.textContent)
      .filter(Boolean); // legend icons are untitled surfaces too
    expect(titles).toEqual([
      'Monthly revenue, cost and margin',
      'Cumulative margin',
      'Fixed-Term and PAYG, by revenue',
      'By bundle, by revenue',
      'By bandwidth, by revenue',
      'PAYG against Fixed-Term: Small-business web shops (segment)',
      'Price waterfall: the whole deal',
    ]);
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
  });
});
