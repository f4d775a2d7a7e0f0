import { paygAdvice } from './advice';
import { amountOutOfRange, assertExact, locate, type Magnitudes } from './amount-range';
import { holderApps, rankWhiteLabel, volumeTierIndex, whiteLabelAt } from './apps';
import { monthsOf } from './calendar';
import { compileTable, type CompiledTable } from './compile-table';
import { createLinePlanner, type LinePlan } from './lines';
import {
  AmountRangeError,
  formatScaled,
  microsToMinor,
  mulDivRound,
  parseMicros,
  parsePct,
  PCT_ONE,
  percentOf,
} from './money';
import { sizePlatform } from './platform';
import { paygHoursIn, paygMonthly } from './prices';
import type {
  Quote,
  QuoteCustomer,
  QuoteIssue,
  QuoteMonth,
  QuoteOptions,
  QuoteTotals,
} from './quote-types';
import type { PriceTable } from './schema/price-table';
import type { Scenario } from './schema/scenario';
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
}

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
): { quote: Quote; traces: Map<number, LineTrace> } {
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
  if (errors.length > 0) return { quote: invalid(errors), traces };
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
      };
      tracing[index] = trace;
      traces.set(index, trace);
    }
    const priced = price(scenario, t, traces.size > 0 ? tracing : null);
    return {
      quote: { ...header, ...priced.quote, issues: [...expired, ...priced.warnings] },
      traces,
    };
  } catch (e) {
    traces.clear();
    if (e instanceof AmountRangeError) return { quote: invalid([amountOutOfRange(e, t)]), traces };
    throw e;
  }
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

  const planLine = createLinePlanner(scenario, t);
  const plans = scenario.customers.map((line, index) =>
    locate(`customers[${index}]`, `Line '${line.id}'`, () => planLine(line, index)),
  );
  const main = locate('mainApps', 'The main apps', () => holderApps(t, scenario.mainApps));
  const ranks = rankWhiteLabel(plans, main.whiteLabelInstances, H);

  // --- month accumulators, minor units, index = month (0 unused) ---
  const zeros = () => new Array<number>(H + 1).fill(0);
  const revenue = zeros();
  const recurringRevenue = zeros();
  const oneOffRevenue = zeros();
  const costFixed = zeros();
  const costPayg = zeros();
  const costApps = zeros();
  const costPlatform = zeros();
  const partnerCommission = zeros();
  const distributorCommission = zeros();
  const demandMbps = zeros();
  const demandVServices = zeros();

  const customers: QuoteCustomer[] = [];
  const warnings: QuoteIssue[] = [];
  const minMargin = parsePct(scenario.pricing.minMarginPct);
  let committedAfterHorizon = 0n;

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
   * (§5 steps 3–6). Declared once per quote, not per month: it is the hot path.
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
      revRecurring = p.revenueOf(costRecurring);
      if (first) revOneOff = p.oneOffRevenueOf(costOneOff);
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
    const rev = revRecurring + revOneOff;
    revenue[m]! += rev * copies;
    recurringRevenue[m]! += revRecurring * copies;
    oneOffRevenue[m]! += revOneOff * copies;
    if (payg) costPayg[m]! += license * copies;
    else costFixed[m]! += license * copies;
    costApps[m]! += (appsRecurring + costOneOff) * copies;
    partnerCommission[m]! += pc * copies;
    distributorCommission[m]! += dc * copies;
    line.revenue += rev * copies;
    line.cost += (costRecurring + costOneOff) * copies;
    line.commissions += (pc + dc) * copies;
    if (tracing !== null) {
      const trace = tracing[p.index];
      if (trace) {
        trace.revenue[m]! += rev * copies;
        trace.recurringRevenue[m]! += revRecurring * copies;
        trace.oneOffRevenue[m]! += revOneOff * copies;
        trace.cost[m]! += (costRecurring + costOneOff) * copies;
        trace.commissions[m]! += (pc + dc) * copies;
        trace.partnerCommissions[m]! += pc * copies;
        trace.distributorCommissions[m]! += dc * copies;
        trace.active[m] = 1;
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
    let paygLicenseSum = 0; // one customer, for the advice
    let hoursSum = 0;
    const firstRank = ranks.firstRank.get(p);
    const { plain, whiteLabel } = p.apps;

    for (let m = p.start; m <= p.end; m++) {
      demandMbps[m]! += p.mbps * p.count;
      demandVServices[m]! += p.line.license.vServices * p.count;
      const first = m === p.start;
      const payg = m <= p.paygUntil;
      let license = p.fixedLicense;
      if (payg) {
        const hours = paygHoursIn(p.hours, calendar[m - 1]!);
        license = paygMonthly(t, hours, p.rate);
        paygLicenseSum += license;
        hoursSum += hours;
      }

      if (!firstRank) {
        addCopies(p, m, license, payg, first, p.count, plain.recurring, plain.setup);
      } else if (volume.mode === 'volume') {
        const wl = whiteLabelAt(t, whiteLabel, 0, ranks.total[m]!);
        addCopies(
          p,
          m,
          license,
          payg,
          first,
          p.count,
          plain.recurring + wl.recurring,
          plain.setup + wl.setup,
        );
      } else {
        // graduated: copies whose instances all fall in one tier are identical; a copy that
        // straddles a tier boundary is priced on its own
        const w = p.whiteLabelPerCopy;
        let copy = 0;
        while (copy < p.count) {
          const rank = firstRank[m]! + copy * w;
          const tier = volume.tiers[volumeTierIndex(t, rank)]!;
          const fit = tier.upTo === null ? p.count - copy : Math.floor((tier.upTo - rank + 1) / w);
          const copies = Math.max(1, Math.min(fit, p.count - copy));
          const wl = whiteLabelAt(t, whiteLabel, rank, 0);
          addCopies(
            p,
            m,
            license,
            payg,
            first,
            copies,
            plain.recurring + wl.recurring,
            plain.setup + wl.setup,
          );
          copy += copies;
        }
      }
    }

    // license committed after the horizon: what is left of the term in force in the last month
    if (p.fixedFrom > 0 && p.end === H) {
      const left = p.fixedTermMonths - 1 - ((H - p.fixedFrom) % p.fixedTermMonths);
      if (left > 0)
        committedAfterHorizon += BigInt(left) * BigInt(p.fixedLicense) * BigInt(p.count);
    }

    lineSize.revenueSum = line.revenue;
    lineSize.outgoingSum = line.cost + line.commissions;
    assertExact(lineSize);
    quoteSize.revenue += lineSize.revenue;
    quoteSize.outgoing += lineSize.outgoing;
    const margin = line.revenue - line.cost - line.commissions;
    const marginPct = line.revenue === 0 ? null : percentOf(margin, line.revenue);
    // reported (2-decimal) margin % below the minimum (Pct4): compare hundredths × 100
    const below = marginPct !== null && BigInt(marginPct) * 100n < BigInt(minMargin);
    if (below) {
      warnings.push({
        level: 'warning',
        code: 'below-min-margin',
        path: `customers[${p.index}]`,
        message: `Line '${p.line.id}' margin ${formatScaled(marginPct, 2)} % is below the minimum ${scenario.pricing.minMarginPct} %.`,
      });
    }
    customers.push({
      id: p.line.id,
      count: p.count,
      totals: {
        revenue: money(line.revenue),
        cost: money(line.cost),
        commissions: money(line.commissions),
        margin: money(margin),
        marginPct: marginPct === null ? null : formatScaled(marginPct, 2),
      },
      belowMinMargin: below,
      advice:
        p.line.license.model === 'payg' && p.line.license.convertTo === null
          ? paygAdvice(t, p, paygLicenseSum, hoursSum)
          : null,
    });
  }

  for (const p of plans) {
    locate(`customers[${p.index}]`, `Line '${p.line.id}'`, () => priceLine(p));
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
      const amounts = [infra, main.plain.recurring, wl.recurring];
      if (m === 1) amounts.push(sizing.appliancesCost, main.plain.setup, wl.setup);
      if (m % 12 === 1) amounts.push(sizing.supportCost);
      for (const a of amounts) {
        costPlatform[m]! += a;
        quoteSize.outgoing += Math.abs(a);
      }
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
  for (let m = 1; m <= H; m++) {
    const margin = revenue[m]! - monthCost(m) - monthCommissions(m);
    cumulative += margin;
    if (cumulative < 0) lastNegative = m;
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
    });
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
  };
  return { quote: { months, customers, platform: sizing.platform, totals }, warnings };
}
