/**
 * What-if copies of a price table, for figures that are differences of two quotes
 * (`whiteLabelVolume`'s next-tier saving, `priceWaterfall`'s discounts). The copies are
 * handed straight to `calculateQuote`; they are not published tables.
 */
import type { PriceTable } from './schema/price-table';

type VolumeTier = PriceTable['apps']['whiteLabelVolume']['tiers'][number];
type Term = PriceTable['service']['fixedTerm']['terms'][number];

/** The table with each white-label volume tier replaced by `change(tier)`. */
export function withVolumeTiers(
  table: PriceTable,
  change: (tier: VolumeTier) => VolumeTier,
): PriceTable {
  const volume = table.apps.whiteLabelVolume;
  return {
    ...table,
    apps: { ...table.apps, whiteLabelVolume: { ...volume, tiers: volume.tiers.map(change) } },
  };
}

/** The table with each fixed-term term replaced by `change(term)`. */
export function withTerms(table: PriceTable, change: (term: Term) => Term): PriceTable {
  const fixedTerm = table.service.fixedTerm;
  return {
    ...table,
    service: {
      ...table.service,
      fixedTerm: { ...fixedTerm, terms: fixedTerm.terms.map(change) },
    },
  };
}
