import {
  formatPath,
  megabytes,
  SCENARIO_MAX_CHARS,
  ScenarioSchema,
  type Scenario,
  type SchemaProblem,
} from '../engine/index';
import { newerVersionMessage } from '../engine/schema/common';
import { runMigrations } from '../price-tables/migrations';
import { scenarioFormat, type ScenarioFormat } from './formats';

/**
 * Opening and saving the scenario document of PRICING.md §4 as JSON text. Everything read here
 * is outside input (a file, a share link, what storage held): bounded, parsed without throwing,
 * migrated from older `schemaVersion`s and validated; a failure is a list of problems, each with
 * the JSON path it concerns.
 */

/**
 * The largest scenario document opened, in characters: the one definition in
 * src/engine/limits.ts, which the CLI reads through too (ADR 022), re-exported for the app.
 */
export { SCENARIO_MAX_CHARS };

/** How deep a document may nest; a scenario nests about 6 levels. */
export const SCENARIO_MAX_DEPTH = 32;

/** Keys that could reach an object's prototype when copied; no scenario has them. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Where a scenario document came from, for messages in users' words. */
export type ScenarioSource = 'file' | 'link' | 'autosave' | 'library';

const NOUN: Record<ScenarioSource, string> = {
  file: 'the file',
  link: 'the share link',
  autosave: 'the saved scenario',
  library: 'the saved library entry',
};

export interface OpenOptions {
  /** Where the document came from (default: a file). */
  readonly source?: ScenarioSource;
  /** The migrations and schema; the app's own unless a test injects a fake next version. */
  readonly format?: ScenarioFormat;
}

export type ScenarioOpened =
  | { readonly ok: true; readonly scenario: Scenario; readonly migratedFrom: number | null }
  | {
      readonly ok: false;
      readonly problems: SchemaProblem[];
      /** One sentence for the user: why it cannot be opened. */
      readonly reason: string;
    };

function reasonOf(problems: readonly SchemaProblem[], source: ScenarioSource): string {
  const first = problems[0];
  if (problems.length === 1 && first && (first.path === '' || first.path === 'schemaVersion')) {
    const text = first.message.charAt(0).toUpperCase() + first.message.slice(1);
    return /[.!?]$/.test(text) ? text : `${text}.`;
  }
  const noun = NOUN[source];
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} does not hold a valid scenario (${problems.length} problem${problems.length === 1 ? '' : 's'}).`;
}

const failed = (problems: SchemaProblem[], source: ScenarioSource): ScenarioOpened => ({
  ok: false,
  problems,
  reason: reasonOf(problems, source),
});

const fail = (path: string, message: string, source: ScenarioSource = 'file'): ScenarioOpened =>
  failed([{ path, message }], source);

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
function jsonErrorMessage(text: string, error: unknown, source: ScenarioSource): string {
  const noun = NOUN[source];
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
    ? `${noun} is not valid JSON: ${base} (line ${at.line}, column ${at.column})`
    : `${noun} is not valid JSON: ${base}`;
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
 * The one entry through which every scenario is opened — files, share links, the autosave and
 * library entries (ADR 020): refuses hostile shapes, migrates an older `schemaVersion` step by
 * step (formats.ts), then validates. Returns the scenario, or problems and a reason for the
 * user. Never throws.
 */
export function openScenario(value: unknown, options: OpenOptions = {}): ScenarioOpened {
  const source = options.source ?? 'file';
  const format = options.format ?? scenarioFormat;
  try {
    if (!isRecord(value)) {
      const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      return fail('', `the document must be a JSON object, not ${got}`, source);
    }
    const hostile = hostileShape(value);
    if (hostile) return failed([hostile], source);

    const version = value.schemaVersion;
    if (version === undefined)
      return fail('schemaVersion', 'is missing (expected a number)', source);
    if (typeof version !== 'number' || !Number.isInteger(version)) {
      return fail(
        'schemaVersion',
        'must be a whole number (the version of the scenario format)',
        source,
      );
    }
    const migrated = runMigrations(format.migrations, value);
    if (!migrated.ok) {
      // a newer scenario in the CLI's words too, so the app and `npm run quote` say one sentence
      const message =
        migrated.reason === 'newer'
          ? newerVersionMessage('scenario', version, format.migrations.current)
          : migrated.message;
      return fail('schemaVersion', message, source);
    }
    const parsed = format.validate(migrated.value);
    if (!parsed.ok) return failed([...parsed.problems], source);
    return {
      ok: true,
      scenario: parsed.value,
      migratedFrom: migrated.from === format.migrations.current ? null : migrated.from,
    };
  } catch (e) {
    // a last guard: a document must never break the page
    return fail(
      '',
      `the scenario could not be read: ${e instanceof Error ? e.message : String(e)}`,
      source,
    );
  }
}

/**
 * Opens a scenario document from JSON text: bounded in size, JSON errors with line and column,
 * then `openScenario`. Never throws.
 */
export function parseScenarioDocument(text: string, options: OpenOptions = {}): ScenarioOpened {
  const source = options.source ?? 'file';
  try {
    if (typeof text !== 'string') return fail('', 'the document must be text', source);
    if (text.length > SCENARIO_MAX_CHARS) {
      return fail(
        '',
        `${NOUN[source]} is too large to be a scenario (${Math.round(text.length / 1024)} KB; at most ${megabytes(SCENARIO_MAX_CHARS)})`,
        source,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      return fail('', jsonErrorMessage(text, e, source), source);
    }
    return openScenario(value, options);
  } catch (e) {
    return fail(
      '',
      `the scenario could not be read: ${e instanceof Error ? e.message : String(e)}`,
      source,
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
