import { describe, expect, it } from 'vitest';
import type { CustomerLine } from '../../../src/engine/index';
import { CustomerLineSchema } from '../../../src/engine/schema/scenario';
import {
  applyGrowth,
  growthDefaults,
  planGrowth,
  type GrowthInput,
} from '../../../src/features/customers/growth';

const fixed = (over: Partial<CustomerLine> = {}, termMonths = 12, renew = true): CustomerLine => ({
  id: 'c1',
  name: 'Segment',
  count: 10,
  startMonth: 1,
  endMonth: null,
  partnerId: null,
  license: { model: 'fixed-term', bandwidth: '100m', bundle: 'b', vServices: 2, termMonths, renew },
  sell: null,
  apps: [],
  ...over,
});

const payg = (over: Partial<CustomerLine> = {}): CustomerLine => ({
  ...fixed(),
  license: {
    model: 'payg',
    bandwidth: '100m',
    bundle: 'b',
    vServices: 2,
    hoursPerMonth: 730,
    convertTo: null,
  },
  ...over,
});

const input = (over: Partial<GrowthInput>): GrowthInput => ({
  start: '10',
  winsPerMonth: '0',
  winsFrom: '2',
  winsTo: '12',
  churnPct: '0',
  nonRenewalPct: '0',
  ...over,
});

const plan = (line: CustomerLine, horizon: number, over: Partial<GrowthInput>) => {
  const r = planGrowth(line, horizon, input(over));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
};

describe('the growth helper (ADR 032)', () => {
  it('writes one count change a month for whole wins, from the first month of wins to the last', () => {
    const p = plan(payg(), 6, { winsPerMonth: '3', winsFrom: '2', winsTo: '4' });
    expect(p.count).toBe(10);
    expect(p.changes).toEqual([
      { fromMonth: 2, count: 13 },
      { fromMonth: 3, count: 16 },
      { fromMonth: 4, count: 19 },
    ]);
    expect(p.curve.map((c) => c.customers)).toEqual([10, 13, 16, 19, 19, 19]);
  });

  it('accumulates fractional wins and rounds the exact count to the nearest, halves up', () => {
    // 10.5 → 11, 11.0 → 11, 11.5 → 12, 12.0 → 12: a change every other month
    const p = plan(payg(), 5, { winsPerMonth: '0.5', winsFrom: '2', winsTo: '5' });
    expect(p.curve.map((c) => c.customers)).toEqual([10, 11, 11, 12, 12]);
    expect(p.changes).toEqual([
      { fromMonth: 2, count: 11 },
      { fromMonth: 4, count: 12 },
    ]);
  });

  it('applies PAYG churn to the exact count of the month before', () => {
    // 100 × 0.9 = 90, × 0.9 = 81, × 0.9 = 72.9 → 73, × 0.9 = 65.61 → 66
    const p = plan(payg(), 5, { start: '100', churnPct: '10' });
    expect(p.curve.map((c) => c.customers)).toEqual([100, 90, 81, 73, 66]);
  });

  it('lets fixed-term customers leave only when their term ends', () => {
    // 12-month terms from month 1: 10 % of 100 leave at month 13, of the rest at month 25
    const p = plan(fixed({ count: 100 }), 30, { start: '100', nonRenewalPct: '10' });
    expect(p.changes).toEqual([
      { fromMonth: 13, count: 90 },
      { fromMonth: 25, count: 81 },
    ]);
  });

  it('counts each month of wins as a cohort with its own renewal', () => {
    // 2 a month in months 2 and 3 (two cohorts of 2); at month 13 half of the first 10 leave,
    // at 14 and 15 one of each 2-customer cohort
    const p = plan(fixed(), 16, {
      winsPerMonth: '2',
      winsFrom: '2',
      winsTo: '3',
      nonRenewalPct: '50',
    });
    expect(p.changes).toEqual([
      { fromMonth: 2, count: 12 },
      { fromMonth: 3, count: 14 },
      { fromMonth: 13, count: 9 },
      { fromMonth: 14, count: 8 },
      { fromMonth: 15, count: 7 },
    ]);
  });

  it('on a line that does not renew, every customer leaves after one term', () => {
    const p = plan(fixed({}, 6, false), 8, {});
    expect(p.changes).toEqual([{ fromMonth: 7, count: 0 }]);
  });

  it('stops at the end month of a PAYG line', () => {
    const p = plan(payg({ endMonth: 4 }), 12, { winsPerMonth: '1', winsFrom: '2', winsTo: '4' });
    expect(p.curve.at(-1)).toEqual({ month: 4, customers: 13 });
    expect(growthDefaults(payg({ endMonth: 4 }), 12).winsTo).toBe('4');
  });

  it('refuses bad input with a message for each field, and a converting line', () => {
    const r = planGrowth(payg(), 12, input({ start: '0', winsPerMonth: 'abc', churnPct: '101' }));
    expect(r.ok).toBe(false);
    const w = planGrowth(payg(), 12, input({ winsPerMonth: '1', winsFrom: '1', winsTo: 'x' }));
    expect(!w.ok && w.errors.winsFrom).toMatch(/month from 2 to 12/);
    expect(!w.ok && w.errors.winsTo).toMatch(/month from 2 to 12/);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.start).toMatch(/at least 1/);
    expect(r.errors.winsPerMonth).toMatch(/number/);
    expect(r.errors.churnPct).toMatch(/percentage/);
    const converting = payg({
      license: {
        model: 'payg',
        bandwidth: '100m',
        bundle: 'b',
        vServices: 2,
        hoursPerMonth: 730,
        convertTo: { atMonth: 6, termMonths: 12 },
      },
    });
    const c = planGrowth(converting, 12, input({}));
    expect(c.ok || c.errors.line).toMatch(/converts/);
  });

  it('keeps capacity changes and replaces count changes, giving a line the schema accepts', () => {
    const line = fixed({
      changes: [
        { fromMonth: 3, count: 50 },
        { fromMonth: 5, count: 40, bandwidth: '1g' },
        { fromMonth: 7, vServices: 4 },
      ],
    });
    const p = plan(line, 8, { start: '12', winsPerMonth: '1', winsFrom: '7', winsTo: '8' });
    const next = applyGrowth(line, p);
    expect(next.count).toBe(12);
    expect(next.changes).toEqual([
      { fromMonth: 5, bandwidth: '1g' },
      { fromMonth: 7, vServices: 4, count: 13 },
      { fromMonth: 8, count: 14 },
    ]);
    expect(CustomerLineSchema.safeParse(next).success).toBe(true);
  });
});

describe('the growth helper at scale', () => {
  it('stays exact with a million customers and 2 % churn (no float in the carried count)', () => {
    const p = plan(payg(), 3, { start: '1000000', churnPct: '2.5' });
    // 1,000,000 × 0.975 = 975,000; × 0.975 = 950,625
    expect(p.curve.map((c) => c.customers)).toEqual([1_000_000, 975_000, 950_625]);
  });
});
