import { describe, expect, it } from 'vitest';
import { loadPricingData } from '../../src/cli/load-tables';
import { calculateQuote } from '../../src/engine/index';
import { createQuoteSelector } from '../../src/state/quote';
import { sampleScenario } from '../../src/state/sample';

const registry = loadPricingData();

describe('the quote is derived from the scenario, never stored', () => {
  it('equals the engine’s quote of the scenario on its pinned table', () => {
    const select = createQuoteSelector();
    const scenario = sampleScenario();
    const result = select(scenario, registry, '2026-11-22');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.table.table.version).toBe(scenario.priceTable.version);
    expect(result.quote).toEqual(
      calculateQuote(scenario, result.table.table, {
        today: '2026-11-22',
        tableSha256: result.table.sha256,
      }),
    );
  });

  it('prices a scenario once, and again when it changes', () => {
    const select = createQuoteSelector();
    const scenario = sampleScenario();
    const a = select(scenario, registry, '2026-11-22');
    expect(select(scenario, registry, '2026-11-22')).toBe(a);
    const b = select({ ...scenario, horizonMonths: 12 }, registry, '2026-11-22');
    expect(b).not.toBe(a);
    expect(b.ok && b.quote.months).toHaveLength(12);
  });

  it('says which table is missing rather than pricing on another', () => {
    const select = createQuoteSelector();
    const scenario = {
      ...sampleScenario(),
      priceTable: { product: 'tr7-service-provider', currency: 'USD', version: '2019.01' },
    };
    const result = select(scenario, registry, '2026-11-22');
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(
        /2019\.01 is not available; versions .*2026\.05, 2026\.11/,
      ) as string,
    });
  });
});
