import { calculateQuote, type Quote, type Scenario } from '../../src/engine/index';
import { bundledRegistry } from '../../src/price-tables/bundled';
import { resolvePinned } from '../../src/price-tables/registry';
import { localToday, scenarioStore } from '../../src/state/app-store';
import { EMPTY_HISTORY } from '../../src/state/history';
import { libraryStore } from '../../src/state/library';
import { createQuoteSelector } from '../../src/state/quote';
import { sampleScenario } from '../../src/state/sample';

/** Opens `scenario` as if on first run: no history, no notice, no other tab's save waiting. */
export function openScenario(scenario: Scenario): void {
  // a save still waiting for its timer is written now, not into the next test's storage
  scenarioStore.getState().flush();
  window.location.hash = '';
  scenarioStore.setState({ scenario, history: EMPTY_HISTORY, notice: null, conflict: null });
}

/**
 * Puts the app back at first run with the sample plan, and drops the library's changes that a
 * test left unwritten (they would otherwise be replayed into the next test's library). Takes
 * no argument, so it can be handed to beforeEach/afterEach (which pass their context).
 */
export function resetApp(): void {
  openScenario(sampleScenario());
  libraryStore.getState().forgetUnsaved();
}

/** The quote straight from the engine for a scenario on its pinned bundled table. */
export function engineQuote(scenario: Scenario): Quote {
  const pinned = resolvePinned(bundledRegistry, scenario.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return calculateQuote(scenario, pinned.entry.table, {
    today: localToday(),
    tableSha256: pinned.entry.sha256,
  });
}

/** The quote the app derives for the store's scenario (the path the views use). */
export function appQuote(): Quote {
  const result = createQuoteSelector()(
    scenarioStore.getState().scenario,
    bundledRegistry,
    localToday(),
  );
  if (!result.ok) throw new Error(result.message);
  return result.quote;
}
