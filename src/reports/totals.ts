import { isPriced, type PricedQuote, type Quote } from '../engine/index';
import { COST_CATEGORIES } from './columns';
import { negateDecimal, quoteDigits, sumDecimals } from './decimal';

/** The amounts of one row of a customers table: a customer line, the platform or a total. */
export interface RowAmounts {
  readonly revenue: string;
  readonly cost: string;
  readonly commissions: string;
  readonly margin: string;
  /** Two decimals, or null when the row has no revenue. */
  readonly marginPct: string | null;
}

const platform = COST_CATEGORIES.find((c) => c.key === 'platform')!;

/**
 * The "Platform" row of a customers table (CSV, screen and PDF): appliances, support,
 * infrastructure and main apps, summed over the months. It is cost with no revenue, so the
 * customer lines plus this row equal the quote's totals (PRICING.md §5, "Platform amounts").
 * Null only for a quote an error stopped (a priced quote always has the row).
 */
export function platformAmounts(quote: PricedQuote): RowAmounts;
export function platformAmounts(quote: Quote): RowAmounts | null;
export function platformAmounts(quote: Quote): RowAmounts | null {
  if (!isPriced(quote)) return null;
  const digits = quoteDigits(quote);
  const cost = sumDecimals(quote.months.map(platform.read), digits);
  const zero = sumDecimals([], digits);
  return { revenue: zero, cost, commissions: zero, margin: negateDecimal(cost), marginPct: null };
}

/** The quote's own totals as a customers-table row (null only for a quote an error stopped). */
export function totalAmounts(quote: PricedQuote): RowAmounts;
export function totalAmounts(quote: Quote): RowAmounts | null;
export function totalAmounts(quote: Quote): RowAmounts | null {
  if (!isPriced(quote)) return null;
  const t = quote.totals;
  return {
    revenue: t.revenue,
    cost: t.cost,
    commissions: t.commissions,
    margin: t.margin,
    marginPct: t.marginPct,
  };
}
