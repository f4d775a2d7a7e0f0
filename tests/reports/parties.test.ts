import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  customerSeries,
  isPriced,
  migrateScenarioDocument,
  PriceTableSchema,
  ScenarioSchema,
  type Scenario,
} from '../../src/engine/index';
import { partySplit, type PartySplit } from '../../src/reports/parties';
import { TABLE_VARIANTS, todayArb, validScenarioV2Arb } from '../oracle/arbitraries';

// What every party earns (ADR 034): the parts of the revenue, each taken from the quote or the
// line series, must add up to the deal's revenue exactly, month by month and over the horizon,
// and the channel parties together must take exactly the quote's partner and distributor
// commissions.

const RUNS = Number(process.env.FC_RUNS ?? 40);
const table = PriceTableSchema.parse(structuredClone(TABLE_VARIANTS['example']!));

/** A money string as a bigint in hundredths (the example table is in a 2-digit currency). */
const cents = (text: string): bigint => {
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  const v = BigInt(int + frac.padEnd(2, '0'));
  return negative ? -v : v;
};
const sum = (xs: readonly string[]) => xs.reduce((a, b) => a + cents(b), 0n);

function scenarioOf(document: unknown): Scenario {
  const migrated = migrateScenarioDocument(document);
  return ScenarioSchema.parse(migrated.ok ? migrated.document : document);
}

function splitOf(
  s: Scenario,
  today: string,
): { split: PartySplit; quote: ReturnType<typeof calculateQuote> } | null {
  const quote = calculateQuote(s, table, { today });
  if (!isPriced(quote)) return null;
  const series = customerSeries(s, table, { today });
  if (series === null) return null;
  return { split: partySplit(s, quote, series), quote };
}

describe('partySplit: who earns what from the deal', () => {
  it('adds up to the revenue per month and in total, and matches the commissions split', () => {
    let priced = 0;
    fc.assert(
      fc.property(validScenarioV2Arb(TABLE_VARIANTS['example']!), todayArb, (document, today) => {
        const s = scenarioOf(structuredClone(document));
        const result = splitOf(s, today);
        if (result === null) return;
        priced += 1;
        const { split, quote } = result;
        if (quote.totals === null) throw new Error('priced quote without totals');
        expect(split.revenue).toBe(quote.totals.revenue);
        quote.months.forEach((month, i) => {
          expect(split.months[i]).toBe(month.revenue);
          expect(sum(split.parts.map((p) => p.months[i]!))).toBe(cents(month.revenue));
        });
        expect(sum(split.parts.map((p) => p.total))).toBe(cents(quote.totals.revenue));
        for (const part of split.parts) expect(sum(part.months)).toBe(cents(part.total));

        const totalOf = (kind: string) =>
          sum(split.parts.filter((p) => p.kind === kind).map((p) => p.total));
        const partnerCommissions = sum(quote.months.map((m) => m.commissions.partner));
        const distributorCommissions = sum(quote.months.map((m) => m.commissions.distributor));
        expect(totalOf('partner')).toBe(partnerCommissions);
        expect(totalOf('distributor')).toBe(distributorCommissions);
        expect(totalOf('msp')).toBe(cents(quote.totals.margin));
        expect(totalOf('vendor') + totalOf('infrastructure')).toBe(cents(quote.totals.cost));
        // each channel party's total is what its lines pay it, line by line
        for (const part of split.parts) {
          if (part.kind === 'partner' || part.kind === 'distributor') {
            expect(sum(part.lines.map((l) => l.earns))).toBe(cents(part.total));
          }
        }
      }),
      { numRuns: RUNS },
    );
    // the generator must give priced deals, or the property says nothing
    expect(priced).toBeGreaterThan(0);
  });

  it('puts the MSP infrastructure apart from the vendor, month by month', () => {
    fc.assert(
      fc.property(
        validScenarioV2Arb(TABLE_VARIANTS['example']!, 2),
        todayArb,
        (document, today) => {
          const s = scenarioOf(structuredClone(document));
          const result = splitOf(s, today);
          if (result === null) return;
          const infra = result.split.parts.find((p) => p.kind === 'infrastructure')!;
          result.quote.months.forEach((month, i) => {
            expect(infra.months[i]).toBe(month.cash.outInfra);
          });
        },
      ),
      { numRuns: Math.max(10, Math.round(RUNS / 4)) },
    );
  });
});
