import { parseWith, ScenarioSchema } from '../../../src/engine/index';
import { defineMigrations, type MigrationStep } from '../../../src/price-tables/migrations';
import { scenarioMigrations, type ScenarioFormat } from '../../../src/state/formats';

/**
 * A made-up next scenario version, injected where the app takes a format: its one step adds a
 * `notes` field, and its "schema" refuses a document without it, so a document opens only if
 * the step ran — proving the path migrates before it validates. Once opened, the document is
 * handed to the real schema as the current version.
 */
export function nextVersionFormat(): ScenarioFormat & {
  readonly next: number;
  readonly ran: number[];
} {
  const current = scenarioMigrations.current;
  const next = current + 1;
  const ran: number[] = [];
  const step: MigrationStep = {
    from: current,
    to: next,
    name: `test/${next}-adds-notes`,
    up: (doc) => {
      ran.push(current);
      return { ...(doc as Record<string, unknown>), notes: '' };
    },
  };
  const migrations = defineMigrations({
    what: scenarioMigrations.what,
    versionField: scenarioMigrations.versionField,
    first: scenarioMigrations.first,
    current: next,
    steps: [...scenarioMigrations.steps, step],
  });
  return {
    next,
    ran,
    migrations,
    validate: (doc) => {
      const d = doc as Record<string, unknown>;
      if (d.schemaVersion !== next || d.notes !== '') {
        return {
          ok: false,
          problems: [{ path: 'notes', message: `version ${next} needs notes (not migrated)` }],
        };
      }
      const { notes: _notes, ...rest } = d;
      return parseWith(ScenarioSchema, { ...rest, schemaVersion: current });
    },
  };
}
