import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { priceTableJsonSchemaText } from '../../src/price-tables/json-schema';

describe('pricing-data/price-table.schema.json', () => {
  it('is the JSON Schema generated from PriceTableSchema (run `npm run schema:json` when this fails)', () => {
    const committed = readFileSync(
      new URL('../../pricing-data/price-table.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(priceTableJsonSchemaText());
  });

  it('describes the money and percent formats editors should enforce', () => {
    const schema = JSON.parse(priceTableJsonSchemaText()) as {
      properties: {
        currency: { pattern: string };
        service: { properties: { extraVServiceMonthly?: unknown } };
      };
    };
    expect(schema.properties.currency.pattern).toBe('^[A-Z]{3}$');
    // Money, as PRICING.md §1 writes it
    expect(priceTableJsonSchemaText()).toContain('^-?\\\\d+(\\\\.\\\\d{1,6})?$');
  });
});
