import { isPriced, quoteErrors, type QuoteIssue } from '../../engine/index';
import type { QuoteResult } from '../../state/quote';

/** The headline figures of a quote; amounts stay the quote's exact decimal strings. */
export interface Figures {
  /** Total contract value: the revenue over the horizon. */
  readonly tcv: string;
  readonly margin: string;
  /** Two decimals, or null when there is no revenue. */
  readonly marginPct: string | null;
  /** Monthly recurring revenue in the last month of the horizon. */
  readonly mrr: string;
  readonly breakEvenMonth: number | null;
  /**
   * The most cash the deal needs before it pays back; null until the quote carries the cash
   * figures (the cash work fills it, and the summary shows it when set).
   */
  readonly peakFunding: string | null;
}

export type SummaryFigures =
  | {
      readonly ok: true;
      readonly currency: string;
      /** Null when an error stopped the quote before its totals. */
      readonly figures: Figures | null;
      readonly errors: number;
      readonly warnings: number;
      readonly issues: readonly QuoteIssue[];
    }
  | { readonly ok: false; readonly message: string };

/** Picks what the live summary shows from the quote of the open scenario. */
export function summaryFigures(result: QuoteResult): SummaryFigures {
  if (!result.ok) return { ok: false, message: result.message };
  const { quote } = result;
  const errors = quoteErrors(quote).length;
  return {
    ok: true,
    currency: quote.currency,
    figures: isPriced(quote)
      ? {
          tcv: quote.totals.revenue,
          margin: quote.totals.margin,
          marginPct: quote.totals.marginPct,
          mrr: quote.totals.mrrFinal,
          breakEvenMonth: quote.totals.breakEvenMonth,
          peakFunding: quote.totals.cash.peakFunding,
        }
      : null,
    errors,
    warnings: quote.issues.length - errors,
    issues: quote.issues,
  };
}
