/**
 * The price waterfall the Results step shows (docs/decisions/011-price-waterfall.md): from the
 * list price of a deal, or of one customer line, down through the fixed-term discounts and the
 * white-label volume discount to its cost, then up by the markup to what it sells for, and down
 * by the commissions to its margin.
 *
 * Pure, like `calculateQuote`, and with the same arguments. Every figure comes from a quote:
 * the one of the scenario itself and two of the same scenario on edited copies of the table
 * (term discounts at 0; then also the white-label volume discounts at 0), so each is an amount
 * the engine would bill, every line amount rounded once (PRICING.md §1), and the steps are exact
 * differences of those totals:
 *
 *   list − termDiscount − volumeDiscount = cost;  cost + markup = sell;
 *   sell − cost − commissions = margin.
 */
import { withTerms, withVolumeTiers } from './table-variants';
import { calculateQuote } from './calculate';
import { formatScaled, minorDigitsOf, parseScaled } from './money';
import type { Quote, QuoteOptions } from './quote-types';
import type { PriceTable } from './schema/price-table';
import type { Scenario } from './schema/scenario';

/** A waterfall of one deal or one customer line; amounts in the currency's minor digits. */
export interface PriceWaterfall {
  currency: string;
  /** The whole deal (platform included) or one customer line (all its `count` customers). */
  scope: 'deal' | 'customer';
  /** The customer line's id; null for the deal. */
  customerId: string | null;
  /** The cost with no fixed-term and no white-label volume discount: cost + both discounts. */
  list: string;
  /** What the fixed-term discounts take off: the cost with term discounts at 0, minus the cost. */
  termDiscount: string;
  /** What the white-label volume discount takes off, on top of the term discounts. */
  volumeDiscount: string;
  /** The quote's cost over the horizon (`totals.cost`, or the line's). */
  cost: string;
  /** sell − cost. */
  markup: string;
  /** The revenue over the horizon. */
  sell: string;
  /** Partner plus distributor commissions. */
  commissions: string;
  /** sell − cost − commissions: the quote's margin. */
  margin: string;
}

/** The table with every fixed-term discount at 0 (the schema's "do not fall" still holds). */
const withoutTermDiscounts = (table: PriceTable): PriceTable =>
  withTerms(table, (term) => ({ ...term, discountPct: '0' }));

/** The table with every white-label volume tier's discount at 0. */
const withoutVolumeDiscounts = (table: PriceTable): PriceTable =>
  withVolumeTiers(table, (tier) => ({ ...tier, discountPct: '0' }));

/** The cost, revenue and commissions a quote gives the scope, or null when it has no figures. */
function figuresOf(quote: Quote, customerId: string | null) {
  if (quote.totals === null || quote.issues.some((i) => i.level === 'error')) return null;
  if (customerId === null) return quote.totals;
  return quote.customers.find((c) => c.id === customerId)?.totals ?? null;
}

/**
 * The price waterfall of a scenario on a table: of the whole deal, or of the customer line
 * `customerId`. Null when the quote has errors (nothing is priced), when `customerId` names no
 * line of the quote, or when a copy without discounts cannot be priced exactly (its amounts
 * pass 2^53 minor units, ADR 005).
 */
export function priceWaterfall(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
  customerId?: string | null,
): PriceWaterfall | null {
  const id = customerId ?? null;
  const actual = figuresOf(calculateQuote(scenario, table, options), id);
  if (actual === null) return null;

  // Same scenario, same rules: the copies change discounts only, which no validation rule reads,
  // so they price whenever the quote did (but for amounts past 2^53 minor units).
  const noTerm = withoutTermDiscounts(table);
  const termless = figuresOf(calculateQuote(scenario, noTerm, options), id);
  const undiscounted = figuresOf(
    calculateQuote(scenario, withoutVolumeDiscounts(noTerm), options),
    id,
  );
  if (termless === null || undiscounted === null) return null;

  const digits = minorDigitsOf(table.currency);
  // quote amounts are exact integers below 2^53 minor units; their differences are taken in BigInt
  const minor = (amount: string) => BigInt(parseScaled(amount, digits));
  const money = (value: bigint) => formatScaled(value, digits);
  const cost = minor(actual.cost);
  const costWithoutTerm = minor(termless.cost);
  const list = minor(undiscounted.cost);
  const sell = minor(actual.revenue);

  return {
    currency: table.currency,
    scope: id === null ? 'deal' : 'customer',
    customerId: id,
    list: money(list),
    termDiscount: money(costWithoutTerm - cost),
    volumeDiscount: money(list - costWithoutTerm),
    cost: actual.cost,
    markup: money(sell - cost),
    sell: actual.revenue,
    commissions: actual.commissions,
    margin: actual.margin,
  };
}
