/**
 * A customer line's plan (PRICING.md §4, §5 and §7): when it is active, in which phase (PAYG
 * until `paygUntil`, fixed-term from `fixedFrom`), its cohorts with their sizes and terms, its
 * license amounts, apps, sell mode, commission rates and billing, all worked out once before the
 * month loop.
 */
import { holderApps, type HolderApps } from './apps';
import type { MonthInfo } from './calendar';
import type { CompiledTable } from './compile-table';
import { type Exact, microsToMinor, mulDivRound, parseMicros, parsePct, PCT_ONE } from './money';
import { fixedTermMonthly, paygHourlyRate, paygHoursIn, paygMonthly } from './prices';
import type { BillingMode, CustomerLine, Scenario } from './schema/scenario';

/** Billing modes as small integers for the hot loop. */
export const MONTHLY = 0;
export const ANNUAL = 1;
export const UPFRONT = 2;
const MODE: Record<BillingMode, number> = { monthly: MONTHLY, annual: ANNUAL, upfront: UPFRONT };

/**
 * Customers of one line who started in the same month (§7), priced as a line of their own:
 * their own first month (setup fees, one-off sell) and their own terms.
 */
export interface Cohort {
  /** The cohort's first month. */
  readonly start: number;
  /** Its last active month (inclusive). */
  end: number;
  /** Its size while it does not change; `sizes` when it does. */
  readonly size: number;
  /** Size by month (index = month) for a cohort whose size changes; null when constant. */
  sizes: number[] | null;
  /**
   * Fixed-term phase: one customer's monthly license, Mbps and vServices for each term, three
   * numbers a term (term k at 3k, 3k + 1, 3k + 2; terms numbered from `LinePlan.fixedFrom`, or
   * from the cohort's start on a fixed-term line). One flat array: a line is one cohort most of
   * the time, and the planner allocates for every line of every quote.
   */
  readonly terms: number[];
}

export interface LinePlan {
  readonly line: CustomerLine;
  readonly index: number;
  /** The line's own `count`: its first cohort. */
  readonly count: number;
  readonly start: number;
  /** Last month the line can be active (inclusive); its cohorts end on their own. */
  readonly end: number;
  /** Months up to this one are PAYG; 0 when the line is never PAYG. */
  readonly paygUntil: number;
  /**
   * First month of the fixed-term phase of a converted line (its terms count from it), the
   * start of a fixed-term line; 0 when never fixed-term. A fixed-term line's cohorts count their
   * terms from their own starts.
   */
  readonly fixedFrom: number;
  readonly fixedTermMonths: number;
  /** Whether the line carries changes (§7): then advice is null. */
  readonly changing: boolean;
  /** Oldest first. */
  readonly cohorts: readonly Cohort[];
  /**
   * Customers active by month (index = month), all cohorts; null for a line of one cohort that
   * keeps its size (`count` customers from `start` to `end`): see `customersIn`.
   */
  readonly customers: number[] | null;
  /** The plan in force month by month, for a line with changes (§7); null without. */
  readonly plan: PlanInForce | null;
  /** PAYG: the line's own hours per calendar month (January first, hundredths, uncapped). */
  readonly hours: readonly number[];
  /** PAYG hourly rate including extra vServices (micros), of the line's own license. */
  readonly rate: Exact;
  /** The line's own Mbps and vServices. */
  readonly mbps: number;
  readonly vServices: number;
  /** The apps of one customer copy. */
  readonly apps: HolderApps;
  readonly whiteLabelPerCopy: number;
  /**
   * The sell rule (§5 step 4), as numbers rather than a closure per line: revenue =
   * round(cost × sellNumerator / sellDenominator), or, for a fixed price (`sellDenominator` 0),
   * `fixedMonthly` every month and `fixedOneOff` in a cohort's first month. See `revenueOf`.
   */
  readonly sellNumerator: number;
  readonly sellDenominator: number;
  readonly fixedMonthly: number;
  readonly fixedOneOff: number;
  /** Commission rates (Pct4). */
  readonly partnerPct: number;
  readonly distributorPct: number;
  /** How the line's fixed-term recurring revenue is invoiced (MONTHLY, ANNUAL, UPFRONT). */
  readonly customerBilling: number;
}

interface CommissionRates {
  readonly partner: number;
  readonly distributor: number;
}

const NO_COMMISSION: CommissionRates = { partner: 0, distributor: 0 };

type Channel = Scenario['channel'];

