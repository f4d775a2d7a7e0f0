/**
 * The scenario, its table and its quote shaped for the PDF documents: names from the table,
 * descriptions of a customer line's service and license, runs of equal monthly prices, sums by
 * year. Pure (no jsPDF): every amount is a quote's exact decimal string or an exact BigInt sum of
 * them (`../decimal`), never a float.
 */
import type { CustomerLine, CustomerSeries, PriceTable, Quote, Scenario } from '../../engine/index';
import { quoteDigits, sumDecimals } from '../decimal';
import type { DocumentFormat } from './format';

export interface TableNames {
  bundle(id: string): string;
  bandwidth(id: string): string;
  environment(id: string): string;
  appliance(id: string): string;
  appBundle(id: string): string;
  /** The bundle's features, in the table's order (empty for an unknown id). */
  features(bundleId: string): readonly string[];
}

/** Display names from the table, the id itself when the table has none. */
export function tableNames(table: PriceTable): TableNames {
  const lookup = (items: readonly { id: string }[], name: (item: never) => string) => {
    const map = new Map(items.map((item) => [item.id, name(item as never)]));
    return (id: string) => map.get(id) ?? id;
  };
  const bundles = new Map(table.service.bundles.map((b) => [b.id, b]));
  return {
    bundle: lookup(table.service.bundles, (b: { name: string }) => b.name),
    bandwidth: lookup(table.service.bandwidthTiers, (b: { label: string }) => b.label),
    environment: lookup(table.platform.environments, (e: { name: string }) => e.name),
    appliance: lookup(table.platform.appliances, (a: { name: string }) => a.name),
    appBundle: lookup(table.apps.bundles, (a: { name: string }) => a.name),
    features: (id) => bundles.get(id)?.features ?? [],
  };
}

/** The calendar period of month `m` of the quote (1-based). */
export function periodOf(quote: Quote, m: number): string {
  return quote.months[m - 1]?.period ?? '';
}

/** "Advanced, 1 Gbps, 22 vServices". */
export function serviceLabel(line: CustomerLine, names: TableNames): string {
  const l = line.license;
  return `${names.bundle(l.bundle)}, ${names.bandwidth(l.bandwidth)}, ${l.vServices} vServices`;
}

function termText(months: number): string {
  return months % 12 === 0 && months >= 12
    ? `${months / 12}-year term (${months} months)`
    : `${months}-month term`;
}

/**
 * The license model and term as a customer or an MSP reads it: "Fixed-Term, 36-month term,
 * renews", "PAYG, 300 h/month", "PAYG until Jun 2027, then Fixed-Term 24 months".
 */
export function licenseLabel(
  line: CustomerLine,
  quote: Quote,
  fmt: DocumentFormat,
  short = false,
): string {
  const l = line.license;
  if (l.model === 'fixed-term') {
    const term = short ? `${l.termMonths} mo` : termText(l.termMonths);
    return `Fixed-Term, ${term}${l.renew ? ', renews' : ''}`;
  }
  const hours = Array.isArray(l.hoursPerMonth)
    ? short
      ? 'seasonal hours'
      : 'seasonal hours per month'
    : `${fmt.count(l.hoursPerMonth)} h/month`;
  if (l.convertTo === null) return `PAYG, ${hours}`;
  const from = fmt.period(periodOf(quote, l.convertTo.atMonth));
  const term = short ? `${l.convertTo.termMonths} mo` : termText(l.convertTo.termMonths);
  return `PAYG (${hours}) until ${from}, then Fixed-Term, ${term}, renews`;
}

/** The first and last active months of a line, from the quote's horizon. */
export function activeMonths(line: CustomerLine, horizon: number): { first: number; last: number } {
  const l = line.license;
  let last = horizon;
  if (l.model === 'fixed-term' && !l.renew) {
    last = Math.min(horizon, line.startMonth + l.termMonths - 1);
  } else if (l.model === 'payg' && l.convertTo === null && line.endMonth !== null) {
    last = line.endMonth;
  }
  return { first: line.startMonth, last };
}

/** A run of consecutive active months billed the same recurring amount. */
export interface PriceRun {
  readonly fromMonth: number;
  readonly toMonth: number;
  readonly fromPeriod: string;
  readonly toPeriod: string;
  readonly months: number;
  /** The recurring amount of each month of the run. */
  readonly monthly: string;
  /** Its exact sum over the run. */
  readonly amount: string;
}

/**
 * A customer line's recurring prices as runs of equal months (a fixed-term line is one run; a
 * seasonal PAYG line one run per change), and its one-off charges by month. The runs' amounts
 * plus the one-off amounts equal the line's revenue in the quote.
 */
