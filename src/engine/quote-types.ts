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
  | 'changes-with-conversion'
  | 'hours-on-fixed-term'
  | 'no-revenue'
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
  /** Customers active in the month, all lines (PRICING.md §6, version 2). */
  customers: number;
  cash: QuoteMonthCash;
}

/** The payments falling in one month (PRICING.md §8). */
export interface QuoteMonthCash {
  /** Paid by the customers to the MSP. */
  in: string;
  /** Paid by the MSP to the vendor: licenses, apps, appliances, support, main apps. */
  outVendor: string;
  /** Partner and distributor commissions paid. */
  outCommissions: string;
  /** The MSP's own infrastructure cost, paid in its month. */
  outInfra: string;
  /** in − outVendor − outCommissions − outInfra. */
  net: string;
  /** The sum of `net` up to this month. */
  cumulative: string;
}

/** The cash of the whole horizon (PRICING.md §8). */
export interface QuoteCashTotals {
  in: string;
  out: string;
  /** in − out: the last month's cumulative cash. */
  net: string;
  /** The first month whose cumulative cash is ≥ 0 and stays ≥ 0; null if none. */
  breakEvenMonth: number | null;
  /** max(0, − the lowest cumulative cash). */
  peakFunding: string;
  /** Customer payments falling after the last month: cash.in + this = totals.revenue. */
  receivableAfterHorizon: string;
  /** Payments by the MSP falling after the last month: cash.out + this = cost + commissions. */
  payableAfterHorizon: string;
}

export interface PaygAdvice {
  termMonths: number;
  breakEvenHours: number;
  averageHours: number;
  saving: string;
}

export interface QuoteCustomer {
  id: string;
  /** The line's own `count` (its first cohort), not the count in force. */
  count: number;
  /** The line's customers active in the last month. */
  activeFinal: number;
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
  peakMbps: number;
  peakVServices: number;
  vcpu: number | null;
  ramGb: number | null;
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
  cash: QuoteCashTotals;
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
