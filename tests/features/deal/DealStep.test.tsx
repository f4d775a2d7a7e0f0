// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Shell } from '../../../src/app/Shell';
import { DealStep } from '../../../src/features/deal/DealStep';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { findTable } from '../../../src/price-tables/registry';
import { scenarioStore } from '../../../src/state/app-store';
import { customTablesStore } from '../../../src/state/custom-tables';
import { sampleScenario } from '../../../src/state/sample';
import { resetApp as reset, appQuote as quoteOfStore } from '../../support/app-state';
import { pngHeader, TINY_PNG } from '../../support/images';

// jsdom decodes no images: the browser's decoder is stood in for by the header's size, and a
// file whose header says 333 pixels wide stands for one that does not decode.
vi.mock('../../../src/features/deal/logo-decode', async () => {
  const { imageSize } = await import('../../../src/engine/index');
  return {
    decodeImageSize: (bytes: Uint8Array) => {
      const size = imageSize(bytes);
      return size && size.width !== 333
        ? Promise.resolve(size)
        : Promise.reject(new Error('The source image could not be decoded.'));
    },
  };
});

beforeEach(reset);
afterEach(() => {
  cleanup();
  reset();
});

describe('the Deal step', () => {
  it('labels every field and shows the sample plan', () => {
    render(<DealStep />);
    const sample = sampleScenario();
    expect(screen.getByLabelText('Title')).toHaveValue(sample.title);
    expect(screen.getByLabelText('Start month')).toHaveValue(sample.startPeriod);
    expect(screen.getByLabelText('Horizon (months)')).toHaveValue(sample.horizonMonths);
    expect(screen.getByLabelText('Prepared by: name')).toHaveValue(sample.preparedBy.name);
    expect(screen.getByLabelText('Prepared by: company')).toHaveValue(sample.preparedBy.company);
    expect(screen.getByLabelText('Prepared for: name')).toHaveValue(sample.preparedFor.name);
    expect(screen.getByLabelText('Prepared for: company')).toHaveValue(sample.preparedFor.company);
    expect(screen.getByLabelText('Brand name')).toHaveValue(sample.brand.name);
    expect(screen.getByLabelText('Primary colour')).toHaveValue(sample.brand.primaryColor);
    expect(screen.getByLabelText('Primary colour (hex)')).toHaveValue(sample.brand.primaryColor);
    expect(screen.getByRole('combobox', { name: 'Price table' })).toHaveDisplayValue(
      /tr7-service-provider · USD · 2026\.11/,
    );
    const details = screen.getByLabelText('Selected price table');
    expect(details).toHaveTextContent('2026-11-01');
    expect(details).toHaveTextContent('2027-04-30');
    expect(details).toHaveTextContent('Sample prices');
    expect(screen.getByLabelText('Logo')).toHaveAttribute('accept', 'image/png,image/jpeg');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('changes the horizon in the store, re-prices, and undoes the typing in one step', async () => {
    const user = userEvent.setup();
    render(<DealStep />);
    const horizon = screen.getByLabelText('Horizon (months)');
    expect(quoteOfStore().months).toHaveLength(36);
    await user.clear(horizon);
    await user.type(horizon, '12');
    expect(scenarioStore.getState().scenario.horizonMonths).toBe(12);
    expect(quoteOfStore().months).toHaveLength(12);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    act(() => scenarioStore.getState().undo());
    expect(scenarioStore.getState().scenario.horizonMonths).toBe(36);
    expect(horizon).toHaveValue(36);
    // the form echoing the undone value is not a new edit: redo still holds the change
    act(() => scenarioStore.getState().redo());
    expect(horizon).toHaveValue(12);
  });

  it('shows the schema message for a bad horizon and keeps it out of the store', async () => {
    const user = userEvent.setup();
    render(<DealStep />);
    const before = scenarioStore.getState().scenario;
    const horizon = screen.getByLabelText('Horizon (months)');
    await user.clear(horizon);
    await user.type(horizon, '0');
    expect(screen.getByRole('alert')).toHaveTextContent('must be at least 1 month');
    expect(horizon).toHaveAttribute('aria-invalid', 'true');
    expect(horizon).toHaveValue(0); // what was typed is kept
    expect(scenarioStore.getState().scenario).toBe(before);

    await user.clear(horizon);
    await user.type(horizon, '121');
    expect(screen.getByRole('alert')).toHaveTextContent('must be at most 120 months');
    // only the valid prefix "12" reached the store, never 121
    expect(scenarioStore.getState().scenario.horizonMonths).toBe(12);
  });

  it('rejects a malformed colour, and takes a valid one from the hex field or the picker', async () => {
    const user = userEvent.setup();
    render(<DealStep />);
    const before = scenarioStore.getState().scenario;
    const hex = screen.getByLabelText('Primary colour (hex)');
    await user.clear(hex);
    await user.type(hex, '#12345g');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Primary colour (hex) must be a colour written #rrggbb',
    );
    expect(scenarioStore.getState().scenario).toBe(before);

    await user.clear(hex);
    await user.type(hex, '#a0b1c2');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(scenarioStore.getState().scenario.brand).toEqual({
      ...before.brand,
      primaryColor: '#a0b1c2',
    });
    expect(screen.getByLabelText('Primary colour')).toHaveValue('#a0b1c2');

    // the colour picker has no keyboard text to type; it fires change with its colour
    fireEvent.change(screen.getByLabelText('Primary colour'), { target: { value: '#00ff00' } });
    expect(scenarioStore.getState().scenario.brand.primaryColor).toBe('#00ff00');
    expect(hex).toHaveValue('#00ff00');
    // typing and picking the same field in quick succession is one step of undo
    act(() => scenarioStore.getState().undo());
    expect(hex).toHaveValue(before.brand.primaryColor);
    expect(screen.getByLabelText('Primary colour')).toHaveValue(before.brand.primaryColor);
  });

  it('keeps NUL and control characters out of a name typed or pasted (issue 11)', () => {
    render(<DealStep />);
    fireEvent.change(screen.getByLabelText('Title'), {
      target: { value: 'Plan\u0000 2027\u001b[2J\u0007' },
    });
    fireEvent.change(screen.getByLabelText('Prepared for: company'), {
      target: { value: 'Init\u0085ech\tLtd' },
    });
    const after = scenarioStore.getState().scenario;
    expect(after.title).toBe('Plan 2027[2J');
    expect(after.preparedFor.company).toBe('Initech Ltd');
  });

  it('edits title, parties and brand name; the rest of the scenario is untouched', async () => {
    const user = userEvent.setup();
    render(<DealStep />);
    const before = scenarioStore.getState().scenario;
    await user.clear(screen.getByLabelText('Title'));
    await user.type(screen.getByLabelText('Title'), 'New plan');
    await user.clear(screen.getByLabelText('Prepared for: company'));
    await user.type(screen.getByLabelText('Prepared for: company'), 'Initech');
    await user.clear(screen.getByLabelText('Brand name'));
    await user.type(screen.getByLabelText('Brand name'), 'Initech Shield');
    const after = scenarioStore.getState().scenario;
    expect(after).toEqual({
      ...before,
      title: 'New plan',
      preparedFor: { ...before.preparedFor, company: 'Initech' },
      brand: { ...before.brand, name: 'Initech Shield' },
    });
    expect(after.customers).toBe(before.customers);

    act(() => scenarioStore.getState().undo());
    expect(screen.getByLabelText('Brand name')).toHaveValue(before.brand.name);
    expect(screen.getByLabelText('Prepared for: company')).toHaveValue('Initech');
    act(() => scenarioStore.getState().undo());
    expect(screen.getByLabelText('Prepared for: company')).toHaveValue(before.preparedFor.company);
    act(() => scenarioStore.getState().undo());
    expect(screen.getByLabelText('Title')).toHaveValue(before.title);
    expect(scenarioStore.getState().scenario).toEqual(before);
  });

  it('changes the start month', async () => {
    const user = userEvent.setup();
    render(<DealStep />);
    const start = screen.getByLabelText('Start month');
    await user.clear(start);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Start month must be a month written YYYY-MM, like 2026-01',
    );
    expect(scenarioStore.getState().scenario.startPeriod).toBe('2027-01');
    act(() => {
      start.focus();
    });
    await user.type(start, '2027-06');
    expect(scenarioStore.getState().scenario.startPeriod).toBe('2027-06');
    expect(quoteOfStore().months[0]?.period).toBe('2027-06');
  });

  it('changes the price book, shows its details, and the summary re-prices', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/deal';
    render(<Shell />);
    const tcv = within(screen.getByRole('complementary', { name: 'Live summary' })).getByTestId(
      'kpi-tcv',
    );
    const revenueBefore = quoteOfStore().totals!.revenue;
    const tcvBefore = tcv.textContent;
    const select = screen.getByRole('combobox', { name: 'Price table' });
    await user.selectOptions(select, screen.getByRole('option', { name: /EUR · 2026\.11/ }));
    expect(scenarioStore.getState().scenario.priceTable).toEqual({
      product: 'tr7-service-provider',
      currency: 'EUR',
      version: '2026.11',
    });
    const quote = quoteOfStore();
    expect(quote.currency).toBe('EUR');
    expect(quote.totals!.revenue).not.toBe(revenueBefore);
    expect(tcv.textContent).not.toBe(tcvBefore);
    expect(screen.getByLabelText('Selected price table')).toHaveTextContent(/EUR price points/);

    await user.selectOptions(select, screen.getByRole('option', { name: /USD · 2026\.05/ }));
    const details = screen.getByLabelText('Selected price table');
    expect(details).toHaveTextContent('2026-05-01');
    expect(details).toHaveTextContent('2026-10-31');
    expect(details).toHaveTextContent(/Sample prices.*Superseded by version 2026\.11/);

    // that older table lacks a bandwidth the sample uses: the summary says so, no figures
    expect(screen.getByTestId('kpi-tcv')).toHaveTextContent(/^—$/);

    act(() => scenarioStore.getState().undo());
    act(() => scenarioStore.getState().undo());
    expect(select).toHaveDisplayValue(/USD · 2026\.11/);
    expect(screen.getByTestId('kpi-tcv').textContent).toBe(tcvBefore);
  });

  describe('the logo', () => {
    it('uploads a PNG into the brand, shows it, and removes it; each undoable', async () => {
      const user = userEvent.setup();
      render(<DealStep />);
      expect(scenarioStore.getState().scenario.brand.logo).toBeNull();
      const input = screen.getByLabelText('Logo');
      await user.upload(input, new File([TINY_PNG], 'logo.png', { type: 'image/png' }));
      await waitFor(() =>
        expect(scenarioStore.getState().scenario.brand.logo).toMatch(/^data:image\/png;base64,/),
      );
      expect(screen.getByRole('img', { name: "The brand's logo" })).toHaveAttribute(
        'src',
        scenarioStore.getState().scenario.brand.logo,
      );
      await user.click(screen.getByRole('button', { name: 'Remove logo' }));
      expect(scenarioStore.getState().scenario.brand.logo).toBeNull();
      act(() => scenarioStore.getState().undo());
      expect(scenarioStore.getState().scenario.brand.logo).toMatch(/^data:image\/png/);
      act(() => scenarioStore.getState().undo());
      expect(scenarioStore.getState().scenario.brand.logo).toBeNull();
    });

    it('refuses a file that is not a PNG or JPEG, whatever its name, and keeps the scenario', async () => {
      const user = userEvent.setup({ applyAccept: false });
      render(<DealStep />);
      const before = scenarioStore.getState().scenario;
      const input = screen.getByLabelText('Logo');
      await user.upload(
        input,
        new File(['<svg onload="alert(1)"></svg>'], 'logo.png', { type: 'image/png' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        '"logo.png" is not a PNG or JPEG image',
      );
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(scenarioStore.getState().scenario).toBe(before);
    });

    it.each([
      ['declares 20000 × 20000 pixels', pngHeader(20000, 20000), 'at most 4096 × 4096 pixels'],
      ['does not decode', pngHeader(333, 10, 200), 'could not be decoded as an image'],
    ])('refuses a PNG that %s, at the field, and keeps the scenario', async (_, bytes, message) => {
      const user = userEvent.setup();
      render(<DealStep />);
      const before = scenarioStore.getState().scenario;
      await user.upload(
        screen.getByLabelText('Logo'),
        new File([bytes as Uint8Array<ArrayBuffer>], 'logo.png', { type: 'image/png' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(message);
      expect(scenarioStore.getState().scenario).toBe(before);
    });
  });
});

describe('the Deal step with a custom price table', () => {
  afterEach(() => {
    for (const e of customTablesStore.getState().entries) {
      customTablesStore.getState().remove(e.table);
    }
  });

  it('lists a loaded custom table marked "(custom)" and prices with it', async () => {
    const user = userEvent.setup();
    const table = findTable(bundledRegistry, scenarioStore.getState().scenario.priceTable)!.table;
    const loaded = customTablesStore
      .getState()
      .add(
        'acme.json',
        JSON.stringify({ ...table, version: 'acme-1', effectiveFrom: '2027-01-01' }),
      );
    expect(loaded.ok).toBe(true);
    render(<DealStep />);
    const select = screen.getByRole('combobox', { name: 'Price table' });
    const option = within(select).getByRole('option', { name: /acme-1/ });
    expect(option).toHaveTextContent('(custom)');
    await user.selectOptions(select, option);
    expect(scenarioStore.getState().scenario.priceTable.version).toBe('acme-1');
    expect(screen.getByLabelText('Selected price table')).toHaveTextContent('Custom price table');
  });
});
