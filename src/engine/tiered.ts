import { addExact, type Exact, formatScaled, MICROS, mulExact, parseMicros } from './money';
import type { TieredPrice } from './schema/price-table';

/** A tiered price with amounts parsed to micros; `upTo` null is unbounded. */
export interface CompiledTiers {
  readonly mode: 'graduated' | 'volume';
  readonly tiers: readonly {
    readonly upTo: number | null;
    readonly unit: number;
    readonly flat: number;
  }[];
}

export function compileTiers(price: TieredPrice): CompiledTiers {
  return {
    mode: price.mode,
    tiers: price.tiers.map((t) => ({
      upTo: t.upTo,
      unit: parseMicros(t.unitAmount),
      flat: parseMicros(t.flatAmount ?? '0'),
    })),
  };
}

/**
 * The exact price of `quantity` units, in micros (10^-6 of the currency unit).
 * Graduated: each unit at the tier it falls in, plus the flat amount of every
 * tier reached. Volume: all units at the tier the quantity falls in, plus that
 * tier's flat amount. Quantity 0 costs 0 (PRICING.md §2).
 */
export function tieredMicros(quantity: number, price: CompiledTiers): Exact {
  if (quantity <= 0) return 0;
  if (price.mode === 'volume') {
    for (const tier of price.tiers) {
      if (tier.upTo === null || quantity <= tier.upTo)
        return addExact(mulExact(quantity, tier.unit), tier.flat);
    }
    return 0; // unreachable for a valid table: the last tier is unbounded
  }
  let total: Exact = 0;
  let previous = 0;
  for (const tier of price.tiers) {
    const upper = tier.upTo === null ? quantity : Math.min(quantity, tier.upTo);
    const units = upper - previous;
    if (units <= 0) break;
    total = addExact(total, addExact(mulExact(units, tier.unit), tier.flat));
    if (tier.upTo === null || quantity <= tier.upTo) break;
    previous = tier.upTo;
  }
  return total;
}

/**
 * `priceTiered(quantity, tieredPrice)`: the exact, unrounded amount as a
 * decimal string (trailing zeros dropped), so it can be checked against the
 * worked examples that Stripe and Lago publish.
 */
export function priceTiered(quantity: number, tieredPrice: TieredPrice): string {
  if (!Number.isInteger(quantity) || quantity < 0) {
    throw new RangeError(`priceTiered: quantity must be a whole number ≥ 0, got ${quantity}`);
  }
  const micros = tieredMicros(quantity, compileTiers(tieredPrice));
  const text = formatScaled(micros, 6);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

export { MICROS };
