import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSavedRecord } from '../../src/state/store';
import { parseScenarioDocument } from '../../src/state/scenario-io';

// A version-1 scenario kept by an older app (autosave, file, share link, library entry) opens as
// version 2 through the engine's migration steps (src/engine/schema/scenario-migrations.ts), with
// nothing changed but its version (ADR 017).
const v1 = JSON.parse(
  readFileSync(new URL('../fixtures/scenarios/v1-sample.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('a version-1 scenario opens migrated', () => {
  it('from the autosave', () => {
    // the record an older app saved under spc:scenario: { version, state: { scenario } }
    const opened = openSavedRecord(JSON.stringify({ version: 1, state: { scenario: v1 } }));
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(opened.scenario).toEqual({ ...v1, schemaVersion: 2 });
  });

  it('from a file, saying from which version', () => {
    const opened = parseScenarioDocument(JSON.stringify(v1));
    expect(opened).toEqual({ ok: true, scenario: { ...v1, schemaVersion: 2 }, migratedFrom: 1 });
  });

  it('an autosave of a newer version is refused with a message, not opened', () => {
    const opened = openSavedRecord(
      JSON.stringify({ version: 1, state: { scenario: { ...v1, schemaVersion: 3 } } }),
    );
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.reason).toMatch(/newer version of the app/);
  });
});
