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
  CHANGES_MAX,
  CHANGE_FIELDS,
  LineChangeSchema,
  BillingSchema,
  BillingModeSchema,
} from './schema/scenario';
export {
  CURRENT_SCENARIO_VERSION,
  SCENARIO_MIGRATION_STEPS,
  migrateScenarioDocument,
} from './schema/scenario-migrations';
export type { ScenarioMigrationStep, ScenarioMigrated } from './schema/scenario-migrations';
export type {
  Scenario,
  CustomerLine,
  License,
  FixedTermLicense,
  PaygLicense,
  AppEntry,
  Sell,
  LineChange,
  Billing,
  BillingMode,
} from './schema/scenario';
export {
  capProblems,
  cleanName,
  cleanText,
  formatPath,
  MAX_PROBLEMS,
  parseWith,
  problemsOf,
  problemTotal,
  TABLE_LIST_MAX,
} from './schema/common';
export { bytesOfBase64, imageSize, LOGO_MAX_SIDE, sizeLabel, withinLogoSide } from './image-size';
export type { ImageSize } from './image-size';
export {
  megabytes,
  PRICE_TABLE_MAX_BYTES,
  SCENARIO_MAX_CHARS,
  SCENARIO_MAX_FILE_BYTES,
} from './limits';
export type { ParseResult, SchemaProblem } from './schema/common';
export { formatScaled, minorDigitsOf, parseMicros, roundDiv } from './money';
export type { MinorUnits } from './money';
export type * from './quote-types';
export { isPriced, quoteErrors } from './quote-types';
export { effectiveCommission } from './lines';
export type { CommissionSource, EffectiveCommission } from './lines';
export { customerSeries, platformSeries, vendorInvoiceSeries } from './line-series';
export type { CustomerSeries, CustomerSeriesMonth, PlatformSeriesMonth } from './line-series';
export { applyMarkup } from './markup-edit';
export { goalSeek, GOAL_MAX_HUNDREDTHS, hundredthsToPct, targetHolds, varyPath } from './goal-seek';
export type { GoalSeekResult, GoalTarget, GoalVary } from './goal-seek';
export { scaleTable, sensitivity } from './sensitivity';
export type {
  Sensitivity,
  SensitivityDriver,
  SensitivityDriverId,
  SensitivityPoint,
} from './sensitivity';
// The unit prices a price list shows (the vendor's proposal), priced by the engine's own rules
export { compileTable } from './compile-table';
export type { CompiledTable } from './compile-table';
export { fixedTermMonthly, paygHourlyRate } from './prices';
