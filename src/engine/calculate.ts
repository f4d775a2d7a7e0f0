import { paygAdvice } from './advice';
import { amountOutOfRange, assertExact, locate, located, type Magnitudes } from './amount-range';
import { holderApps, rankWhiteLabel, volumeTierIndex, whiteLabelAt } from './apps';
import { monthsOf } from './calendar';
import { compileTable, type CompiledTable } from './compile-table';
import {
  ANNUAL,
  createLinePlanner,
  customersIn,
  fillPaygMonths,
  type LinePlan,
  MONTHLY,
  oneOffRevenueOf,
  paygMonthsBuffers,
  revenueOf,
  UPFRONT,
} from './lines';
import {
  AmountRangeError,
  addExact,
  type Exact,
  formatScaled,
  mulExact,
  microsToMinor,
  mulDivRound,
  parseMicros,
  parsePct,
  PCT_ONE,
  percentOf,
} from './money';
import { sizePlatform } from './platform';
import type {
  PaygAdvice,
  Quote,
  QuoteCustomer,
  QuoteIssue,
  QuoteMonth,
  QuoteOptions,
  QuoteTotals,
} from './quote-types';
import type { PriceTable } from './schema/price-table';
import type { BillingMode, Scenario } from './schema/scenario';
import { findErrors } from './validate';

/**
 * Prices a scenario on a price table (PRICING.md §5 and §6).
 *
 * Pure: the same scenario, table and `today` always give the same quote; the
 * engine never reads the clock. Both inputs must already have passed
 * `ScenarioSchema` and `PriceTableSchema`. Every amount is an integer number of
 * minor units and each line amount is rounded exactly once (`roundDiv`).
 */
export function calculateQuote(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
): Quote {
  return tracedQuote(scenario, table, options, null).quote;
}

/**
 * One customer line's amounts month by month, as the month loop adds them up (all of the line's
 * `count` customers; minor units, index = month, 0 unused). Filled only for the lines a caller
 * asks for (`tracedQuote`), so `calculateQuote` pays one null check per priced month.
 */
export interface LineTrace {
  readonly revenue: number[];
  readonly recurringRevenue: number[];
  readonly oneOffRevenue: number[];
  readonly cost: number[];
  readonly commissions: number[];
  /** The partner's and the distributor's parts of `commissions` (partner statements). */
  readonly partnerCommissions: number[];
  readonly distributorCommissions: number[];
  /** 1 in the months the line is active, else 0. */
  readonly active: number[];
  /** The line's customers active in the month. */
  readonly customers: number[];
  /**
   * What the line's customers are invoiced in each month (§8: a fixed term's recurring amounts
   * in the month its block is invoiced, everything else in its own month). Sums to `revenue`.
   */
  readonly invoices: number[];
  /** The last month the invoice of each month covers (0 when nothing is invoiced that month). */
  readonly invoiceCoversTo: number[];
}

const MODE_OF: Record<BillingMode, number> = { monthly: MONTHLY, annual: ANNUAL, upfront: UPFRONT };

/** The platform's cost by part and month (index = month, 0 unused), in minor units. */
export interface PlatformParts {
  readonly appliances: ArrayLike<number>;
  readonly support: ArrayLike<number>;
  readonly infrastructure: ArrayLike<number>;
  /** The main apps: setup in month 1, monthly fees and users every month. */
  readonly mainApps: ArrayLike<number>;
}

/** A quote with the monthly amounts the quote itself only sums (see `tracedQuote`). */
export interface Traced {
  quote: Quote;
  traces: Map<number, LineTrace>;
  vendorInvoices: number[];
  platformParts: PlatformParts;
}

const UNPRICED = {
  vendorInvoices: [],
  platformParts: { appliances: [], support: [], infrastructure: [], mainApps: [] },
} as const satisfies Omit<Traced, 'quote' | 'traces'>;

/**
 * `calculateQuote`, also recording the monthly amounts of the customer lines at `lineIndices`
 * (0-based positions in `scenario.customers`) from the very additions that make the quote's
 * months and the lines' totals. `traces` is empty when the quote has errors.
 */
