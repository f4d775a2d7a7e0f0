/**
 * The scenario document's migrations (PRICING.md §4: "the app and the CLI migrate it on load"):
 * pure steps over plain JSON, in order, each turning a document of version `from` into `to`.
 * Every reader of scenarios (the CLI, files, share links, the library, the autosave) runs these
 * same steps before `ScenarioSchema`, which parses the current version only. A step is never
 * edited once published; a new document version adds a step.
 */
import { SCENARIO_SCHEMA_VERSION } from './scenario';

/** The version every migration leads to: the one `ScenarioSchema` parses. */
export const CURRENT_SCENARIO_VERSION = SCENARIO_SCHEMA_VERSION;

export interface ScenarioMigrationStep {
  readonly from: number;
  readonly to: number;
  readonly name: string;
  /** Turns a document of version `from` (its `schemaVersion` included) into version `to`. */
  readonly up: (document: Record<string, unknown>) => Record<string, unknown>;
}

/** The steps in order: `SCENARIO_MIGRATION_STEPS[i].to === SCENARIO_MIGRATION_STEPS[i + 1].from`. */
export const SCENARIO_MIGRATION_STEPS: readonly ScenarioMigrationStep[] = [
  {
    from: 1,
    to: 2,
    name: 'changes over time and billing (PRICING.md §7, §8)',
    // A version-1 document is a version-2 document without `changes` and `billing`: nothing else
    // moves, so its quote keeps every figure (a test prices each version-1 fixture both ways).
    up: (document) => ({ ...document, schemaVersion: 2 }),
  },
];

export type ScenarioMigrated =
  | { readonly ok: true; readonly document: unknown; readonly migratedFrom: number | null }
  | { readonly ok: false; readonly path: string; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Brings a parsed JSON document up to `CURRENT_SCENARIO_VERSION` by the steps above, or says
 * why it cannot (with the path `schemaVersion`). A document that is not an object, or has no
 * numeric `schemaVersion`, is handed back unchanged for the schema to report. Never throws.
 */
export function migrateScenarioDocument(value: unknown): ScenarioMigrated {
  if (!isRecord(value)) return { ok: true, document: value, migratedFrom: null };
  const version = value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: true, document: value, migratedFrom: null };
  }
  if (version > CURRENT_SCENARIO_VERSION) {
    return {
      ok: false,
      path: 'schemaVersion',
      message: `this scenario was saved by a newer version of the app (schemaVersion ${version}); this version opens up to schemaVersion ${CURRENT_SCENARIO_VERSION}. Update the app to open it.`,
    };
  }
  let current = value;
  for (let v = version; v < CURRENT_SCENARIO_VERSION; v++) {
    const step = SCENARIO_MIGRATION_STEPS.find((s) => s.from === v);
    if (!step) {
      return {
        ok: false,
        path: 'schemaVersion',
        message: `schemaVersion ${version} is not supported (no migration from version ${v} to ${v + 1})`,
      };
    }
    try {
      current = step.up(current);
    } catch (e) {
      return {
        ok: false,
        path: 'schemaVersion',
        message: `the scenario could not be migrated from schemaVersion ${v} to ${v + 1}: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
  return {
    ok: true,
    document: current,
    migratedFrom: version === CURRENT_SCENARIO_VERSION ? null : version,
  };
}
