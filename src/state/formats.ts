import { parseWith, ScenarioSchema, type ParseResult, type Scenario } from '../engine/index';
import { defineMigrations, type MigrationSequence } from '../price-tables/migrations';
import { priceTableMigrations } from '../price-tables/parse';
// The scenario's steps are the engine's own (src/engine/schema/scenario-migrations.ts): the CLI
// runs the same list through migrateScenarioDocument.
import {
  CURRENT_SCENARIO_VERSION,
  SCENARIO_MIGRATION_STEPS as scenarioSteps,
} from '../engine/index';

/**
 * Every format this app persists, each with one migration sequence of the same shape
 * (src/price-tables/migrations.ts, ADR 020). The scenario document travels inside the others
 * (autosave, library entries) and on its own (files, share links); it is always opened by
 * `openScenario` in scenario-io.ts, which migrates, then validates.
 */

/** The scenario document of PRICING.md §4 (`schemaVersion`). */
export const scenarioMigrations: MigrationSequence = defineMigrations({
  what: 'scenario',
  versionField: 'schemaVersion',
  current: CURRENT_SCENARIO_VERSION,
  steps: scenarioSteps,
});

/**
 * How a scenario is read: its migrations, then its schema. Tests pass another (a fake next
 * version) to prove that every path migrates before it validates.
 */
export interface ScenarioFormat {
  readonly migrations: MigrationSequence;
  validate(doc: unknown): ParseResult<Scenario>;
}

export const scenarioFormat: ScenarioFormat = {
  migrations: scenarioMigrations,
  validate: (doc) => parseWith(ScenarioSchema, doc),
};

/** The autosaved record under `spc:scenario` (`{ version, state: { scenario }, revision, … }`). */
export const STORE_VERSION = 1;
export const autosaveMigrations: MigrationSequence = defineMigrations({
  what: 'saved scenario',
  versionField: 'version',
  current: STORE_VERSION,
  steps: [],
});

/** The library under `spc:library` (`{ version, state: { entries, damaged } }`). */
export const LIBRARY_VERSION = 1;
export const libraryMigrations: MigrationSequence = defineMigrations({
  what: 'library',
  versionField: 'version',
  current: LIBRARY_VERSION,
  steps: [],
});

/** The custom price tables under `spc:custom-tables` (`{ version, tables }`). */
export const CUSTOM_TABLES_VERSION = 1;
export const customTablesMigrations: MigrationSequence = defineMigrations({
  what: 'list of custom price tables',
  versionField: 'version',
  current: CUSTOM_TABLES_VERSION,
  steps: [],
});

/** Every persisted format, for the meta-test that each version step is registered. */
export const PERSISTED_FORMATS: readonly MigrationSequence[] = [
  scenarioMigrations,
  autosaveMigrations,
  libraryMigrations,
  customTablesMigrations,
  priceTableMigrations,
];
