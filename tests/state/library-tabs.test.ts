// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY_KEY, LIBRARY_VERSION, libraryStore } from '../../src/state/library';
import { sampleScenario } from '../../src/state/sample';

afterEach(() => {
  libraryStore.setState({ entries: [], damaged: [], message: null, lastDeleted: null });
});

describe('the library across tabs', () => {
  it('takes the entries another tab saved', () => {
    const entry = {
      id: 'other-tab-1',
      name: 'Saved in another tab',
      savedAt: '2026-11-22T09:00:00.000Z',
      scenario: sampleScenario(),
    };
    const newValue = JSON.stringify({
      version: LIBRARY_VERSION,
      state: { entries: [entry], damaged: [] },
    });
    window.dispatchEvent(new StorageEvent('storage', { key: LIBRARY_KEY, newValue }));
    expect(libraryStore.getState().entries.map((e) => e.name)).toEqual(['Saved in another tab']);
  });

  it('ignores other keys and a library it cannot read', () => {
    window.dispatchEvent(new StorageEvent('storage', { key: 'spc:scenario', newValue: '{}' }));
    window.dispatchEvent(new StorageEvent('storage', { key: LIBRARY_KEY, newValue: '{oops' }));
    expect(libraryStore.getState().entries).toEqual([]);
    expect(libraryStore.getState().damaged).toEqual([]);
  });
});