export function tracedQuote(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
  lineIndices: readonly number[] | null,
): Traced {
  const traces = new Map<number, LineTrace>();
  const t = compileTable(table);
  const header = {
    priceTable: {
      product: table.product,
      currency: table.currency,
      version: table.version,
      sha256: options.tableSha256 ?? null,
    },
    currency: table.currency,
  };
  const expired: QuoteIssue[] =
    table.validUntil !== null && options.today > table.validUntil
      ? [
          {
            level: 'warning',
            code: 'table-expired',
            path: 'priceTable',
            message: `Price table ${table.product} ${table.currency} ${table.version} was valid until ${table.validUntil}; re-price on a current version before sending this quote.`,
          },
        ]
      : [];
  const invalid = (errors: QuoteIssue[]): Quote => ({
    ...header,
    months: [],
    customers: [],
    platform: null,
    totals: null,
    issues: [...errors, ...expired],
  });

  const errors = findErrors(scenario, t);
  if (errors.length > 0) return { quote: invalid(errors), traces, ...UNPRICED };
  try {
    const H = scenario.horizonMonths;
    const tracing: (LineTrace | undefined)[] = [];
    for (const index of lineIndices ?? []) {
      if (index < 0 || index >= scenario.customers.length || tracing[index]) continue;
      const zeros = () => new Array<number>(H + 1).fill(0);
      const trace = {
        revenue: zeros(),
        recurringRevenue: zeros(),
        oneOffRevenue: zeros(),
        cost: zeros(),
        commissions: zeros(),
        partnerCommissions: zeros(),
        distributorCommissions: zeros(),
        active: zeros(),
        customers: zeros(),
        invoices: zeros(),
        invoiceCoversTo: zeros(),
      };
      tracing[index] = trace;
      traces.set(index, trace);
    }
    const priced = price(scenario, t, traces.size > 0 ? tracing : null);
    return {
      quote: { ...header, ...priced.quote, issues: [...expired, ...priced.warnings] },
      traces,
      vendorInvoices: priced.vendorInvoices,
      platformParts: priced.platformParts,
    };
  } catch (e) {
    traces.clear();
    if (e instanceof AmountRangeError)
      return { quote: invalid([amountOutOfRange(e, t)]), traces, ...UNPRICED };
    throw e;
  }
}

/** The month in which an amount of a fixed-term month m is invoiced (PRICING.md §8). */
function invoiceMonth(mode: number, termStart: number, m: number): number {
  if (mode === MONTHLY) return m;
  if (mode === UPFRONT) return termStart;
  // annual: blocks of 12 from the term's first month, never spanning two terms
  return m - ((m - termStart) % 12);
}

/**
 * The month-by-month pricing of a scenario without errors; `tracing[i]`, when given, receives
 * line i's monthly amounts.
 */
