// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { moneyFormatter } from '../../../../src/components/format';
import { isPriced, sensitivity, type SensitivityPoint } from '../../../../src/engine/index';
import { TornadoFigure } from '../../../../src/features/results/charts/TornadoFigure';
import { bundledRegistry } from '../../../../src/price-tables/bundled';
import { resolvePinned } from '../../../../src/price-tables/registry';
import { pricedDeal } from '../../../../src/reports/priced-deal';
import { localToday } from '../../../../src/state/app-store';
import { sampleScenario } from '../../../../src/state/sample';
import { InProcessAnalysisWorker } from '../../../support/analysis-worker';
import { engineQuote } from '../../../support/app-state';

// The tornado's text alternative lists every driver the engine's sensitivity finds, in its
// order (largest margin swing first), with each exact figure.

beforeEach(() => vi.stubGlobal('Worker', InProcessAnalysisWorker));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function sampleDeal() {
  const scenario = sampleScenario();
  const pinned = resolvePinned(bundledRegistry, scenario.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  const quote = engineQuote(scenario);
  if (!isPriced(quote)) throw new Error('the sample plan must price');
  const options = { today: localToday(), tableSha256: pinned.entry.sha256 };
  return pricedDeal(scenario, pinned.entry.table, quote, options);
}

describe('the sensitivity tornado', () => {
  it('lists each driver’s down and up figures exactly, largest swing first', async () => {
    const deal = sampleDeal();
    const expected = sensitivity(deal.scenario, deal.table, deal.options)!;
    expect(expected.drivers.length).toBeGreaterThan(2);
    const money = moneyFormatter(deal.quote.currency);
    render(<TornadoFigure deal={deal} money={money} />);

    const fig = await screen.findByRole('figure', { name: /Sensitivity: total margin/ });
    await userEvent.click(within(fig).getByText('Data table', { selector: 'summary' }));
    const table = within(fig).getByRole('table', { name: /Sensitivity/ });
    expect(table).toHaveAccessibleName(
      expect.stringContaining(`as planned: margin ${money(expected.base.margin)}`),
    );
    const rows = within(table)
      .getAllByRole('row')
      .filter((r) => r.parentElement?.tagName === 'TBODY');
    const month = (p: SensitivityPoint | null) =>
      p === null
        ? 'cannot be priced'
        : p.cashBreakEvenMonth === null
          ? 'none'
          : `month ${p.cashBreakEvenMonth}`;
    const amount = (p: SensitivityPoint | null) =>
      p === null ? 'cannot be priced' : money(p.margin);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(
      expected.drivers.map((d) => d.label),
    );
    expected.drivers.forEach((d, i) => {
      const cells = within(rows[i]!)
        .getAllByRole('cell')
        .map((c) => c.textContent);
      expect(cells).toEqual([
        d.low?.move ?? '—',
        amount(d.low),
        month(d.low),
        d.high?.move ?? '—',
        amount(d.high),
        month(d.high),
        money(d.marginSwing),
      ]);
    });
    // sorted by swing: each row's swing at least the next one's
    const swings = expected.drivers.map((d) => Number(d.marginSwing));
    for (let i = 1; i < swings.length; i++)
      expect(swings[i - 1]!).toBeGreaterThanOrEqual(swings[i]!);
  });

  it('draws a titled bar chart once its box has a width, without console errors', async () => {
    const errors = vi.spyOn(console, 'error');
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
    const deal = sampleDeal();
    render(<TornadoFigure deal={deal} money={moneyFormatter(deal.quote.currency)} />);
    await screen.findByRole('figure', { name: /Sensitivity: total margin/ });
    const titles = [...document.querySelectorAll('svg.recharts-surface > title')].map(
      (t) => t.textContent,
    );
    expect(titles).toContain('Sensitivity: total margin when each driver moves');
    expect(errors).not.toHaveBeenCalled();
  });
});