/** Where a partner's commission rate comes from (PRICING.md §5 step 5). */
export type CommissionSource = 'own' | 'distributor' | 'none';

/** A partner's commission rates as the engine takes them, as written in the scenario. */
export interface EffectiveCommission {
  /** The partner's rate, a decimal string; null when none is set (the engine takes 0). */
  readonly partnerPct: string | null;
  readonly source: CommissionSource;
  /** Its distributor, when it names one of the list; null otherwise. */
  readonly distributor: Channel['distributors'][number] | null;
  /** The distributor's own rate on the same revenue; null without one (the engine takes 0). */
  readonly distributorPct: string | null;
}

/**
 * A partner's rates, the one resolution the quote and the Channel step share: its own
 * `commissionPct`, else its distributor's `partnerCommissionPct`, else none; and its
 * distributor's `commissionPct` (none without a distributor).
 */
export function effectiveCommission(
  partner: Pick<Channel['partners'][number], 'distributorId' | 'commissionPct'>,
  distributors: readonly Channel['distributors'][number][],
): EffectiveCommission {
  const distributor =
    partner.distributorId === null
      ? null
      : (distributors.find((d) => d.id === partner.distributorId) ?? null);
  const distributorPct = distributor?.commissionPct ?? null;
  if (partner.commissionPct !== null) {
    return { partnerPct: partner.commissionPct, source: 'own', distributor, distributorPct };
  }
  if (distributor !== null && distributor.partnerCommissionPct !== null) {
    return {
      partnerPct: distributor.partnerCommissionPct,
      source: 'distributor',
      distributor,
      distributorPct,
    };
  }
  return { partnerPct: null, source: 'none', distributor, distributorPct };
}

/** Each partner's rates (Pct4), by `effectiveCommission`; 0 where none is set. */
function commissionRates(scenario: Scenario): Map<string, CommissionRates> {
  const { partners, distributors } = scenario.channel;
  return new Map(
    partners.map((partner) => {
      const rates = effectiveCommission(partner, distributors);
      return [
        partner.id,
        {
          partner: rates.partnerPct === null ? 0 : parsePct(rates.partnerPct),
          distributor: rates.distributorPct === null ? 0 : parsePct(rates.distributorPct),
        },
      ];
    }),
  );
}

/** Sell modes (§5 step 4): markup, margin, or fixed amounts per customer. */
function revenueRules(
  t: CompiledTable,
  line: CustomerLine,
  defaultMarkup: number,
): Pick<LinePlan, 'sellNumerator' | 'sellDenominator' | 'fixedMonthly' | 'fixedOneOff'> {
  const sell = line.sell;
  if (sell === null || sell.mode === 'markup') {
    const pct = sell === null ? defaultMarkup : parsePct(sell.pct);
    // cost × (1 + pct/100)
    return {
      sellNumerator: PCT_ONE + pct,
      sellDenominator: PCT_ONE,
      fixedMonthly: 0,
      fixedOneOff: 0,
    };
  }
  if (sell.mode === 'margin') {
    // cost × 100/(100 − pct)
    const pct = parsePct(sell.pct);
    return {
      sellNumerator: PCT_ONE,
      sellDenominator: PCT_ONE - pct,
      fixedMonthly: 0,
      fixedOneOff: 0,
    };
  }
  return {
    sellNumerator: 0,
    sellDenominator: 0,
    fixedMonthly: microsToMinor(parseMicros(sell.monthly), t.minorDigits),
    fixedOneOff: microsToMinor(parseMicros(sell.oneOff), t.minorDigits),
  };
}

/** Recurring revenue of one customer from its recurring cost (minor units, rounded once). */
export function revenueOf(p: LinePlan, cost: number): number {
  return p.sellDenominator === 0
    ? p.fixedMonthly
    : mulDivRound(cost, p.sellNumerator, p.sellDenominator);
}

/** One-off revenue of one customer in its cohort's first month from its one-off cost. */
export function oneOffRevenueOf(p: LinePlan, cost: number): number {
  return p.sellDenominator === 0
    ? p.fixedOneOff
    : mulDivRound(cost, p.sellNumerator, p.sellDenominator);
}

/** Flat profiles by hours, shared: most PAYG lines have one figure for every month. */
const flatProfiles = new Map<number, readonly number[]>();

