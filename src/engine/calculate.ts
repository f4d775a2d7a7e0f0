import { monthsOf } from './calendar';
import { compileTable, type CompiledApp, type CompiledTable, WHITE_LABEL } from './compile-table';
import {
  addExact,
  AmountRangeError,
  ceilDiv,
  type Exact,
  mulCeilDiv,
  mulExact,
  toSafe,
  formatScaled,
  MICROS,
  microsToMinor,
  mulDivRound,
  parseMicros,
  parsePct,
  PCT_ONE,
  roundDiv,
} from './money';
import type {
  PaygAdvice,
  Quote,
  QuoteCustomer,
  QuoteIssue,
  QuoteMonth,
  QuoteOptions,
  QuotePlatform,
  QuoteTotals,
} from './quote-types';
import type { PriceTable } from './schema/price-table';
import type { AppEntry, CustomerLine, Scenario } from './schema/scenario';
import { tieredMicros } from './tiered';
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
  const errors = findErrors(scenario, t);
  if (errors.length > 0) {
    return {
      ...header,
      months: [],
      customers: [],
      platform: null,
      totals: null,
      issues: [...errors, ...expired],
    };
  }
  let priced: ReturnType<typeof price>;
  try {
    priced = price(scenario, t);
  } catch (e) {
    if (!(e instanceof AmountRangeError)) throw e;
    const path = e instanceof LocatedAmountError ? e.path : 'customers';
    const who = e instanceof LocatedAmountError ? e.who : 'The scenario';
    const tooLarge: QuoteIssue = {
      level: 'error',
      code: 'amount-out-of-range',
      path,
      message: `${who} adds up to more than ${formatScaled(MAX_SAFE, t.minorDigits)} ${t.currency}, beyond what can be priced exactly; lower the counts or prices.`,
    };
    return {
      ...header,
      months: [],
      customers: [],
      platform: null,
      totals: null,
      issues: [tooLarge, ...expired],
    };
  }
  return {
    ...header,
    months: priced.months,
    customers: priced.customers,
    platform: priced.platform,
    totals: priced.totals,
    issues: [...expired, ...priced.warnings],
  };
}

/** Per-instance app amounts in minor units, each rounded once. */
interface AppAmounts {
  readonly setup: number;
  readonly recurring: number;
}

/** A standalone white-label app entry of a line: its instances take the volume discount. */
interface WhiteLabelEntry {
  readonly count: number;
  readonly amountsAt: (discountPct: number) => AppAmounts;
}

interface LinePlan {
  readonly line: CustomerLine;
  readonly index: number;
  readonly count: number;
  readonly start: number;
  /** Last active month (inclusive). */
  readonly end: number;
  /** Months up to this one are PAYG; 0 when the line is never PAYG. */
  readonly paygUntil: number;
  /** First month of the fixed-term phase, and its term; 0 when never fixed-term. */
  readonly fixedFrom: number;
  readonly fixedTermMonths: number;
  /** Fixed-term monthly license of one customer (minor units). */
  readonly fixedLicense: number;
  /** PAYG hourly rate including extra vServices (micros). */
  readonly rate: Exact;
  /** Hours per calendar month in hundredths, before the days-in-month cap. */
  readonly hours: readonly number[];
  /** Apps that take no volume discount, per customer copy. */
  readonly plain: AppAmounts;
  readonly whiteLabel: readonly WhiteLabelEntry[];
  /** Standalone white-label instances per customer copy. */
  readonly whiteLabelPerCopy: number;
  readonly revenueOf: (cost: number) => number;
  readonly oneOffRevenueOf: (cost: number) => number;
  readonly partnerPct: number;
  readonly distributorPct: number;
  readonly mbps: number;
}

const NO_COMMISSION = { partner: 0, distributor: 0 } as const;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** An amount past 2^53 minor units, located at the part of the scenario that produced it. */
class LocatedAmountError extends AmountRangeError {
  constructor(
    readonly path: string,
    readonly who: string,
  ) {
    super(`${who} adds up to more than can be priced exactly`);
  }
}

