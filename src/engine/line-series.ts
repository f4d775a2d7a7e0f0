/**
 * One customer line's figures month by month: what the line's customers are billed (recurring
 * and one-off revenue), what they cost and the commissions on them. The quote of PRICING.md §6
 * has the deal's months and each line's totals, not a line's months; a proposal to one end
 * customer needs its own monthly prices (docs/decisions/013-pdf-documents.md).
 *
 * Pure, like `calculateQuote`, and with the same arguments. The figures are recorded by the
 * quote's own month loop (`tracedQuote`) as it adds them up, never re-priced on their own: a
 * line priced alone could reach another white-label volume tier, since ranks count every line.
 * So each line's months sum to its `totals` in the quote, to the minor unit.
 */
import { tracedQuote, type LineTrace } from './calculate';
import { monthsOf } from './calendar';
import { formatScaled, minorDigitsOf } from './money';
import type { QuoteOptions } from './quote-types';
import type { PriceTable } from './schema/price-table';
import type { Scenario } from './schema/scenario';

/** One month of a customer line, all its `count` customers; amounts in minor digits. */
export interface CustomerSeriesMonth {
  month: number;
  period: string;
  /** recurringRevenue + oneOffRevenue. */
  revenue: string;
  recurringRevenue: string;
  /** Billed in the line's first month only (setup fees, a fixed `oneOff`). */
  oneOffRevenue: string;
  /** License and apps (recurring and setup). */
  cost: string;
  /** Partner plus distributor. */
  commissions: string;
  /** The line's partner's part of `commissions` (0 for a direct line). */
  partnerCommission: string;
  /** The partner's distributor's part of `commissions`. */
  distributorCommission: string;
  /** Whether the line is active this month (has customers). */
  active: boolean;
  /** The line's customers active in the month, all its cohorts (PRICING.md §7). */
  customers: number;
  /**
   * What the line's customers are invoiced this month (PRICING.md §8): a fixed term's recurring
   * amounts in the month their monthly, annual or upfront block is invoiced, the rest in its own
   * month. Over the months it sums to `totals.revenue`.
   */
  invoiced: string;
  /** The last month this month's invoice covers (null when nothing is invoiced this month). */
  invoiceCoversTo: number | null;
  /** The month this month's invoice is due: the month plus the customers' payment delay. */
  invoiceDue: number;
}

export interface CustomerSeries {
  currency: string;
  customerId: string;
  /** The line's index in `scenario.customers`. */
  index: number;
  /** The line's own `count` (its first cohort); `months[].customers` follows its changes. */
  count: number;
  /** Every month of the horizon, month 1 first (inactive months are zero). */
  months: CustomerSeriesMonth[];
  /** Sums over the months: equal to the quote's `customers[index].totals`. */
  totals: {
    revenue: string;
    recurringRevenue: string;
    oneOffRevenue: string;
    cost: string;
    commissions: string;
    partnerCommission: string;
    distributorCommission: string;
    margin: string;
  };
}

/**
 * The monthly series of the customer lines `customerIds` (in scenario order; ids the scenario
 * does not have are left out), or of every line when `customerIds` is omitted. Null when the
 * scenario's quote has errors: nothing is priced then.
 */
