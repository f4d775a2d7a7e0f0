import { describe, expect, it } from 'vitest';
import { formatScaled, mulDivRound, parseScaled, roundDiv } from '../../src/engine/money';

// PRICING.md §1 "Rounding": one rule everywhere, half away from zero to the minor unit, on an
// exact rational (integer numerator over integer denominator); BigInt where a product can pass
// 2^53. `roundDiv` is that one routine.

describe('roundDiv: half away from zero', () => {
  it.each([
    // numerator, denominator, result, why
    [5, 2, 3, '2.5 → 3 (banker’s rounding would give 2)'],
    [-5, 2, -3, '−2.5 → −3 (away from zero, not toward +∞)'],
    [7, 2, 4, '3.5 → 4'],
    [-7, 2, -4, '−3.5 → −4'],
    [1, 3, 0, '0.333… → 0'],
    [-1, 3, 0, '−0.333… → 0'],
    [2, 3, 1, '0.666… → 1'],
    [-2, 3, -1, '−0.666… → −1'],
    [1, 2, 1, '0.5 → 1'],
    [-1, 2, -1, '−0.5 → −1'],
    [3, 2, 2, '1.5 → 2'],
    [49, 100, 0, '0.49 → 0'],
    [50, 100, 1, '0.50 → 1'],
    [-49, 100, 0, '−0.49 → 0'],
    [-50, 100, -1, '−0.50 → −1'],
    [570725, 1000, 571, '570.725 → 571 (the half cent of 617 × 0.925)'],
    [12, 4, 3, 'exact'],
    [-12, 4, -3, 'exact negative'],
    [0, 7, 0, 'zero'],
  ])('%i / %i = %i  (%s)', (n, d, expected) => {
    expect(roundDiv(n, d)).toBe(expected);
    expect(Object.is(roundDiv(n, d), -0)).toBe(false);
  });

  it('never returns −0', () => {
    expect(Object.is(roundDiv(-1, 3), 0)).toBe(true);
    expect(Object.is(roundDiv(-0, 5), 0)).toBe(true);
  });

  it('gives the same answer on the BigInt path as on the number path', () => {
    for (const [n, d] of [
      [5, 2],
      [-5, 2],
      [1, 3],
      [-7, 2],
      [570725, 1000],
      [-123456789, 1000],
    ] as const) {
      expect(roundDiv(BigInt(n), BigInt(d))).toBe(roundDiv(n, d));
    }
  });

  describe('beyond 2^53 (the BigInt path)', () => {
    const TWO_60 = 2n ** 60n;

    it('(2^60 + 1) / 2^8 = 2^52 + 1/256 → 2^52', () => {
      expect(roundDiv(TWO_60 + 1n, 256n)).toBe(2 ** 52);
    });

    it('(2^60 + 2^7) / 2^8 = 2^52 + 0.5 → 2^52 + 1 (half away from zero)', () => {
      expect(roundDiv(TWO_60 + 128n, 256n)).toBe(2 ** 52 + 1);
      expect(roundDiv(-(TWO_60 + 128n), 256n)).toBe(-(2 ** 52 + 1));
    });

    it('(2^60 + 2^7 − 1) / 2^8 is just under the half → 2^52', () => {
      expect(roundDiv(TWO_60 + 127n, 256n)).toBe(2 ** 52);
    });

    it('a float division would be wrong where the BigInt path is right', () => {
      // 2^60 + 2^7 cannot be held by a double (it becomes 2^60), so a float path would give 2^52.
      expect(Number(TWO_60 + 128n)).toBe(2 ** 60);
      expect(Math.round(Number(TWO_60 + 128n) / 256)).toBe(2 ** 52);
      expect(roundDiv(TWO_60 + 128n, 256n)).toBe(2 ** 52 + 1);
    });

    it('(2^60 + 1) / 2 → 2^59 + 1 is not a safe integer: it throws instead of rounding silently', () => {
      // 2^59 + 0.5 rounds half away to 2^59 + 1, which a double cannot hold (it would become
      // 2^59): the routine refuses rather than return a silently rounded amount.
      expect(() => roundDiv(TWO_60 + 1n, 2n)).toThrow(RangeError);
    });

    it('accepts a numerator beyond 2^53 given as a bigint with a number-sized result', () => {
      // 9_007_199_254_740_993 = 2^53 + 1, / 2 = 4_503_599_627_370_496.5 → …497
      expect(roundDiv(2n ** 53n + 1n, 2n)).toBe(4_503_599_627_370_497);
    });

    it('rejects a zero or negative denominator', () => {
      expect(() => roundDiv(1n, 0n)).toThrow(RangeError);
      expect(() => roundDiv(1n, -2n)).toThrow(RangeError);
    });
  });
});

