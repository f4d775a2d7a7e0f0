// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerLine } from '../../../src/engine/index';
import { ImportLines } from '../../../src/features/customers/ImportLines';
import { MAX_CSV_BYTES, parseLinesCsv } from '../../../src/features/customers/lines-csv';
import { scenarioStore } from '../../../src/state/app-store';
import { resetApp as reset } from '../../support/app-state';

beforeEach(() => reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  reset();
});

const state = () => scenarioStore.getState().scenario;
const ids = () => state().customers.map((c) => c.id);
const undo = () => act(() => scenarioStore.getState().undo());
const withoutIds = (lines: readonly CustomerLine[]) => lines.map(({ id: _id, ...rest }) => rest);

const HEADER = 'name,count,model,bundle,bandwidth,vServices,hoursPerMonth';
const GOOD = [
  HEADER,
  'Łódź Telekom 2,3,payg,advanced,1g,10,300',
  '"Smith, Jones & Co",1,fixed-term,premium,5g,60,',
];

/** Renders the import, opens its disclosure, and returns the user and the text box. */
async function open(props: Parameters<typeof ImportLines>[0] = {}) {
  const user = userEvent.setup();
  render(<ImportLines {...props} />);
  await user.click(screen.getByText('Import customer lines from CSV'));
  const box = screen.getByRole('textbox', { name: 'CSV to import' });
  return { user, box };
}

async function paste(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, text: string) {
  await user.clear(box);
  await user.click(box);
  await user.paste(text);
}

