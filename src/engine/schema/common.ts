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

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: problemsOf(result.error) };
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

export const Hours = z
  .number({ error: 'must be a number of hours from 0 to 744' })
  .min(0, { error: 'must be at least 0 hours' })
  .max(744, { error: 'must be at most 744 hours (31 days × 24)' })
  .refine((h) => Math.abs(h * 100 - Math.round(h * 100)) < 1e-7, {
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

export const Text = (max: number) =>
  z.string({ error: 'must be text' }).max(max, { error: `must be at most ${max} characters` });

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
