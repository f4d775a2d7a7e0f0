/**
 * Money and rates as integers.
 *
 * Every amount the engine produces is an integer number of the currency's minor
 * units (cents for USD/EUR, yen for JPY). Prices in price tables are decimal
 * strings with up to 6 decimals; they are parsed, without floating point, to
 * integers at a fixed scale ("micros", 10^6). Percents are parsed to integers
 * at scale 10^4 ("12.5" → 125 000), which is also the fraction at scale 10^6.
 *
 * A line amount is an exact rational (integer numerator over integer
 * denominator) and is rounded exactly once by `roundDiv`, half away from zero.
 * See docs/decisions/001-money-representation-and-rounding.md.
 */

/** An integer amount in the currency's minor units. */
export type MinorUnits = number & { readonly __brand: 'MinorUnits' };
/** A decimal amount scaled by 10^6 (table prices). */
export type Micros = number & { readonly __brand: 'Micros' };
/** A percent scaled by 10^4: "12.5" → 125000; equally the fraction × 10^6. */
export type Pct4 = number & { readonly __brand: 'Pct4' };

export const MICROS = 1_000_000;
/** 100 % at the Pct4 scale. */
export const PCT_ONE = 1_000_000;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * An amount that cannot be held exactly: past 2^53 − 1 minor units (about 90
 * trillion dollars). The engine turns it into the `amount-out-of-range` issue
 * rather than return a rounded figure (docs/decisions/005).
 */
export class AmountRangeError extends RangeError {
  constructor(message = 'amount exceeds the safe integer range') {
    super(message);
    this.name = 'AmountRangeError';
  }
}

/**
 * An exact integer at some scale (micros, usually): a number while it fits in
 * 2^53, a BigInt past that. Intermediate amounts in micros can pass 2^53 while
 * the line amount they round to, in minor units, still fits.
 */
export type Exact = number | bigint;

function exact(value: bigint): Exact {
  return value >= -BigInt(MAX_SAFE) && value <= BigInt(MAX_SAFE) ? Number(value) : value;
}

/** An exact integer as a number, or AmountRangeError when it does not fit in 2^53. */
export function toSafe(value: Exact): number {
  if (typeof value === 'bigint') throw new AmountRangeError();
  return value;
}

/** a × b, exactly. */
export function mulExact(a: Exact, b: Exact): Exact {
  if (typeof a === 'number' && typeof b === 'number') {
    const p = a * b;
    if (Math.abs(p) <= MAX_SAFE) return p;
  }
  return exact(BigInt(a) * BigInt(b));
}

/** a + b, exactly. */
export function addExact(a: Exact, b: Exact): Exact {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (Math.abs(s) <= MAX_SAFE) return s;
  }
  return exact(BigInt(a) + BigInt(b));
}

/**
 * The one rounding routine: `numerator / denominator` rounded half away from
 * zero to an integer. Numbers are used while exact; beyond 2^53 it falls back
 * to BigInt so a large product is never silently rounded.
 */
export function roundDiv(numerator: number | bigint, denominator: number | bigint): number {
  if (typeof numerator === 'number' && typeof denominator === 'number') {
    if (Math.abs(numerator) <= MAX_SAFE && denominator > 0 && denominator <= MAX_SAFE) {
      const r = numerator % denominator;
      const q = (numerator - r) / denominator;
      const twice = 2 * Math.abs(r);
      if (twice >= denominator) return numerator < 0 ? q - 1 : q + 1;
      return q === 0 ? 0 : q; // avoid -0
    }
  }
  return roundDivBig(BigInt(numerator), BigInt(denominator));
}

function roundDivBig(n: bigint, d: bigint): number {
  if (d <= 0n) throw new RangeError('roundDiv: denominator must be positive');
  const q = n / d; // truncates toward zero
  const r = n % d;
  const abs = r < 0n ? -r : r;
  let result = q;
  if (2n * abs >= d) result = n < 0n ? q - 1n : q + 1n;
  const out = Number(result);
  if (!Number.isSafeInteger(out)) throw new AmountRangeError();
  return out;
}

