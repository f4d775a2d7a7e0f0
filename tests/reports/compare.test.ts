import { describe, expect, it } from 'vitest';
import { compareQuotes, scenarioDifferences } from '../../src/reports/compare';
import { toUnits } from '../../src/reports/decimal';
import { sampleScenario } from '../../src/state/sample';
import { engineQuote } from '../support/app-state';

describe('compareQuotes', () => {
  it('gives zero differences for a scenario against itself', () => {
    const quote = engineQuote(sampleScenario());
    const cmp = compareQuotes(quote, quote)!;
    expect(cmp.sameCurrency).toBe(true);
    for (const k of cmp.kpis)
      expect(k.difference === null || Number(k.difference) === 0).toBe(true);
    expect(cmp.margins).toHaveLength(quote.months.length);
    expect(cmp.margins.every((m) => m.a === m.b)).toBe(true);
  });

  it('subtracts each amount exactly, B − A, and aligns months on the calendar', () => {
    const a = sampleScenario();
    const b = {
      ...a,
      startPeriod: '2027-03',
      pricing: { ...a.pricing, defaultMarkupPct: '55' },
    };
    const qa = engineQuote(a);
    const qb = engineQuote(b);
    const cmp = compareQuotes(qa, qb)!;
    const tcv = cmp.kpis.find((k) => k.id === 'tcv')!;
    expect(toUnits(tcv.difference!, 2)).toBe(
      toUnits(qb.totals!.revenue, 2) - toUnits(qa.totals!.revenue, 2),
    );
    const pct = cmp.kpis.find((k) => k.id === 'marginPct')!;
    expect(toUnits(pct.difference!, 2)).toBe(
      toUnits(qb.totals!.marginPct!, 2) - toUnits(qa.totals!.marginPct!, 2),
    );
    // B starts two months later: its first two periods are A's only, its last two B's only
    expect(cmp.margins).toHaveLength(qa.months.length + 2);
    expect(cmp.margins[0]).toEqual({
      period: qa.months[0]!.period,
      a: qa.months[0]!.margin,
      b: null,
    });
    expect(cmp.margins.at(-1)).toEqual({
      period: qb.months.at(-1)!.period,
      a: null,
      b: qb.months.at(-1)!.margin,
    });
    const march = cmp.margins.find((m) => m.period === '2027-03')!;
    expect(march).toEqual({ period: '2027-03', a: qa.months[2]!.margin, b: qb.months[0]!.margin });
  });

  it('does not subtract amounts in different currencies', () => {
    const quote = engineQuote(sampleScenario());
    const cmp = compareQuotes(quote, { ...quote, currency: 'EUR' })!;
    expect(cmp.sameCurrency).toBe(false);
    expect(cmp.kpis.find((k) => k.id === 'tcv')!.difference).toBeNull();
    expect(cmp.kpis.find((k) => k.id === 'marginPct')!.difference).toBe('0.00');
  });
});

describe('scenarioDifferences', () => {
  it('lists nothing for identical scenarios', () => {
    expect(scenarioDifferences(sampleScenario(), sampleScenario())).toEqual([]);
  });

  it('names changed settings, changed line fields, and added or removed lines', () => {
    const a = sampleScenario();
    const b = structuredClone(a);
    b.horizonMonths = 48;
    b.customers[0]!.count = 3;
    b.customers.splice(1, 1);
    b.customers.push({ ...structuredClone(a.customers[2]!), id: 'new1', name: 'Москва Хостинг' });
    expect(scenarioDifferences(a, b)).toEqual([
      { what: 'Horizon (months)', a: '36', b: '48' },
      { what: 'Customer line Müller GmbH: count', a: '1', b: '3' },
      { what: 'Customer line Łódź Telekom', a: 'present', b: 'absent' },
      { what: 'Customer line Москва Хостинг', a: 'absent', b: 'present' },
    ]);
  });
});