function price(scenario: Scenario, t: CompiledTable, tracing: (LineTrace | undefined)[] | null) {
  const H = scenario.horizonMonths;
  const calendar = monthsOf(scenario.startPeriod, H);
  const money = (v: number | bigint) => formatScaled(v, t.minorDigits);
  const volume = t.whiteLabelVolume;
  const billing = scenario.billing;
  const customerDelay = billing?.customers?.paymentDelayMonths ?? 0;
  const vendorDelay = billing?.vendor?.paymentDelayMonths ?? 0;
  const vendorBilling = MODE_OF[billing?.vendor?.fixedTerm ?? 'monthly'];

  const planLine = createLinePlanner(scenario, t);
  const plans: LinePlan[] = [];
  scenario.customers.forEach((line, index) => {
    try {
      plans.push(planLine(line, index));
    } catch (e) {
      throw located(e, `customers[${index}]`, `Line '${line.id}'`);
    }
  });
  const main = locate('mainApps', 'The main apps', () => holderApps(t, scenario.mainApps));
  const ranks = rankWhiteLabel(plans, main.whiteLabelInstances, H);

  // --- month accumulators, minor units, index = month (0 unused) ---
  const zeros = () => new Float64Array(H + 1);
  const revenue = zeros();
  const recurringRevenue = zeros();
  const oneOffRevenue = zeros();
  const costFixed = zeros();
  const costPayg = zeros();
  const costApps = zeros();
  const costPlatform = zeros();
  // costPlatform by part (PRICING.md §5 platform amounts), for the Platform step's breakdown
  const platformParts = {
    appliances: zeros(),
    support: zeros(),
    infrastructure: zeros(),
    mainApps: zeros(),
  };
  const partnerCommission = zeros();
  const distributorCommission = zeros();
  const demandMbps = zeros();
  const demandVServices = zeros();
  const activeCustomers = zeros();
  // payments by the month they fall in: up to 3 months of delay past the horizon
  const paid = () => new Float64Array(H + 5);
  const cashIn = paid();
  const cashVendor = paid();
  const cashCommissions = paid();
  const cashInfra = paid();
  /** Ranks taken by a line's older cohorts in each month (graduated white-label volume). */
  const rankOffset = zeros();
  /** One customer's PAYG figures of the line being priced, by month. */
  const payg = paygMonthsBuffers(H);

  const customers: QuoteCustomer[] = [];
  const warnings: QuoteIssue[] = [];
  const minMargin = parsePct(scenario.pricing.minMarginPct);
  /** Exact: a number while it fits in 2^53, a BigInt past that (ADR 005). */
  let committedAfterHorizon: Exact = 0;

  /** The last recurring month priced (not a first month): a cache of pure results. */
  const repeat = { plan: null as LinePlan | null, cost: 0, revenue: 0, partner: 0, distributor: 0 };
  /** Running totals of the line being priced. */
  const line = { revenue: 0, cost: 0, commissions: 0 };
  /** What went into the line's sums, for `assertExact`. */
  const lineSize: Magnitudes = { revenue: 0, outgoing: 0, revenueSum: 0, outgoingSum: 0 };
  /** What went into the quote's sums. */
  const quoteSize: Magnitudes = { revenue: 0, outgoing: 0, revenueSum: 0, outgoingSum: 0 };

  /**
   * Adds `copies` identical customers of line `p` in month `m`: the cost,
   * revenue and commissions of one customer, each rounded once, then × copies
   * (§5 steps 3–6), and the payments they make (§8): the revenue and commissions paid with the
   * customer invoice of `customerInvoice`, the license with the vendor invoice of
   * `vendorInvoice`, app fees with the vendor invoice of their own month. Declared once per
   * quote, not per month: it is the hot path.
   */
  function addCopies(
    p: LinePlan,
    m: number,
    license: number,
    payg: boolean,
    first: boolean,
    copies: number,
    appsRecurring: number,
    appsSetup: number,
    customerInvoice: number,
    vendorInvoice: number,
  ): void {
    const costRecurring = license + appsRecurring;
    const costOneOff = first ? appsSetup : 0;
    let revRecurring: number;
    let revOneOff = 0;
    let pc: number;
    let dc: number;
    if (!first && repeat.plan === p && repeat.cost === costRecurring) {
      // most months repeat the previous month's cost: same revenue and commissions
      revRecurring = repeat.revenue;
      pc = repeat.partner;
      dc = repeat.distributor;
    } else {
      // recurring and one-off revenue rounded each on its own; commissions on their sum
      revRecurring = revenueOf(p, costRecurring);
      if (first) revOneOff = oneOffRevenueOf(p, costOneOff);
      const total = revRecurring + revOneOff;
      pc = p.partnerPct === 0 ? 0 : mulDivRound(total, p.partnerPct, PCT_ONE);
      dc = p.distributorPct === 0 ? 0 : mulDivRound(total, p.distributorPct, PCT_ONE);
      if (!first) {
        repeat.plan = p;
        repeat.cost = costRecurring;
        repeat.revenue = revRecurring;
        repeat.partner = pc;
        repeat.distributor = dc;
      }
    }
    const rev = (revRecurring + revOneOff) * copies;
    const licenseAll = license * copies;
    const appsAll = (appsRecurring + costOneOff) * copies;
    const commissionsAll = (pc + dc) * copies;
    revenue[m]! += rev;
    recurringRevenue[m]! += revRecurring * copies;
    oneOffRevenue[m]! += revOneOff * copies;
    if (payg) costPayg[m]! += licenseAll;
    else costFixed[m]! += licenseAll;
    costApps[m]! += appsAll;
    partnerCommission[m]! += pc * copies;
    distributorCommission[m]! += dc * copies;
    cashIn[customerInvoice + customerDelay]! += rev;
    cashCommissions[customerInvoice + customerDelay]! += commissionsAll;
    cashVendor[vendorInvoice + vendorDelay]! += licenseAll;
    cashVendor[m + vendorDelay]! += appsAll;
    line.revenue += rev;
    line.cost += licenseAll + appsAll;
    line.commissions += commissionsAll;
    if (tracing !== null) {
      const trace = tracing[p.index];
      if (trace) {
        trace.revenue[m]! += rev;
        trace.recurringRevenue[m]! += revRecurring * copies;
        trace.oneOffRevenue[m]! += revOneOff * copies;
        trace.cost[m]! += licenseAll + appsAll;
        trace.commissions[m]! += commissionsAll;
        trace.partnerCommissions[m]! += pc * copies;
        trace.distributorCommissions[m]! += dc * copies;
        trace.active[m] = 1;
        trace.customers[m]! += copies;
        trace.invoices[customerInvoice]! += rev;
        if (trace.invoiceCoversTo[customerInvoice]! < m) trace.invoiceCoversTo[customerInvoice] = m;
      }
    }
    lineSize.revenue += (Math.abs(revRecurring) + Math.abs(revOneOff)) * copies;
    lineSize.outgoing +=
      (Math.abs(license) +
        Math.abs(appsRecurring) +
        Math.abs(costOneOff) +
        Math.abs(pc) +
        Math.abs(dc)) *
      copies;
  }

  function priceLine(p: LinePlan): void {
    line.revenue = 0;
    line.cost = 0;
    line.commissions = 0;
    lineSize.revenue = 0;
    lineSize.outgoing = 0;
    const firstRank = ranks.firstRank.get(p);
    const { plain, whiteLabel } = p.apps;
    const w = p.whiteLabelPerCopy;
    const T = p.fixedTermMonths;
    const manyCohorts = p.cohorts.length > 1;
    if (firstRank && manyCohorts) rankOffset.fill(0);
    if (p.paygUntil >= p.start) fillPaygMonths(t, p, calendar, payg);

    for (const cohort of p.cohorts) {
      // a fixed-term line's cohort counts its terms from its own start; a converted line's from
      // `atMonth` (§8)
      const origin = p.line.license.model === 'fixed-term' ? cohort.start : p.fixedFrom;
      const terms = cohort.terms;
      const lastTerm = terms.length / 3 - 1;
      for (let m = cohort.start; m <= cohort.end; m++) {
        const n = cohort.sizes === null ? cohort.size : cohort.sizes[m]!;
        if (n === 0) continue;
        const first = m === cohort.start;
        const isPayg = m <= p.paygUntil;
        let license: number;
        let customerInvoice = m;
        let vendorInvoice = m;
        if (isPayg) {
          license = payg.license[m]!;
          demandMbps[m]! += payg.mbps[m]! * n;
          demandVServices[m]! += payg.vServices[m]! * n;
        } else {
          const term = Math.floor((m - origin) / T);
          const k = term < lastTerm ? term : lastTerm;
          license = terms[3 * k]!;
          demandMbps[m]! += terms[3 * k + 1]! * n;
          demandVServices[m]! += terms[3 * k + 2]! * n;
          const termStart = origin + term * T;
          customerInvoice = invoiceMonth(p.customerBilling, termStart, m);
          vendorInvoice = invoiceMonth(vendorBilling, termStart, m);
        }
        activeCustomers[m]! += n;

        if (!firstRank) {
          addCopies(
            p,
            m,
            license,
            isPayg,
            first,
            n,
            plain.recurring,
            plain.setup,
            customerInvoice,
            vendorInvoice,
          );
        } else if (volume.mode === 'volume') {
          const wl = whiteLabelAt(t, whiteLabel, 0, ranks.total[m]!);
          addCopies(
            p,
            m,
            license,
            isPayg,
            first,
            n,
            plain.recurring + wl.recurring,
            plain.setup + wl.setup,
            customerInvoice,
            vendorInvoice,
          );
        } else {
          // graduated: copies whose instances all fall in one tier are identical; a copy that
          // straddles a tier boundary is priced on its own. The line's older cohorts take the
          // ranks before this one's (§7: oldest first, copy by copy).
          const base = firstRank[m]! + (manyCohorts ? rankOffset[m]! : 0);
          let copy = 0;
          while (copy < n) {
            const rank = base + copy * w;
            const tier = volume.tiers[volumeTierIndex(t, rank)]!;
            const fit = tier.upTo === null ? n - copy : Math.floor((tier.upTo - rank + 1) / w);
            const copies = Math.max(1, Math.min(fit, n - copy));
            const wl = whiteLabelAt(t, whiteLabel, rank, 0);
            addCopies(
              p,
              m,
              license,
              isPayg,
              first,
              copies,
              plain.recurring + wl.recurring,
              plain.setup + wl.setup,
              customerInvoice,
              vendorInvoice,
            );
            copy += copies;
          }
          if (manyCohorts) rankOffset[m]! += n * w;
        }
      }

      // license committed after the horizon: what is left of the term in force in the last month
      if (cohort.end === H && H > p.paygUntil && T > 0) {
        const n = cohort.sizes === null ? cohort.size : cohort.sizes[H]!;
        const term = Math.floor((H - origin) / T);
        const left = T - 1 - ((H - origin) % T);
        if (left > 0 && n > 0) {
          const license = terms[3 * (term < lastTerm ? term : lastTerm)]!;
          committedAfterHorizon = addExact(
            committedAfterHorizon,
            mulExact(mulExact(left, license), n),
          );
        }
      }
    }

    lineSize.revenueSum = line.revenue;
    lineSize.outgoingSum = line.cost + line.commissions;
    assertExact(lineSize);
    quoteSize.revenue += lineSize.revenue;
    quoteSize.outgoing += lineSize.outgoing;
    const margin = line.revenue - line.cost - line.commissions;
    const marginPct = line.revenue === 0 ? null : percentOf(margin, line.revenue);
    // reported (2-decimal) margin % below the minimum (Pct4): compare hundredths × 100
    const below =
      marginPct !== null &&
      (typeof marginPct === 'number' && Math.abs(marginPct) < 1e13
        ? marginPct * 100 < minMargin
        : BigInt(marginPct) * 100n < BigInt(minMargin));
    if (below) {
      warnings.push({
        level: 'warning',
        code: 'below-min-margin',
        path: `customers[${p.index}]`,
        message: `Line '${p.line.id}' margin ${formatScaled(marginPct, 2)} % is below the minimum ${scenario.pricing.minMarginPct} %.`,
      });
    }
    if (line.revenue === 0 && line.cost !== 0) {
      warnings.push({
        level: 'warning',
        code: 'no-revenue',
        path: `customers[${p.index}].sell`,
        message: `Line '${p.line.id}' earns nothing over the plan while it costs ${money(line.cost)} ${t.currency}; set its sell price.`,
      });
    }
    const license = p.line.license;
    let advice: PaygAdvice | null = null;
    if (license.model === 'payg' && license.convertTo === null && !p.changing) {
      let paygLicenseSum = 0; // one customer
      let hoursSum = 0;
      for (let m = p.start; m <= p.end; m++) {
        paygLicenseSum += payg.license[m]!;
        hoursSum += payg.hours[m]!;
      }
      advice = paygAdvice(t, p, paygLicenseSum, hoursSum);
    }
    customers.push({
      id: p.line.id,
      count: p.count,
      activeFinal: customersIn(p, H),
      totals: {
        revenue: money(line.revenue),
        cost: money(line.cost),
        commissions: money(line.commissions),
        margin: money(margin),
        marginPct: marginPct === null ? null : formatScaled(marginPct, 2),
      },
      belowMinMargin: below,
      advice,
    });
  }

  for (const p of plans) {
    try {
      priceLine(p);
    } catch (e) {
      throw located(e, `customers[${p.index}]`, `Line '${p.line.id}'`);
    }
  }

  // --- sizing and platform amounts: cost with no revenue ---
  let peakMbps = 0;
  let peakVServices = 0;
  for (let m = 1; m <= H; m++) {
    peakMbps = Math.max(peakMbps, demandMbps[m]!);
    peakVServices = Math.max(peakVServices, demandVServices[m]!);
  }
  const sizing = locate('platform.appliance', 'The appliances', () =>
    sizePlatform(scenario, t, peakMbps, peakVServices),
  );
  if (sizing.warning) warnings.unshift(sizing.warning);
  const infra = microsToMinor(parseMicros(scenario.platform.infraCostMonthly), t.minorDigits);
  locate('mainApps', 'The main apps', () => {
    for (let m = 1; m <= H; m++) {
      const wl = whiteLabelAt(t, main.whiteLabel, 1, ranks.total[m]!);
      // the vendor's invoices (main apps, appliances, support) are paid after the vendor's
      // delay; the MSP's own infrastructure in its month (§8)
      const vendor = [main.plain.recurring, wl.recurring];
      platformParts.mainApps[m]! += main.plain.recurring + wl.recurring;
      if (m === 1) {
        vendor.push(sizing.appliancesCost, main.plain.setup, wl.setup);
        platformParts.appliances[m]! += sizing.appliancesCost;
        platformParts.mainApps[m]! += main.plain.setup + wl.setup;
      }
      if (m % 12 === 1) {
        vendor.push(sizing.supportCost);
        platformParts.support[m]! += sizing.supportCost;
      }
      for (const a of vendor) {
        costPlatform[m]! += a;
        cashVendor[m + vendorDelay]! += a;
        quoteSize.outgoing += Math.abs(a);
      }
      platformParts.infrastructure[m]! += infra;
      costPlatform[m]! += infra;
      cashInfra[m]! += infra;
      quoteSize.outgoing += Math.abs(infra);
    }
  });

  // --- months and totals ---
  const sum = { revenue: 0, cost: 0, commissions: 0, oneOff: 0 };
  const monthCost = (m: number) => costFixed[m]! + costPayg[m]! + costApps[m]! + costPlatform[m]!;
  const monthCommissions = (m: number) => partnerCommission[m]! + distributorCommission[m]!;
  for (let m = 1; m <= H; m++) {
    sum.revenue += revenue[m]!;
    sum.cost += monthCost(m);
    sum.commissions += monthCommissions(m);
    sum.oneOff += oneOffRevenue[m]!;
  }
  quoteSize.revenueSum = sum.revenue;
  quoteSize.outgoingSum = sum.cost + sum.commissions;
  locate('customers', 'The scenario', () => assertExact(quoteSize));

  const months: QuoteMonth[] = [];
  let cumulative = 0;
  let lastNegative = 0;
  const cash = { in: 0, out: 0, cumulative: 0, lowest: 0, lastNegative: 0 };
  for (let m = 1; m <= H; m++) {
    const margin = revenue[m]! - monthCost(m) - monthCommissions(m);
    cumulative += margin;
    if (cumulative < 0) lastNegative = m;
    const net = cashIn[m]! - cashVendor[m]! - cashCommissions[m]! - cashInfra[m]!;
    cash.in += cashIn[m]!;
    cash.out += cashVendor[m]! + cashCommissions[m]! + cashInfra[m]!;
    cash.cumulative += net;
    if (cash.cumulative < cash.lowest) cash.lowest = cash.cumulative;
    if (cash.cumulative < 0) cash.lastNegative = m;
    months.push({
      month: m,
      period: calendar[m - 1]!.period,
      revenue: money(revenue[m]!),
      recurringRevenue: money(recurringRevenue[m]!),
      cost: {
        fixedTerm: money(costFixed[m]!),
        payg: money(costPayg[m]!),
        apps: money(costApps[m]!),
        platform: money(costPlatform[m]!),
      },
      commissions: {
        partner: money(partnerCommission[m]!),
        distributor: money(distributorCommission[m]!),
      },
      margin: money(margin),
      cumulativeMargin: money(cumulative),
      demandMbps: demandMbps[m]!,
      customers: activeCustomers[m]!,
      cash: {
        in: money(cashIn[m]!),
        outVendor: money(cashVendor[m]!),
        outCommissions: money(cashCommissions[m]!),
        outInfra: money(cashInfra[m]!),
        net: money(net),
        cumulative: money(cash.cumulative),
      },
    });
  }
  let receivable = 0;
  let payable = 0;
  for (let m = H + 1; m < cashIn.length; m++) {
    receivable += cashIn[m]!;
    payable += cashVendor[m]! + cashCommissions[m]! + cashInfra[m]!;
  }
  const margin = sum.revenue - sum.cost - sum.commissions;
  const mrrFinal = recurringRevenue[H]!;
  const totals: QuoteTotals = {
    revenue: money(sum.revenue),
    cost: money(sum.cost),
    commissions: money(sum.commissions),
    margin: money(margin),
    marginPct: sum.revenue === 0 ? null : formatScaled(percentOf(margin, sum.revenue), 2),
    oneOff: money(sum.oneOff),
    mrrFinal: money(mrrFinal),
    arr: money(12n * BigInt(mrrFinal)),
    // the first month from which the cumulative margin stays ≥ 0
    breakEvenMonth: lastNegative >= H ? null : lastNegative + 1,
    licenseCommittedAfterHorizon: money(committedAfterHorizon),
    cash: {
      in: money(cash.in),
      out: money(cash.out),
      net: money(cash.in - cash.out),
      breakEvenMonth: cash.lastNegative >= H ? null : cash.lastNegative + 1,
      peakFunding: money(-cash.lowest),
      receivableAfterHorizon: money(receivable),
      payableAfterHorizon: money(payable),
    },
  };
  // every vendor payment is an invoice of months 1…H paid `vendorDelay` later (§8): shifted
  // back, the payments are the vendor's invoices by the month they are issued
  const vendorInvoices = Array.from({ length: H + 1 }, (_, m) =>
    m === 0 ? 0 : cashVendor[m + vendorDelay]!,
  );
  return {
    quote: { months, customers, platform: sizing.platform, totals },
    warnings,
    vendorInvoices,
    platformParts,
  };
}
