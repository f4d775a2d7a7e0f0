/**
 * What every command of the CLI reads first: a scenario file (bounded, migrated, validated) and
 * the price table it is priced on (a `--price-table` file, or the scenario's pinned version from
 * pricing-data/). `npm run quote` and `npm run solve` share it, so they refuse the same input
 * with the same words.
 */
import { resolve } from 'node:path';
import {
  megabytes,
  migrateScenarioDocument,
  parseWith,
  PRICE_TABLE_MAX_BYTES,
  SCENARIO_MAX_CHARS,
  SCENARIO_MAX_FILE_BYTES,
  ScenarioSchema,
  type PriceTable,
  type Scenario,
  type SchemaProblem,
} from '../engine/index';
import {
  identityLabel,
  parseJsonText,
  parsePriceTableText,
  sameIdentity,
} from '../price-tables/parse';
import { resolvePinned } from '../price-tables/registry';
import { FileTooLargeError, readBounded } from './bounded-read';
import { loadPricingData, sha256Of } from './load-tables';
import { newerVersionProblem } from './schema-version';

/**
 * `npm run` starts the command in the package root; paths on the command line
 * are the caller's, relative to where npm was started (INIT_CWD).
 */
export function fromCaller(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Input that cannot be used: exit 2, each problem on standard error with its source. */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly SchemaProblem[],
  ) {
    super(`${source}: invalid input`);
  }
}

/** One line per problem: `file: path: message`. */
export function formatProblems(source: string, problems: readonly SchemaProblem[]): string {
  return problems
    .map((p) => `${source}: ${p.path === '' ? '' : `${p.path}: `}${p.message}\n`)
    .join('');
}

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The app's limits (src/engine/limits.ts): the CLI refuses what the app refuses. */
const LIMITS = {
  scenario: { bytes: SCENARIO_MAX_FILE_BYTES, chars: SCENARIO_MAX_CHARS },
  'price table': { bytes: PRICE_TABLE_MAX_BYTES, chars: PRICE_TABLE_MAX_BYTES },
} as const;

function readText(path: string, what: keyof typeof LIMITS): { text: string; bytes: Buffer } {
  const limit = LIMITS[what];
  const tooLarge = () =>
    new InputError(path, [
      {
        path: '',
        message: `the ${what} file is larger than ${megabytes(limit.chars)}, the app's limit; a ${what} is far smaller`,
      },
    ]);
  try {
    const bytes = readBounded(fromCaller(path), limit.bytes);
    const text = bytes.toString('utf8');
    if (text.length > limit.chars) throw tooLarge();
    return { text, bytes };
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof FileTooLargeError) throw tooLarge();
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String((e as Error).message);
    throw new InputError(path, [{ path: '', message: `cannot read the ${what}: ${reason}` }]);
  }
}

export interface Deal {
  readonly scenario: Scenario;
  readonly table: PriceTable;
  /** SHA-256 of the table file's bytes ('' when unknown). */
  readonly sha256: string;
  /** A table given by --price-table is the user's file, not one shipped with the app. */
  readonly tableSource: 'custom' | 'bundled';
}

/**
 * Reads the scenario at `scenarioPath` and the table it is priced on; throws InputError with
 * every reason when either cannot be used. A note goes to standard error when the table given
 * is not the one the scenario pins.
 */
export function loadDeal(
  scenarioPath: string,
  tablePath: string | undefined,
  io: { stderr(text: string): void },
  command: string,
): Deal {
  const scenarioJson = parseJsonText(readText(scenarioPath, 'scenario').text);
  if (!scenarioJson.ok) throw new InputError(scenarioPath, scenarioJson.problems);
  const newer = newerVersionProblem(scenarioJson.value);
  if (newer) throw new InputError(scenarioPath, [newer]);
  // an older schemaVersion is migrated first (PRICING.md §4), as the app does on load
  const migrated = migrateScenarioDocument(scenarioJson.value);
  if (!migrated.ok) {
    throw new InputError(scenarioPath, [{ path: migrated.path, message: migrated.message }]);
  }
  const scenario = parseWith(ScenarioSchema, migrated.document);
  if (!scenario.ok) throw new InputError(scenarioPath, scenario.problems);

  if (tablePath !== undefined) {
    const { text, bytes } = readText(tablePath, 'price table');
    const parsed = parsePriceTableText(text);
    if (!parsed.ok) throw new InputError(tablePath, parsed.problems);
    if (!sameIdentity(parsed.value, scenario.value.priceTable)) {
      io.stderr(
        `${command}: note: the scenario pins ${identityLabel(scenario.value.priceTable)}; priced on ${identityLabel(parsed.value)} from ${tablePath}\n`,
      );
    }
    return {
      scenario: scenario.value,
      table: parsed.value,
      sha256: sha256Of(bytes),
      tableSource: 'custom',
    };
  }
  const pinned = resolvePinned(loadPricingData(), scenario.value.priceTable);
  if (!pinned.ok) {
    throw new InputError(scenarioPath, [
      { path: 'priceTable', message: `${pinned.message}; pass --price-table FILE to use another` },
    ]);
  }
  return {
    scenario: scenario.value,
    table: pinned.entry.table,
    sha256: pinned.entry.sha256 ?? '',
    tableSource: 'bundled',
  };
}
