import { describe, expect, it } from 'vitest';
import { moneyFormatter } from '../../src/components/format';
import { cashKpis, formatKpi } from '../../src/reports/kpis';
import { sampleScenario } from '../../src/state/sample';
import { engineQuote } from '../support/app-state';
import { compareDecimals } from '../../src/reports/decimal';

describe('the cash KPI cards', () => {
  it("take peak funding, cash break-even, receivable and payable from the quote's cash", () => {
    const scenario = {
      ...sampleScenario(),
      billing: {
        vendor: { fixedTerm: 'upfront' as const, paymentDelayMonths: 0 },
        customers: { fixedTerm: 'monthly' as const, paymentDelayMonths: 1 },
      },
    };
    const quote = engineQuote(scenario);
    const cash = quote.totals!.cash;
    const kpis = cashKpis(quote as never);
    expect(kpis.map((k) => k.label)).toEqual([
      'Peak funding',
      'Cash break-even month',
      'Receivable after the horizon',
      'Payable after the horizon',
    ]);
    const byId = Object.fromEntries(kpis.map((k) => [k.id, k.value]));
    expect(byId.peakFunding).toEqual({ kind: 'money', amount: cash.peakFunding });
    expect(byId.receivable).toEqual({ kind: 'money', amount: cash.receivableAfterHorizon });
    expect(byId.payable).toEqual({ kind: 'money', amount: cash.payableAfterHorizon });
    expect(byId.cashBreakEven).toEqual({
      kind: 'month',
      month: cash.breakEvenMonth,
      period: cash.breakEvenMonth === null ? null : quote.months[cash.breakEvenMonth - 1]!.period,
    });
    // paying the vendor upfront while customers pay a month late needs funding, and the last
    // month's customer payments fall after the horizon
    expect(compareDecimals(cash.peakFunding, '0')).toBe(1);
    expect(compareDecimals(cash.receivableAfterHorizon, '0')).toBe(1);
    const money = moneyFormatter(quote.currency);
    expect(formatKpi(byId.peakFunding!, money)).toBe(money(cash.peakFunding));
  });
});
