// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shell } from '../../../src/app/Shell';
import { ScenarioObjectSchema } from '../../../src/engine/index';
import { PlatformStep } from '../../../src/features/platform/PlatformStep';
import { scenarioStore } from '../../../src/state/app-store';
import { moneyFormatter } from '../../../src/components/format';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { resolvePinned } from '../../../src/price-tables/registry';
import type { Scenario } from '../../../src/engine/index';

function bundledTable(scenario: Scenario) {
  const pinned = resolvePinned(bundledRegistry, scenario.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return pinned.entry.table;
}
import { sampleScenario } from '../../../src/state/sample';
import { resetApp as reset, engineQuote as quoteOf } from '../../support/app-state';

beforeEach(reset);
afterEach(() => {
  cleanup();
  reset();
});

function sizingRow(name: RegExp) {
  const sizing = screen.getByRole('region', { name: 'Sizing' });
  return within(sizing).getByRole('row', { name });
}

function platform() {
  return scenarioStore.getState().scenario.platform;
}

describe('the platform step', () => {
  it('labels every input and groups environments by kind', () => {
    render(<PlatformStep />);
    const env = screen.getByRole('combobox', { name: 'Environment' });
    expect(env).toHaveValue('vmware');
    for (const group of [/Virtual — Platform License free/, /Cloud — Platform License free/]) {
      expect(within(env).getByRole('group', { name: group })).toBeInTheDocument();
    }
    expect(
      within(within(env).getByRole('group', { name: /Hardware/ })).getAllByRole('option'),
    ).toHaveLength(1);
    expect(screen.getByText(/Platform License free; you run it/)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /High availability/ })).not.toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Headroom %' })).toHaveValue('20');
    expect(screen.getByRole('textbox', { name: 'Own infrastructure cost per month' })).toHaveValue(
      '1800.00',
    );
    expect(screen.queryByRole('combobox', { name: 'Appliance model' })).not.toBeInTheDocument();
  });

  it('switching to hardware picks an appliance, sized automatically', async () => {
    const user = userEvent.setup();
    render(<PlatformStep />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Environment' }), 'hardware');

    expect(platform()).toMatchObject({ environment: 'hardware', appliance: { count: 'auto' } });
    const quote = quoteOf(scenarioStore.getState().scenario);
    const required = quote.platform!.appliances!.required;
    expect(platform().appliance!.id).toBe(quote.platform!.appliances!.id);

    const model = await screen.findByRole('combobox', { name: 'Appliance model' });
    expect(model).toHaveValue(platform().appliance!.id);
    expect(within(model).getAllByRole('option')[0]).toHaveTextContent(/Mbps.*vServices.*\$/);
    expect(screen.getByRole('radio', { name: /Automatic/ })).toBeChecked();
    expect(sizingRow(/Appliances required/)).toHaveTextContent(String(required));
    expect(sizingRow(/Appliances chosen/)).toHaveTextContent(String(required));
    expect(screen.queryByRole('row', { name: /vCPU/ })).not.toBeInTheDocument();
  });

  it('a manual count below the required one shows the appliances-short warning', async () => {
    const user = userEvent.setup();
    render(<PlatformStep />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Environment' }), 'hardware');
    await user.click(await screen.findByRole('radio', { name: 'Manual' }));
    const count = screen.getByRole('spinbutton', { name: 'Number of appliances' });
    await user.clear(count);
    await user.type(count, '1');

    expect(platform().appliance).toMatchObject({ count: 1 });
    const quote = quoteOf(scenarioStore.getState().scenario);
    const short = quote.issues.find((i) => i.code === 'appliances-short');
    expect(short).toBeDefined();
    expect(screen.getByRole('status')).toHaveTextContent(short!.message);
    expect(sizingRow(/Appliances chosen/)).toHaveTextContent('1');
  });

  it('a headroom change re-sizes the vCPU of a virtual environment', async () => {
    const user = userEvent.setup();
    render(<PlatformStep />);
    const before = quoteOf(scenarioStore.getState().scenario).platform!.vcpu!;
    expect(sizingRow(/vCPU/)).toHaveTextContent(String(before));

    const headroom = screen.getByRole('textbox', { name: 'Headroom %' });
    await user.clear(headroom);
    await user.type(headroom, '90');

    expect(platform().headroomPct).toBe('90');
    const edited = quoteOf(scenarioStore.getState().scenario).platform!;
    expect(edited.vcpu).not.toBe(before);
    expect(sizingRow(/vCPU/)).toHaveTextContent(String(edited.vcpu));
    expect(sizingRow(/RAM GB/)).toHaveTextContent(String(edited.ramGb));
  });

  it.each([
    // in people's words, starting with the field's label; never how JSON stores it
    [
      'Headroom %',
      'abc',
      /^(?!.*written as a string).*Headroom % must be a percentage from 0 to 100/,
    ],
    ['Headroom %', '150', /Headroom % must be a percentage from 0 to 100/],
    [
      'Own infrastructure cost per month',
      '1.1234567',
      /Own infrastructure cost per month must be an amount with at most 6 decimals/,
    ],
  ])('%s "%s" shows the message and leaves the store unchanged', async (label, typed, message) => {
    const user = userEvent.setup();
    render(<PlatformStep />);
    const before = platform();
    const input = screen.getByRole('textbox', { name: label });
    // pasted whole, so no valid prefix of it ("1", "15") is typed on the way
    await user.clear(input);
    await user.paste(typed);

    await waitFor(() => expect(input).toHaveAccessibleDescription(message));
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveValue(typed);
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(platform()).toBe(before);
  });

  it('a manual count of 0 shows the message and never reaches the store', async () => {
    const user = userEvent.setup();
    render(<PlatformStep />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Environment' }), 'hardware');
    await user.click(await screen.findByRole('radio', { name: 'Manual' }));
    const before = platform();
    const count = screen.getByRole('spinbutton', { name: 'Number of appliances' });
    await user.clear(count);
    await user.type(count, '0');

    await waitFor(() => expect(count).toHaveAttribute('aria-invalid', 'true'));
    const parsed = ScenarioObjectSchema.shape.platform.safeParse({
      ...before,
      appliance: { ...before.appliance, count: 0 },
    });
    const message = parsed.error?.issues.find((i) => i.path.join('.') === 'appliance.count');
    expect(message).toBeDefined();
    // the schema's message, after the field's label
    const shown = `Number of appliances ${message!.message}`;
    expect(screen.getByRole('alert')).toHaveTextContent(shown);
    expect(count).toHaveAccessibleDescription(shown);
    expect(platform()).toBe(before);
  });

  it('switching away from hardware clears the appliance', async () => {
    const user = userEvent.setup();
    render(<PlatformStep />);
    const env = screen.getByRole('combobox', { name: 'Environment' });
    await user.selectOptions(env, 'hardware');
    expect(platform().appliance).not.toBeNull();
    await user.selectOptions(env, 'aws');
    expect(platform()).toMatchObject({ environment: 'aws', appliance: null });
    expect(screen.queryByRole('combobox', { name: 'Appliance model' })).not.toBeInTheDocument();
    expect(sizingRow(/vCPU/)).toBeInTheDocument();
  });

  it('lists the quote errors instead of the sizing', () => {
    act(() =>
      scenarioStore.getState().edit((s) => ({
        ...s,
        platform: { ...s.platform, environment: 'hardware', appliance: null },
      })),
    );
    render(<PlatformStep />);
    const sizing = screen.getByRole('region', { name: 'Sizing' });
    const errors = within(sizing).getByRole('list', { name: 'Errors' });
    const expected = quoteOf(scenarioStore.getState().scenario).issues.find(
      (i) => i.code === 'appliance-required',
    );
    expect(within(errors).getAllByRole('listitem')[0]).toHaveTextContent(expected!.message);
    expect(within(errors).getAllByRole('listitem')[0]).toHaveTextContent(
      'Platform · Appliance model',
    );
    expect(within(errors).getAllByRole('listitem')[0]).not.toHaveTextContent('platform.appliance');
    expect(within(sizing).queryByRole('row')).not.toBeInTheDocument();
  });

  it('shows what the platform costs by month and in total, adding up to the quote', async () => {
    const user = userEvent.setup();
    render(<PlatformStep />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Environment' }), 'hardware');
    const scenario = scenarioStore.getState().scenario;
    const quote = quoteOf(scenario);
    const costs = screen.getByRole('region', { name: 'What the platform costs' });
    const byMonth = within(costs).getByRole('region', { name: 'Platform cost by month' });
    const rows = within(byMonth).getAllByRole('row');
    // head, one row a month, total
    expect(rows).toHaveLength(quote.months.length + 2);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    const money = moneyFormatter(quote.currency);
    const first = cells(rows[1]!);
    // every month's total is the quote's cost.platform
    expect(first.at(-1)).toBe(money(quote.months[0]!.cost.platform));
    expect(cells(rows[2]!).at(-1)).toBe(money(quote.months[1]!.cost.platform));
    // month 1 carries the appliances: count × price from the table
    const table = bundledTable(scenario);
    const appliance = table.platform.appliances.find(
      (a) => a.id === quote.platform!.appliances!.id,
    )!;
    const count = quote.platform!.appliances!.count;
    expect(first[0]).toBe(money((Number(appliance.price) * count).toFixed(2)));
    // month 2: no appliances, no support; infrastructure every month
    expect(cells(rows[2]!).slice(0, 3)).toEqual([
      money('0'),
      money('0'),
      money(scenario.platform.infraCostMonthly),
    ]);
    const total = quote.months.reduce(
      (sum, m) => sum + Math.round(Number(m.cost.platform) * 100),
      0,
    );
    expect(cells(rows.at(-1)!).at(-1)).toBe(money((total / 100).toFixed(2)));
  });

  it('undo returns the form to the previous environment', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/platform';
    render(<Shell />);
    // The shell loads every step form but the first lazily (src/app/steps.tsx).
    const env = await screen.findByRole('combobox', { name: 'Environment' });
    await user.selectOptions(env, 'hardware');
    expect(platform().environment).toBe('hardware');
    await screen.findByRole('combobox', { name: 'Appliance model' });

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(platform()).toEqual(sampleScenario().platform);
    await waitFor(() => expect(env).toHaveValue('vmware'));
    expect(screen.queryByRole('combobox', { name: 'Appliance model' })).not.toBeInTheDocument();
    expect(sizingRow(/vCPU/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Redo' }));
    await waitFor(() => expect(env).toHaveValue('hardware'));
  });
});