describe('mulDivRound: round(a × b / d) exactly', () => {
  it('small products stay on the number path', () => {
    // 617.00 at 10^6 × (100 − 7.5) % at 10^4, to cents: 617 × 0.925 = 570.725 → 570.73
    expect(mulDivRound(617_000_000, 925_000, 10 ** 6 * 10 ** 4)).toBe(57073);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
  });

  it('a product beyond 2^53 is computed with BigInt, not as a rounded double', () => {
    // a = 2^40 + 1, b = 2^21 + 2^9 + 1:
    // a × b = 2^61 + 2^49 + 2^40 + 2^21 + 2^9 + 1 (odd, so no double holds it)
    // / 2^10 = 2^51 + 2^39 + 2^30 + 2^11 + 1/2 + 1/1024 → 2^51 + 2^39 + 2^30 + 2^11 + 1
    const a = 2 ** 40 + 1;
    const b = 2 ** 21 + 2 ** 9 + 1;
    expect(a * b).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    const expected = 2 ** 51 + 2 ** 39 + 2 ** 30 + 2 ** 11 + 1;
    expect(mulDivRound(a, b, 2 ** 10)).toBe(expected);
    expect(mulDivRound(-a, b, 2 ** 10)).toBe(-expected);
    // a = 2^40 + 1, b = 2^21 + 1: a × b / 2^10 = 2^51 + 2^30 + 2^11 + 1/1024 → 2^51 + 2^30 + 2^11
    expect(mulDivRound(a, 2 ** 21 + 1, 2 ** 10)).toBe(2 ** 51 + 2 ** 30 + 2 ** 11);
  });

  it('an exact half beyond 2^53 rounds away from zero', () => {
    // 3 × (2^52 + 1) = 3 × 2^52 + 3; / 2 = 3 × 2^51 + 1.5 → 3 × 2^51 + 2 = 6 755 399 441 055 746
    expect(mulDivRound(3, 2 ** 52 + 1, 2)).toBe(6_755_399_441_055_746);
    expect(mulDivRound(-3, 2 ** 52 + 1, 2)).toBe(-6_755_399_441_055_746);
  });

  it('agrees with an independent BigInt computation on large products', () => {
    const cases: [number, number, number][] = [
      [999_999_999_999_999, 1_000_000, 10_000_000_000],
      [123_456_789_012_345, 987_654, 1_000_000_000_000],
      [744_00, 999_999_999_999_999, 100_000_000],
      [-999_999_999_999_999, 333_333, 999_999],
    ];
    for (const [a, b, d] of cases) {
      const n = BigInt(a) * BigInt(b);
      const q = n / BigInt(d);
      const r = n % BigInt(d);
      const abs = r < 0n ? -r : r;
      const expected = 2n * abs >= BigInt(d) ? (n < 0n ? q - 1n : q + 1n) : q;
      expect(mulDivRound(a, b, d)).toBe(Number(expected));
    }
  });
});

describe('parseScaled: decimal strings to integers without floating point', () => {
  it.each([
    ['0.1', 6, 100_000],
    ['0.29', 2, 29], // 0.29 × 100 is 28.999999999999996 in floating point
    ['1.005', 3, 1005], // 1.005 × 1000 is 1004.9999999999999 in floating point
    ['123456789.123456', 6, 123_456_789_123_456],
    ['9007199254.740991', 6, Number.MAX_SAFE_INTEGER],
    ['12.5', 4, 125_000],
    ['100', 4, 1_000_000],
    ['0', 6, 0],
    ['0.000001', 6, 1],
    ['-0.000001', 6, -1],
    ['-1234.5', 2, -123_450],
    ['007.50', 2, 750],
  ])('%s at scale %i is %i', (text, scale, expected) => {
    expect(parseScaled(text, scale)).toBe(expected);
  });

  it('"-0" is 0, not −0', () => {
    expect(Object.is(parseScaled('-0', 6), 0)).toBe(true);
    expect(Object.is(parseScaled('-0.000', 6), 0)).toBe(true);
  });

  it('rejects more decimals than the scale holds instead of rounding them', () => {
    expect(() => parseScaled('0.1234567', 6)).toThrow(RangeError);
    expect(() => parseScaled('1.005', 2)).toThrow(RangeError);
  });

  it('rejects values beyond the safe integer range instead of losing digits', () => {
    expect(() => parseScaled('9007199254.740992', 6)).toThrow(RangeError);
  });

  it.each(['', '.5', '1.', '1e3', '0x10', ' 1', '1,5', 'NaN', '+1'])(
    'rejects %j, which is not a plain decimal',
    (text) => {
      expect(() => parseScaled(text, 6)).toThrow(RangeError);
    },
  );
});

describe('formatScaled: integers back to decimal strings', () => {
  it.each([
    [123_450, 2, '1234.50'],
    [-123_450, 2, '-1234.50'],
    [5, 2, '0.05'],
    [-5, 2, '-0.05'],
    [0, 2, '0.00'],
    [100, 2, '1.00'],
    [-100, 2, '-1.00'],
    [1_234_500, 6, '1.234500'],
    [1234, 0, '1234'],
    [-1234, 0, '-1234'],
    [0, 0, '0'],
    [Number.MAX_SAFE_INTEGER, 2, '90071992547409.91'],
  ])('%i at %i digits is %j', (value, digits, expected) => {
    expect(formatScaled(value, digits)).toBe(expected);
  });

  it('round-trips with parseScaled', () => {
    for (const text of ['0.00', '-0.05', '1234.50', '-98765.43', '0.01']) {
      expect(formatScaled(parseScaled(text, 2), 2)).toBe(text);
    }
  });
});