/** Runs `work`; an amount out of range inside it is attributed to `path`. */
function locate<T>(path: string, who: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof AmountRangeError && !(e instanceof LocatedAmountError)) {
      throw new LocatedAmountError(path, who);
    }
    throw e;
  }
}

function price(scenario: Scenario, t: CompiledTable) {
  const H = scenario.horizonMonths;
  const calendar = monthsOf(scenario.startPeriod, H);
  const md = t.minorDigits;
  /** micros × Pct4 fraction → minor units: divide by 10^6 × 10^(6 − md). */
  const discountDen = MICROS * 10 ** (6 - md);
  const hoursDen = 10 ** (8 - md);
  const money = (v: number | bigint) => formatScaled(v, md);

  const discounted = (micros: Exact, pct: number) =>
    mulDivRound(micros, PCT_ONE - pct, discountDen);
  const volume = t.whiteLabelVolume;
  const tierIndex = (q: number) => {
    const i = volume.tiers.findIndex((tier) => tier.upTo === null || q <= tier.upTo);
    return i < 0 ? volume.tiers.length - 1 : i;
  };
  const tierPct = (q: number) => volume.tiers[tierIndex(q)]?.pct ?? 0;

  const plainAmounts = (app: CompiledApp, users: number): AppAmounts => ({
    setup: microsToMinor(app.setup, md),
    recurring: microsToMinor(app.monthly, md) + microsToMinor(tieredMicros(users, app.perUser), md),
  });
  const whiteLabelAmounts = (app: CompiledApp, users: number) => {
    const memo = new Map<number, AppAmounts>();
    const usersMicros = tieredMicros(users, app.perUser);
    return (pct: number): AppAmounts => {
      let hit = memo.get(pct);
      if (!hit) {
        hit = {
          setup: discounted(app.setup, volume.onSetup ? pct : 0),
          recurring:
            discounted(app.monthly, volume.onMonthly ? pct : 0) +
            discounted(usersMicros, volume.onPerUser ? pct : 0),
        };
        memo.set(pct, hit);
      }
      return hit;
    };
  };
  /** Splits app entries into plain amounts (per holder) and white-label entries. */
  const appsOf = (apps: readonly AppEntry[]) => {
    let setup = 0;
    let recurring = 0;
    const whiteLabel: WhiteLabelEntry[] = [];
    for (const entry of apps) {
      if (entry.count === 0) continue;
      if (entry.provisioning === 'standalone' && entry.bundle === WHITE_LABEL) {
        const app = t.appBundles.get(entry.bundle)!;
        whiteLabel.push({
          count: entry.count,
          amountsAt: whiteLabelAmounts(app, entry.usersPerApp),
        });
        continue;
      }
      const app =
        entry.provisioning === 'child'
          ? t.childApps.get(entry.bundle)!
          : t.appBundles.get(entry.bundle)!;
      const a = plainAmounts(app, entry.usersPerApp);
      setup += entry.count * a.setup;
      recurring += entry.count * a.recurring;
    }
    return {
      plain: { setup, recurring },
      whiteLabel,
      perHolder: whiteLabel.reduce((n, e) => n + e.count, 0),
    };
  };

  /**
   * White-label amounts for one holder whose instances take ranks
   * `firstRank`, `firstRank + 1`, … in a month with `total` active instances.
   */
  const whiteLabelAt = (
    entries: readonly WhiteLabelEntry[],
    firstRank: number,
    total: number,
  ): AppAmounts => {
    let setup = 0;
    let recurring = 0;
    let rank = firstRank;
    for (const entry of entries) {
      if (volume.mode === 'volume') {
        const a = entry.amountsAt(tierPct(total));
        setup += entry.count * a.setup;
        recurring += entry.count * a.recurring;
        rank += entry.count;
        continue;
      }
      // graduated: each instance at the tier its rank falls in, tier segment by segment
      let left = entry.count;
      while (left > 0) {
        const i = tierIndex(rank);
        const tier = volume.tiers[i]!;
        const inTier = tier.upTo === null ? left : Math.min(left, tier.upTo - rank + 1);
        const a = entry.amountsAt(tier.pct);
        setup += inTier * a.setup;
        recurring += inTier * a.recurring;
        rank += inTier;
        left -= inTier;
      }
    }
    return { setup, recurring };
  };

  // --- the platform ---
  const environment = t.environments.get(scenario.platform.environment)!;
  const applianceEntry =
    environment.kind === 'hardware' && scenario.platform.appliance
      ? t.appliances.get(scenario.platform.appliance.id)!
      : null;

  // --- the channel ---
  const defaultMarkup = parsePct(scenario.pricing.defaultMarkupPct);
  const distributors = new Map(scenario.channel.distributors.map((d) => [d.id, d]));
  /** Each partner's rate (its own, else its distributor's partner rate, else 0) and its distributor's. */
  const commissionRates = new Map(
    scenario.channel.partners.map((partner) => {
      const distributor =
        partner.distributorId === null ? undefined : distributors.get(partner.distributorId);
      const own = partner.commissionPct ?? distributor?.partnerCommissionPct ?? null;
      const theirs = distributor?.commissionPct ?? null;
      return [
        partner.id,
        {
          partner: own === null ? 0 : parsePct(own),
          distributor: theirs === null ? 0 : parsePct(theirs),
        },
      ];
    }),
  );

  const fixedLicenseOf = (line: CustomerLine, termMonths: number) => {
    const { bundle, bandwidth, vServices } = line.license;
    const extra = Math.max(0, vServices - t.includedVServices.get(bundle)!);
    const base = addExact(
      t.fixedMonthly.get(bundle)!.get(bandwidth)!,
      mulExact(extra, t.extraVServiceMonthly),
    );
    return discounted(base, t.terms.get(termMonths)!);
  };

  // --- plan every line ---
  const plans: LinePlan[] = scenario.customers.map((line, index) =>
    locate(`customers[${index}]`, `Line '${line.id}'`, (): LinePlan => {
      const { license } = line;
      const start = line.startMonth;
      let end = H;
      let paygUntil = 0;
      let fixedFrom = 0;
      let fixedTermMonths = 0;
      let hours: number[] = [];
      let rate: Exact = 0;
      const extra = Math.max(0, license.vServices - t.includedVServices.get(license.bundle)!);
      if (license.model === 'fixed-term') {
        fixedFrom = start;
        fixedTermMonths = license.termMonths;
        end = license.renew ? H : Math.min(H, start + license.termMonths - 1);
      } else {
        rate = addExact(
          t.hourly.get(license.bundle)!.get(license.bandwidth)!,
          mulExact(extra, t.extraVServiceHourly),
        );
        const h = license.hoursPerMonth;
        hours = (typeof h === 'number' ? Array<number>(12).fill(h) : h).map((x) =>
          Math.round(x * 100),
        );
        if (license.convertTo) {
          paygUntil = license.convertTo.atMonth - 1;
          fixedFrom = license.convertTo.atMonth;
          fixedTermMonths = license.convertTo.termMonths;
        } else {
          end = line.endMonth ?? H;
          paygUntil = end;
        }
      }
      const sell = line.sell;
      let revenueOf: (cost: number) => number;
      let oneOffRevenueOf: (cost: number) => number;
      if (sell === null || sell.mode === 'markup') {
        const pct = sell === null ? defaultMarkup : parsePct(sell.pct);
        revenueOf = (cost) => mulDivRound(cost, PCT_ONE + pct, PCT_ONE);
        oneOffRevenueOf = revenueOf;
      } else if (sell.mode === 'margin') {
        const pct = parsePct(sell.pct);
        revenueOf = (cost) => mulDivRound(cost, PCT_ONE, PCT_ONE - pct);
        oneOffRevenueOf = revenueOf;
      } else {
        const monthly = microsToMinor(parseMicros(sell.monthly), md);
        const oneOff = microsToMinor(parseMicros(sell.oneOff), md);
        revenueOf = () => monthly;
        oneOffRevenueOf = () => oneOff;
      }
      const rates = line.partnerId === null ? NO_COMMISSION : commissionRates.get(line.partnerId)!;
      const partnerPct = rates.partner;
      const distributorPct = rates.distributor;
      const apps = appsOf(line.apps);
      return {
        line,
        index,
        count: line.count,
        start,
        end,
        paygUntil,
        fixedFrom,
        fixedTermMonths,
        fixedLicense: fixedFrom > 0 ? fixedLicenseOf(line, fixedTermMonths) : 0,
        rate,
        hours,
        plain: apps.plain,
        whiteLabel: apps.whiteLabel,
        whiteLabelPerCopy: apps.perHolder,
        revenueOf,
        oneOffRevenueOf,
        partnerPct,
        distributorPct,
        mbps: t.bandwidthMbps.get(license.bandwidth)!,
      };
    }),
  );

  // --- white-label ranks: main apps first, then lines in order, copy by copy ---
  const main = appsOf(scenario.mainApps);
  const whiteLabelTotal = new Array<number>(H + 1).fill(main.perHolder);
  const firstRank = new Map<LinePlan, Float64Array>();
  {
    const holders = plans.filter((p) => p.whiteLabelPerCopy > 0);
    for (const p of holders) firstRank.set(p, new Float64Array(H + 1));
    for (let m = 1; m <= H; m++) {
      let taken = main.perHolder;
      for (const p of holders) {
        if (m < p.start || m > p.end) continue;
        firstRank.get(p)![m] = taken + 1;
        taken += p.count * p.whiteLabelPerCopy;
      }
      whiteLabelTotal[m] = taken;
    }
  }

  // --- month accumulators (minor units) ---
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
  /** Running totals of one customer line. */
  const line = { revenue: 0, cost: 0, commissions: 0 };

  /**
   * Adds `copies` identical customers of line `p` in month `m`: cost, revenue
   * and commissions of one customer, each rounded once, then × copies. Declared
   * once per quote (not per month) because it runs on the hot path.
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
  }

  for (const p of plans) {
    locate(`customers[${p.index}]`, `Line '${p.line.id}'`, () => priceLine(p));
  }

  function priceLine(p: LinePlan): void {
    line.revenue = 0;
    line.cost = 0;
    line.commissions = 0;
    let paygLicenseSum = 0; // one customer, for advice
    let hoursSum = 0;
    const ranks = firstRank.get(p);
    const vServicesDemand = p.line.license.vServices * p.count;
    const mbpsDemand = p.mbps * p.count;

    for (let m = p.start; m <= p.end; m++) {
      demandMbps[m]! += mbpsDemand;
      demandVServices[m]! += vServicesDemand;
      const first = m === p.start;
      let license: number;
      const payg = m <= p.paygUntil;
      if (payg) {
        const info = calendar[m - 1]!;
        const h = Math.min(p.hours[info.calendarMonth]!, info.days * 2400);
        license = mulDivRound(h, p.rate, hoursDen);
        paygLicenseSum += license;
        hoursSum += h;
      } else {
        license = p.fixedLicense;
      }

      if (!ranks) {
        addCopies(p, m, license, payg, first, p.count, p.plain.recurring, p.plain.setup);
      } else if (volume.mode === 'volume') {
        const wl = whiteLabelAt(p.whiteLabel, 0, whiteLabelTotal[m]!);
        addCopies(
          p,
          m,
          license,
          payg,
          first,
          p.count,
          p.plain.recurring + wl.recurring,
          p.plain.setup + wl.setup,
        );
      } else {
        // graduated: copies whose instances all fall in one tier are identical
        const w = p.whiteLabelPerCopy;
        let copy = 0;
        while (copy < p.count) {
          const rank = ranks[m]! + copy * w;
          const tier = volume.tiers[tierIndex(rank)]!;
          const fit = tier.upTo === null ? p.count - copy : Math.floor((tier.upTo - rank + 1) / w);
          // a copy that straddles a tier boundary is priced on its own
          const copies = Math.max(1, Math.min(fit, p.count - copy));
          const wl = whiteLabelAt(p.whiteLabel, rank, 0);
          addCopies(
            p,
            m,
            license,
            payg,
            first,
            copies,
            p.plain.recurring + wl.recurring,
            p.plain.setup + wl.setup,
          );
          copy += copies;
        }
      }
    }

    if (p.fixedFrom > 0 && p.end === H && p.fixedFrom <= H) {
      const inTerm = (H - p.fixedFrom) % p.fixedTermMonths;
      const left = p.fixedTermMonths - 1 - inTerm;
      // can pass 2^53 on its own (months × license × count): kept exact in BigInt
      if (left > 0)
        committedAfterHorizon += BigInt(left) * BigInt(p.fixedLicense) * BigInt(p.count);
    }

    // revenue, cost and commissions are never negative: bounding the totals bounds every
    // partial sum and product that went into them, so below this line they are exact
    if (line.revenue > MAX_SAFE || line.cost + line.commissions > MAX_SAFE)
      throw new AmountRangeError();
    const margin = line.revenue - line.cost - line.commissions;
    const marginPct = line.revenue === 0 ? null : mulDivRound(margin, 10000, line.revenue);
    const below = marginPct !== null && marginPct * 100 < minMargin;
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
          ? adviseOf(p, paygLicenseSum, hoursSum)
          : null,
    });
  }

  function adviseOf(p: LinePlan, paygSum: number, hoursSum: number): PaygAdvice | null {
    const active = p.end - p.start + 1;
    let best: { termMonths: number; saving: number; fixed: number } | null = null;
    for (const term of t.termMonthsAscending) {
      const fixed = fixedLicenseOf(p.line, term);
      const commit = ceilDiv(active, term) * term * fixed;
      if (commit >= paygSum) continue; // no saving; a commit past 2^53 is still compared correctly
      const saving = toSafe(mulExact(paygSum - commit, p.count));
      if (saving > 0 && (best === null || saving > best.saving))
        best = { termMonths: term, saving, fixed };
    }
    if (best === null || p.rate === 0 || p.rate === 0n) return null;
    return {
      termMonths: best.termMonths,
      breakEvenHours: ceilDiv(
        BigInt(best.fixed) * BigInt(MICROS),
        BigInt(p.rate) * 10n ** BigInt(md),
      ),
      averageHours: roundDiv(hoursSum, active) / 100,
      saving: money(best.saving),
    };
  }

  // --- sizing ---
  let peakMbps = 0;
  let peakVServices = 0;
  for (let m = 1; m <= H; m++) {
    peakMbps = Math.max(peakMbps, demandMbps[m]!);
    peakVServices = Math.max(peakVServices, demandVServices[m]!);
  }
  const headroom = parsePct(scenario.platform.headroomPct);
  const withHeadroom = (demand: number, per: number) =>
    mulCeilDiv(demand, PCT_ONE + headroom, PCT_ONE * per);

  // --- platform amounts: cost with no revenue ---
  const infra = microsToMinor(parseMicros(scenario.platform.infraCostMonthly), md);
  let platform: QuotePlatform;
  if (environment.kind === 'hardware' && applianceEntry) {
    const required =
      Math.max(
        withHeadroom(peakMbps, applianceEntry.throughputMbps),
        withHeadroom(peakVServices, applianceEntry.maxVServices),
        1,
      ) + (scenario.platform.highAvailability ? 1 : 0);
    const chosen = scenario.platform.appliance!.count;
    const count = chosen === 'auto' ? required : chosen;
    if (count < required) {
      warnings.unshift({
        level: 'warning',
        code: 'appliances-short',
        path: 'platform.appliance.count',
        message: `${count} × ${applianceEntry.name} is short of the ${required} required for the peak of ${peakMbps} Mbps and ${peakVServices} vServices with ${scenario.platform.headroomPct} % headroom${
          scenario.platform.highAvailability ? ' and high availability' : ''
        }; raise the count or choose "auto".`,
      });
    }
    const unitPrice = microsToMinor(applianceEntry.priceMicros, md);
    const support = locate('platform.appliance', 'The appliances', () =>
      mulDivRound(applianceEntry.priceMicros, applianceEntry.supportPct, discountDen),
    );
    costPlatform[1]! += count * unitPrice;
    for (let m = 1; m <= H; m += 12) costPlatform[m]! += count * support;
    platform = {
      appliances: { id: applianceEntry.id, count, required },
      vcpu: null,
      ramGb: null,
      peakMbps,
      peakVServices,
    };
  } else {
    const sizing = t.table.platform.virtualSizing;
    const vcpu = Math.max(sizing.minVcpu, withHeadroom(peakMbps, sizing.mbpsPerVcpu));
    platform = {
      appliances: null,
      vcpu,
      ramGb: vcpu * sizing.gbRamPerVcpu,
      peakMbps,
      peakVServices,
    };
  }
  locate('mainApps', 'The main apps', () => {
    for (let m = 1; m <= H; m++) {
      const wl = whiteLabelAt(main.whiteLabel, 1, whiteLabelTotal[m]!);
      costPlatform[m]! += infra + main.plain.recurring + wl.recurring;
      if (m === 1) costPlatform[m]! += main.plain.setup + wl.setup;
    }
  });

  // --- months and totals ---
  const months: QuoteMonth[] = [];
  const margins: number[] = [];
  let cumulative = 0;
  const sum = { revenue: 0, cost: 0, commissions: 0, oneOff: 0 };
  for (let m = 1; m <= H; m++) {
    const cost = costFixed[m]! + costPayg[m]! + costApps[m]! + costPlatform[m]!;
    const commissions = partnerCommission[m]! + distributorCommission[m]!;
    const margin = revenue[m]! - cost - commissions;
    cumulative += margin;
    margins.push(cumulative);
    sum.revenue += revenue[m]!;
    sum.cost += cost;
    sum.commissions += commissions;
    sum.oneOff += oneOffRevenue[m]!;
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
  // never-negative sums below 2^53: every partial sum, margin and cumulative margin is exact
  const mrrFinal = recurringRevenue[H]!;
  if (sum.revenue > MAX_SAFE || sum.cost + sum.commissions > MAX_SAFE) {
    throw new LocatedAmountError('customers', 'The scenario');
  }
  let lastNegative = 0;
  margins.forEach((c, i) => {
    if (c < 0) lastNegative = i + 1;
  });
  const margin = sum.revenue - sum.cost - sum.commissions;
  const totals: QuoteTotals = {
    revenue: money(sum.revenue),
    cost: money(sum.cost),
    commissions: money(sum.commissions),
    margin: money(margin),
    marginPct: sum.revenue === 0 ? null : formatScaled(mulDivRound(margin, 10000, sum.revenue), 2),
    oneOff: money(sum.oneOff),
    mrrFinal: money(mrrFinal),
    arr: money(12n * BigInt(mrrFinal)),
    breakEvenMonth: lastNegative >= H ? null : lastNegative + 1,
    licenseCommittedAfterHorizon: money(committedAfterHorizon),
  };
  return { months, customers, platform, totals, warnings };
}
