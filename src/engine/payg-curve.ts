/**
 * The PAYG break-even curve the Results step draws for a PAYG line (PRICING.md §5, "PAYG
 * advice"; docs/decisions/011-price-waterfall.md): what one customer's PAYG license costs in a
 * month as its hours grow, against the fixed-term monthly license F_T of every term the table
 * offers, and the hours at which each term breaks even.
 *
 * Pure, and on the quote's own code paths: F_T is `fixedTermMonthly`, the hourly rate
 * `paygHourlyRate` (through the line's plan), a month's PAYG license `paygMonthly`,
 * `breakEvenHours` and the average hours are the helpers `paygAdvice` uses, and the advice is
 * the quote's own, so the curve always agrees with the advice beside it.
 */
import { averageHundredths, breakEvenHours } from './advice';
import { calculateQuote } from './calculate';
import { compileTable } from './compile-table';
import { monthsOf } from './calendar';
import { createLinePlanner, fillPaygMonths, paygMonthsBuffers } from './lines';
import { AmountRangeError, formatScaled } from './money';
import { fixedTermMonthly, paygMonthly } from './prices';
import type { PaygAdvice } from './quote-types';
import type { PriceTable } from './schema/price-table';
import type { Scenario } from './schema/scenario';

/** The most hours a month can have (31 days × 24): the right end of the curve. */
export const PAYG_MAX_HOURS = 744;
/** The curve's regular step, in hours (a day). */
const STEP_HOURS = 24;

export interface PaygBreakEven {
  currency: string;
  lineId: string;
  /**
   * The PAYG hourly rate including extra vServices, exactly, at the table's full precision (the
   * most decimals of its PAYG prices, at least the currency's minor digits), e.g. "0.3800".
   */
  hourlyRate: string;
  /** 744: the x axis runs from 0 to this many hours. */
  maxHours: number;
  /**
   * One customer's PAYG license for one month at `hours` (§5 step 1, rounded once), at hours
   * 0, 24, 48, … 744, every term's `breakEvenHours` within 0–744 and the line's `averageHours`;
   * ascending, each hours value once.
   */
  points: { hours: number; payg: string }[];
  /** Every term the table offers, shortest first. */
  terms: {
    termMonths: number;
    /** F_T: one customer's fixed-term monthly license on this term (§5 step 1, rounded). */
    monthly: string;
    /** `ceil(F_T / hourly rate)`, as PAYG advice defines it (may pass 744: never in a month). */
    breakEvenHours: number;
  }[];
  /**
   * The mean of the line's hours (each capped to its month's days × 24) over its PAYG months,
   * 2 decimals, as PAYG advice defines it (for a converting line, its months before `atMonth`).
   */
  averageHours: number;
  /** The quote's advice for the line, unchanged (null when it has none, or converts). */
  advice: PaygAdvice | null;
}

/** The most decimals of the table's PAYG prices: every hourly rate is exact at this scale. */
function rateDigits(table: PriceTable, minorDigits: number): number {
  const payg = table.service.payg;
  const prices = [
    payg.extraVServiceHourly,
    ...Object.values(payg.hourly).flatMap((row) => Object.values(row)),
  ];
  return Math.max(minorDigits, ...prices.map((price) => price.split('.')[1]?.length ?? 0));
}

/**
 * The PAYG break-even curve of the customer line `lineId`, for one customer and one month.
 * Null when the line is not PAYG (fixed-term lines) or not in the scenario, when the quote has
 * errors, when the hourly rate is not positive (PAYG never catches up: no break-even, and the
 * advice is null too, ADR 005), or when a figure passes 2^53 minor units.
 */
export function paygBreakEven(
  scenario: Scenario,
  table: PriceTable,
  lineId: string,
): PaygBreakEven | null {
  const index = scenario.customers.findIndex((c) => c.id === lineId);
  const line = scenario.customers[index];
  if (line === undefined || line.license.model !== 'payg') return null;

  // `today` only decides the table-expired warning, which changes no figure used here
  const quote = calculateQuote(scenario, table, { today: table.effectiveFrom });
  if (quote.totals === null || quote.issues.some((i) => i.level === 'error')) return null;
  const advice = quote.customers.find((c) => c.id === lineId)?.advice ?? null;

  const t = compileTable(table);
  const p = createLinePlanner(scenario, t)(line, index);
  const rate = BigInt(p.rate);
  if (rate <= 0n) return null;

  try {
    const money = (minor: number) => formatScaled(minor, t.minorDigits);

    // the line's hours over its PAYG months (the plan in force in each, PRICING.md §7), capped
    // as the quote caps them
    const months = paygMonthsBuffers(scenario.horizonMonths);
    fillPaygMonths(t, p, monthsOf(scenario.startPeriod, scenario.horizonMonths), months);
    let hoursSum = 0;
    for (let m = p.start; m <= p.paygUntil; m++) hoursSum += months.hours[m]!;
    const average = averageHundredths(hoursSum, p.paygUntil - p.start + 1);

    const terms = t.termMonthsAscending.map((termMonths) => {
      const fixed = fixedTermMonthly(t, line.license, termMonths);
      return {
        termMonths,
        monthly: money(fixed),
        breakEvenHours: breakEvenHours(t, fixed, p.rate),
      };
    });

    // hours in hundredths, so the average's 2 decimals are kept exactly
    const hours = new Set<number>();
    for (let h = 0; h <= PAYG_MAX_HOURS; h += STEP_HOURS) hours.add(h * 100);
    for (const term of terms) {
      const at = term.breakEvenHours;
      if (at >= 0 && at <= PAYG_MAX_HOURS) hours.add(at * 100);
    }
    hours.add(average);
    const points = [...hours]
      .sort((a, b) => a - b)
      .map((hundredths) => ({
        hours: hundredths / 100,
        payg: money(paygMonthly(t, hundredths, p.rate)),
      }));

    const digits = rateDigits(table, t.minorDigits);
    return {
      currency: table.currency,
      lineId,
      // exact: every PAYG price has at most `digits` decimals, so their sum × vServices has too
      hourlyRate: formatScaled(rate / 10n ** BigInt(6 - digits), digits),
      maxHours: PAYG_MAX_HOURS,
      points,
      terms,
      averageHours: average / 100,
      advice,
    };
  } catch (e) {
    if (e instanceof AmountRangeError) return null;
    throw e;
  }
}