/** round(a × b / d), exact: a and b are integers, d a positive integer. */
export function mulDivRound(a: Exact, b: Exact, d: number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const p = a * b;
    if (Math.abs(p) <= MAX_SAFE) return roundDiv(p, d);
  }
  return roundDivBig(BigInt(a) * BigInt(b), BigInt(d));
}

/** ceil(n / d) for integers (d ≠ 0), exact. */
export function ceilDiv(n: number | bigint, d: number | bigint): number {
  if (
    typeof n === 'number' &&
    typeof d === 'number' &&
    Math.abs(n) <= MAX_SAFE &&
    Math.abs(d) <= MAX_SAFE
  ) {
    const r = n % d;
    const q = (n - r) / d; // truncated toward zero
    return r !== 0 && r > 0 === d > 0 ? q + 1 : q === 0 ? 0 : q;
  }
  const bn = BigInt(n);
  const bd = BigInt(d);
  const r = bn % bd;
  const q = bn / bd + (r !== 0n && r > 0n === bd > 0n ? 1n : 0n);
  const out = Number(q);
  if (!Number.isSafeInteger(out)) throw new AmountRangeError();
  return out;
}

/**
 * `part / whole × 100` to 2 decimals (an integer of hundredths), half away from
 * zero; a BigInt when a tiny revenue makes the percentage huge.
 */
export function percentOf(part: number, whole: number): Exact {
  const [p, w] = whole < 0 ? [-part, -whole] : [part, whole];
  const product = p * 10000;
  if (Math.abs(product) <= MAX_SAFE) return roundDiv(product, w);
  const n = BigInt(p) * 10000n;
  const d = BigInt(w);
  const q = n / d;
  const r = n % d;
  const away = 2n * (r < 0n ? -r : r) >= d ? (n < 0n ? -1n : 1n) : 0n;
  return exact(q + away);
}

/** ceil(a × b / d) for non-negative integers, exact (BigInt past 2^53). */
export function mulCeilDiv(a: number, b: number, d: number): number {
  const p = a * b;
  if (p <= MAX_SAFE) return ceilDiv(p, d);
  return ceilDiv(BigInt(a) * BigInt(b), BigInt(d));
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string to an integer at 10^scale, exactly. Throws on more
 * decimals than the scale holds or a value beyond the safe integer range;
 * schemas reject such input before the engine sees it.
 */
export function parseScaled(text: string, scale: number): number {
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const [, sign, int = '0', frac = ''] = m;
  if (frac.length > scale) throw new RangeError(`more than ${scale} decimals: ${text}`);
  const digits = int + frac.padEnd(scale, '0');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) throw new RangeError(`out of range: ${text}`);
  return sign === '-' && value !== 0 ? -value : value;
}

export const parseMicros = (text: string): Micros => parseScaled(text, 6) as Micros;
export const parsePct = (text: string): Pct4 => parseScaled(text, 4) as Pct4;

/** Formats an integer at 10^digits as a plain decimal string ("-1234.50"). */
export function formatScaled(value: number | bigint, digits: number): string {
  if (typeof value === 'number' && digits === 2 && Math.abs(value) <= MAX_SAFE) {
    // the common case (cents), without padding and slicing strings: every quote prints tens of
    // thousands of amounts. `%` and the division of an exact multiple are exact on integers.
    const abs = value < 0 ? -value : value;
    const cents = abs % 100;
    const units = (abs - cents) / 100;
    return `${value < 0 ? '-' : ''}${units}.${cents < 10 ? '0' : ''}${cents}`;
  }
  const negative = value < 0;
  const abs = (negative ? -value : value).toString();
  if (digits === 0) return (negative ? '-' : '') + abs;
  const padded = abs.padStart(digits + 1, '0');
  const int = padded.slice(0, padded.length - digits);
  const frac = padded.slice(padded.length - digits);
  return `${negative ? '-' : ''}${int}.${frac}`;
}

/** The currency's minor digits, as Intl.NumberFormat reports them (USD 2, JPY 0). */
export function minorDigitsOf(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  return digits ?? 2;
}

/** Converts micros to minor units, rounding half away from zero. */
export function microsToMinor(micros: Exact, minorDigits: number): MinorUnits {
  return roundDiv(micros, 10 ** (6 - minorDigits)) as MinorUnits;
}
