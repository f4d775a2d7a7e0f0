import { describe, expect, it } from 'vitest';
import { loadPricingData } from '../../../src/cli/load-tables';
import { countLabel, moneyFormatter } from '../../../src/components/format';
import { summaryFigures } from '../../../src/features/summary/figures';
import { createQuoteSelector } from '../../../src/state/quote';
import { sampleScenario } from '../../../src/state/sample';

const registry = loadPricingData();
const TODAY = '2026-11-22';

describe('the figures of the live summary', () => {
  it('are the totals of the sample plan’s quote', () => {
    const result = createQuoteSelector()(sampleScenario(), registry, TODAY);
    if (!result.ok) throw new Error(result.message);
    const t = result.quote.totals!;
    expect(summaryFigures(result)).toEqual({
      ok: true,
      currency: result.quote.currency,
      figures: {
        tcv: t.revenue,
        margin: t.margin,
        marginPct: t.marginPct,
        mrr: t.mrrFinal,
        breakEvenMonth: t.breakEvenMonth,
        peakFunding: t.cash.peakFunding,
      },
      errors: 0,
      warnings: 0,
      issues: [],
    });
  });

  it('count errors and warnings separately', () => {
    const scenario = sampleScenario();
    // a minimum margin no line reaches: a warning per customer line
    const strict = { ...scenario, pricing: { ...scenario.pricing, minMarginPct: '99' } };
    const result = createQuoteSelector()(strict, registry, TODAY);
    if (!result.ok) throw new Error(result.message);
    const summary = summaryFigures(result);
    if (!summary.ok) throw new Error(summary.message);
    const warnings = result.quote.issues.filter((i) => i.level === 'warning').length;
    expect(warnings).toBeGreaterThan(0);
    expect(summary.warnings).toBe(warnings);
    expect(summary.errors).toBe(result.quote.issues.length - warnings);
    expect(summary.issues).toBe(result.quote.issues);
  });

  it('have no figures when an error stops the quote', () => {
    const scenario = sampleScenario();
    const broken = {
      ...scenario,
      customers: scenario.customers.map((c, i) => (i === 0 ? { ...c, partnerId: 'nobody' } : c)),
    };
    const result = createQuoteSelector()(broken, registry, TODAY);
    if (!result.ok) throw new Error(result.message);
    const summary = summaryFigures(result);
    expect(summary).toMatchObject({ ok: true, figures: null });
    expect(summary.ok && summary.errors).toBeGreaterThan(0);
  });

  it('pass on the message when the quote cannot be made', () => {
    expect(summaryFigures({ ok: false, message: 'The table is missing.' })).toEqual({
      ok: false,
      message: 'The table is missing.',
    });
  });
});

describe('formatting', () => {
  it('formats the exact decimal string in the currency', () => {
    const expected = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' });
    expect(moneyFormatter('USD')('742614.18')).toBe(
      expected.format('742614.18' as unknown as number),
    );
    // digits beyond a double's precision survive
    expect(moneyFormatter('USD')('90071992547409.93').replace(/\D/g, '')).toBe('9007199254740993');
  });

  it('says one or many', () => {
    expect(countLabel(1, 'error', 'errors')).toBe('1 error');
    expect(countLabel(0, 'error', 'errors')).toBe('0 errors');
  });
});
