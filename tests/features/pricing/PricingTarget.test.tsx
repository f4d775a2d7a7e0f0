// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { goalSeek, type GoalTarget, type GoalVary, type Scenario } from '../../../src/engine/index';
import { moneyFormatter } from '../../../src/components/format';
import type { AnalysisRunner } from '../../../src/components/analysis/protocol';
import { PricingTarget } from '../../../src/features/pricing/PricingTarget';
import { PricingStep } from '../../../src/features/pricing/PricingStep';
import { LineTarget } from '../../../src/features/customers/LineTarget';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { resolvePinned } from '../../../src/price-tables/registry';
import { localToday, scenarioStore } from '../../../src/state/app-store';
import { InProcessAnalysisWorker } from '../../support/analysis-worker';
import { openScenario, resetApp as reset } from '../../support/app-state';

// The "Reach a target" panel: the answer is the engine's goal seek on the open deal, Apply is
// one undoable edit, and a target that cannot be met says why in the solver's own words.

beforeEach(() => {
  reset();
  // jsdom has no Worker: the analysis worker's protocol, answered in this process
  vi.stubGlobal('Worker', InProcessAnalysisWorker);
});
afterEach(() => {
  cleanup();
  reset();
  vi.unstubAllGlobals();
});

/** What the engine answers for the store's scenario, on its pinned table. */
function engineSeek(s: Scenario, target: GoalTarget, vary: GoalVary) {
  const pinned = resolvePinned(bundledRegistry, s.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return goalSeek(
    s,
    pinned.entry.table,
    { today: localToday(), tableSha256: pinned.entry.sha256 },
    target,
    vary,
  );
}

const panel = () => within(screen.getByRole('region', { name: 'Reach a target' }));

describe('Reach a target on the Pricing step', () => {
  it('finds the default markup for a margin, applies it in one edit and undoes it', async () => {
    const user = userEvent.setup();
    render(<PricingStep />);
    const before = scenarioStore.getState().scenario;
    const value = panel().getByLabelText(/Target value/);
    await user.clear(value);
    await user.type(value, '30');

    const expected = engineSeek(
      before,
      { kind: 'marginPct', atLeast: '30' },
      { kind: 'defaultMarkup' },
    );
    expect(expected.status).toBe('met');
    if (expected.status !== 'met') return;
    const status = panel().getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent(`Markup needed: ${expected.value} %`));
    // each figure is the quote's at the answer
    const money = moneyFormatter(expected.quote.currency);
    const t = expected.quote.totals;
    const figure = (term: string) => within(status).getByText(term).nextElementSibling;
    expect(figure('Total contract value')).toHaveTextContent(money(t.revenue));
    expect(figure('Margin')).toHaveTextContent(money(t.margin));
    expect(figure('Margin %')).toHaveTextContent(`${t.marginPct} %`);
    expect(figure('Peak funding')).toHaveTextContent(money(t.cash.peakFunding));

    await user.click(panel().getByRole('button', { name: `Apply markup ${expected.value} %` }));
    const after = scenarioStore.getState().scenario;
    expect(after.pricing.defaultMarkupPct).toBe(expected.value);
    expect(after.customers).toBe(before.customers);
    // re-solved on the new deal: the answer is the markup now in force
    await waitFor(() =>
      expect(
        panel().getByRole('button', { name: `Default markup is ${expected.value} %` }),
      ).toBeDisabled(),
    );

    act(() => scenarioStore.getState().undo());
    expect(scenarioStore.getState().scenario).toBe(before);
    expect(screen.getByLabelText('Default markup %')).toHaveValue(before.pricing.defaultMarkupPct);
  });

  it('says why a target cannot be reached: every line has its own price', async () => {
    const sample = scenarioStore.getState().scenario;
    const own: Scenario = {
      ...sample,
      customers: sample.customers.map((line) => ({ ...line, sell: { mode: 'markup', pct: '20' } })),
    };
    openScenario(own);
    render(<PricingStep />);
    const expected = engineSeek(
      own,
      { kind: 'marginPct', atLeast: '25' },
      { kind: 'defaultMarkup' },
    );
    expect(expected.status).toBe('unreachable');
    if (expected.status !== 'unreachable') return;
    await waitFor(() =>
      expect(panel().getByRole('status')).toHaveTextContent(`Not reachable: ${expected.message}`),
    );
    expect(panel().queryByRole('button', { name: /Apply/ })).toBeNull();
  });

  it('asks for a month within the term and does not solve a bad target', async () => {
    const user = userEvent.setup();
    render(<PricingStep />);
    await user.selectOptions(panel().getByLabelText('Target'), 'Break-even by month');
    const value = panel().getByLabelText(/Target value/);
    await user.clear(value);
    await user.type(value, '0');
    expect(value).toHaveAttribute('aria-invalid', 'true');
    const horizon = scenarioStore.getState().scenario.horizonMonths;
    expect(value).toHaveAccessibleDescription(`Enter a month from 1 to ${horizon}.`);
  });
});

