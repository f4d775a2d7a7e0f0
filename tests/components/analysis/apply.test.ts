import { describe, expect, it } from 'vitest';
import { withMarkup } from '../../../src/components/analysis/apply';
import { applyMarkup, type GoalVary } from '../../../src/engine/index';
import { sampleScenario } from '../../../src/state/sample';

// The app applies a solved markup with its own copy of the engine's edit (to keep the solver
// out of the first screen's JavaScript); both must write the same scenario.
describe('withMarkup', () => {
  const s = sampleScenario();
  const varies: GoalVary[] = [
    { kind: 'defaultMarkup' },
    ...s.customers.map((_, lineIndex) => ({ kind: 'lineMarkup' as const, lineIndex })),
  ];
  it.each(varies.map((v) => [JSON.stringify(v), v] as const))(
    '%s: as the engine applies it',
    (_, vary) => {
      const mine = withMarkup(s, vary, '31.25');
      expect(mine).toEqual(applyMarkup(s, vary, '31.25'));
      expect(mine).not.toBe(s);
      expect(s).toEqual(sampleScenario()); // never mutates its input
    },
  );
});
