import { describe, expect, it } from 'vitest';
import {
  describeDistributorRate,
  describeRate,
  partnerRate,
} from '../../../src/features/channel/rates';
// the Channel step's sums use the one decimal module (ADR 024)
import {
  fractionDigits as decimalsOf,
  sumDecimals as sumAmounts,
} from '../../../src/reports/decimal';
import { withChannel } from '../../../src/features/channel/references';
import { sampleScenario } from '../../../src/state/sample';

const northern = {
  id: 'd1',
  name: 'Northern Distribution',
  commissionPct: '3',
  partnerCommissionPct: '8',
};
const silent = { id: 'd2', name: '', commissionPct: null, partnerCommissionPct: null };
const distributors = [northern, silent];

describe('partnerRate (PRICING.md §5 step 5)', () => {
  it('takes the partner its own rate first', () => {
    const rate = partnerRate({ distributorId: 'd1', commissionPct: '11.5' }, distributors);
    expect(rate).toMatchObject({ pct: '11.5', source: 'own', distributorPct: '3' });
    expect(describeRate(rate)).toBe('11.5 % — its own rate');
    expect(describeDistributorRate(rate)).toBe('plus 3 % to Northern Distribution');
  });

  it('inherits its distributor partner rate when it has none', () => {
    const rate = partnerRate({ distributorId: 'd1', commissionPct: null }, distributors);
    expect(describeRate(rate)).toBe('8 % — inherited from Northern Distribution');
  });

  it('is 0 % with no rate anywhere, and a distributor without a rate takes nothing', () => {
    const rate = partnerRate({ distributorId: 'd2', commissionPct: null }, distributors);
    expect(describeRate(rate)).toBe('0 % — no rate set');
    expect(describeDistributorRate(rate)).toBeNull();
  });

  it('a direct partner has no distributor commission', () => {
    const own = partnerRate({ distributorId: null, commissionPct: '5' }, distributors);
    expect(describeRate(own)).toBe('5 % — its own rate');
    expect(describeDistributorRate(own)).toBeNull();
    expect(describeRate(partnerRate({ distributorId: null, commissionPct: null }, []))).toBe(
      '0 % — no rate set',
    );
  });

  it('an own rate of "0" is a rate, not a missing one', () => {
    const rate = partnerRate({ distributorId: 'd1', commissionPct: '0' }, distributors);
    expect(describeRate(rate)).toBe('0 % — its own rate');
  });

  it('names a distributor without a name by its id', () => {
    const rate = partnerRate({ distributorId: 'd2', commissionPct: null }, [
      { ...silent, partnerCommissionPct: '4', commissionPct: '1' },
    ]);
    expect(describeRate(rate)).toBe('4 % — inherited from d2');
    expect(describeDistributorRate(rate)).toBe('plus 1 % to d2');
  });
});

describe('sumAmounts', () => {
  it('adds exactly in minor units', () => {
    expect(sumAmounts(['0.10', '0.20'], 2)).toBe('0.30');
    expect(sumAmounts(Array<string>(10).fill('0.10'), 2)).toBe('1.00');
    expect(sumAmounts(['9007199254740993.00', '1.01'], 2)).toBe('9007199254740994.01');
    expect(sumAmounts(['1.00', '-2.50'], 2)).toBe('-1.50');
    expect(sumAmounts(['12', '30'], 0)).toBe('42');
    expect(sumAmounts([], 2)).toBe('0.00');
    expect(decimalsOf('12.345')).toBe(3);
    expect(decimalsOf('7')).toBe(0);
  });

  it('refuses what is not a decimal amount', () => {
    expect(() => sumAmounts(['1e3'], 2)).toThrow();
    expect(() => sumAmounts(['1.234'], 2)).toThrow();
  });
});

describe('withChannel', () => {
  it('clears the lines of a removed partner in the same edit', () => {
    const s = sampleScenario();
    const next = withChannel(s, {
      ...s.channel,
      partners: s.channel.partners.filter((p) => p.id !== 'p1'),
    });
    expect(next.customers.filter((c) => c.partnerId === 'p1')).toEqual([]);
    expect(next.customers.find((c) => c.id === 'c1')!.partnerId).toBeNull();
    expect(next.customers.find((c) => c.id === 'c2')!.partnerId).toBe('p2');
  });

  it('moves the lines of a partner whose id changed in place', () => {
    const s = sampleScenario();
    const next = withChannel(s, {
      ...s.channel,
      partners: s.channel.partners.map((p) => (p.id === 'p1' ? { ...p, id: 'harbour' } : p)),
    });
    expect(next.customers.find((c) => c.id === 'c1')!.partnerId).toBe('harbour');
    expect(next.customers.find((c) => c.id === 'c5')!.partnerId).toBe('harbour');
  });
});
