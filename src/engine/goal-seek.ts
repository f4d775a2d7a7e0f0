/**
 * Goal seek: the smallest markup, in hundredths of a percent from 0.00 to 999.99, at which a
 * target on the quote holds, found with the engine itself (docs/decisions/030-goal-seek.md).
 *
 * Bisection keeps one invariant: the target fails at `lo` and holds at `hi`. It ends when they
 * are one hundredth apart, so the answer always holds and one hundredth below it always fails,
 * which is what a user checking the figure by hand would ask of it. Every target is monotone in
 * the markup up to the cent rounding of commissions (ADR 030 says why), so the boundary found is
 * the smallest markup that meets the target: about 19 engine calls whatever the deal.
 */
import { calculateQuote } from './calculate';
import { applyMarkup, type GoalVary } from './markup-edit';
import { formatScaled, minorDigitsOf, parseScaled } from './money';
import type { PriceTable } from './schema/price-table';
import type { Scenario } from './schema/scenario';
import type { Quote, QuoteOptions, QuoteTotals } from './quote-types';

/** What the user wants the deal to reach. Amounts and percents are decimal strings. */
export type GoalTarget =
  /** The quote's 2-decimal total `marginPct` at least this percent ("25", "-3.5"). */
  | { readonly kind: 'marginPct'; readonly atLeast: string }
  /** The margin break-even month at most this month. */
  | { readonly kind: 'breakEvenMonth'; readonly atMost: number }
  /** The cash break-even month (`totals.cash.breakEvenMonth`) at most this month. */
  | { readonly kind: 'cashBreakEvenMonth'; readonly atMost: number }
  /** Peak funding (`totals.cash.peakFunding`) at most this amount, in the table's currency. */
  | { readonly kind: 'peakFunding'; readonly atMost: string };

export type { GoalVary };

/** The largest markup the solver tries, in hundredths of a percent (999.99 %). */
export const GOAL_MAX_HUNDREDTHS = 99_999;

export type GoalSeekResult =
  | {
      readonly status: 'met';
      /** The markup as the scenario writes it, with two decimals: "31.25". */
      readonly value: string;
      /** The scenario path that takes `value`. */
      readonly path: string;
      /** The scenario with `value` applied. */
      readonly scenario: Scenario;
      /** The quote at `value` (valid: it has totals). */
      readonly quote: Quote & { totals: QuoteTotals };
      /** How many times the engine priced the deal. */
      readonly calls: number;
    }
  | {
      readonly status: 'unreachable';
      /**
       * `not-met-at-max`: even 999.99 % does not meet it; `no-line-uses-default`: every line has
       * its own price, so the default markup changes nothing; `invalid-quote`: the deal has
       * errors to fix first.
       */
      readonly reason: 'not-met-at-max' | 'no-line-uses-default' | 'invalid-quote';
      /** A sentence a sales engineer can act on. */
      readonly message: string;
      readonly path: string;
      /** The quote at the largest markup tried (the invalid quote, with its issues, for an invalid deal). */
      readonly quote: Quote;
      readonly calls: number;
    };

/** A markup in hundredths as the scenario's percent string: 3125 → "31.25". */
export function hundredthsToPct(hundredths: number): string {
  return formatScaled(hundredths, 2);
}

/** The scenario path the solver writes. */
export function varyPath(vary: GoalVary): string {
  return vary.kind === 'defaultMarkup'
    ? 'pricing.defaultMarkupPct'
    : `customers[${vary.lineIndex}].sell.pct`;
}

interface CashTotals {
  readonly breakEvenMonth: number | null;
  readonly peakFunding: string;
}

/** `totals.cash` of a version-2 quote (PRICING.md §8). */
function cashOf(totals: QuoteTotals): CashTotals | null {
  const cash = (totals as QuoteTotals & { cash?: CashTotals }).cash;
  return cash ?? null;
}

/**
 * Whether the target holds on a quote. An invalid quote, a null margin % (no revenue) or a null
 * break-even month never meets a target.
 */
export function targetHolds(target: GoalTarget, quote: Quote): boolean {
  const totals = quote.totals;
  if (totals === null) return false;
  switch (target.kind) {
    case 'marginPct':
      return (
        totals.marginPct !== null &&
        parseScaled(totals.marginPct, 2) >= parseScaled(normalisePct(target.atLeast), 2)
      );
    case 'breakEvenMonth':
      return totals.breakEvenMonth !== null && totals.breakEvenMonth <= target.atMost;
    case 'cashBreakEvenMonth': {
      const month = cashOf(totals)?.breakEvenMonth ?? null;
      return month !== null && month <= target.atMost;
    }
    case 'peakFunding': {
      const cash = cashOf(totals);
      if (cash === null) return false;
      const digits = minorDigitsOf(quote.currency);
      return parseScaled(cash.peakFunding, digits) <= ceilingMinor(target.atMost, digits);
    }
  }
}

