import type { Quote } from '../engine/index';
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

/**
 * The "Platform" row of a customers table (CSV and screen): appliances, support,
 * infrastructure and main apps, summed over the months. It is cost with no revenue, so the
 * customer lines plus this row equal the quote's totals (PRICING.md §5, "Platform amounts").
 * Null when the quote has no totals (an error stopped it).
 */
export function platformAmounts(quote: Quote): RowAmounts | null {
  if (!quote.totals) return null;
  const digits = quoteDigits(quote);
  const cost = sumDecimals(
    quote.months.map((m) => m.cost.platform),
    digits,
  );
  const zero = sumDecimals([], digits);
  return { revenue: zero, cost, commissions: zero, margin: negateDecimal(cost), marginPct: null };
}

/** The quote's own totals as a customers-table row; null when an error stopped the quote. */
export function totalAmounts(quote: Quote): RowAmounts | null {
  const t = quote.totals;
  if (!t) return null;
  return {
    revenue: t.revenue,
    cost: t.cost,
    commissions: t.commissions,
    margin: t.margin,
    marginPct: t.marginPct,
  };
}
