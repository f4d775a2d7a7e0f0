/**
 * PAYG advice (PRICING.md §5): whether committing a PAYG line to a fixed term
 * would have cost less over its active months, and by how much.
 */
import type { CompiledTable } from './compile-table';
import type { LinePlan } from './lines';
import { ceilDiv, formatScaled, MICROS, mulExact, roundDiv, toSafe } from './money';
import { fixedTermMonthly } from './prices';
import type { PaygAdvice } from './quote-types';

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
    // ceil(F_T / hourly rate): minor units over micros per hour
    breakEvenHours: ceilDiv(
      BigInt(best.fixed) * BigInt(MICROS),
      BigInt(p.rate) * 10n ** BigInt(t.minorDigits),
    ),
    averageHours: roundDiv(hoursSum, active) / 100,
    saving: formatScaled(best.saving, t.minorDigits),
  };
}
