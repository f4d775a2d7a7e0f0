import { SCENARIO_SCHEMA_VERSION } from '../engine/index';
import type { MigrationStep } from '../price-tables/migrations';

/**
 * A stand-in for `src/engine/schema/scenario-migrations.ts`, which the engine's version-2 work
 * brings (ADR 020): the same exports, so that `formats.ts` switches to the engine's list by
 * changing its one import line, and this file is deleted. It holds no step while the scenario
 * format is version 1.
 */

/** One step of the scenario document (`schemaVersion` n → n + 1); the engine's exact shape. */
export type ScenarioMigrationStep = MigrationStep;

export const CURRENT_SCENARIO_VERSION: number = SCENARIO_SCHEMA_VERSION;

export const SCENARIO_MIGRATION_STEPS: readonly ScenarioMigrationStep[] = [];
