import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  isPriced,
  paygBreakEven,
  priceWaterfall,
  quoteErrors,
  whiteLabelVolume,
  type Scenario,
} from '../../src/engine/index';
import { bundledRegistry } from '../../src/price-tables/bundled';
import { resolvePinned } from '../../src/price-tables/registry';
import { pricedDeal } from '../../src/reports/priced-deal';
import { sampleScenario } from '../../src/state/sample';

function entryOf(s: Scenario) {
  const pinned = resolvePinned(bundledRegistry, s.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return pinned.entry;
}

const scenario = sampleScenario();
const entry = entryOf(scenario);
const options = { today: '2027-01-10', tableSha256: entry.sha256 };
const quote = calculateQuote(scenario, entry.table, options);

describe('isPriced', () => {
  it('is true exactly when no error stopped the quote', () => {
    expect(isPriced(quote)).toBe(true);
    expect(quoteErrors(quote)).toEqual([]);
    const broken = calculateQuote(
      { ...scenario, horizonMonths: 0 } as Scenario,
      entry.table,
      options,
    );
    expect(isPriced(broken)).toBe(false);
    expect(quoteErrors(broken).length).toBeGreaterThan(0);
    expect(pricedDeal(scenario, entry.table, broken, options)).toBeNull();
  });
});

describe('pricedDeal: the derived figures of one quote, each computed once', () => {
  if (!isPriced(quote)) throw new Error('the sample plan prices');
  const deal = pricedDeal(scenario, entry.table, quote, options);

  it('is the same deal for the same quote, and holds it', () => {
    expect(deal.quote).toBe(quote);
    expect(pricedDeal(scenario, entry.table, quote, options)).toBe(deal);
    // another date is another pricing
    expect(pricedDeal(scenario, entry.table, quote, { ...options, today: '2027-02-01' })).not.toBe(
      deal,
    );
  });

  it('gives the engine figures, on the quote date and hash, once per scope', () => {
    const w = deal.waterfall();
    expect(w).toEqual(priceWaterfall(scenario, entry.table, options));
    expect(deal.waterfall(null)).toBe(w);
    const id = scenario.customers[1]!.id;
    expect(deal.waterfall(id)).toEqual(priceWaterfall(scenario, entry.table, options, id));
    expect(deal.waterfall(id)).toBe(deal.waterfall(id));
    expect(deal.volume()).toEqual(whiteLabelVolume(scenario, entry.table, options));
    expect(deal.volume()).toBe(deal.volume());
    const payg = scenario.customers.find((l) => l.license.model === 'payg')!;
    expect(deal.paygCurve(payg.id)).toEqual(paygBreakEven(scenario, entry.table, payg.id));
    expect(deal.paygCurve(payg.id)).toBe(deal.paygCurve(payg.id));
    // the waterfall's levels are the quote's own totals
    expect(w?.sell).toBe(quote.totals.revenue);
    expect(w?.margin).toBe(quote.totals.margin);
  });
});
