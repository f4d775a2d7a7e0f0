import {
  formatPath,
  parseWith,
  SCENARIO_MIGRATION_STEPS,
  SCENARIO_SCHEMA_VERSION,
  ScenarioSchema,
  type Scenario,
  type SchemaProblem,
} from '../engine/index';

/**
 * Opening and saving the scenario document of PRICING.md §4 as JSON text. Everything read here
 * is outside input (a file, a share link, what storage held): bounded, parsed without throwing,
 * migrated from older `schemaVersion`s and validated; a failure is a list of problems, each with
 * the JSON path it concerns.
 */

/** The largest scenario document opened, in characters (a generous 2 MB). */
export const SCENARIO_MAX_CHARS = 2 * 1024 * 1024;

/** How deep a document may nest; a scenario nests about 6 levels. */
export const SCENARIO_MAX_DEPTH = 32;

/** Keys that could reach an object's prototype when copied; no scenario has them. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Turns a document of one schemaVersion into the next (its `schemaVersion` included). */
export type ScenarioMigration = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * `SCENARIO_MIGRATIONS[n]` turns a document of schemaVersion n into n + 1 (tldraw's rule: every
 * change to the document adds one step; none is ever edited). Version 1 is the first, so there
 * is none yet; `tests/state/scenario-io.test.ts` checks that every version has a fixture.
 */
export const SCENARIO_MIGRATIONS: Readonly<Record<number, ScenarioMigration>> = Object.fromEntries(
  SCENARIO_MIGRATION_STEPS.map((step) => [step.from, step.up]),
);

export interface MigrationOptions {
  readonly migrations?: Readonly<Record<number, ScenarioMigration>>;
  /** The version the migrations lead to; the schema's own unless a test says otherwise. */
  readonly latest?: number;
}

export type ScenarioOpened =
  | { readonly ok: true; readonly scenario: Scenario; readonly migratedFrom: number | null }
  | { readonly ok: false; readonly problems: SchemaProblem[] };

const fail = (path: string, message: string): ScenarioOpened => ({
  ok: false,
  problems: [{ path, message }],
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Line and column (1-based) of a character offset in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** JSON.parse's message with the place it failed as line and column. */
function jsonErrorMessage(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const detail = raw.replace(/\s*\(line \d+ column \d+\)\s*$/, '');
  const position = /at position (\d+)/.exec(detail);
  const at = position
    ? lineColumn(text, Number(position[1]))
    : /end of JSON input/.test(detail)
      ? lineColumn(text, text.length)
      : null;
  const base = detail.replace(/\s*in JSON at position \d+/, '');
  return at
    ? `the file is not valid JSON: ${base} (line ${at.line}, column ${at.column})`
    : `the file is not valid JSON: ${base}`;
}

/**
 * Refuses a key that could reach a prototype, and nesting far deeper than any scenario
 * (iteratively, so a hostile document cannot overflow the stack).
 */
function hostileShape(value: unknown): SchemaProblem | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.path.length > SCENARIO_MAX_DEPTH) {
      return {
        path: formatPath(item.path),
        message: `the document nests more than ${SCENARIO_MAX_DEPTH} levels deep; a scenario never does`,
      };
    }
    if (Array.isArray(item.value)) {
      item.value.forEach((v, i) => stack.push({ value: v, path: [...item.path, i] }));
      continue;
    }
    for (const key of Object.keys(item.value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        return {
          path: formatPath([...item.path, key]),
          message: `the key "${key}" is not allowed in a scenario (it could change how the app's objects behave)`,
        };
      }
      stack.push({
        value: (item.value as Record<string, unknown>)[key],
        path: [...item.path, key],
      });
    }
  }
  return null;
}

/**
 * Brings a parsed document of any supported schemaVersion up to the latest, then validates it.
 * Used for files, share links and what the library kept in storage.
 */
export function openScenarioValue(value: unknown, options: MigrationOptions = {}): ScenarioOpened {
  const migrations = options.migrations ?? SCENARIO_MIGRATIONS;
  const latest = options.latest ?? SCENARIO_SCHEMA_VERSION;
  if (!isRecord(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return fail('', `the document must be a JSON object, not ${got}`);
  }
  const hostile = hostileShape(value);
  if (hostile) return { ok: false, problems: [hostile] };

  const version = value.schemaVersion;
  if (version === undefined) return fail('schemaVersion', 'is missing (expected a number)');
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail('schemaVersion', 'must be a whole number (the version of the scenario format)');
  }
  if (version > latest) {
    return fail(
      'schemaVersion',
      `this scenario was saved by a newer version of the app (schemaVersion ${version}); this version opens up to schemaVersion ${latest}. Update the app to open it.`,
    );
  }

  let current: Record<string, unknown> = value;
  for (let v = version; v < latest; v++) {
    const step = migrations[v];
    if (!step) {
      return fail(
        'schemaVersion',
        `schemaVersion ${version} is not supported (no migration from version ${v} to ${v + 1})`,
      );
    }
    try {
      current = step(current);
    } catch (e) {
      return fail(
        'schemaVersion',
        `the scenario could not be migrated from schemaVersion ${v} to ${v + 1}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  const parsed = parseWith(ScenarioSchema, current);
  if (!parsed.ok) return { ok: false, problems: [...parsed.problems] };
  return { ok: true, scenario: parsed.value, migratedFrom: version === latest ? null : version };
}

/**
 * Opens a scenario document from JSON text: bounded in size, JSON errors with line and column,
 * prototype keys refused, older schemaVersions migrated, a newer one refused. Never throws.
 */
export function parseScenarioDocument(
  text: string,
  options: MigrationOptions = {},
): ScenarioOpened {
  try {
    if (typeof text !== 'string') return fail('', 'the document must be text');
    if (text.length > SCENARIO_MAX_CHARS) {
      return fail(
        '',
        `the file is too large to be a scenario (${Math.round(text.length / 1024)} KB; at most ${SCENARIO_MAX_CHARS / 1024} KB)`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      return fail('', jsonErrorMessage(text, e));
    }
    return openScenarioValue(value, options);
  } catch (e) {
    // a last guard: a document must never break the page
    return fail(
      '',
      `the scenario could not be read: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/**
 * The document in the key order of the schema (schemaVersion first), so the same scenario is
 * always the same text.
 */
function canonical(scenario: Scenario): Scenario {
  const parsed = ScenarioSchema.safeParse(scenario);
  return parsed.success ? parsed.data : scenario;
}

/** The scenario as pretty JSON text, keys in a stable order, ending with a newline. */
export function serializeScenario(scenario: Scenario): string {
  return `${JSON.stringify(canonical(scenario), null, 2)}\n`;
}

/** The scenario as compact JSON in the same stable order (for share links). */
export function compactScenario(scenario: Scenario): string {
  return JSON.stringify(canonical(scenario));
}

/** A file name for the scenario's JSON, from its title. */
export function scenarioFileName(scenario: Scenario): string {
  const base = scenario.title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return `${base || 'scenario'}.json`;
}