/**
 * A target percent with more than 2 decimals is compared as the quote's 2-decimal figure would
 * have to be: "25.001" needs 25.01. Normalised to 2 decimals, rounding up.
 */
function normalisePct(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a percent: ${text}`);
  const [, sign = '', int = '0', frac = ''] = m;
  if (frac.length <= 2) return `${sign}${int}.${frac.padEnd(2, '0')}`;
  const kept = BigInt(int + frac.slice(0, 2));
  const rest = /[1-9]/.test(frac.slice(2));
  // Round towards +∞ so that "at least X" stays at least X.
  const up = sign === '-' ? kept : rest ? kept + 1n : kept;
  const value = sign === '-' ? -up : up;
  return formatScaled(value, 2);
}

/**
 * An amount ceiling in minor units: a limit with more decimals than the currency has is
 * rounded down, since no quote figure can lie between.
 */
function ceilingMinor(text: string, digits: number): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not an amount: ${text}`);
  const [, sign = '', int = '0', frac = ''] = m;
  const kept = Number(int + frac.slice(0, digits).padEnd(digits, '0'));
  const rest = /[1-9]/.test(frac.slice(digits));
  if (sign === '-') return -(kept + (rest ? 1 : 0));
  return kept;
}

/**
 * Finds the smallest markup (two decimals, 0.00 to 999.99) at which `target` holds, pricing the
 * deal with the engine at each step. Pure: same inputs, same answer.
 */
export function goalSeek(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
  target: GoalTarget,
  vary: GoalVary,
): GoalSeekResult {
  const path = varyPath(vary);
  if (vary.kind === 'lineMarkup') {
    if (
      !Number.isInteger(vary.lineIndex) ||
      vary.lineIndex < 0 ||
      vary.lineIndex >= scenario.customers.length
    ) {
      throw new RangeError(`no customer line at index ${vary.lineIndex}`);
    }
  }
  let calls = 0;
  const priceAt = (hundredths: number): Quote => {
    calls += 1;
    return calculateQuote(applyMarkup(scenario, vary, hundredthsToPct(hundredths)), table, options);
  };

  const atZero = priceAt(0);
  if (atZero.totals === null) {
    return {
      status: 'unreachable',
      reason: 'invalid-quote',
      message: 'The deal has errors: fix them first, then reach a target.',
      path,
      quote: atZero,
      calls,
    };
  }
  if (
    vary.kind === 'defaultMarkup' &&
    scenario.customers.length > 0 &&
    scenario.customers.every((line) => line.sell !== null)
  ) {
    return {
      status: 'unreachable',
      reason: 'no-line-uses-default',
      message:
        'Every customer line has its own sell price, so the default markup changes nothing. ' +
        'Set a line to the default markup, or reach the target with one line’s own markup.',
      path,
      quote: atZero,
      calls,
    };
  }
  if (targetHolds(target, atZero)) return met(0, atZero);

  const atMax = priceAt(GOAL_MAX_HUNDREDTHS);
  if (!targetHolds(target, atMax)) {
    return {
      status: 'unreachable',
      reason: 'not-met-at-max',
      message: `Even a markup of ${hundredthsToPct(GOAL_MAX_HUNDREDTHS)} % does not reach the target.`,
      path,
      quote: atMax,
      calls,
    };
  }

  // Invariant: the target fails at lo and holds at hi (with hiQuote its quote).
  let lo = 0;
  let hi = GOAL_MAX_HUNDREDTHS;
  let hiQuote = atMax;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const q = priceAt(mid);
    if (targetHolds(target, q)) {
      hi = mid;
      hiQuote = q;
    } else {
      lo = mid;
    }
  }
  return met(hi, hiQuote);

  function met(hundredths: number, quote: Quote): GoalSeekResult {
    const value = hundredthsToPct(hundredths);
    return {
      status: 'met',
      value,
      path,
      scenario: applyMarkup(scenario, vary, value),
      quote: quote as Quote & { totals: QuoteTotals },
      calls,
    };
  }
}
