import { runMigrations } from './migrations';
import {
  migrateScenarioDocument,
  parseWith,
  ScenarioSchema,
  type Scenario,
  type SchemaProblem,
} from '../engine/index';

/** The localStorage key of the open scenario. */
export const STORAGE_KEY = 'spc:scenario';
/** Where a stored document that can no longer be opened is kept, so nothing is lost. */
export const RECOVERY_KEY_PREFIX = 'spc:recovered:';

/**
 * The version of the persisted store. Each change to what is persisted adds a
 * migration from the version before; `tests/state/persistence.test.ts` checks
 * that every version from 1 has one.
 */
export const STORE_VERSION = 1;

/** What is persisted: the scenario document, nothing derived. */
export interface PersistedState {
  readonly scenario: Scenario;
}

/** migrations[v] turns a persisted state of version v − 1 into version v. */
export const migrations: Readonly<Record<number, (state: unknown) => unknown>> = {};

/** Brings a persisted state of any earlier version up to STORE_VERSION. */
export function migrate(state: unknown, fromVersion: number): unknown {
  return runMigrations(state, fromVersion, STORE_VERSION, migrations, 'store version');
}

export type Rehydrated =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly problems: readonly SchemaProblem[] };

/** Re-validates what storage held: the stored document is outside input like any other. */
export function revalidate(persisted: unknown): Rehydrated {
  const scenario =
    persisted !== null && typeof persisted === 'object' && 'scenario' in persisted
      ? (persisted as { scenario: unknown }).scenario
      : persisted;
  // an autosave of an older scenario schemaVersion opens like a file of that version
  const migrated = migrateScenarioDocument(scenario);
  if (!migrated.ok)
    return { ok: false, problems: [{ path: migrated.path, message: migrated.message }] };
  const parsed = parseWith(ScenarioSchema, migrated.document);
  return parsed.ok
    ? { ok: true, scenario: parsed.value }
    : { ok: false, problems: parsed.problems };
}