export function customerSeries(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
  customerIds?: readonly string[],
): CustomerSeries[] | null {
  const wanted = customerIds === undefined ? null : new Set(customerIds);
  const indices = scenario.customers.flatMap((line, index) =>
    wanted === null || wanted.has(line.id) ? [index] : [],
  );
  const { quote, traces } = tracedQuote(scenario, table, options, indices);
  if (quote.totals === null || quote.issues.some((i) => i.level === 'error')) return null;

  const digits = minorDigitsOf(table.currency);
  const money = (v: number) => formatScaled(v, digits);
  const calendar = monthsOf(scenario.startPeriod, scenario.horizonMonths);
  return indices.map((index) => {
    const trace = traces.get(index) as LineTrace;
    const line = scenario.customers[index]!;
    const delay = scenario.billing?.customers?.paymentDelayMonths ?? 0;
    const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
    const months = calendar.map(({ period }, i) => {
      const m = i + 1;
      return {
        month: m,
        period,
        revenue: money(trace.revenue[m]!),
        recurringRevenue: money(trace.recurringRevenue[m]!),
        oneOffRevenue: money(trace.oneOffRevenue[m]!),
        cost: money(trace.cost[m]!),
        commissions: money(trace.commissions[m]!),
        partnerCommission: money(trace.partnerCommissions[m]!),
        distributorCommission: money(trace.distributorCommissions[m]!),
        active: trace.active[m] === 1,
        customers: trace.customers[m]!,
        invoiced: money(trace.invoices[m]!),
        invoiceCoversTo: trace.invoiceCoversTo[m]! === 0 ? null : trace.invoiceCoversTo[m]!,
        invoiceDue: m + delay,
      };
    });
    const revenue = sum(trace.revenue);
    const cost = sum(trace.cost);
    const commissions = sum(trace.commissions);
    return {
      currency: table.currency,
      customerId: line.id,
      index,
      count: line.count,
      months,
      totals: {
        revenue: money(revenue),
        recurringRevenue: money(sum(trace.recurringRevenue)),
        oneOffRevenue: money(sum(trace.oneOffRevenue)),
        cost: money(cost),
        commissions: money(commissions),
        partnerCommission: money(sum(trace.partnerCommissions)),
        distributorCommission: money(sum(trace.distributorCommissions)),
        margin: money(revenue - cost - commissions),
      },
    };
  });
}

/**
 * What the MSP is invoiced by the vendor in each month of the horizon (PRICING.md §8): fixed-term
 * licenses in the month their monthly, annual or upfront block is invoiced (`billing.vendor`),
 * PAYG usage, apps, appliances, support and main apps in their own month; amounts in minor
 * digits, month 1 first. They sum to `totals.cost` less the MSP's own infrastructure, and are
 * paid `billing.vendor.paymentDelayMonths` later. Null when the quote has errors.
 */
export function vendorInvoiceSeries(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
): { month: number; period: string; invoiced: string; due: number }[] | null {
  const { quote, vendorInvoices } = tracedQuote(scenario, table, options, null);
  if (quote.totals === null || quote.issues.some((i) => i.level === 'error')) return null;
  const digits = minorDigitsOf(table.currency);
  const delay = scenario.billing?.vendor?.paymentDelayMonths ?? 0;
  return quote.months.map(({ month, period }) => ({
    month,
    period,
    invoiced: formatScaled(vendorInvoices[month]!, digits),
    due: month + delay,
  }));
}

/** One month of the platform's cost by part (PRICING.md §5 platform amounts). */
export interface PlatformSeriesMonth {
  readonly month: number;
  readonly period: string;
  readonly appliances: string;
  readonly support: string;
  readonly infrastructure: string;
  readonly mainApps: string;
  /** The quote's `months[].cost.platform`: the sum of the four parts. */
  readonly total: string;
}

/**
 * The platform's cost by month and part: appliances (month 1), support (months 1, 13, 25, …),
 * the MSP's infrastructure and the main apps, recorded by the quote's own month loop as it adds
 * them into `cost.platform`, so each month's parts sum to the quote's figure to the minor unit.
 * Null when the quote has errors.
 */
export function platformSeries(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
): PlatformSeriesMonth[] | null {
  const { quote, platformParts: parts } = tracedQuote(scenario, table, options, []);
  if (quote.totals === null) return null;
  const money = (v: number) => formatScaled(v, minorDigitsOf(table.currency));
  return quote.months.map((m) => ({
    month: m.month,
    period: m.period,
    appliances: money(parts.appliances[m.month]!),
    support: money(parts.support[m.month]!),
    infrastructure: money(parts.infrastructure[m.month]!),
    mainApps: money(parts.mainApps[m.month]!),
    total: m.cost.platform,
  }));
}
