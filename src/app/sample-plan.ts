import {
  calculateQuote,
  parseWith,
  ScenarioSchema,
  type Quote,
  type Scenario,
} from '../engine/index';
import { bundledRegistry } from '../price-tables/bundled';
import { resolvePinned } from '../price-tables/registry';
import sample from '../../scenarios/sample-msp-plan.json';

export type SamplePlan =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      readonly quote: Quote;
      readonly tableNotes: string;
    }
  | { readonly ok: false; readonly message: string };

/** The sample plan priced on its pinned table: what a newcomer sees at first run. */
export function priceSamplePlan(today: string): SamplePlan {
  const parsed = parseWith(ScenarioSchema, sample);
  if (!parsed.ok) {
    return { ok: false, message: parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ') };
  }
  const pinned = resolvePinned(bundledRegistry, parsed.value.priceTable);
  if (!pinned.ok) return { ok: false, message: pinned.message };
  return {
    ok: true,
    scenario: parsed.value,
    quote: calculateQuote(parsed.value, pinned.entry.table, { today }),
    tableNotes: pinned.entry.table.notes,
  };
}
