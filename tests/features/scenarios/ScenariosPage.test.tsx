// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScenariosPage } from '../../../src/features/scenarios/ScenariosPage';
import { scenarioStore } from '../../../src/state/app-store';
import { LIBRARY_KEY, libraryStore } from '../../../src/state/library';
import { sampleScenario } from '../../../src/state/sample';
import { serializeScenario } from '../../../src/state/scenario-io';
import { decodeShareLink } from '../../../src/state/share-link';
import { openScenario, resetApp } from '../../support/app-state';

function resetLibrary() {
  window.localStorage.removeItem(LIBRARY_KEY);
  libraryStore.setState({ entries: [], damaged: [], message: null, lastDeleted: null });
}

beforeEach(() => {
  resetApp();
  resetLibrary();
});
afterEach(() => {
  cleanup();
  resetApp();
  resetLibrary();
  vi.restoreAllMocks();
});

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
const names = () => rows().map((r) => within(r).getAllByRole('cell')[0]!.textContent);

async function saveAs(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByRole('button', { name: 'Save current as…' }));
  const input = screen.getByLabelText('Name in the library');
  expect(input).toHaveFocus();
  await user.clear(input);
  await user.type(input, `${name}{Enter}`);
}

describe('the Scenarios page', () => {
  it('saves the open scenario, opens it back undoably, duplicates, renames and deletes with undo', async () => {
    const user = userEvent.setup();
    render(<ScenariosPage query="" />);
    expect(screen.getByText(/No saved scenarios yet/)).toBeInTheDocument();

    await saveAs(user, 'Plan A');
    expect(names()).toEqual(['Plan A']);
    expect(JSON.parse(window.localStorage.getItem(LIBRARY_KEY)!).state.entries).toHaveLength(1);

    // open it after changing the working scenario
    scenarioStore.getState().edit((s) => ({ ...s, title: 'Changed' }));
    await user.click(screen.getByRole('button', { name: 'Open “Plan A”' }));
    expect(scenarioStore.getState().scenario.title).toBe(sampleScenario().title);
    scenarioStore.getState().undo();
    expect(scenarioStore.getState().scenario.title).toBe('Changed');

    await user.click(screen.getByRole('button', { name: 'Duplicate “Plan A”' }));
    expect(names()).toEqual(['Plan A', 'Plan A (copy)']);

    await user.click(screen.getByRole('button', { name: 'Rename “Plan A (copy)”' }));
    const rename = screen.getByLabelText('New name for “Plan A (copy)”');
    expect(rename).toHaveFocus();
    await user.clear(rename);
    await user.type(rename, '<script>alert(1)</script>{Enter}');
    expect(names()).toEqual(['Plan A', '<script>alert(1)</script>']);
    expect(document.querySelector('script')).toBeNull();

    // Escape cancels a rename
    await user.click(screen.getByRole('button', { name: 'Rename “Plan A”' }));
    await user.type(screen.getByLabelText('New name for “Plan A”'), 'zzz{Escape}');
    expect(names()).toEqual(['Plan A', '<script>alert(1)</script>']);

    await user.click(screen.getByRole('button', { name: 'Delete “Plan A”' }));
    expect(names()).toEqual(['<script>alert(1)</script>']);
    await user.click(screen.getByRole('button', { name: 'Undo delete' }));
    expect(names()).toEqual(['Plan A', '<script>alert(1)</script>']);
    expect(JSON.parse(window.localStorage.getItem(LIBRARY_KEY)!).state.entries).toHaveLength(2);
  });

  it('says when the library cannot be saved, keeps the entry, and offers a download', async () => {
    const user = userEvent.setup();
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    render(<ScenariosPage query="" />);
    await saveAs(user, 'Big plan');
    expect(names()).toEqual(['Big plan']);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/could not be saved/);
    expect(
      within(alert).getByRole('button', { name: 'Download “Big plan” as JSON' }),
    ).toBeInTheDocument();
  });

  it('says "Deleted", "Renamed" and "Made" only once the library holds the change (issue 11)', async () => {
    const user = userEvent.setup();
    render(<ScenariosPage query="" />);
    await saveAs(user, 'Plan A');
    const stored = () => window.localStorage.getItem(LIBRARY_KEY);
    const before = stored();
    const full = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const status = () => screen.getAllByRole('status')[0]!;

    await user.click(screen.getByRole('button', { name: 'Duplicate “Plan A”' }));
    expect(status()).toHaveTextContent(
      'Made “Plan A (copy)” in this tab only: the library could not be saved in this browser.',
    );
    expect(status()).not.toHaveTextContent(/^Made “Plan A \(copy\)”\.$/);

    await user.click(screen.getByRole('button', { name: 'Rename “Plan A”' }));
    const rename = screen.getByLabelText('New name for “Plan A”');
    await user.clear(rename);
    await user.type(rename, 'Plan B{Enter}');
    expect(status()).toHaveTextContent(
      'Renamed to “Plan B” in this tab only: the library could not be saved in this browser.',
    );

    await user.click(screen.getByRole('button', { name: 'Delete “Plan B”' }));
    expect(status()).toHaveTextContent(
      '“Plan B” is deleted in this tab only: the library could not be saved in this browser, which still holds it.',
    );
    expect(screen.queryByText('Deleted “Plan B”.')).toBeNull();
    expect(stored()).toBe(before); // not a byte written

    // room again: the next change writes them all, and the messages say so
    full.mockRestore();
    await user.click(screen.getByRole('button', { name: 'Undo delete' }));
    expect(status()).toHaveTextContent('Restored “Plan B”.');
    expect(names()).toEqual(['Plan B', 'Plan A (copy)']);
    expect(JSON.parse(stored()!).state.entries.map((e: { name: string }) => e.name)).toEqual([
      'Plan B',
      'Plan A (copy)',
    ]);
  });

  it('opens a scenario JSON file, and lists the errors of a bad one by path, changing nothing', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<ScenariosPage query="" />);
    const before = scenarioStore.getState().scenario;
    const bad = { ...sampleScenario(), horizonMonths: 'forever' };
    await user.upload(
      screen.getByLabelText('Open scenario JSON…'),
      new File([JSON.stringify(bad)], 'bad.json', { type: 'application/json' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('bad.json could not be opened');
    // named as the Deal step names the field, not by its JSON path
    expect(within(alert).getByText(/Deal · Horizon \(months\):/)).toBeInTheDocument();
    expect(alert).not.toHaveTextContent('horizonMonths');
    expect(scenarioStore.getState().scenario).toBe(before);

    await user.upload(
      screen.getByLabelText('Open scenario JSON…'),
      new File(['{ "title": '], 'broken.json', { type: 'application/json' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(/not valid JSON.*line 1/);
    expect(scenarioStore.getState().scenario).toBe(before);

    const good = { ...sampleScenario(), title: 'From a file' };
    await user.upload(
      screen.getByLabelText('Open scenario JSON…'),
      new File([serializeScenario(good)], 'good.json', { type: 'application/json' }),
    );
    await waitFor(() => expect(scenarioStore.getState().scenario.title).toBe('From a file'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // the scenario that was open is kept in the library
    const kept = libraryStore
      .getState()
      .entries.find((e) => e.name.includes('before opening good.json'));
    expect(kept?.scenario).toEqual(before);
  });

  it('makes a share link, copies it, and shows it in a field', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<ScenariosPage query="" />);
    await user.click(screen.getByRole('button', { name: 'Copy share link' }));
    const field = await screen.findByLabelText('Share link');
    const link = (field as HTMLInputElement).value;
    expect(link).toContain('#/shared?d=');
    expect(writeText).toHaveBeenCalledWith(link);
    const decoded = decodeShareLink(link.slice(link.indexOf('?') + 1));
    expect(decoded).toEqual({ ok: true, scenario: scenarioStore.getState().scenario });
  });

  it('shows the link to copy by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: vi.fn().mockRejectedValue(new Error('denied')) },
      configurable: true,
    });
    render(<ScenariosPage query="" />);
    await user.click(screen.getByRole('button', { name: 'Copy share link' }));
    expect(await screen.findByText(/copy it from the field below/)).toBeInTheDocument();
    expect((screen.getByLabelText('Share link') as HTMLInputElement).value).toContain(
      '#/shared?d=',
    );
  });

  it('reports a damaged saved entry with a download, never dropping it', () => {
    libraryStore.setState({
      damaged: [
        {
          id: 'd1',
          name: 'Old plan',
          raw: '{"x":1}',
          problems: [{ path: 'scenario.title', message: 'must be text' }],
        },
      ],
    });
    render(<ScenariosPage query="" />);
    expect(screen.getByText(/Deal · Title:/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Discard “Old plan”' }));
    expect(libraryStore.getState().damaged).toEqual([]);
  });

  it('keeps the file input and buttons labelled', () => {
    openScenario(sampleScenario());
    render(<ScenariosPage query="" />);
    expect(screen.getByLabelText('Open scenario JSON…')).toHaveAttribute('type', 'file');
    expect(screen.getByRole('button', { name: 'Save scenario JSON' })).toBeInTheDocument();
  });
});
