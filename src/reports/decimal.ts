import type { Quote } from '../engine/index';

/**
 * Exact arithmetic on the quote's amounts, which are decimal strings in the currency's minor
 * digits ("1234.50", "-0.07", "1200" for JPY). Totals shown on screen and written to CSV are
 * sums of these strings done on BigInt integers: never a float, so every total row adds up to
 * the cent (ADR 001). Pure: used by the CSV exports (and so by `npm run quote -- --csv`) and by
 * the Results step's tables alike.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parts(amount: string): { negative: boolean; int: string; frac: string } {
  const m = DECIMAL.exec(amount);
  if (!m) throw new RangeError(`not a decimal amount: ${amount}`);
  return { negative: m[1] === '-', int: m[2] ?? '0', frac: m[3] ?? '' };
}

/** How many decimals an amount is written with: "12.50" 2, "-3" 0. */
export function fractionDigits(amount: string): number {
  return parts(amount).frac.length;
}

/** The amount as an integer of 10^-digits units: ("12.5", 2) → 1250n. Exact; refuses rounding. */
export function toUnits(amount: string, digits: number): bigint {
  const { negative, int, frac } = parts(amount);
  if (frac.length > digits) throw new RangeError(`more than ${digits} decimals: ${amount}`);
  const units = BigInt(int + frac.padEnd(digits, '0'));
  return negative ? -units : units;
}

/** Formats an integer of 10^-digits units as a plain decimal: (-1250n, 2) → "-12.50". */
export function fromUnits(units: bigint, digits: number): string {
  const negative = units < 0n;
  const abs = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const int = abs.slice(0, abs.length - digits);
  const frac = digits > 0 ? `.${abs.slice(abs.length - digits)}` : '';
  return `${negative ? '-' : ''}${int}${frac}`;
}

/** The exact sum of decimal amounts, written with `digits` decimals ("0.00" when empty). */
export function sumDecimals(values: readonly string[], digits: number): string {
  let total = 0n;
  for (const value of values) total += toUnits(value, digits);
  return fromUnits(total, digits);
}

/** `a − b`, exactly, with `digits` decimals. */
export function subtractDecimals(a: string, b: string, digits: number): string {
  return fromUnits(toUnits(a, digits) - toUnits(b, digits), digits);
}

/** The amount with its sign flipped ("0.00" stays "0.00"). */
export function negateDecimal(value: string): string {
  const digits = fractionDigits(value);
  return fromUnits(-toUnits(value, digits), digits);
}

/** Orders two decimal amounts exactly, whatever decimals each is written with: −1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  const digits = Math.max(fractionDigits(a), fractionDigits(b));
  const x = toUnits(a, digits);
  const y = toUnits(b, digits);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `part / whole × 100` with 2 decimals, rounded half away from zero, as the quote writes
 * `marginPct` (PRICING.md §6); null when `whole` is zero.
 */
export function percentOf(part: string, whole: string): string | null {
  const digits = Math.max(fractionDigits(part), fractionDigits(whole));
  const p = toUnits(part, digits);
  const w = toUnits(whole, digits);
  if (w === 0n) return null;
  const n = p * 10_000n; // hundredths of a percent
  const negative = n < 0n !== w < 0n;
  const absN = n < 0n ? -n : n;
  const absW = w < 0n ? -w : w;
  const rounded = (2n * absN + absW) / (2n * absW);
  return fromUnits(negative ? -rounded : rounded, 2);
}

/** The decimals of the quote's amounts (the currency's minor digits, as the quote writes them). */
export function quoteDigits(quote: Quote): number {
  const sample = quote.totals?.revenue ?? quote.months[0]?.revenue ?? '0';
  return fractionDigits(sample);
}
