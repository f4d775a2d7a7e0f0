import { describe, expect, it } from 'vitest';
import { applyMarkup, varyPath, type GoalVary } from '../../../src/engine/index';
import { sampleScenario } from '../../../src/state/sample';

// The Pricing and Customers steps apply a solved markup with the engine's own edit
// (src/engine/markup-edit.ts), the one the solver priced: it writes the value where the solver
// varied it, and nothing else.
describe('applyMarkup, as the app applies a solved markup', () => {
  const s = sampleScenario();
  const varies: GoalVary[] = [
    { kind: 'defaultMarkup' },
    ...s.customers.map((_, lineIndex) => ({ kind: 'lineMarkup' as const, lineIndex })),
  ];
  it.each(varies.map((v) => [JSON.stringify(v), v] as const))(
    '%s: writes the markup at the varied path only',
    (_, vary) => {
      const applied = applyMarkup(s, vary, '31.25');
      expect(applied).not.toBe(s);
      expect(s).toEqual(sampleScenario()); // never mutates its input
      if (vary.kind === 'defaultMarkup') {
        expect(varyPath(vary)).toBe('pricing.defaultMarkupPct');
        expect(applied).toEqual({ ...s, pricing: { ...s.pricing, defaultMarkupPct: '31.25' } });
      } else {
        expect(varyPath(vary)).toBe(`customers[${vary.lineIndex}].sell.pct`);
        expect(applied.customers[vary.lineIndex]!.sell).toEqual({ mode: 'markup', pct: '31.25' });
        expect(applied.customers.filter((_, i) => i !== vary.lineIndex)).toEqual(
          s.customers.filter((_, i) => i !== vary.lineIndex),
        );
        expect(applied.pricing).toEqual(s.pricing);
      }
    },
  );
});
