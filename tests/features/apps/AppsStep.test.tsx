// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { focusField } from '../../../src/components/form/field-focus';
import { whiteLabelVolume, type Scenario } from '../../../src/engine/index';
import { AppsStep } from '../../../src/features/apps/AppsStep';
import { Summary } from '../../../src/features/summary/Summary';
import { moneyFormatter } from '../../../src/components/format';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { resolvePinned } from '../../../src/price-tables/registry';
import { localToday, scenarioStore } from '../../../src/state/app-store';
import { sampleScenario } from '../../../src/state/sample';
import { appQuote, engineQuote, resetApp as reset } from '../../support/app-state';

beforeEach(reset);
afterEach(() => {
  cleanup();
  reset();
});

const state = () => scenarioStore.getState().scenario;
const undo = () => act(() => scenarioStore.getState().undo());
const linkFor = () => ({ href: '#/apps', step: 'White-label apps' });

/** whiteLabelVolume() straight from the engine, on the scenario's pinned bundled table. */
function engineVolume(scenario: Scenario) {
  const pinned = resolvePinned(bundledRegistry, scenario.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return whiteLabelVolume(scenario, pinned.entry.table, { today: localToday() });
}

function mainAppsTable(): HTMLElement {
  return screen.getByRole('table', { name: /^Main apps/ });
}

describe('the White-label apps step', () => {
  it("shows the sample's main apps", () => {
    render(<AppsStep />);
    const [main] = sampleScenario().mainApps;
    const table = within(mainAppsTable());
    expect(screen.getByRole('table', { name: 'Main apps (1)' })).toBeInTheDocument();
    expect(table.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'App',
      'Bundle',
      'Provisioning',
      'Count',
      'Users per app',
      'Actions',
    ]);
    expect(table.getByRole('combobox', { name: 'Bundle of main app 1' })).toHaveValue(main!.bundle);
    expect(table.getByRole('combobox', { name: 'Provisioning of main app 1' })).toHaveValue(
      main!.provisioning,
    );
    expect(table.getByRole('textbox', { name: 'Count of main app 1' })).toHaveValue(
      String(main!.count),
    );
    expect(table.getByRole('textbox', { name: 'Users per app of main app 1' })).toHaveValue(
      String(main!.usersPerApp),
    );
    // every bundle of the table is offered for a standalone app
    expect(
      within(table.getByRole('combobox', { name: 'Bundle of main app 1' }))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['White Label', 'Enterprise', 'Full Feature']);
  });

  it('editing the users of a main app re-prices, and undo takes the typing back at once', async () => {
    const user = userEvent.setup();
    render(
      <>
        <AppsStep />
        <Summary linkFor={linkFor} />
      </>,
    );
    const before = state();
    const costBefore = engineQuote(before).totals!.cost;
    const users = screen.getByRole('textbox', { name: 'Users per app of main app 1' });
    await user.clear(users);
    await user.type(users, '140');
    const after = state();
    expect(after.mainApps).toEqual([{ ...before.mainApps[0], usersPerApp: 140 }]);
    expect(after.customers).toBe(before.customers);
    const quote = engineQuote(after);
    expect(appQuote()).toEqual(quote);
    expect(quote.totals!.cost).not.toBe(costBefore);
    // main apps are platform cost: the summary's margin follows
    const money = moneyFormatter(quote.currency);
    expect(screen.getByText('Margin').nextElementSibling).toHaveTextContent(
      money(quote.totals!.margin),
    );

    undo();
    expect(state()).toBe(before);
    expect(users).toHaveValue(String(before.mainApps[0]!.usersPerApp));
  });

  it.each([
    ['Count of main app 1', '0', 'must be at least 1'],
    ['Count of main app 1', 'abc', 'must be a whole number'],
    ['Count of main app 1', '1.5', 'must be a whole number'],
    ['Users per app of main app 1', '-5', 'must not be negative'],
    ['Users per app of main app 1', '', 'must be a whole number'],
  ])('%s = "%s" shows "%s" and leaves the store untouched', async (label, text, message) => {
    const user = userEvent.setup();
    render(<AppsStep />);
    const before = state();
    const input = screen.getByRole('textbox', { name: label });
    await user.clear(input);
    if (text !== '') await user.type(input, text);
    const alert = within(mainAppsTable()).getByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(input).toHaveValue(text);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-describedby', alert.id);
    expect(state()).toBe(before);
    // leaving the field keeps the bad input and its message
    await user.tab();
    expect(input).toHaveValue(text);
    expect(state()).toBe(before);
    // fixing it clears the message and goes to the store
    await user.clear(input);
    await user.type(input, '3');
    expect(within(mainAppsTable()).queryByRole('alert')).toBeNull();
    expect(input).toHaveAttribute('aria-invalid', 'false');
    expect(state().mainApps[0]).toMatchObject(
      label.startsWith('Count') ? { count: 3 } : { usersPerApp: 3 },
    );
  });

  it('adds and removes main apps, each one undoable', async () => {
    const user = userEvent.setup();
    render(<AppsStep />);
    const before = state();

    await user.click(screen.getByRole('button', { name: 'Add main app' }));
    expect(state().mainApps).toEqual([
      before.mainApps[0],
      { bundle: 'white-label', count: 1, usersPerApp: 10, provisioning: 'standalone' },
    ]);
    expect(screen.getByRole('table', { name: 'Main apps (2)' })).toBeInTheDocument();
    // the new row's first control has the focus
    expect(screen.getByRole('combobox', { name: 'Bundle of main app 2' })).toHaveFocus();
    undo();
    expect(state()).toBe(before);
    expect(screen.getByRole('table', { name: 'Main apps (1)' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove main app 1' }));
    expect(state().mainApps).toEqual([]);
    expect(screen.getByText('No main apps yet.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add main app' })).toHaveFocus();
    // Müller GmbH's child app has nothing to be provisioned from: the hint and the engine's issue
    expect(screen.getByText(/there is no standalone White Label main app/)).toBeInTheDocument();
    const issue = engineQuote(state()).issues.find((i) => i.code === 'child-app-without-main')!;
    expect(issue.path).toBe('customers[0].apps[0].provisioning');
    const customerTable = screen.getByRole('table', { name: 'Apps of Müller GmbH (1)' });
    // in the screen's words ("the main apps", not the JSON key mainApps)
    expect(
      within(customerTable).getByText(
        /A child app needs a standalone white-label app in the main apps\./,
      ),
    ).toBeInTheDocument();
    const provisioning = within(customerTable).getByRole('combobox', {
      name: 'Provisioning of Müller GmbH app 1',
    });
    expect(provisioning).toHaveAccessibleDescription(/needs a standalone white-label app/);
    expect(
      screen.getByRole('button', { name: 'Müller GmbH: 1 × Full Feature (child) (1 issue)' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText(/The volume figures wait for the scenario's error/)).toBeVisible();

    undo();
    expect(state()).toBe(before);
    expect(screen.getByRole('table', { name: 'Main apps (1)' })).toBeInTheDocument();
    expect(screen.queryByText(/there is no standalone White Label main app/)).toBeNull();
  });

  it("edits a selected customer line's apps", async () => {
    const user = userEvent.setup();
    render(<AppsStep />);
    const before = state();
    const customer = screen.getByRole('combobox', { name: 'Customer' });
    // the first line with apps is selected at first
    expect(customer).toHaveValue('c1');
    expect(within(customer).getAllByRole('option')).toHaveLength(before.customers.length);
    const lines = screen.getByRole('list', { name: 'Lines with apps' });
    expect(
      within(lines)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      'Müller GmbH: 1 × Full Feature (child)',
      'Łódź Telekom: 2 × White Label',
      'Alpenrose Bergbahnen AG: 1 × Enterprise',
    ]);

    await user.selectOptions(customer, 'c2');
    const table = screen.getByRole('table', { name: 'Apps of Łódź Telekom (1)' });
    expect(within(lines).getByRole('button', { name: /^Łódź Telekom/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const count = within(table).getByRole('textbox', { name: 'Count of Łódź Telekom app 1' });
    await user.clear(count);
    await user.type(count, '3');
    expect(state().customers[1]!.apps).toEqual([{ ...before.customers[1]!.apps[0], count: 3 }]);
    expect(state().mainApps).toBe(before.mainApps);
    expect(appQuote()).toEqual(engineQuote(state()));
    undo();
    expect(state()).toBe(before);

    // a line picked from the list of lines with apps; a standalone app made a child keeps a
    // bundle the table offers as a child app
    await user.click(within(lines).getByRole('button', { name: /^Alpenrose/ }));
    expect(customer).toHaveValue('c4');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Provisioning of Alpenrose Bergbahnen AG app 1' }),
      'child',
    );
    expect(state().customers[3]!.apps).toEqual([
      { ...before.customers[3]!.apps[0], provisioning: 'child' },
    ]);
    const childBundles = within(
      screen.getByRole('combobox', { name: 'Bundle of Alpenrose Bergbahnen AG app 1' }),
    ).getAllByRole('option');
    expect(childBundles.map((o) => o.textContent)).toEqual(['Enterprise', 'Full Feature']);

    // an app added to a line without apps: a child app, since the main White Label app exists
    await user.selectOptions(customer, 'c3');
    expect(screen.getByText('No Small-business web shops (segment) apps yet.')).toBeVisible();
    await user.click(
      screen.getByRole('button', { name: 'Add app to Small-business web shops (segment)' }),
    );
    expect(state().customers[2]!.apps).toEqual([
      { bundle: 'enterprise', count: 1, usersPerApp: 10, provisioning: 'child' },
    ]);
    await user.click(
      screen.getByRole('button', { name: 'Remove Small-business web shops (segment) app 1' }),
    );
    expect(state().customers[2]!.apps).toEqual([]);
    undo();
    expect(state().customers[2]!.apps).toHaveLength(1);
  });

  it('a link to the field to fix selects its line and focuses the control', async () => {
    render(<AppsStep />);
    let stop = () => undefined as void;
    act(() => {
      stop = focusField('customers[3].apps[0].usersPerApp');
    });
    await waitFor(() =>
      expect(
        screen.getByRole('textbox', { name: 'Users per app of Alpenrose Bergbahnen AG app 1' }),
      ).toHaveFocus(),
    );
    expect(screen.getByRole('combobox', { name: 'Customer' })).toHaveValue('c4');
    stop();

    act(() => {
      stop = focusField('mainApps[0].provisioning');
    });
    expect(screen.getByRole('combobox', { name: 'Provisioning of main app 1' })).toHaveFocus();
    stop();
    act(() => {
      stop = focusField('mainApps[0]');
    });
    expect(screen.getByRole('combobox', { name: 'Bundle of main app 1' })).toHaveFocus();
    stop();
  });

  it('shows the volume figures of whiteLabelVolume(), formatted, and follows edits', async () => {
    const user = userEvent.setup();
    render(<AppsStep />);
    const check = () => {
      const volume = engineVolume(state())!;
      const money = moneyFormatter(volume.currency);
      const reached = volume.tiers[volume.reached]!;
      const next = volume.next!;
      expect(screen.getByTestId('apps-peak')).toHaveTextContent(
        `Peak: ${volume.peakInstances} instances in month ${volume.peakMonth} (${volume.peakPeriod}), tier ${volume.reached + 1}: ${reached.discountPct} % off.`,
      );
      expect(screen.getByTestId('apps-next')).toHaveTextContent(
        `Next tier: ${next.instancesToGo} more ${next.instancesToGo === 1 ? 'instance' : 'instances'} → ${next.discountPct} % off; priced at that tier this deal’s white-label apps would cost ${money(next.saving)} less over the horizon.`,
      );
      const tiers = screen.getByRole('table', { name: 'White Label volume tiers' });
      const rows = within(tiers).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(volume.tiers.length);
      volume.tiers.forEach((tier, i) => {
        const cells = within(rows[i]!).getAllByRole('cell');
        expect(within(rows[i]!).getByRole('rowheader')).toHaveTextContent(`Tier ${i + 1}`);
        expect(cells[0]).toHaveTextContent(
          tier.upTo === null
            ? `${tier.from} or more`
            : tier.from === tier.upTo
              ? `${tier.from}`
              : `${tier.from}–${tier.upTo}`,
        );
        expect(cells[1]).toHaveTextContent(`${tier.discountPct} %`);
        expect(cells[2]).toHaveTextContent(
          i === volume.reached ? 'Reached' : i === next.index ? 'Next' : '',
        );
        expect(rows[i]!.getAttribute('aria-current')).toBe(i === volume.reached ? 'true' : null);
      });
      return volume;
    };

    // the sample: 1 main app from month 1, Łódź Telekom's 2 from month 4
    const sample = check();
    expect(sample.peakInstances).toBe(3);
    expect(sample.peakMonth).toBe(4);
    expect(BigInt(sample.next!.saving.replace('.', ''))).toBeGreaterThan(0n);

    const count = screen.getByRole('textbox', { name: 'Count of main app 1' });
    await user.clear(count);
    await user.type(count, '4');
    expect(check().peakInstances).toBe(6);

    await user.clear(count);
    await user.type(count, '30');
    const last = engineVolume(state())!;
    expect(last.next).toBeNull();
    expect(screen.getByTestId('apps-next')).toHaveTextContent(
      `The last tier is reached: ${last.tiers.at(-1)!.discountPct} % off`,
    );
  });
});
