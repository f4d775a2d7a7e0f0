/**
 * One shape for every persisted format (ADR 020, modelled on tldraw's `tlschema`): a format has
 * a current version and an ordered list of named steps, each turning version n into n + 1.
 * A step is never edited or removed once released; a change to a format adds one step and
 * bumps `current`. `missingSteps` is the meta-test's check that every step is registered.
 *
 * It lives here, the lowest layer the app and the CLI share that may hold it (the engine is
 * pure contract), so that price tables (this folder) and the scenario, library and autosave
 * (`src/state`) run the same code.
 */

/** One version step of a persisted format; the engine's scenario steps have exactly this shape. */
export interface MigrationStep {
  readonly from: number;
  readonly to: number;
  /** A stable, unique name (`scenario/2-…`), for messages and the meta-test. */
  readonly name: string;
  up(doc: unknown): unknown;
}

export interface MigrationSequence {
  /** The format in users' words: "scenario", "library", "price table", "saved scenario". */
  readonly what: string;
  /** The field of the document that holds its version (`schemaVersion`, `version`). */
  readonly versionField: string;
  /** The oldest version ever written (1 for every format of this app). */
  readonly first: number;
  /** The version this app writes and validates. */
  readonly current: number;
  /** Every step from `first` to `current`, in order. */
  readonly steps: readonly MigrationStep[];
}

export type Migrated =
  | { readonly ok: true; readonly value: unknown; readonly from: number }
  | {
      readonly ok: false;
      /** `newer`: saved by a newer app; `version`: no readable version; `failed`: a step threw or is missing. */
      readonly reason: 'newer' | 'version' | 'failed';
      /** A sentence for the user, ending with a full stop. */
      readonly message: string;
    };

/**
 * What is wrong with a sequence: a missing, duplicate or misnumbered step. Empty for a sound
 * one; `defineMigrations` refuses any other, and a test checks every registered format.
 */
export function missingSteps(seq: Omit<MigrationSequence, 'what' | 'versionField'>): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const step of seq.steps) {
    if (step.to !== step.from + 1)
      problems.push(`step "${step.name}" goes from ${step.from} to ${step.to}, not one version`);
    if (step.from < seq.first || step.to > seq.current)
      problems.push(
        `step "${step.name}" (${step.from} → ${step.to}) is outside ${seq.first}…${seq.current}`,
      );
    if (names.has(step.name)) problems.push(`two steps are named "${step.name}"`);
    names.add(step.name);
  }
  for (let v = seq.first; v < seq.current; v++) {
    const found = seq.steps.filter((s) => s.from === v);
    if (found.length === 0) problems.push(`no step from version ${v} to ${v + 1}`);
    if (found.length > 1) problems.push(`${found.length} steps from version ${v}`);
  }
  seq.steps.forEach((s, i) => {
    if (i > 0 && s.from <= seq.steps[i - 1]!.from)
      problems.push(`step "${s.name}" is out of order`);
  });
  return problems;
}

/** A format's sequence, checked when the module loads: a gap is a programming error. */
export function defineMigrations(
  seq: Omit<MigrationSequence, 'first'> & { readonly first?: number },
): MigrationSequence {
  const full: MigrationSequence = { ...seq, first: seq.first ?? 1 };
  const problems = missingSteps(full);
  if (problems.length > 0) {
    throw new Error(`the ${seq.what} migrations are not sound: ${problems.join('; ')}`);
  }
  return full;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Brings a document (its `versionField` read from it) up to `current`, one step at a time, and
 * stamps each step's version on it. Never throws: a newer, missing or failing version is a
 * message for the user.
 */
export function runMigrations(seq: MigrationSequence, doc: unknown): Migrated {
  if (!isRecord(doc)) {
    return { ok: false, reason: 'version', message: `The ${seq.what} is not a JSON object.` };
  }
  const version = doc[seq.versionField];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return {
      ok: false,
      reason: 'version',
      message: `The ${seq.what} has no version number (${seq.versionField}), so this app cannot tell how to read it.`,
    };
  }
  if (version > seq.current) {
    return {
      ok: false,
      reason: 'newer',
      message: `This ${seq.what} was saved by a newer version of the app (version ${version}; this one opens up to version ${seq.current}). Update the app to open it.`,
    };
  }
  if (version < seq.first) {
    return {
      ok: false,
      reason: 'failed',
      message: `This ${seq.what} has version ${version}, older than any this app can read (from version ${seq.first}).`,
    };
  }
  let current: unknown = doc;
  for (let v = version; v < seq.current; v++) {
    const step = seq.steps.find((s) => s.from === v);
    if (!step) {
      return {
        ok: false,
        reason: 'failed',
        message: `This ${seq.what} has version ${version}, and this app has no way to bring version ${v} up to ${v + 1}.`,
      };
    }
    try {
      current = step.up(current);
    } catch (e) {
      return {
        ok: false,
        reason: 'failed',
        message: `This ${seq.what} could not be brought from version ${v} to ${v + 1} (${e instanceof Error ? e.message : String(e)}).`,
      };
    }
    if (isRecord(current)) current = { ...current, [seq.versionField]: step.to };
  }
  return { ok: true, value: current, from: version };
}
