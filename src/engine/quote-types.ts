/** The quote of PRICING.md §6: every amount a string in the currency's minor digits. */

export type IssueLevel = 'error' | 'warning';

export type IssueCode =
  | 'unknown-id'
  | 'license-model-not-allowed'
  | 'term-not-offered'
  | 'vservices-over-maximum'
  | 'end-month-on-fixed-term'
  | 'month-out-of-range'
  | 'child-app-without-main'
  | 'appliance-required'
  | 'appliances-short'
  | 'below-min-margin'
  | 'table-expired'
  /** Not in PRICING.md: totals past 2^53 minor units (ADR 005). */
  | 'amount-out-of-range';

export interface QuoteIssue {
  readonly level: IssueLevel;
  readonly code: IssueCode;
  /** A JSON path into the scenario, 0-based: `customers[2].license.model`. */
  readonly path: string;
  readonly message: string;
}

export interface QuoteMonth {
  month: number;
  period: string;
  revenue: string;
  recurringRevenue: string;
  cost: { fixedTerm: string; payg: string; apps: string; platform: string };
  commissions: { partner: string; distributor: string };
  margin: string;
  cumulativeMargin: string;
  demandMbps: number;
}

export interface PaygAdvice {
  termMonths: number;
  breakEvenHours: number;
  averageHours: number;
  saving: string;
}

export interface QuoteCustomer {
  id: string;
  count: number;
  totals: {
    revenue: string;
    cost: string;
    commissions: string;
    margin: string;
    marginPct: string | null;
  };
  belowMinMargin: boolean;
  advice: PaygAdvice | null;
}

export interface QuotePlatform {
  appliances: { id: string; count: number; required: number } | null;
  vcpu: number | null;
  ramGb: number | null;
  peakMbps: number;
  peakVServices: number;
}

export interface QuoteTotals {
  revenue: string;
  cost: string;
  commissions: string;
  margin: string;
  marginPct: string | null;
  oneOff: string;
  mrrFinal: string;
  arr: string;
  breakEvenMonth: number | null;
  licenseCommittedAfterHorizon: string;
}

export interface Quote {
  priceTable: { product: string; currency: string; version: string; sha256: string | null };
  currency: string;
  months: QuoteMonth[];
  customers: QuoteCustomer[];
  platform: QuotePlatform | null;
  totals: QuoteTotals | null;
  issues: QuoteIssue[];
}

export interface QuoteOptions {
  /** The date the quote is made, `YYYY-MM-DD`: the engine never reads the clock. */
  readonly today: string;
  /** SHA-256 of the table file's bytes, from whoever read the file; null when unknown. */
  readonly tableSha256?: string | null;
}

// --- priced quotes (ADR 024) -------------------------------------------------------------------

/**
 * A quote the engine priced: no error stopped it, so it has its platform and totals. The engine
 * returns `platform` and `totals` exactly when no issue is an error (`invalid` in calculate.ts),
 * and this type says so, so a view never writes `quote.totals!`.
 */
export type PricedQuote = Quote & { platform: QuotePlatform; totals: QuoteTotals };

/** Whether an error stopped the quote; narrows it to `PricedQuote` when it did not. */
export function isPriced(quote: Quote): quote is PricedQuote {
  return quote.totals !== null && quote.platform !== null;
}

/** The issues that stopped the quote (level `error`); empty for a priced quote. */
export function quoteErrors(quote: Quote): QuoteIssue[] {
  return quote.issues.filter((issue) => issue.level === 'error');
}
