/**
 * The license amounts of PRICING.md §5 step 1, for one customer, in minor
 * units: each an exact rational rounded once.
 */
import type { MonthInfo } from './calendar';
import type { CompiledTable } from './compile-table';
import { addExact, type Exact, mulDivRound, mulExact, PCT_ONE } from './money';

/** `micros × (1 − pct/100)` in minor units, rounded once (pct at the Pct4 scale). */
export function discounted(t: CompiledTable, micros: Exact, pct: number): number {
  return mulDivRound(micros, PCT_ONE - pct, t.discountDen);
}

function extraVServices(t: CompiledTable, bundle: string, vServices: number): number {
  return Math.max(0, vServices - t.includedVServices.get(bundle)!);
}

/**
 * Fixed-term: `(monthlyList + extraVS × extraVServiceMonthly) × (1 − discountPct(term)/100)`.
 */
export function fixedTermMonthly(
  t: CompiledTable,
  license: { bundle: string; bandwidth: string; vServices: number },
  termMonths: number,
): number {
  const extra = extraVServices(t, license.bundle, license.vServices);
  const base = addExact(
    t.fixedMonthly.get(license.bundle)!.get(license.bandwidth)!,
    mulExact(extra, t.extraVServiceMonthly),
  );
  return discounted(t, base, t.terms.get(termMonths)!);
}

/** PAYG: the hourly rate including extra vServices, in micros (exact, maybe past 2^53). */
export function paygHourlyRate(
  t: CompiledTable,
  license: { bundle: string; bandwidth: string; vServices: number },
): Exact {
  const extra = extraVServices(t, license.bundle, license.vServices);
  return addExact(
    t.hourly.get(license.bundle)!.get(license.bandwidth)!,
    mulExact(extra, t.extraVServiceHourly),
  );
}

/**
 * PAYG: `hours(m) = min(hoursPerMonth for m's calendar month, days in m × 24)`, in hundredths,
 * from a line's hours per calendar month (January first, hundredths).
 */
export function paygHoursIn(hoursByCalendarMonth: readonly number[], month: MonthInfo): number {
  return Math.min(hoursByCalendarMonth[month.calendarMonth]!, month.days * 2400);
}

/** PAYG: `hours × rate`, hours in hundredths (already capped to the month), in minor units. */
export function paygMonthly(t: CompiledTable, hundredthsOfHours: number, rate: Exact): number {
  return mulDivRound(hundredthsOfHours, rate, t.hoursDen);
}
