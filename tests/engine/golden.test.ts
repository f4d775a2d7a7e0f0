import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  migrateScenarioDocument,
  PriceTableSchema,
  ScenarioSchema,
  type Quote,
} from '../../src/engine/index';
import { examplesUrl, VERSION_1_EXAMPLES, VERSION_2_EXAMPLES } from '../support/examples';

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

/** An example scenario, migrated from its schemaVersion and parsed. */
function parseExample(name: string) {
  const migrated = migrateScenarioDocument(read(`${name}.json`));
  if (!migrated.ok) throw new Error(migrated.message);
  return ScenarioSchema.parse(migrated.document);
}

/** Every object's keys in order, depth first: the shape `JSON.stringify` prints. */
function keyOrder(value: unknown, path = '', out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => keyOrder(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    out.push(`${path}: ${Object.keys(value).join(',')}`);
    for (const [k, v] of Object.entries(value)) keyOrder(v, `${path}.${k}`, out);
  }
  return out;
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

  // Every field, the version-2 ones included (months[].customers and cash, totals.cash,
  // customers[].activeFinal), in the key order of the examples. Version-1 documents are migrated
  // first, as every reader of scenarios does.
  for (const name of [...VERSION_1_EXAMPLES, ...VERSION_2_EXAMPLES]) {
    it(`${name}: the quote equals ${name}.quote.json, key order included`, () => {
      const scenario = parseExample(name);
      const expected = read(`${name}.quote.json`) as Quote;
      const actual = calculateQuote(scenario, table, { today: TODAY, tableSha256: sha256 });
      compare(actual, expected);
      if (actual.totals !== null) {
        // the JSON the CLI prints has the examples' key order, field for field
        expect(keyOrder(JSON.parse(JSON.stringify(actual)))).toEqual(keyOrder(expected));
      }
    });
  }

  it('example-3-errors is invalid: no months, customers, platform or totals', () => {
    const scenario = parseExample('example-3-errors');
    const q = calculateQuote(scenario, table, { today: TODAY, tableSha256: sha256 });
    expect(q.months).toEqual([]);
    expect(q.customers).toEqual([]);
    expect(q.platform).toBeNull();
    expect(q.totals).toBeNull();
    expect(q.issues.every((issue) => issue.level === 'error')).toBe(true);
  });

  it('leaves sha256 null when the caller does not know it', () => {
    const scenario = parseExample('example-1-mixed');
    expect(calculateQuote(scenario, table, { today: TODAY }).priceTable.sha256).toBeNull();
  });
});
