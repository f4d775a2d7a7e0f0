import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../src/engine/index';
import { HUGE_TABLE, TABLE_VARIANTS, todayArb, validScenarioArb } from './arbitraries';
import { referenceQuote } from './reference';

// The reference's grouped mode (used only where counts are too large to walk copy by copy)
// must agree exactly with its literal, copy-by-copy and instance-by-instance walk.
const RUNS = Math.max(50, Math.round(Number(process.env.ORACLE_RUNS ?? 300) / 3));

describe('reference: grouped mode ≡ literal walk', () => {
  for (const name of ['example', 'graduated', 'extraTiersGraduated', 'perUserGraduated']) {
    it(`table variant "${name}"`, () => {
      const t = TABLE_VARIANTS[name]!;
      fc.assert(
        fc.property(validScenarioArb(t), todayArb, (scenario, today) => {
          const parsed = ScenarioSchema.parse(scenario);
          const literal = referenceQuote(parsed, t, today);
          const grouped = referenceQuote(parsed, t, today, null, { grouped: true });
          expect(grouped).toEqual(literal);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('the large-magnitude table is a valid table shape', () => {
    expect(HUGE_TABLE.service.maxVServices).toBe(1_000_000);
  });
});
