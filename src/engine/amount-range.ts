import type { CompiledTable } from './compile-table';
import { AmountRangeError, formatScaled } from './money';
import type { QuoteIssue } from './quote-types';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** An amount past 2^53 minor units, located at the part of the scenario that produced it. */
export class LocatedAmountError extends AmountRangeError {
  constructor(
    readonly path: string,
    readonly who: string,
  ) {
    super(`${who} adds up to more than can be priced exactly`);
  }
}

/** Runs `work`; an amount out of range inside it is attributed to `path`. */
export function locate<T>(path: string, who: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    throw located(e, path, who);
  }
}

/**
 * The error to rethrow: an amount out of range not yet attributed becomes one attributed to
 * `path` (for loops over lines, where a closure per line would cost the hot path).
 */
export function located(e: unknown, path: string, who: string): unknown {
  return e instanceof AmountRangeError && !(e instanceof LocatedAmountError)
    ? new LocatedAmountError(path, who)
    : e;
}

/**
 * Sums stay exact while no partial sum passes 2^53 minor units. The engine
 * tracks, beside each set of sums, the sum of the absolute values that went
 * into it: revenue on one side, cost plus commissions (what goes out) on the
 * other. With no negative amount, each side bounded by 2^53 keeps every partial
 * sum, product, margin and cumulative margin exact (a margin lies between
 * −outgoing and revenue); with a negative amount (a credit), both sides
 * together must be (docs/decisions/005).
 */
export interface Magnitudes {
  revenue: number;
  outgoing: number;
  /** The signed sums, to tell whether any amount was negative. */
  revenueSum: number;
  outgoingSum: number;
}

export function assertExact(m: Magnitudes): void {
  const bounded = m.revenue <= MAX_SAFE && m.outgoing <= MAX_SAFE;
  const signed = m.revenue !== m.revenueSum || m.outgoing !== m.outgoingSum;
  if (!bounded || (signed && !(m.revenue + m.outgoing <= MAX_SAFE))) throw new AmountRangeError();
}

/** The `amount-out-of-range` error for a scenario the engine cannot price exactly. */
export function amountOutOfRange(error: AmountRangeError, t: CompiledTable): QuoteIssue {
  const path = error instanceof LocatedAmountError ? error.path : 'customers';
  const who = error instanceof LocatedAmountError ? error.who : 'The scenario';
  return {
    level: 'error',
    code: 'amount-out-of-range',
    path,
    message: `${who} adds up to more than ${formatScaled(MAX_SAFE, t.minorDigits)} ${t.currency}, beyond what can be priced exactly; lower the counts or prices.`,
  };
}