/** Hours per calendar month (January first) in hundredths, before the days-in-month cap. */
function hoursProfile(h: number | readonly number[]): readonly number[] {
  if (typeof h !== 'number') return h.map((x) => Math.round(x * 100));
  let flat = flatProfiles.get(h);
  if (flat === undefined) {
    flat = Object.freeze(Array<number>(12).fill(Math.round(h * 100)));
    if (flatProfiles.size < 10_000) flatProfiles.set(h, flat);
  }
  return flat;
}

/** The capacity a plan sets: what a fixed-term license and the sizing read. */
interface Capacity {
  bandwidth: string;
  bundle: string;
  vServices: number;
}

/**
 * The plan in force month by month (§7): the line's own fields overridden, field by field, by
 * every change with `fromMonth ≤ m`, in order. Index = month, from the line's start to `last`.
 */
export interface PlanInForce {
  readonly count: number[];
  /** 1 in the months a change sets `count` (even to the count already in force). */
  readonly setsCount: number[];
  readonly capacity: Capacity[];
  readonly hours: (readonly number[])[];
}

function planInForce(line: CustomerLine, last: number): PlanInForce {
  // plain arrays: a typed array costs more to allocate than these few months are worth
  const count = new Array<number>(last + 1).fill(0);
  const setsCount = new Array<number>(last + 1).fill(0);
  const capacity: Capacity[] = [];
  const hours: (readonly number[])[] = [];
  const { license } = line;
  let now: Capacity = {
    bandwidth: license.bandwidth,
    bundle: license.bundle,
    vServices: license.vServices,
  };
  let n = line.count;
  let profile = hoursProfile(license.model === 'payg' ? license.hoursPerMonth : 0);
  const changes = line.changes ?? [];
  let next = 0;
  for (let m = line.startMonth; m <= last; m++) {
    // fromMonth ascends strictly (validated), so at most one change starts in a month
    while (next < changes.length && changes[next]!.fromMonth <= m) {
      const change = changes[next++]!;
      if (change.count !== undefined) {
        n = change.count;
        if (change.fromMonth === m) setsCount[m] = 1;
      }
      if (
        change.bandwidth !== undefined ||
        change.bundle !== undefined ||
        change.vServices !== undefined
      ) {
        now = {
          bandwidth: change.bandwidth ?? now.bandwidth,
          bundle: change.bundle ?? now.bundle,
          vServices: change.vServices ?? now.vServices,
        };
      }
      if (change.hoursPerMonth !== undefined) profile = hoursProfile(change.hoursPerMonth);
    }
    count[m] = n;
    capacity[m] = now;
    hours[m] = profile;
  }
  return { count, setsCount, capacity, hours };
}

/** A planner for the customer lines of a scenario that has no errors. */
export function createLinePlanner(
  scenario: Scenario,
  t: CompiledTable,
): (line: CustomerLine, index: number) => LinePlan {
  const H = scenario.horizonMonths;
  const rates = commissionRates(scenario);
  const defaultMarkup = parsePct(scenario.pricing.defaultMarkupPct);
  const scenarioBilling = MODE[scenario.billing?.customers?.fixedTerm ?? 'monthly'];

  return (line, index) => {
    const { license } = line;
    const start = line.startMonth;
    const changing = (line.changes?.length ?? 0) > 0;
    let end = H;
    let paygUntil = 0;
    let fixedFrom = 0;
    let fixedTermMonths = 0;
    let rate: Exact = 0;
    let hours: readonly number[] = NO_HOURS;
    if (license.model === 'fixed-term') {
      fixedFrom = start;
      fixedTermMonths = license.termMonths;
      if (!license.renew && !changing) end = Math.min(H, start + license.termMonths - 1);
    } else {
      rate = paygHourlyRate(t, license);
      hours = hoursProfile(license.hoursPerMonth);
      if (license.convertTo) {
        // PAYG until atMonth − 1, then fixed-term from atMonth, renewing
        paygUntil = license.convertTo.atMonth - 1;
        fixedFrom = license.convertTo.atMonth;
        fixedTermMonths = license.convertTo.termMonths;
      } else {
        end = line.endMonth ?? H;
        paygUntil = end;
      }
    }
    const plan = changing ? planInForce(line, end) : null;
    let customers: number[] | null = null;
    let cohorts: Cohort[];
    if (plan === null) {
      // one cohort: the line of §5
      cohorts = [
        newCohort(t, fixedTermMonths, start, end, line.count, fixedFrom > 0 ? license : null),
      ];
    } else {
      customers = new Array<number>(H + 1).fill(0);
      cohorts =
        license.model === 'payg'
          ? paygCohorts(t, plan, start, end, customers)
          : fixedCohorts(t, plan, start, H, license, customers);
    }

    const channel = line.partnerId === null ? NO_COMMISSION : rates.get(line.partnerId)!;
    const apps = holderApps(t, line.apps);
    const sell = revenueRules(t, line, defaultMarkup);
    return {
      line,
      index,
      count: line.count,
      start,
      end,
      paygUntil,
      fixedFrom,
      fixedTermMonths,
      changing,
      cohorts,
      customers,
      plan,
      hours,
      rate,
      mbps: t.bandwidthMbps.get(license.bandwidth)!,
      vServices: license.vServices,
      apps,
      whiteLabelPerCopy: apps.whiteLabelInstances,
      sellNumerator: sell.sellNumerator,
      sellDenominator: sell.sellDenominator,
      fixedMonthly: sell.fixedMonthly,
      fixedOneOff: sell.fixedOneOff,
      partnerPct: channel.partner,
      distributorPct: channel.distributor,
      customerBilling: line.billing === undefined ? scenarioBilling : MODE[line.billing],
    };
  };
}