describe('solving in the background', () => {
  it('shows that it is working, cancels a run whose target changed, and stops on Cancel', async () => {
    const user = userEvent.setup();
    const signals: AbortSignal[] = [];
    // a runner that answers only when told to: each run's signal is kept
    const run: AnalysisRunner = (_request, options) => {
      signals.push(options!.signal!);
      return new Promise(() => undefined);
    };
    render(<PricingTarget run={run} />);
    await waitFor(() => expect(signals).toHaveLength(1));
    expect(panel().getByRole('status')).toHaveTextContent('Finding the markup…');
    const value = panel().getByLabelText(/Target value/);
    await user.type(value, '.5'); // 25.5 %
    await waitFor(() => expect(signals).toHaveLength(2));
    expect(signals[0]!.aborted).toBe(true);
    await user.click(panel().getByRole('button', { name: 'Cancel' }));
    expect(signals[1]!.aborted).toBe(true);
    expect(panel().getByRole('status')).toHaveTextContent('Stopped.');
    await user.click(panel().getByRole('button', { name: 'Find it again' }));
    await waitFor(() => expect(signals).toHaveLength(3));
  });
});

describe('without Web Workers', () => {
  it('says the browser cannot calculate in the background', async () => {
    vi.stubGlobal('Worker', undefined);
    render(<PricingTarget />);
    await waitFor(() =>
      expect(panel().getByRole('status')).toHaveTextContent(
        'The markup could not be found: this browser cannot calculate in the background',
      ),
    );
  });
});

describe('Reach a target in a line’s details', () => {
  it('says a line on margin becomes a markup, and Apply writes the line’s own markup', async () => {
    const user = userEvent.setup();
    const sample = scenarioStore.getState().scenario;
    const s: Scenario = {
      ...sample,
      customers: sample.customers.map((line, i) =>
        i === 0 ? { ...line, sell: { mode: 'margin', pct: '10' } } : line,
      ),
    };
    openScenario(s);
    const line = s.customers[0]!;
    render(<LineTarget line={line} index={0} />);
    expect(
      panel().getByText('This line is sold at a margin of 10 %: Apply changes it to a markup.'),
    ).toBeInTheDocument();
    const value = panel().getByLabelText(/Target value/);
    await user.clear(value);
    await user.type(value, '5');
    const vary: GoalVary = { kind: 'lineMarkup', lineIndex: 0 };
    const expected = engineSeek(s, { kind: 'marginPct', atLeast: '5' }, vary);
    expect(expected.status).toBe('met');
    if (expected.status !== 'met') return;
    const apply = await panel().findByRole('button', { name: `Apply markup ${expected.value} %` });
    await user.click(apply);
    const after = scenarioStore.getState().scenario;
    expect(after.customers[0]!.sell).toEqual({ mode: 'markup', pct: expected.value });
    expect(after.customers.slice(1)).toEqual(s.customers.slice(1));
    act(() => scenarioStore.getState().undo());
    expect(scenarioStore.getState().scenario).toBe(s);
  });
});
