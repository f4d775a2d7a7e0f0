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

/**
 * Each partner's rates: its own, else its distributor's `partnerCommissionPct`,
 * else 0; and its distributor's `commissionPct` (0 without a distributor).
 */
function commissionRates(scenario: Scenario): Map<string, CommissionRates> {
  const distributors = new Map(scenario.channel.distributors.map((d) => [d.id, d]));
  return new Map(
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