const NO_HOURS: readonly number[] = [];
/** The terms of a PAYG cohort: none (never pushed to: a PAYG cohort has no fixed-term phase). */
const NO_TERMS: number[] = [];

/** A new cohort; with a capacity, its first term's license, Mbps and vServices. */
function newCohort(
  t: CompiledTable,
  termMonths: number,
  from: number,
  end: number,
  size: number,
  capacity: Capacity | null,
): Cohort {
  const cohort: Cohort = {
    start: from,
    end,
    size,
    sizes: null,
    terms: capacity === null ? NO_TERMS : [],
  };
  if (capacity !== null) addTerm(t, termMonths, cohort, capacity);
  return cohort;
}

/** A cohort's next term at `capacity`. */
function addTerm(t: CompiledTable, termMonths: number, cohort: Cohort, capacity: Capacity): void {
  cohort.terms.push(
    fixedTermMonthly(t, capacity, termMonths),
    t.bandwidthMbps.get(capacity.bandwidth)!,
    capacity.vServices,
  );
}

/** A line's customers in month m, all cohorts. */
export function customersIn(p: LinePlan, m: number): number {
  if (p.customers !== null) return p.customers[m] ?? 0;
  return m >= p.start && m <= p.end ? p.count : 0;
}

/** Where `fillPaygMonths` writes one customer's PAYG figures, by month (index = month). */
export interface PaygMonths {
  readonly license: Float64Array;
  /** Hundredths of hours, capped to the month. */
  readonly hours: Float64Array;
  readonly mbps: Float64Array;
  readonly vServices: Float64Array;
}

/** Buffers for `fillPaygMonths` over a horizon of H months, reused line after line. */
export function paygMonthsBuffers(H: number): PaygMonths {
  return {
    license: new Float64Array(H + 1),
    hours: new Float64Array(H + 1),
    mbps: new Float64Array(H + 1),
    vServices: new Float64Array(H + 1),
  };
}

/**
 * One customer's PAYG license, hours, Mbps and vServices in each PAYG month of line `p`
 * (`start … paygUntil`), from the plan in force (§7: capacity and hours apply to every customer
 * of the line at once).
 */
export function fillPaygMonths(
  t: CompiledTable,
  p: LinePlan,
  calendar: readonly MonthInfo[],
  out: PaygMonths,
): void {
  const plan = p.plan;
  let capacity: Capacity | null = null;
  let rate = p.rate;
  let mbps = p.mbps;
  let vServices = p.vServices;
  let lastHours = -1;
  let lastRate: Exact = -1;
  let lastLicense = 0;
  for (let m = p.start; m <= p.paygUntil; m++) {
    let profile = p.hours;
    if (plan !== null) {
      if (plan.capacity[m] !== capacity) {
        capacity = plan.capacity[m]!;
        rate = paygHourlyRate(t, capacity);
        mbps = t.bandwidthMbps.get(capacity.bandwidth)!;
        vServices = capacity.vServices;
      }
      profile = plan.hours[m]!;
    }
    const hours = paygHoursIn(profile, calendar[m - 1]!);
    out.hours[m] = hours;
    // a flat profile below every month's cap gives the same hours month after month: one
    // rounding per distinct (hours, rate), the same result
    if (hours !== lastHours || rate !== lastRate) {
      lastLicense = paygMonthly(t, hours, rate);
      lastHours = hours;
      lastRate = rate;
    }
    out.license[m] = lastLicense;
    out.mbps[m] = mbps;
    out.vServices[m] = vServices;
  }
}

