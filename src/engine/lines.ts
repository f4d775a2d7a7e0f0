/**
 * A customer line's plan (PRICING.md §4–§5): when it is active, in which
 * phase (PAYG until `paygUntil`, fixed-term from `fixedFrom`), its license
 * amounts, apps, sell mode and commission rates, all worked out once before
 * the month loop.
 */
import { holderApps, type HolderApps } from './apps';
import type { CompiledTable } from './compile-table';
import { type Exact, microsToMinor, mulDivRound, parseMicros, parsePct, PCT_ONE } from './money';
import { fixedTermMonthly, paygHourlyRate } from './prices';
import type { CustomerLine, Scenario } from './schema/scenario';

export interface LinePlan {
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
  /** Hours per calendar month (January first) in hundredths, before the days-in-month cap. */
  readonly hours: readonly number[];
  /** The apps of one customer copy. */
  readonly apps: HolderApps;
  readonly whiteLabelPerCopy: number;
  /** Recurring revenue of one customer from its recurring cost (minor units). */
  readonly revenueOf: (cost: number) => number;
  /** One-off revenue of one customer in its first month from its one-off cost. */
  readonly oneOffRevenueOf: (cost: number) => number;
  /** Commission rates (Pct4). */
  readonly partnerPct: number;
  readonly distributorPct: number;
  readonly mbps: number;
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
): Pick<LinePlan, 'revenueOf' | 'oneOffRevenueOf'> {
  const sell = line.sell;
  if (sell === null || sell.mode === 'markup') {
    const pct = sell === null ? defaultMarkup : parsePct(sell.pct);
    const revenueOf = (cost: number) => mulDivRound(cost, PCT_ONE + pct, PCT_ONE);
    return { revenueOf, oneOffRevenueOf: revenueOf };
  }
  if (sell.mode === 'margin') {
    const pct = parsePct(sell.pct);
    const revenueOf = (cost: number) => mulDivRound(cost, PCT_ONE, PCT_ONE - pct);
    return { revenueOf, oneOffRevenueOf: revenueOf };
  }
  const monthly = microsToMinor(parseMicros(sell.monthly), t.minorDigits);
  const oneOff = microsToMinor(parseMicros(sell.oneOff), t.minorDigits);
  return { revenueOf: () => monthly, oneOffRevenueOf: () => oneOff };
}

/** A planner for the customer lines of a scenario that has no errors. */
export function createLinePlanner(
  scenario: Scenario,
  t: CompiledTable,
): (line: CustomerLine, index: number) => LinePlan {
  const H = scenario.horizonMonths;
  const rates = commissionRates(scenario);
  const defaultMarkup = parsePct(scenario.pricing.defaultMarkupPct);

  return (line, index) => {
    const { license } = line;
    const start = line.startMonth;
    let end = H;
    let paygUntil = 0;
    let fixedFrom = 0;
    let fixedTermMonths = 0;
    let hours: number[] = [];
    let rate: Exact = 0;
    if (license.model === 'fixed-term') {
      fixedFrom = start;
      fixedTermMonths = license.termMonths;
      end = license.renew ? H : Math.min(H, start + license.termMonths - 1);
    } else {
      rate = paygHourlyRate(t, license);
      const h = license.hoursPerMonth;
      hours = (typeof h === 'number' ? Array<number>(12).fill(h) : h).map((x) =>
        Math.round(x * 100),
      );
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
    const channel = line.partnerId === null ? NO_COMMISSION : rates.get(line.partnerId)!;
    const apps = holderApps(t, line.apps);
    return {
      line,
      index,
      count: line.count,
      start,
      end,
      paygUntil,
      fixedFrom,
      fixedTermMonths,
      fixedLicense: fixedFrom > 0 ? fixedTermMonthly(t, license, fixedTermMonths) : 0,
      rate,
      hours,
      apps,
      whiteLabelPerCopy: apps.whiteLabelInstances,
      ...revenueRules(t, line, defaultMarkup),
      partnerPct: channel.partner,
      distributorPct: channel.distributor,
      mbps: t.bandwidthMbps.get(license.bandwidth)!,
    };
  };
}
