import type { Quote } from '../engine/index';

/**
 * The one module of exact decimal arithmetic above the engine (ADR 024). The quote's amounts
 * are decimal strings in the currency's minor digits ("1234.50", "-0.07", "1200" for JPY);
 * price tables write prices and rates with more ("0.3840"). Sums, differences, comparisons and
 * percentages of them are done here on BigInt integers, never floats, so every total row adds
 * up to the cent (ADR 001). Pure: used by the Results tables, the charts, the CSV exports (and
 * so `npm run quote -- --csv`), the PDF documents, the Channel step and the price-table diff.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A decimal as an integer count of 10^-scale: "-12.50" → { units: -1250n, scale: 2 }. */
export interface ScaledDecimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Reads a plain decimal ("12.5", "-3"); null for anything else ("1e3", "", "12."). */
export function parseDecimal(text: string): ScaledDecimal | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const frac = m[3] ?? '';
  const units = BigInt(`${m[2]}${frac}`);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

function parsed(amount: string): ScaledDecimal {
  const value = parseDecimal(amount);
  if (!value) throw new RangeError(`not a decimal amount: ${amount}`);
  return value;
}

/** The value as an integer of 10^-scale units, `scale` ≥ its own. */
function at(x: ScaledDecimal, scale: number): bigint {
  return x.units * 10n ** BigInt(scale - x.scale);
}

/** How many decimals an amount is written with: "12.50" 2, "-3" 0. */
export function fractionDigits(amount: string): number {
  return parsed(amount).scale;
}

/** The amount as an integer of 10^-digits units: ("12.5", 2) → 1250n. Exact; refuses rounding. */
export function toUnits(amount: string, digits: number): bigint {
  const x = parsed(amount);
  if (x.scale > digits) throw new RangeError(`more than ${digits} decimals: ${amount}`);
  return at(x, digits);
}

/** Formats an integer of 10^-digits units as a plain decimal: (-1250n, 2) → "-12.50". */
export function fromUnits(units: bigint, digits: number): string {
  const negative = units < 0n;
  const abs = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const int = abs.slice(0, abs.length - digits);
  const frac = digits > 0 ? `.${abs.slice(abs.length - digits)}` : '';
  return `${negative ? '-' : ''}${int}${frac}`;
}

/**
 * The exact sum of decimal amounts, written with `digits` decimals ("0.00" when empty); an
 * amount with more decimals than `digits` is refused (a sum never rounds).
 */
export function sumDecimals(values: readonly string[], digits: number): string {
  let total = 0n;
  for (const value of values) total += toUnits(value, digits);
  return fromUnits(total, digits);
}

/** `a − b`, exactly, with `digits` decimals (by default the more precise of the two). */
export function subtractDecimals(a: string, b: string, digits?: number): string {
  const scale = digits ?? Math.max(fractionDigits(a), fractionDigits(b));
  return fromUnits(toUnits(a, scale) - toUnits(b, scale), scale);
}

/** `a + b`, exactly, with the decimals of the more precise of the two. */
export function addDecimals(a: string, b: string): string {
  return sumDecimals([a, b], Math.max(fractionDigits(a), fractionDigits(b)));
}

/** The amount with its sign flipped ("0.00" stays "0.00"). */
export function negateDecimal(value: string): string {
  const x = parsed(value);
  return fromUnits(-x.units, x.scale);
}

/** Orders two decimal amounts exactly, whatever decimals each is written with: −1, 0 or 1. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const x = parsed(a);
  const y = parsed(b);
  const scale = Math.max(x.scale, y.scale);
  const p = at(x, scale);
  const q = at(y, scale);
  return p < q ? -1 : p > q ? 1 : 0;
}

/**
 * `part / whole × 100` with 2 decimals, rounded half away from zero, as the quote writes
 * `marginPct` (PRICING.md §6); null when `whole` is zero.
 */
export function percentOf(part: string, whole: string): string | null {
  const x = parsed(part);
  const y = parsed(whole);
  const scale = Math.max(x.scale, y.scale);
  const p = at(x, scale);
  const w = at(y, scale);
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
