import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  PriceTableSchema,
  ScenarioSchema,
  type Quote,
} from '../../src/engine/index';
import {
  examplesUrl,
  VERSION_1_EXAMPLES,
  VERSION_2_EXAMPLES,
  withoutVersion2Fields,
} from '../support/examples';

// The worked examples of PRICING.md, with the exact quotes the contract gives for them (computed
// independently of this engine), copied into tests/fixtures/examples.
const examples = examplesUrl;
const TODAY = '2026-12-01';

const tableBytes = readFileSync(new URL('example-table.json', examples));
const sha256 = createHash('sha256').update(tableBytes).digest('hex');
const table = PriceTableSchema.parse(JSON.parse(tableBytes.toString('utf8')));

function read(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, examples), 'utf8'));
}

/**
 * The quote as JSON, with each advice's `averageHours` taken out after checking it is within
 * 0.01 of the expected one (the only number the examples allow to differ); everything else,
 * money strings included, must be equal.
 */
function compare(actual: Quote, expected: Quote): void {
  const plain = (q: Quote) => JSON.parse(JSON.stringify(q)) as Quote;
  const a = plain(actual);
  const e = plain(expected);
  expect(a.customers.length).toBe(e.customers.length);
  e.customers.forEach((customer, i) => {
    const got = a.customers[i]!;
    if (customer.advice && got.advice) {
      expect(Math.abs(got.advice.averageHours - customer.advice.averageHours)).toBeLessThanOrEqual(
        0.01,
      );
      got.advice.averageHours = customer.advice.averageHours;
    }
  });
  expect(a).toEqual(e);
}

describe('golden examples of PRICING.md (tests/fixtures/examples)', () => {
  it('hashes the table file bytes to the sha256 the examples carry', () => {
    const expected = read('example-1-mixed.quote.json') as Quote;
    expect(sha256).toBe(expected.priceTable.sha256);
  });

  // Every version-1 field is compared exactly; the fields version 2 adds wait for the engine's
  // version 2 (the issue "Plans that change over time, and cash"), which turns them on.
  for (const name of VERSION_1_EXAMPLES) {
    it(`${name}: the quote equals ${name}.quote.json (version-1 fields)`, () => {
      const scenario = ScenarioSchema.parse(read(`${name}.json`));
      const expected = withoutVersion2Fields(read(`${name}.quote.json`) as Quote);
      const actual = calculateQuote(scenario, table, { today: TODAY, tableSha256: sha256 });
      compare(actual, expected);
    });
  }

  for (const name of VERSION_2_EXAMPLES) {
    it.todo(`${name}: a version-2 document (§7, §8), priced once the engine has version 2`);
  }

  it('example-3-errors is invalid: no months, customers, platform or totals', () => {
    const scenario = ScenarioSchema.parse(read('example-3-errors.json'));
    const q = calculateQuote(scenario, table, { today: TODAY, tableSha256: sha256 });
    expect(q.months).toEqual([]);
    expect(q.customers).toEqual([]);
    expect(q.platform).toBeNull();
    expect(q.totals).toBeNull();
    expect(q.issues.every((issue) => issue.level === 'error')).toBe(true);
  });

  it('leaves sha256 null when the caller does not know it', () => {
    const scenario = ScenarioSchema.parse(read('example-1-mixed.json'));
    expect(calculateQuote(scenario, table, { today: TODAY }).priceTable.sha256).toBeNull();
  });
});
