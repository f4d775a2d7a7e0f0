import type { GoalVary, Scenario } from '../../engine/index';

/**
 * The scenario with the solved markup written where the solver varied it: the same edit as the
 * engine's `applyMarkup` (src/engine/goal-seek.ts), kept here so that the Pricing and Customers
 * chunks do not pull the solver (and through the engine's shared chunk, the first screen) in
 * only to apply a value; tests/components/analysis/apply.test.ts checks the two agree.
 */
export function withMarkup(scenario: Scenario, vary: GoalVary, pct: string): Scenario {
  if (vary.kind === 'defaultMarkup') {
    return { ...scenario, pricing: { ...scenario.pricing, defaultMarkupPct: pct } };
  }
  return {
    ...scenario,
    customers: scenario.customers.map((line, i) =>
      i === vary.lineIndex ? { ...line, sell: { mode: 'markup' as const, pct } } : line,
    ),
  };
}
