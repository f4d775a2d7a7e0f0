import { describe, expect, it } from 'vitest';
import {
  compareDecimals,
  fractionDigits,
  fromUnits,
  negateDecimal,
  percentOf,
  subtractDecimals,
  sumDecimals,
  toUnits,
} from '../../src/reports/decimal';

describe('decimal amounts', () => {
  it('reads and writes amounts as exact integers of minor units', () => {
    expect(toUnits('12.5', 2)).toBe(1250n);
    expect(toUnits('-0.07', 2)).toBe(-7n);
    expect(toUnits('1200', 0)).toBe(1200n);
    expect(fromUnits(-1250n, 2)).toBe('-12.50');
    expect(fromUnits(7n, 2)).toBe('0.07');
    expect(fromUnits(0n, 2)).toBe('0.00');
    expect(fromUnits(-3n, 0)).toBe('-3');
    expect(fractionDigits('1.234')).toBe(3);
    expect(() => toUnits('1.234', 2)).toThrow(RangeError);
    expect(() => toUnits('1e5', 2)).toThrow(RangeError);
  });

  it('adds without floats, past 2^53 minor units', () => {
    expect(sumDecimals(['0.10', '0.20'], 2)).toBe('0.30'); // 0.1 + 0.2 !== 0.3 in floats
    expect(sumDecimals([], 2)).toBe('0.00');
    expect(sumDecimals([], 0)).toBe('0');
    expect(sumDecimals(['90071992547409.93', '0.10', '-0.02'], 2)).toBe('90071992547410.01');
    expect(sumDecimals(['-1.50', '1.50'], 2)).toBe('0.00');
    expect(subtractDecimals('1.00', '2.50', 2)).toBe('-1.50');
    expect(negateDecimal('12.30')).toBe('-12.30');
    expect(negateDecimal('-0.01')).toBe('0.01');
    expect(negateDecimal('0.00')).toBe('0.00');
  });

  it('orders amounts exactly, whatever their decimals', () => {
    expect(compareDecimals('9.99', '10.00')).toBe(-1);
    expect(compareDecimals('-1.5', '-1.50')).toBe(0);
    expect(compareDecimals('90071992547409.93', '90071992547409.92')).toBe(1);
    expect(['10.00', '-2.00', '9.99', '0.00'].sort(compareDecimals)).toEqual([
      '-2.00',
      '0.00',
      '9.99',
      '10.00',
    ]);
  });

  it('computes a percent like the quote: 2 decimals, half away from zero, null on zero', () => {
    expect(percentOf('1.00', '3.00')).toBe('33.33');
    expect(percentOf('2.00', '3.00')).toBe('66.67');
    expect(percentOf('0.00125', '1.00000')).toBe('0.13'); // 0.125 % rounds up
    expect(percentOf('-0.00125', '1.00000')).toBe('-0.13'); // and away from zero below it
    expect(percentOf('-0.00004', '1.00000')).toBe('0.00');
    expect(percentOf('-147.53', '100.00')).toBe('-147.53');
    expect(percentOf('5.00', '0.00')).toBeNull();
  });
});