describe('importing customer lines from CSV', () => {
  it('checks pasted lines, adds them in one undoable edit with fresh ids, then empties the box', async () => {
    const onDone = vi.fn();
    const { user, box } = await open({ onDone });
    const before = state();
    const original = ids();

    await paste(user, box, GOOD.join('\n'));
    expect(state()).toBe(before); // pasting changes nothing
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByText(/2 lines ready, 0 rows with errors/)).toBeInTheDocument();
    expect(state()).toBe(before); // nor does checking

    await user.click(screen.getByRole('button', { name: 'Add 2 lines' }));
    const added = state().customers.slice(original.length);
    expect(state().customers.slice(0, original.length)).toEqual(before.customers);
    expect(added.map((l) => [l.name, l.count, l.license.model])).toEqual([
      ['Łódź Telekom 2', 3, 'payg'],
      ['Smith, Jones & Co', 1, 'fixed-term'],
    ]);
    const all = ids();
    expect(new Set(all).size).toBe(all.length);
    for (const line of added) expect(original).not.toContain(line.id);
    expect(box).toHaveValue('');
    expect(screen.getByRole('status')).toHaveTextContent('Added 2 lines.');
    expect(onDone).toHaveBeenCalledTimes(1);

    undo();
    expect(ids()).toEqual(original);
    expect(state()).toBe(before);
  });

  it('names the row and column of a bad cell, keeps the text and leaves the store unchanged', async () => {
    const { user, box } = await open();
    const before = state();
    const text = [
      HEADER,
      'Good,1,payg,advanced,1g,10,730',
      'Bad,1,payg,advanced,1g,10,1;2;3;4;5;6;7;8;9;10;11;800',
      'Zero,0,payg,advanced,1g,10,730',
    ].join('\n');
    await paste(user, box, text);
    await user.click(screen.getByRole('button', { name: 'Check' }));

    expect(screen.getByText(/1 line ready, 2 rows with errors/)).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Rows with errors' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Row 3, hoursPerMonth: month 12 (December): must be at most 744 hours (31 days × 24)',
      'Row 4, count: must be at least 1',
    ]);
    expect(box).toHaveValue(text);
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(state()).toBe(before);
  });

  it('adds the valid lines while some rows have errors, and leaves only those rows to fix', async () => {
    const { user, box } = await open();
    const original = ids();
    await paste(
      user,
      box,
      [HEADER, 'Good,1,payg,advanced,1g,10,730', 'Bad,1,payg,advanced,1g,10,745'].join('\n'),
    );
    await user.click(screen.getByRole('button', { name: 'Check' }));
    await user.click(screen.getByRole('button', { name: 'Add the 1 valid line' }));

    expect(
      state()
        .customers.map((c) => c.name)
        .slice(original.length),
    ).toEqual(['Good']);
    expect(box).toHaveValue([HEADER, 'Bad,1,payg,advanced,1g,10,745'].join('\n'));
    expect(
      screen.getByText(/Added 1 line\. The rows with errors are left in the box/),
    ).toBeInTheDocument();
    // re-checked: the bad row is now row 2
    expect(screen.getByText(/0 lines ready, 1 row with errors/)).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Rows with errors' })).getByRole('listitem'),
    ).toHaveTextContent('Row 2, hoursPerMonth: must be at most 744 hours');
    expect(screen.queryByRole('button', { name: /^Add/ })).toBeNull();

    // fixed, it is added once; "Good" is not added again
    await paste(user, box, [HEADER, 'Bad,1,payg,advanced,1g,10,744'].join('\n'));
    await user.click(screen.getByRole('button', { name: 'Check' }));
    await user.click(screen.getByRole('button', { name: 'Add 1 line' }));
    expect(
      state()
        .customers.map((c) => c.name)
        .slice(original.length),
    ).toEqual(['Good', 'Bad']);
    undo();
    undo();
    expect(ids()).toEqual(original);
  });

  it('shows a problem of the whole text, and the warnings', async () => {
    const { user, box } = await open();
    await paste(user, box, 'Name;Qty\nA;1');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByRole('list', { name: 'Rows with errors' })).toHaveTextContent(
      /Row 1: The header must name the columns name, count, model, bundle, bandwidth/,
    );
    await paste(user, box, `${HEADER},colour\nA,1,payg,gold,1g,1,730,red`);
    await user.click(screen.getByRole('button', { name: 'Check' }));
    const warnings = screen.getByRole('list', { name: 'Warnings' });
    expect(warnings).toHaveTextContent('Unknown column ignored: "colour"');
    expect(warnings).toHaveTextContent('Row 2: bundle "gold" is not in the price table');
    await paste(user, box, '   ');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByText(/There is nothing to import/)).toBeInTheDocument();
  });

  it('reads a chosen file and checks it; refuses a file over 5 MB', async () => {
    const { user, box } = await open();
    const before = state();
    const input = screen.getByLabelText('CSV file');
    expect(input).toHaveAttribute('accept', expect.stringContaining('text/csv'));

    await user.upload(input, new File([GOOD.join('\r\n')], 'lines.csv', { type: 'text/csv' }));
    expect(await screen.findByText('Read "lines.csv" and checked it.')).toBeInTheDocument();
    expect(box).toHaveValue(GOOD.join('\n')); // a text box shows line breaks as LF
    expect(screen.getByText(/2 lines ready, 0 rows with errors/)).toBeInTheDocument();
    expect(state()).toBe(before);

    const big = new File(['x'], 'big.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: MAX_CSV_BYTES + 1 });
    await user.upload(input, big);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '"big.csv" is 5.0 MB; a CSV to import may be at most 5 MB.',
    );
    expect(state()).toBe(before);
  });

  it('downloads the current lines as CSV that imports back to the same lines', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:lines';
    });
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('customer-lines.csv');
      expect(this.href).toBe('blob:lines');
    });
    const { user } = await open();

    await user.click(screen.getByRole('button', { name: 'Download lines as CSV' }));
    expect(click).toHaveBeenCalledTimes(1);
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a UTF-8 byte-order mark
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const back = parseLinesCsv(text, []);
    expect(back.errors).toEqual([]);
    expect(withoutIds(back.lines)).toEqual(withoutIds(state().customers));
  });

  it('is usable from the keyboard, with visible labels', async () => {
    const { user, box } = await open();
    expect(screen.getByLabelText('CSV file')).toBeVisible();
    await user.click(box);
    await user.paste(GOOD.join('\n'));
    await user.tab();
    expect(screen.getByRole('button', { name: 'Check' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Add 2 lines' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(state().customers).toHaveLength(10);
  });
});