export function priceSchedule(
  series: CustomerSeries,
  digits: number,
): { runs: PriceRun[]; oneOff: { month: number; period: string; amount: string }[] } {
  const runs: PriceRun[] = [];
  const oneOff: { month: number; period: string; amount: string }[] = [];
  let open: {
    from: (typeof series.months)[number];
    to: (typeof series.months)[number];
    amounts: string[];
  } | null = null;
  const close = () => {
    if (!open) return;
    runs.push({
      fromMonth: open.from.month,
      toMonth: open.to.month,
      fromPeriod: open.from.period,
      toPeriod: open.to.period,
      months: open.amounts.length,
      monthly: open.from.recurringRevenue,
      amount: sumDecimals(open.amounts, digits),
    });
    open = null;
  };
  for (const m of series.months) {
    if (!m.active) {
      close();
      continue;
    }
    if (sumDecimals([m.oneOffRevenue], digits) !== sumDecimals([], digits)) {
      oneOff.push({ month: m.month, period: m.period, amount: m.oneOffRevenue });
    }
    if (
      open &&
      open.from.recurringRevenue === m.recurringRevenue &&
      open.to.month === m.month - 1
    ) {
      open.to = m;
      open.amounts.push(m.recurringRevenue);
    } else {
      close();
      open = { from: m, to: m, amounts: [m.recurringRevenue] };
    }
  }
  close();
  return { runs, oneOff };
}

/** Sums of a monthly amount by year of the horizon (months 1–12, 13–24, …). */
export function byYear(
  quote: Quote,
  pick: (m: Quote['months'][number]) => string,
): { year: number; fromPeriod: string; toPeriod: string; months: number; amount: string }[] {
  const digits = quoteDigits(quote);
  const out = [];
  for (let start = 0; start < quote.months.length; start += 12) {
    const months = quote.months.slice(start, start + 12);
    out.push({
      year: start / 12 + 1,
      fromPeriod: months[0]!.period,
      toPeriod: months[months.length - 1]!.period,
      months: months.length,
      amount: sumDecimals(months.map(pick), digits),
    });
  }
  return out;
}

/** Fixed-term commitments: every line with a fixed-term phase, and its term. */
export function fixedTermCommitments(scenario: Scenario, quote: Quote) {
  return scenario.customers.flatMap((line, index) => {
    const l = line.license;
    if (l.model === 'fixed-term') {
      return [
        {
          index,
          line,
          termMonths: l.termMonths,
          renews: l.renew,
          fromPeriod: periodOf(quote, line.startMonth),
        },
      ];
    }
    if (l.convertTo !== null) {
      return [
        {
          index,
          line,
          termMonths: l.convertTo.termMonths,
          renews: true,
          fromPeriod: periodOf(quote, l.convertTo.atMonth),
        },
      ];
    }
    return [];
  });
}

/** The assumptions every document states (the customer proposal only its period and currency). */
export function assumptions(
  scenario: Scenario,
  quote: Quote,
  fmt: DocumentFormat,
): [string, string][] {
  const first = periodOf(quote, 1);
  const last = periodOf(quote, scenario.horizonMonths);
  const sell = scenario.pricing;
  return [
    [
      'Horizon',
      `${scenario.horizonMonths} months, ${fmt.periodLong(first)} to ${fmt.periodLong(last)}`,
    ],
    ['Start period', `${fmt.periodLong(first)} (month 1)`],
    ['Currency', `Every amount is in ${quote.currency}.`],
    [
      'Rounding',
      'Each line amount is rounded once, half away from zero, to the currency’s minor unit; totals are sums of rounded amounts, so every table adds up exactly.',
    ],
    [
      'Sell prices',
      `Default markup ${fmt.rate(sell.defaultMarkupPct)} on cost unless a line sets its own markup, margin or fixed price; minimum margin ${fmt.rate(sell.minMarginPct)}.`,
    ],
    [
      'PAYG',
      'PAYG lines are priced on the hours planned for each month, capped at the hours the month has.',
    ],
  ];
}

const FEES: Record<string, string> = {
  setupFee: 'setup fees',
  monthlyFee: 'monthly fees',
  perUser: 'per-user prices',
};

/** The white-label volume discount's `appliesTo` in words: "setup fees and monthly fees". */
export function feesLabel(appliesTo: readonly string[]): string {
  const words = appliesTo.map((f) => FEES[f] ?? f);
  return words.length <= 1
    ? (words[0] ?? 'no fees')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
