import { describe, expect, it } from 'vitest';
import { moneyFormatter } from '../../src/components/format';
import { formatKpi, resultKpis } from '../../src/reports/kpis';
import { sampleScenario } from '../../src/state/sample';
import { generateScenario } from '../../bench/generate';
import { engineQuote } from '../support/app-state';

describe('the KPI cards', () => {
  it('take every figure from the quote totals, in the order of PRODUCT.md', () => {
    const quote = engineQuote(sampleScenario());
    const t = quote.totals!;
    const kpis = resultKpis(quote)!;
    expect(kpis.map((k) => k.label)).toEqual([
      'TCV',
      'Total cost',
      'Commissions',
      'Margin',
      'Margin %',
      'One-off',
      'MRR',
      'ARR',
      'Break-even month',
      'License committed after the horizon',
    ]);
    const byId = Object.fromEntries(kpis.map((k) => [k.id, k.value]));
    expect(byId).toEqual({
      tcv: { kind: 'money', amount: t.revenue },
      cost: { kind: 'money', amount: t.cost },
      commissions: { kind: 'money', amount: t.commissions },
      margin: { kind: 'money', amount: t.margin },
      marginPct: { kind: 'percent', pct: t.marginPct },
      oneOff: { kind: 'money', amount: t.oneOff },
      mrr: { kind: 'money', amount: t.mrrFinal },
      arr: { kind: 'money', amount: t.arr },
      breakEven: {
        kind: 'month',
        month: t.breakEvenMonth,
        period: t.breakEvenMonth === null ? null : quote.months[t.breakEvenMonth - 1]!.period,
      },
      committed: { kind: 'money', amount: t.licenseCommittedAfterHorizon },
    });
  });

  it('format amounts in the currency, the percent and the break-even month with its period', () => {
    const quote = engineQuote(generateScenario(200, 60, 7));
    const money = moneyFormatter(quote.currency);
    const kpis = resultKpis(quote)!;
    const text = Object.fromEntries(kpis.map((k) => [k.id, formatKpi(k.value, money)]));
    expect(text.tcv).toBe(money(quote.totals!.revenue));
    expect(text.arr).toBe(money(quote.totals!.arr));
    expect(formatKpi({ kind: 'percent', pct: '23.40' }, money)).toBe('23.40 %');
    expect(formatKpi({ kind: 'percent', pct: null }, money)).toBe('—');
    expect(formatKpi({ kind: 'month', month: 7, period: '2027-07' }, money)).toBe(
      'Month 7 (2027-07)',
    );
    expect(formatKpi({ kind: 'month', month: null, period: null }, money)).toBe(
      'Not within the horizon',
    );
  });

  it('are absent when an error stopped the quote', () => {
    const scenario = sampleScenario();
    const first = scenario.customers[0]!;
    const broken = {
      ...scenario,
      customers: [{ ...first, license: { ...first.license, bundle: 'no-such-bundle' } }],
    };
    const quote = engineQuote(broken);
    expect(quote.totals).toBeNull();
    expect(resultKpis(quote)).toBeNull();
  });
});
