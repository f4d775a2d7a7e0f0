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
    if (e instanceof AmountRangeError && !(e instanceof LocatedAmountError)) {
      throw new LocatedAmountError(path, who);
    }
    throw e;
  }
}

/**
 * Revenue, cost and commissions are never negative, so when their totals stay
 * below 2^53 minor units every partial sum, product and margin that went into
 * them is exact (docs/decisions/005).
 */
export function assertExactSums(revenue: number, costAndCommissions: number): void {
  if (revenue > MAX_SAFE || costAndCommissions > MAX_SAFE) throw new AmountRangeError();
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
