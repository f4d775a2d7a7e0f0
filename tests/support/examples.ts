/**
 * The worked examples of PRICING.md, copied into the repository (tests/fixtures/examples, see
 * SOURCE.md there) so that a fresh clone tests on its own.
 */
import { fileURLToPath } from 'node:url';

/** The folder as a URL ending in '/', for `new URL(name, examplesUrl)`. */
export const examplesUrl = new URL('../fixtures/examples/', import.meta.url);
/** The same folder as a file-system path ending in '/'. */
export const examplesDir = fileURLToPath(examplesUrl);

/**
 * A quote without the fields that PRICING.md version 2 adds (`months[].customers`,
 * `months[].cash`, `totals.cash`, `customers[].activeFinal`): for comparing with the
 * version-1 reference of tests/oracle (until it has §7–§8) and for checking that version-1
 * documents keep every version-1 figure after migration. The golden tests compare every field.
 */
export function withoutVersion2Fields<T>(quote: T): T {
  const q = structuredClone(quote) as {
    months?: Array<Record<string, unknown>>;
    customers?: Array<Record<string, unknown>>;
    totals?: Record<string, unknown> | null;
  };
  for (const month of q.months ?? []) {
    delete month.customers;
    delete month.cash;
  }
  for (const customer of q.customers ?? []) delete customer.activeFinal;
  if (q.totals) delete q.totals.cash;
  return q as T;
}

/** The version-1 worked examples (their quotes carry version-2 fields too). */
export const VERSION_1_EXAMPLES = ['example-1-mixed', 'example-2-hardware', 'example-3-errors'];
/** The version-2 worked examples (§7 changes over time, §8 cash). */
export const VERSION_2_EXAMPLES = ['example-4-growth', 'example-5-cash'];
