import { z } from 'zod';
import { PriceTableSchema } from '../engine/index';

/** The JSON Schema of a price table, as committed in pricing-data/price-table.schema.json. */
export function priceTableJsonSchemaText(): string {
  const schema = z.toJSONSchema(PriceTableSchema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  const document = {
    ...schema,
    $id: 'price-table.schema.json',
    title: 'Service Provider Configurator price table',
    description:
      'A versioned price table (PRICING.md §3). Generated from the zod PriceTableSchema by `npm run schema:json`; do not edit by hand. Rules that relate fields to each other are checked by the app and `npm run quote`.',
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
