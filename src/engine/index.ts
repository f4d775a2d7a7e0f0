/**
 * The pricing engine's one entry. Pure TypeScript: no UI, no I/O, no clock.
 * Handed a price table and a scenario, it returns a quote (PRICING.md §6).
 */
export { calculateQuote } from './calculate';
export { priceTiered } from './tiered';
export { whiteLabelVolume } from './volume';
export type { WhiteLabelVolume, WhiteLabelVolumeNext, WhiteLabelVolumeTier } from './volume';
export { priceWaterfall } from './waterfall';
export type { PriceWaterfall } from './waterfall';
export { paygBreakEven, PAYG_MAX_HOURS } from './payg-curve';
export type { PaygBreakEven } from './payg-curve';
export { PriceTableSchema, TieredPriceSchema } from './schema/price-table';
export type { PriceTable, TieredPrice, Appliance, Environment } from './schema/price-table';
export {
  ScenarioObjectSchema,
  ScenarioSchema,
  SCENARIO_SCHEMA_VERSION,
  LOGO_MAX_BYTES,
} from './schema/scenario';
export type {
  Scenario,
  CustomerLine,
  License,
  FixedTermLicense,
  PaygLicense,
  AppEntry,
  Sell,
} from './schema/scenario';
export { formatPath, parseWith, problemsOf } from './schema/common';
export type { ParseResult, SchemaProblem } from './schema/common';
export { formatScaled, minorDigitsOf, parseMicros, roundDiv } from './money';
export type { MinorUnits } from './money';
export type * from './quote-types';
export { customerSeries } from './line-series';
export type { CustomerSeries, CustomerSeriesMonth } from './line-series';
// The unit prices a price list shows (the vendor's proposal), priced by the engine's own rules
export { compileTable } from './compile-table';
export type { CompiledTable } from './compile-table';
export { fixedTermMonthly, paygHourlyRate } from './prices';
