// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Shell } from '../../src/app/Shell';
import { moneyFormatter } from '../../src/components/format';
import { bundledRegistry } from '../../src/price-tables/bundled';
import { localToday, scenarioStore } from '../../src/state/app-store';
import { libraryStore } from '../../src/state/library';
import { createQuoteSelector } from '../../src/state/quote';
import { sampleScenario } from '../../src/state/sample';
import { resetApp as reset } from '../support/app-state';

beforeEach(reset);
afterEach(() => {
  cleanup();
  reset();
});

describe('the shell', () => {
  it('opens the sample plan on the first step with a step bar of seven links', () => {
    render(<Shell />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Service Provider Configurator',
    );
    expect(screen.getByRole('banner')).toHaveTextContent(sampleScenario().title);
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
    const links = within(nav).getAllByRole('link');
    expect(links).toHaveLength(7);
    expect(links[1]).toHaveAttribute('href', '#/platform');
    expect(links[0]).toHaveAttribute('aria-current', 'step');
    expect(links.filter((l) => l.hasAttribute('aria-current'))).toHaveLength(1);
    expect(within(screen.getByRole('main')).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Deal',
    );
    expect(screen.getByRole('button', { name: 'Back' })).toBeDisabled();
  });

  it('moves to the next step, puts it in the URL and focuses its heading', async () => {
    const user = userEvent.setup();
    render(<Shell />);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(window.location.hash).toBe('#/platform'));
    const heading = within(screen.getByRole('main')).getByRole('heading', { level: 2 });
    await waitFor(() => expect(heading).toHaveTextContent('Platform'));
    expect(heading).toHaveFocus();
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
    expect(within(nav).getByRole('link', { name: /Platform/ })).toHaveAttribute(
      'aria-current',
      'step',
    );
    expect(screen.getByRole('button', { name: 'Back' })).toBeEnabled();
  });

  it('loads the form of a later step when it is opened', async () => {
    const user = userEvent.setup();
    render(<Shell />);
    expect(screen.getByRole('combobox', { name: 'Price table' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // Only the first screen's form is in the entry chunk (src/app/steps.tsx); the others are lazy.
    expect(await screen.findByRole('combobox', { name: 'Environment' })).toBeInTheDocument();
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
  });

  it('opens the step in the URL; Next is disabled on the last one', () => {
    window.location.hash = '#/results';
    render(<Shell />);
    expect(within(screen.getByRole('main')).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Results',
    );
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('shows the TCV of the quote in the live summary', () => {
    render(<Shell />);
    const quote = createQuoteSelector()(sampleScenario(), bundledRegistry, localToday());
    if (!quote.ok) throw new Error(quote.message);
    const summary = screen.getByRole('complementary', { name: 'Live summary' });
    expect(within(summary).getByTestId('kpi-tcv')).toHaveTextContent(
      moneyFormatter(quote.quote.currency)(quote.quote.totals!.revenue),
    );
    expect(summary).toHaveTextContent('0 errors, 0 warnings');
  });

  it('re-prices on every change and lists issues with links to their fields', () => {
    render(<Shell />);
    act(() =>
      scenarioStore
        .getState()
        .edit((s) => ({ ...s, pricing: { ...s.pricing, minMarginPct: '99' } })),
    );
    const summary = screen.getByRole('complementary', { name: 'Live summary' });
    expect(summary).toHaveTextContent(/\d+ warnings?/);
    expect(summary).not.toHaveTextContent('0 errors, 0 warnings');
    const link = within(summary).getAllByRole('link')[0];
    expect(link).toHaveAttribute(
      'href',
      expect.stringMatching(/^#\/customers\?field=customers%5B\d+%5D$/) as string,
    );
  });

  it('enables Undo after an edit, and undoes it', async () => {
    const user = userEvent.setup();
    render(<Shell />);
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(undo).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Redo' })).toBeDisabled();
    act(() => scenarioStore.getState().edit((s) => ({ ...s, title: 'Edited plan' })));
    expect(undo).toBeEnabled();
    expect(screen.getByRole('banner')).toHaveTextContent('Edited plan');
    await user.click(undo);
    expect(screen.getByRole('banner')).toHaveTextContent(sampleScenario().title);
    expect(screen.getByRole('button', { name: 'Redo' })).toBeEnabled();
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(screen.getByRole('banner')).toHaveTextContent('Edited plan');
    await user.keyboard('{Control>}z{/Control}');
    expect(screen.getByRole('banner')).toHaveTextContent(sampleScenario().title);
  });

  it('tells about a saved scenario that could not be opened, until dismissed', async () => {
    const user = userEvent.setup();
    render(<Shell />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    act(() =>
      scenarioStore.setState({
        notice: {
          kind: 'recovered',
          key: 'spc:recovered:2026-11-22T10:00:00.000Z',
          raw: '{"saved":"copy"}',
          reason: 'The saved scenario does not hold a valid scenario (1 problem).',
          problems: [{ path: 'customers[0].count', message: 'must be a whole number ≥ 1' }],
        },
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('could not be opened');
    expect(alert).toHaveTextContent('spc:recovered:2026-11-22T10:00:00.000Z');
    // the problem in the screens' words, not the JSON path
    expect(alert).toHaveTextContent('Customer line 1 · Count: Must be a whole number ≥ 1');
    expect(alert).not.toHaveTextContent('customers[0]');
    expect(within(alert).getByRole('button', { name: 'Download the saved copy' })).toBeEnabled();
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(scenarioStore.getState().notice).toBeNull();
  });

  it('says truthfully when no copy of an unopenable save could be kept, and offers its exact text', async () => {
    render(<Shell />);
    act(() =>
      scenarioStore.setState({
        notice: {
          kind: 'recovered',
          key: null,
          raw: '{"version":99}',
          reason: 'This saved scenario was saved by a newer version of the app.',
          problems: [{ path: '', message: 'saved by a newer version of the app' }],
        },
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('saved by a newer version of the app');
    expect(alert).toHaveTextContent(/no room to keep a copy of it, so it stays saved where it was/);
    expect(alert).not.toHaveTextContent(/kept in this browser under/);
    expect(within(alert).getByRole('button', { name: 'Save my work over it' })).toBeEnabled();
    expect(within(alert).getByRole('button', { name: 'Download the saved copy' })).toBeEnabled();
  });

  it('tells when another tab changed the scenario, and loads theirs on request', async () => {
    const user = userEvent.setup();
    render(<Shell />);
    const theirs = { ...sampleScenario(), title: 'Changed in the other tab' };
    act(() =>
      scenarioStore.setState({
        conflict: { theirs, reason: null, raw: JSON.stringify(theirs), savedAt: null },
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This scenario was changed in another tab');
    expect(within(alert).getByRole('button', { name: 'Keep mine' })).toBeEnabled();
    await user.click(within(alert).getByRole('button', { name: 'Load their version' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('Changed in the other tab');
  });

  it('Keep mine keeps the other tab’s version in the library first, and says where', async () => {
    const user = userEvent.setup();
    render(<Shell />);
    const theirs = { ...sampleScenario(), title: 'Theirs' };
    act(() =>
      scenarioStore.setState({
        conflict: { theirs, reason: null, raw: JSON.stringify(theirs), savedAt: null },
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Keep mine' }));
    expect(scenarioStore.getState().conflict).toBeNull();
    const kept = libraryStore
      .getState()
      .entries.find((e) => e.name === 'Theirs (from another tab)');
    expect(kept?.scenario).toEqual(theirs);
    expect(await screen.findByRole('status')).toHaveTextContent(
      'The other tab’s version is in the library as “Theirs (from another tab)”',
    );
    act(() => libraryStore.getState().remove(kept!.id));
  });

  it('shows a storage notice', async () => {
    render(<Shell />);
    act(() =>
      scenarioStore.setState({
        notice: { kind: 'storage', message: 'Your changes could not be saved.' },
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Your changes could not be saved.');
  });

  it('starts a blank scenario after asking, and Undo brings the sample back', async () => {
    const user = userEvent.setup();
    render(<Shell />);
    const sample = scenarioStore.getState().scenario;
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    await user.click(screen.getByRole('button', { name: 'New scenario' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining(`"${sample.title}"`));
    expect(scenarioStore.getState().scenario).toBe(sample);

    confirm.mockReturnValueOnce(true);
    await user.click(screen.getByRole('button', { name: 'New scenario' }));
    const blank = scenarioStore.getState().scenario;
    expect(blank.customers).toEqual([]);
    expect(blank.mainApps).toEqual([]);
    expect(blank.channel).toEqual({ distributors: [], partners: [] });
    expect(blank.priceTable).toMatchObject({
      product: sample.priceTable.product,
      currency: sample.priceTable.currency,
    });
    expect(screen.getByRole('banner')).toHaveTextContent('New scenario');
    // a blank scenario prices to zero without errors
    const result = createQuoteSelector()(blank, bundledRegistry, localToday());
    expect(result.ok && result.quote.issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(result.ok && result.quote.totals?.revenue).toBe('0.00');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(scenarioStore.getState().scenario).toBe(sample);
    confirm.mockRestore();
  });
});
