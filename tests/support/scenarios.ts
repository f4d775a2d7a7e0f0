/**
 * Reading a scenario document of any schemaVersion in tests, as every reader in the app does:
 * the migrations of src/engine/schema/scenario-migrations.ts first, then `ScenarioSchema`.
 */
import { migrateScenarioDocument, ScenarioSchema, type Scenario } from '../../src/engine/index';

/** `ScenarioSchema.parse` of the migrated document: throws the same ZodError on bad input. */
export function parseScenario(document: unknown): Scenario {
  const migrated = migrateScenarioDocument(document);
  if (!migrated.ok) throw new Error(`${migrated.path}: ${migrated.message}`);
  return ScenarioSchema.parse(migrated.document);
}
