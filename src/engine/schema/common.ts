import { z } from 'zod';

/** Turns a zod path into the JSON path people read: `customers[2].license.model`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

/** Every problem of a failed parse, each with its JSON path, in document order. */
export function problemsOf(error: z.ZodError): SchemaProblem[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: messageOf(issue),
  }));
}

/**
 * A missing field reads "is missing" rather than the type it should have had;
 * a whole document of the wrong type says what it should be. (The input is
 * only reported when the parse asked for it, as `parseWith` does.)
 */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && 'input' in issue) {
    if (issue.input === undefined) return `is missing (expected ${issue.expected})`;
    if (issue.path.length === 0) {
      const got =
        issue.input === null
          ? 'null'
          : Array.isArray(issue.input)
            ? 'an array'
            : `a ${typeof issue.input}`;
      return `the document must be a JSON object, not ${got}`;
    }
  }
  return issue.message;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly SchemaProblem[] };

/**
 * The most problems one failed parse reports: the first 49 and a last line saying how many
 * more there are. A broken file of 10,000 rows would otherwise list 60,000 problems, which
 * nobody reads and which freeze the page that lists them (issue 11).
 */
export const MAX_PROBLEMS = 50;

/** The first problems and, when there are more than `max`, one line counting the rest. */
export function capProblems(
  problems: readonly SchemaProblem[],
  max = MAX_PROBLEMS,
): readonly SchemaProblem[] {
  if (problems.length <= max) return problems;
  const shown = problems.slice(0, max - 1);
  const rest = problems.length - shown.length;
  return [
    ...shown,
    { path: '', message: `and ${rest.toLocaleString('en-US')} more problems (fix these first)` },
  ];
}

/** How many problems a list from `capProblems` stands for (its last line counts the rest). */
export function problemTotal(problems: readonly SchemaProblem[]): number {
  const last = problems[problems.length - 1];
  const rest = last && last.path === '' ? /^and ([\d,]+) more problems/.exec(last.message) : null;
  return rest ? problems.length - 1 + Number(rest[1]!.replace(/,/g, '')) : problems.length;
}

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: capProblems(problemsOf(result.error)) };
}

/**
 * What the app says of a document saved by a newer version of it, in one wording for the app
 * and the CLI: the user's remedy is to update, not to edit the file.
 */
export function newerVersionMessage(
  what: 'scenario' | 'price table',
  version: number,
  latest: number,
): string {
  return `this ${what} was saved by a newer version of the app (schemaVersion ${version}); this version opens up to schemaVersion ${latest}. Update the app to open it.`;
}

/** The largest magnitude a Money value may have: its micros must stay below 2^53 (ADR 001). */
export const MONEY_LIMIT = 9_000_000_000;

/**
 * Money (PRICING.md §1): a decimal string `^-?\d+(\.\d{1,6})?$`, never a JSON
 * number. Its magnitude is bounded so that the price in micros is an exact
 * integer (up to 9,000,000,000 in the table's currency).
 */
export const Money = z
  .string({ error: 'must be an amount written as a string, like "12.50"' })
  .regex(/^-?\d+(\.\d{1,6})?$/, {
    error: 'must be an amount written as a string with at most 6 decimals, like "12.50"',
  })
  .refine((s) => Math.abs(Number(s)) <= MONEY_LIMIT, {
    error: 'must be at most 9,000,000,000 (in the currency of the price table)',
  });

/**
 * Money in a price table: at least 0 (PRICING.md §3: a credit belongs in a scenario, not a
 * price list). "-0" and "-0.00" are zero, so they pass.
 */
export const TableMoney = Money.refine((s) => !s.startsWith('-') || /^-0+(\.0+)?$/.test(s), {
  error: 'must be at least 0 (a price list holds no credits; put a discount in the scenario)',
});

/**
 * The most entries a price table's lists hold (PRICING.md §4 "Bounds"): bandwidth tiers,
 * bundles, terms, tiers, environments, appliances, and the rows of its price grids. Far past
 * any real price list, and small enough that every check and page stays fast.
 */
export const TABLE_LIST_MAX = 200;

/** A price-table list of at most TABLE_LIST_MAX entries. */
export function tableList<T extends z.ZodType>(item: T, what: string) {
  return z.array(item).max(TABLE_LIST_MAX, {
    error: `must list at most ${TABLE_LIST_MAX} ${what}`,
  });
}

