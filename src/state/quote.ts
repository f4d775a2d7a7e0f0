import { calculateQuote, type Quote, type Scenario } from '../engine/index';
import type { Registry, TableEntry } from '../price-tables/registry';
import { resolvePinned } from '../price-tables/registry';

export type QuoteResult =
  | { readonly ok: true; readonly quote: Quote; readonly table: TableEntry }
  | { readonly ok: false; readonly message: string };

/**
 * The quote of a scenario on its pinned table: derived, never stored. The last
 * result is kept, so views that ask for the same scenario share one pricing.
 */
export function createQuoteSelector() {
  let last: { scenario: Scenario; registry: Registry; today: string; result: QuoteResult } | null =
    null;
  return (scenario: Scenario, registry: Registry, today: string): QuoteResult => {
    if (last && last.scenario === scenario && last.registry === registry && last.today === today) {
      return last.result;
    }
    const pinned = resolvePinned(registry, scenario.priceTable);
    const result: QuoteResult = pinned.ok
      ? {
          ok: true,
          quote: calculateQuote(scenario, pinned.entry.table, {
            today,
            tableSha256: pinned.entry.sha256,
          }),
          table: pinned.entry,
        }
      : { ok: false, message: `The scenario's ${pinned.message}.` };
    last = { scenario, registry, today, result };
    return result;
  };
}

/**
 * The quote of a scenario as if it pinned another table (the price books' re-pricing
 * preview): the scenario itself is not changed.
 */
export function quoteOnTable(
  scenario: Scenario,
  registry: Registry,
  id: Scenario['priceTable'],
  today: string,
): QuoteResult {
  const priceTable = { product: id.product, currency: id.currency, version: id.version };
  return createQuoteSelector()({ ...scenario, priceTable }, registry, today);
}
