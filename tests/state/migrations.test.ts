import { describe, expect, it } from 'vitest';
import { SCENARIO_SCHEMA_VERSION } from '../../src/engine/index';
import {
  defineMigrations,
  missingSteps,
  runMigrations,
  type MigrationStep,
} from '../../src/price-tables/migrations';
import {
  autosaveMigrations,
  LIBRARY_VERSION,
  libraryMigrations,
  PERSISTED_FORMATS,
  scenarioMigrations,
} from '../../src/state/formats';
import { STORAGE_KEY } from '../../src/state/persistence';
import { sampleScenario } from '../../src/state/sample';
import { parseScenarioDocument, serializeScenario } from '../../src/state/scenario-io';
import { decodeShareLink, encodeShareLink } from '../../src/state/share-link';
import { createScenarioStore } from '../../src/state/store';
import { nextVersionFormat } from './support/next-version';
import { quotaStorage } from './support/storage';

const step = (from: number, name = `test/${from + 1}`): MigrationStep => ({
  from,
  to: from + 1,
  name,
  up: (doc) => ({ ...(doc as object), [`v${from + 1}`]: true }),
});

describe('every persisted format has every version step registered (meta-test)', () => {
  it.each(PERSISTED_FORMATS.map((f) => [f.what, f] as const))('%s', (_what, format) => {
    expect(missingSteps(format)).toEqual([]);
    expect(format.steps.map((s) => s.from)).toEqual(
      Array.from({ length: format.current - format.first }, (_, i) => format.first + i),
    );
    expect(new Set(format.steps.map((s) => s.name)).size).toBe(format.steps.length);
  });

  it('the scenario sequence leads to the version the schema validates', () => {
    expect(scenarioMigrations.current).toBe(SCENARIO_SCHEMA_VERSION);
    expect(scenarioMigrations.versionField).toBe('schemaVersion');
    expect(libraryMigrations.current).toBe(LIBRARY_VERSION);
  });
});

describe('the migration mechanism', () => {
  it('refuses a sequence with a gap, a duplicate, a jump or a step past the current version', () => {
    const base = { what: 'thing', versionField: 'version' };
    expect(() => defineMigrations({ ...base, current: 3, steps: [step(1)] })).toThrow(
      /no step from version 2 to 3/,
    );
    expect(() =>
      defineMigrations({ ...base, current: 2, steps: [step(1, 'a'), step(1, 'b')] }),
    ).toThrow(/2 steps from version 1/);
    expect(() => defineMigrations({ ...base, current: 3, steps: [{ ...step(1), to: 3 }] })).toThrow(
      /not one version/,
    );
    expect(() => defineMigrations({ ...base, current: 1, steps: [step(1)] })).toThrow(/outside/);
    expect(() =>
      defineMigrations({ ...base, current: 3, steps: [step(1, 'x'), step(2, 'x')] }),
    ).toThrow(/two steps are named "x"/);
  });

  it('runs the steps in order from the document’s version, stamping each version', () => {
    const seq = defineMigrations({
      what: 'thing',
      versionField: 'version',
      current: 3,
      steps: [step(1), step(2)],
    });
    expect(runMigrations(seq, { version: 1 })).toEqual({
      ok: true,
      value: { version: 3, v2: true, v3: true },
      from: 1,
    });
    expect(runMigrations(seq, { version: 2 })).toEqual({
      ok: true,
      value: { version: 3, v3: true },
      from: 2,
    });
    const same = { version: 3 };
    expect(runMigrations(seq, same)).toEqual({ ok: true, value: same, from: 3 });
  });

  it('says in users’ words when a document is newer, has no version, or a step fails', () => {
    const seq = defineMigrations({
      what: 'library',
      versionField: 'version',
      current: 2,
      steps: [
        {
          from: 1,
          to: 2,
          name: 'test/boom',
          up: () => {
            throw new Error('boom');
          },
        },
      ],
    });
    const newer = runMigrations(seq, { version: 7 });
    expect(newer).toMatchObject({ ok: false, reason: 'newer' });
    if (!newer.ok) {
      expect(newer.message).toMatch(/^This library was saved by a newer version of the app/);
      expect(newer.message).toMatch(/Update the app to open it\.$/);
    }
    expect(runMigrations(seq, { version: 'x' })).toMatchObject({ ok: false, reason: 'version' });
    expect(runMigrations(seq, [])).toMatchObject({ ok: false, reason: 'version' });
    expect(runMigrations(seq, { version: 1 })).toMatchObject({
      ok: false,
      reason: 'failed',
      message: expect.stringMatching(/from version 1 to 2 \(boom\)/),
    });
  });

  it('the autosave record and the library are formats of their own', () => {
    expect(autosaveMigrations.versionField).toBe('version');
    expect(libraryMigrations.what).toBe('library');
  });
});

describe('a version-1 scenario opens after a version bump made in the test, on every path', () => {
  const v1 = () => ({ ...sampleScenario(), title: 'Made before the bump' });

  it('an autosave', () => {
    const mem = quotaStorage();
    const before = createScenarioStore({ storage: mem.storage, now: Date.now });
    before.getState().replace(v1());
    const saved = mem.items.get(STORAGE_KEY)!;
    const format = nextVersionFormat();
    const after = createScenarioStore({ storage: mem.storage, now: Date.now, format });
    expect(after.getState().notice).toBeNull();
    expect(after.getState().scenario).toEqual(v1());
    expect(format.ran).toHaveLength(1);
    expect(mem.items.get(STORAGE_KEY)).toBe(saved); // opening changes nothing stored
  });

  it('a file', () => {
    const format = nextVersionFormat();
    const opened = parseScenarioDocument(serializeScenario(v1()), { format });
    expect(opened).toEqual({
      ok: true,
      scenario: v1(),
      migratedFrom: scenarioMigrations.current,
    });
    expect(format.ran).toHaveLength(1);
  });

  it('a share link', () => {
    const hash = encodeShareLink(v1());
    const format = nextVersionFormat();
    const decoded = decodeShareLink(hash.slice(hash.indexOf('?') + 1), { format });
    expect(decoded).toEqual({ ok: true, scenario: v1() });
    expect(format.ran).toHaveLength(1);
  });

  it('(the injected version really needs its step: a document of the new version is not re-migrated)', () => {
    const format = nextVersionFormat();
    const doc = { ...v1(), schemaVersion: format.next, notes: '' };
    const opened = parseScenarioDocument(JSON.stringify(doc), { format });
    expect(opened.ok).toBe(true);
    expect(format.ran).toHaveLength(0);
    const without = parseScenarioDocument(JSON.stringify({ ...v1(), schemaVersion: format.next }), {
      format,
    });
    expect(without.ok).toBe(false);
  });
});
