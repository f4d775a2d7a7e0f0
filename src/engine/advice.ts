/**
 * PAYG advice (PRICING.md §5): whether committing a PAYG line to a fixed term
 * would have cost less over its active months, and by how much.
 */
import type { CompiledTable } from './compile-table';
import type { LinePlan } from './lines';
import { ceilDiv, type Exact, formatScaled, MICROS, mulExact, roundDiv, toSafe } from './money';
import { fixedTermMonthly } from './prices';
import type { PaygAdvice } from './quote-types';

/**
 * `breakEvenHours = ceil(F_T / hourly rate)`: whole hours in a month from which PAYG costs at
 * least the fixed-term monthly license F_T (minor units); the rate in micros per hour, not 0.
 */
export function breakEvenHours(t: CompiledTable, fixedMonthly: number, rate: Exact): number {
  // minor units over micros per hour
  return ceilDiv(
    BigInt(fixedMonthly) * BigInt(MICROS),
    BigInt(rate) * 10n ** BigInt(t.minorDigits),
  );
}

/**
 * `averageHours`, in hundredths: the mean of a line's hours (hundredths, capped to each month)
 * over `months` months, rounded half away from zero to 2 decimals.
 */
export function averageHundredths(hoursSum: number, months: number): number {
  return roundDiv(hoursSum, months);
}

/**
 * For each term T offered, committing costs whole terms, `ceil(A/T) × T × F_T`;
 * the saving is `(Σ PAYG license − that) × count`. The largest positive saving
 * wins (the shorter term on a tie); null when no term saves.
 *
 * @param paygSum the line's PAYG license over its A active months, one customer
 * @param hoursSum its hours (hundredths, capped) over those months
 */
export function paygAdvice(
  t: CompiledTable,
  p: LinePlan,
  paygSum: number,
  hoursSum: number,
): PaygAdvice | null {
  const active = p.end - p.start + 1;
  let best: { termMonths: number; saving: number; fixed: number } | null = null;
  for (const term of t.termMonthsAscending) {
    const fixed = fixedTermMonthly(t, p.line.license, term);
    const commit = ceilDiv(active, term) * term * fixed;
    if (commit >= paygSum) continue; // no saving (a commit past 2^53 still compares correctly)
    const saving = toSafe(mulExact(paygSum - commit, p.count));
    if (best === null || saving > best.saving) best = { termMonths: term, saving, fixed };
  }
  if (best === null || p.rate === 0 || p.rate === 0n) return null;
  return {
    termMonths: best.termMonths,
    breakEvenHours: breakEvenHours(t, best.fixed, p.rate),
    averageHours: averageHundredths(hoursSum, active) / 100,
    saving: formatScaled(best.saving, t.minorDigits),
  };
}
