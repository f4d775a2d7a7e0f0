import { MICROS, minorDigitsOf, parseMicros, parsePct } from './money';
import type { Appliance, Environment, PriceTable } from './schema/price-table';
import { WHITE_LABEL } from './schema/price-table';
import { compileTiers, type CompiledTiers } from './tiered';

/** App prices parsed to micros. */
export interface CompiledApp {
  readonly setup: number;
  readonly monthly: number;
  readonly perUser: CompiledTiers;
}

export interface CompiledVolumeDiscount {
  readonly mode: 'graduated' | 'volume';
  readonly onSetup: boolean;
  readonly onMonthly: boolean;
  readonly onPerUser: boolean;
  readonly tiers: readonly { readonly upTo: number | null; readonly pct: number }[];
}

/**
 * A price table with every price parsed once to integers (micros, Pct4) and
 * every list turned into a lookup, so the hot loop never parses a string.
 */
export interface CompiledTable {
  readonly table: PriceTable;
  readonly currency: string;
  readonly minorDigits: number;
  /** Divides micros × (Pct4 fraction) down to minor units: 10^6 × 10^(6 − minor digits). */
  readonly discountDen: number;
  /** Divides hours (hundredths) × a rate (micros) down to minor units: 10^(8 − minor digits). */
  readonly hoursDen: number;
  readonly environments: ReadonlyMap<string, Environment>;
  readonly appliances: ReadonlyMap<
    string,
    Appliance & { readonly priceMicros: number; readonly supportPct: number }
  >;
  readonly bandwidthMbps: ReadonlyMap<string, number>;
  readonly includedVServices: ReadonlyMap<string, number>;
  readonly fixedMonthly: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly extraVServiceMonthly: number;
  /** term months → discount (Pct4) */
  readonly terms: ReadonlyMap<number, number>;
  /** The offered term lengths, shortest first. */
  readonly termMonthsAscending: readonly number[];
  readonly hourly: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly extraVServiceHourly: number;
  readonly appBundles: ReadonlyMap<string, CompiledApp>;
  readonly childApps: ReadonlyMap<string, CompiledApp>;
  readonly whiteLabelVolume: CompiledVolumeDiscount;
}

const cache = new WeakMap<PriceTable, CompiledTable>();

function grid(source: Record<string, Record<string, string>>): Map<string, Map<string, number>> {
  return new Map(
    Object.entries(source).map(([bundle, row]) => [
      bundle,
      new Map(Object.entries(row).map(([bw, price]) => [bw, parseMicros(price)])),
    ]),
  );
}

function app(prices: {
  setupFee: string;
  monthlyFee: string;
  perUser: Parameters<typeof compileTiers>[0];
}): CompiledApp {
  return {
    setup: parseMicros(prices.setupFee),
    monthly: parseMicros(prices.monthlyFee),
    perUser: compileTiers(prices.perUser),
  };
}

/** Compiles (and caches, per table object) a table that passed `PriceTableSchema`. */
export function compileTable(table: PriceTable): CompiledTable {
  const hit = cache.get(table);
  if (hit) return hit;
  const volume = table.apps.whiteLabelVolume;
  const minorDigits = minorDigitsOf(table.currency);
  const compiled: CompiledTable = {
    table,
    currency: table.currency,
    minorDigits,
    discountDen: MICROS * 10 ** (6 - minorDigits),
    hoursDen: 10 ** (8 - minorDigits),
    environments: new Map(table.platform.environments.map((e) => [e.id, e])),
    appliances: new Map(
      table.platform.appliances.map((a) => [
        a.id,
        { ...a, priceMicros: parseMicros(a.price), supportPct: parsePct(a.supportPctPerYear) },
      ]),
    ),
    bandwidthMbps: new Map(table.service.bandwidthTiers.map((b) => [b.id, b.mbps])),
    includedVServices: new Map(table.service.bundles.map((b) => [b.id, b.includedVServices])),
    fixedMonthly: grid(table.service.fixedTerm.monthlyList),
    extraVServiceMonthly: parseMicros(table.service.fixedTerm.extraVServiceMonthly),
    terms: new Map(table.service.fixedTerm.terms.map((t) => [t.months, parsePct(t.discountPct)])),
    termMonthsAscending: table.service.fixedTerm.terms.map((t) => t.months).sort((a, b) => a - b),
    hourly: grid(table.service.payg.hourly),
    extraVServiceHourly: parseMicros(table.service.payg.extraVServiceHourly),
    appBundles: new Map(table.apps.bundles.map((b) => [b.id, app(b)])),
    childApps: new Map(
      Object.entries(table.apps.childApps).map(([id, prices]) => [id, app(prices)]),
    ),
    whiteLabelVolume: {
      mode: volume.mode,
      onSetup: volume.appliesTo.includes('setupFee'),
      onMonthly: volume.appliesTo.includes('monthlyFee'),
      onPerUser: volume.appliesTo.includes('perUser'),
      tiers: volume.tiers.map((t) => ({ upTo: t.upTo, pct: parsePct(t.discountPct) })),
    },
  };
  cache.set(table, compiled);
  return compiled;
}

export { WHITE_LABEL };
