/**
 * Writes pricing-data/price-table.schema.json from the zod PriceTableSchema, so
 * editors can validate a vendor's price table. The zod schema is the one source
 * of truth; tests/price-tables/json-schema.test.ts fails when this file is stale.
 * Cross-field rules (every bundle × bandwidth priced, tiers ascending, …) are
 * checked by the app and `npm run quote`, not by JSON Schema.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { priceTableJsonSchemaText } from '../src/price-tables/json-schema';

const out = fileURLToPath(new URL('../pricing-data/price-table.schema.json', import.meta.url));
writeFileSync(out, priceTableJsonSchemaText());
console.log(`wrote ${out}`);