export const Percent = z
  .string({ error: 'must be a percent written as a string, like "12.5"' })
  .regex(/^\d{1,3}(\.\d{1,4})?$/, {
    error: 'must be a percent written as a string with at most 4 decimals, like "12.5"',
  })
  .refine((s) => Number(s) <= 100, { error: 'must be a percent from 0 to 100' });

/** A markup may exceed 100 % (up to 999.9999). */
export const MarkupPercent = z
  .string({ error: 'must be a percent written as a string, like "40"' })
  .regex(/^\d{1,3}(\.\d{1,4})?$/, {
    error: 'must be a percent from 0 to 999.9999 written as a string, like "40"',
  });

/**
 * True when the number, as JSON wrote it, has at most 2 decimals. `String(n)` is the shortest
 * decimal that reads back as the same double, so 743.99 is "743.99" while 743.9999999999 keeps
 * all its digits; no float tolerance, so 743.9999999 is never taken for 744 (PRICING.md §4).
 * Exponent forms ("1e-7") are refused too: between 0 and 744 only tiny values use them.
 */
export function hasAtMostTwoDecimals(n: number): boolean {
  return /^\d+(\.\d{1,2})?$/.test(String(n));
}

export const Hours = z
  .number({ error: 'must be a number of hours from 0 to 744' })
  .min(0, { error: 'must be at least 0 hours' })
  .max(744, { error: 'must be at most 744 hours (31 days × 24)' })
  .refine(hasAtMostTwoDecimals, {
    error: 'must have at most 2 decimals',
  });

/**
 * Counts have no upper bound in PRICING.md; a billion keeps every product of a
 * count and a price exact and is far past any deal (ADR 005).
 */
export const COUNT_LIMIT = 1_000_000_000;

export const Count = z
  .number({ error: 'must be a whole number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must not be negative' })
  .max(COUNT_LIMIT, { error: 'must be at most 1,000,000,000' });

export const PositiveCount = z
  .number({ error: 'must be a whole number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' })
  .max(COUNT_LIMIT, { error: 'must be at most 1,000,000,000' });

/** A month index; its range against the horizon is a quote issue, not a schema error. */
export const MonthIndex = z
  .number({ error: 'must be a month number (1 = the first month)' })
  .int({ error: 'must be a whole month number' })
  .min(0, { error: 'must not be negative' })
  .max(COUNT_LIMIT, { error: 'must be at most 1,000,000,000' });

export const Period = z
  .string({ error: 'must be a calendar month written "YYYY-MM"' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a calendar month written "YYYY-MM"' });

export const IsoDate = z
  .string({ error: 'must be a date written "YYYY-MM-DD"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written "YYYY-MM-DD"' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { error: 'is not a real calendar date' },
  );

export const Id = z
  .string({ error: 'must be an id (a string)' })
  .min(1, { error: 'must not be empty' })
  .max(500, { error: 'must be at most 500 characters' });

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL_KEEPING_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS_AND_TABS = /[\t\n\r]+/g;

/**
 * Text without control characters (NUL, escape, bell, …): they print as boxes or nothing in
 * the PDF, hide text in a terminal and break CSV readers. Tabs and line breaks stay (notes
 * have paragraphs); `cleanName` also turns those into one space.
 */
export function cleanText(s: string): string {
  return s.replace(CONTROL_KEEPING_LINES, '');
}

/** A one-line name as typed, pasted or imported: no control characters, no line breaks. */
export function cleanName(s: string): string {
  return cleanText(s).replace(LINE_BREAKS_AND_TABS, ' ');
}

/**
 * Text of at most `max` characters: a name, a title, a label unless `multiline` (notes).
 * Control characters are cleaned, not refused (ADR 022): a saved scenario or price table
 * holding one still opens, without it, rather than being turned away for a character nobody
 * can see; in a name, tabs and line breaks become a space.
 */
export const Text = (max: number, multiline = false) =>
  z
    .string({ error: 'must be text' })
    .overwrite(multiline ? cleanText : cleanName)
    .max(max, { error: `must be at most ${max} characters` });

export const LicenseModel = z.enum(['fixed-term', 'payg'], {
  error: 'must be "fixed-term" or "payg"',
});

export type LicenseModel = z.infer<typeof LicenseModel>;

/** Adds an issue for every id that repeats in `items`. */
export function checkUniqueIds(
  items: readonly { id: string }[],
  basePath: PropertyKey[],
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [...basePath, index, 'id'],
        message: `${what} id "${item.id}" is used more than once; ids must be unique`,
      });
    }
    seen.add(item.id);
  });
}