/**
 * PAYG cohorts (§7): the count in force is the line's customers; a rise from c to c′ starts a
 * cohort of c′ − c, a fall of d takes d customers away at the start of the month, newest
 * cohorts first.
 */
function paygCohorts(
  t: CompiledTable,
  plan: PlanInForce,
  start: number,
  end: number,
  customers: number[],
): Cohort[] {
  const cohorts: Cohort[] = [];
  const size: number[] = [];
  for (let m = start; m <= end; m++) {
    const wanted = plan.count[m]!;
    const before = m === start ? 0 : plan.count[m - 1]!;
    if (wanted > before) {
      cohorts.push(newCohort(t, 0, m, end, wanted - before, null));
      size.push(wanted - before);
    } else if (wanted < before) {
      let leave = before - wanted;
      for (let k = cohorts.length - 1; k >= 0 && leave > 0; k--) {
        const gone = Math.min(size[k]!, leave);
        if (gone === 0) continue;
        size[k]! -= gone;
        leave -= gone;
        if (size[k] === 0) cohorts[k]!.end = m - 1;
      }
    }
    record(cohorts, size, m, end, customers);
  }
  return cohorts;
}

/**
 * Fixed-term cohorts (§7), month by month in the contract's order: 1. term ends (customers
 * above the count in force leave at a renewal, oldest cohorts first; `renew: false` cohorts
 * end), 2. growth (a month that sets `count` above the committed customers starts a cohort),
 * 3. capacity (a term takes the plan in force in its first month).
 */
function fixedCohorts(
  t: CompiledTable,
  plan: PlanInForce,
  start: number,
  H: number,
  { termMonths, renew }: { termMonths: number; renew: boolean },
  customers: number[],
): Cohort[] {
  const cohorts: Cohort[] = [];
  const size: number[] = [];
  for (let m = start; m <= H; m++) {
    if (m > start) {
      // 1. term ends
      let committed = 0;
      for (const s of size) committed += s;
      let excess = Math.max(0, committed - plan.count[m]!);
      for (let k = 0; k < cohorts.length; k++) {
        const cohort = cohorts[k]!;
        if (size[k] === 0 || (m - cohort.start) % termMonths !== 0) continue;
        if (!renew) {
          size[k] = 0;
          cohort.end = m - 1;
          continue;
        }
        const gone = Math.min(size[k]!, excess);
        excess -= gone;
        size[k]! -= gone;
        if (size[k] === 0) {
          cohort.end = m - 1;
          continue;
        }
        // 3. capacity: the renewed term takes the plan in force now
        addTerm(t, termMonths, cohort, plan.capacity[m]!);
      }
    }
    // 2. growth
    if (m === start) {
      cohorts.push(newCohort(t, termMonths, m, H, plan.count[m]!, plan.capacity[m]!));
      size.push(plan.count[m]!);
    } else if (plan.setsCount[m] === 1) {
      let committed = 0;
      for (const s of size) committed += s;
      if (plan.count[m]! > committed) {
        cohorts.push(newCohort(t, termMonths, m, H, plan.count[m]! - committed, plan.capacity[m]!));
        size.push(plan.count[m]! - committed);
      }
    }
    record(cohorts, size, m, H, customers);
  }
  return cohorts;
}

/** Writes month m's cohort sizes (a cohort whose size changed gets its `sizes` by month). */
function record(
  cohorts: Cohort[],
  size: number[],
  m: number,
  last: number,
  customers: number[],
): void {
  let total = 0;
  for (let k = 0; k < cohorts.length; k++) {
    const cohort = cohorts[k]!;
    const n = size[k]!;
    if (n === 0 || cohort.end < m) continue;
    total += n;
    if (cohort.sizes === null && n !== cohort.size) {
      cohort.sizes = new Array<number>(last + 1).fill(0);
      for (let i = cohort.start; i < m; i++) cohort.sizes[i] = cohort.size;
    }
    if (cohort.sizes !== null) cohort.sizes[m] = n;
  }
  customers[m] = total;
}

/** A cohort's size in month m (0 outside its months). */
export function cohortSize(cohort: Cohort, m: number): number {
  if (m < cohort.start || m > cohort.end) return 0;
  return cohort.sizes === null ? cohort.size : cohort.sizes[m]!;
}
