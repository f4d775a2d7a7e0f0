/**
 * The one edit that writes a markup where goal seek varies it: the default markup, or one line's
 * own markup (its sell price becomes a markup). Its own module, apart from the solver, so the
 * app's Pricing and Customers steps can apply a solved value without loading the solver.
 */
import type { Scenario } from './schema/scenario';

/** What the solver may change. */
export type GoalVary =
  /** `pricing.defaultMarkupPct`, used by every line whose `sell` is null. */
  | { readonly kind: 'defaultMarkup' }
  /** One line's own markup: its `sell` becomes `{ mode: 'markup', pct }`. */
  | { readonly kind: 'lineMarkup'; readonly lineIndex: number };

/** The scenario with the varied markup set to `pct`. Never mutates its input. */
export function applyMarkup(scenario: Scenario, vary: GoalVary, pct: string): Scenario {
  if (vary.kind === 'defaultMarkup') {
    return { ...scenario, pricing: { ...scenario.pricing, defaultMarkupPct: pct } };
  }
  const customers = scenario.customers.map((line, i) =>
    i === vary.lineIndex ? { ...line, sell: { mode: 'markup' as const, pct } } : line,
  );
  return { ...scenario, customers };
}
