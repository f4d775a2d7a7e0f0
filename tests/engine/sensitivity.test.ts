import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateQuote, PriceTableSchema, type Scenario } from '../../src/engine/index';
import {
  scaleHours,
  scaleMoney,
  scalePct,
  scaleTable,
  sensitivity,
} from '../../src/engine/sensitivity';
import { parseScenario } from '../support/scenarios';
import { TABLE_VARIANTS, validScenarioArb } from '../oracle/arbitraries';
import { fixedLine, paygLine, scenario, TABLE, TODAY } from './helpers';

const OPTIONS = { today: TODAY };
const RUNS = Number(process.env.FC_RUNS ?? 20);

describe('sensitivity: scaling rounds as each input is written', () => {
  it('money to 6 decimals, half away from zero', () => {
    expect(scaleMoney('149.00', 900)).toBe('134.1');
    expect(scaleMoney('0.000005', 1100)).toBe('0.000006'); // 0.0000055 → 0.000006
    expect(scaleMoney('0.000005', 900)).toBe('0.000005'); // 0.0000045 → 0.000005
    expect(scaleMoney('-2.5', 1100)).toBe('-2.75');
  });

  it('percents to 4 decimals, capped', () => {
    expect(scalePct('35', 1100, 9_999_999)).toBe('38.5');
    expect(scalePct('33.3333', 900, 9_999_999)).toBe('30'); // 29.99997 → 30.0000
    expect(scalePct('95', 1100, 1_000_000)).toBe('100');
    expect(scalePct('950', 1100, 9_999_999)).toBe('999.9999');
  });

  it('hours to 2 decimals, capped at 744', () => {
    expect(scaleHours(400, 900)).toBe(360);
    expect(scaleHours(0.05, 1100)).toBe(0.06); // 0.055 → 0.06
    expect(scaleHours(700, 1100)).toBe(744);
  });

  it('scales every Money of the table and keeps it valid', () => {
    const raised = PriceTableSchema.parse(scaleTable(TABLE, 1100));
    expect(raised.service.fixedTerm.monthlyList['core']!['100m']).toBe('163.9');
    expect(raised.service.fixedTerm.terms).toEqual(TABLE.service.fixedTerm.terms);
    expect(raised.apps.bundles[0]!.perUser.tiers[0]!.unitAmount).toBe(
      scaleMoney(TABLE.apps.bundles[0]!.perUser.tiers[0]!.unitAmount, 1100),
    );
  });
});

describe('sensitivity of a deal', () => {
  it('moves the default markup by 10 % each way, priced exactly by the engine', () => {
    // one fixed-term customer at 149.00 a month for 12 months, markup 35 %:
    // 149 × 1.35 = 201.15 → margin 52.15 a month; at 31.5 %: 195.935 → 195.94, margin 46.94;
    // at 38.5 %: 206.365 → 206.37, margin 57.37. Over 12 months: 625.80, 563.28, 688.44.
    const s = scenario({ customers: [fixedLine()] });
    const r = sensitivity(s, TABLE, OPTIONS)!;
    expect(r.base.margin).toBe('625.80');
    const markup = r.drivers.find((d) => d.id === 'default-markup')!;
    expect(markup.low!.margin).toBe('563.28');
    expect(markup.high!.margin).toBe('688.44');
    expect(markup.marginSwing).toBe('125.16');
    expect(r.drivers.some((d) => d.id === 'payg-hours')).toBe(false);
    expect(r.drivers.some((d) => d.id === 'commission-rates')).toBe(false);
  });

  it('sorts drivers by their margin swing, largest first', () => {
    const s = scenario({
      customers: [fixedLine({ count: 3 }), paygLine({ license: { hoursPerMonth: 300 } })],
      platform: { infraCostMonthly: '50' },
    });
    const r = sensitivity(s, TABLE, OPTIONS)!;
    const swings = r.drivers.map((d) => Number(d.marginSwing));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    // every driver's figures are the engine's on the moved scenario
    const hours = r.drivers.find((d) => d.id === 'payg-hours')!;
    const moved: Scenario = {
      ...s,
      customers: [
        s.customers[0]!,
        paygLine({ id: s.customers[1]!.id, license: { hoursPerMonth: 270 } }),
      ],
    };
    expect(hours.low!.margin).toBe(calculateQuote(moved, TABLE, OPTIONS).totals!.margin);
    const infra = r.drivers.find((d) => d.id === 'infrastructure')!;
    // infrastructure is pure cost: 10 % of 50.00 × 12 months either way
    expect(Number(infra.marginSwing)).toBe(120);
  });

  it('is null for a deal with errors', () => {
    const s = scenario({ customers: [fixedLine({ license: { termMonths: 7 } })] });
    expect(sensitivity(s, TABLE, OPTIONS)).toBeNull();
  });

  it('on generated deals: the base is the quote, drivers sorted, at most 17 engine calls', () => {
    const raw = TABLE_VARIANTS['example']!;
    const t = PriceTableSchema.parse(structuredClone(raw));
    fc.assert(
      fc.property(validScenarioArb(raw, 3), (generated) => {
        const s = parseScenario(generated);
        const r = sensitivity(s, t, OPTIONS);
        const q = calculateQuote(s, t, OPTIONS);
        if (q.totals === null) {
          expect(r).toBeNull();
          return;
        }
        expect(r!.base.margin).toBe(q.totals.margin);
        expect(r!.calls).toBeLessThanOrEqual(1 + 2 * 8);
        const swings = r!.drivers.map((d) => Number(d.marginSwing));
        expect([...swings].sort((a, b) => b - a)).toEqual(swings);
        // At a fixed sell price the vendor's prices are pure cost: dearer never earns more.
        const fixed: Scenario = {
          ...s,
          customers: s.customers.map((line) => ({
            ...line,
            sell: { mode: 'fixed', monthly: '1000', oneOff: '0' },
          })),
        };
        const v = sensitivity(fixed, t, OPTIONS)?.drivers.find((d) => d.id === 'vendor-prices');
        if (v?.low && v.high) {
          expect(Number(v.high.margin)).toBeLessThanOrEqual(Number(v.low.margin));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the example deals', () => {
  const read = (name: string): unknown =>
    JSON.parse(readFileSync(new URL(`../fixtures/examples/${name}`, import.meta.url), 'utf8'));
  it('example 1: counts move the margin more than the infrastructure cost', () => {
    const t = PriceTableSchema.parse(read('example-table.json'));
    const s = parseScenario(read('example-1-mixed.json'));
    const r = sensitivity(s, t, OPTIONS)!;
    const ids = r.drivers.map((d) => d.id);
    expect(ids.indexOf('customer-counts')).toBeLessThan(ids.indexOf('infrastructure'));
  });
});
