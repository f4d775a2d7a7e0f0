import { useId, useMemo, useState } from 'react';
import type { Scenario } from '../../engine/index';
import { defaultTable, resolvePinned } from '../../price-tables/registry';
import { localToday, scenarioStore } from '../../state/app-store';
import { useRegistry } from '../../state/custom-tables';
import { libraryStore } from '../../state/library';
import { scenarioFileName, serializeScenario } from '../../state/scenario-io';
import { decodeShareLink } from '../../state/share-link';
import { downloadText } from '../../components/download';

type Outcome =
  | { kind: 'opened'; title: string; savedAs: string | null }
  | { kind: 'not-saved'; scenario: Scenario }
  | { kind: 'cancelled' }
  | null;

/**
 * A scenario opened from a share link (`#/shared?d=…`): what it is, then a choice. Opening it
 * first saves the open scenario in the library, so nothing is lost; a bad link changes nothing.
 */
export function SharedScenarioPage({ query }: { query: string }) {
  const decoded = useMemo(() => decodeShareLink(query), [query]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // the bundled tables and any custom ones loaded in this browser
  const registry = useRegistry();
  const id = useId();

  if (!decoded.ok) {
    return (
      <div role="alert" className="notice">
        <p>
          <strong>This share link cannot be opened.</strong> {decoded.message}
        </p>
        <p>Your open scenario is unchanged.</p>
        <p>
          <a href="#/scenarios">Go to Scenarios</a>
        </p>
      </div>
    );
  }

  const shared = decoded.scenario;
  if (outcome?.kind === 'opened') {
    return (
      <div role="status" className="notice">
        <p>
          {outcome.savedAs !== null
            ? `Opened “${outcome.title}”. The scenario that was open is saved in the library as “${outcome.savedAs}”.`
            : `Opened “${outcome.title}”. The scenario that was open could not be saved in the library; Undo brings it back until this page is reloaded.`}
        </p>
        <p>
          <a href="#/results">See the results</a> · <a href="#/scenarios">Go to Scenarios</a>
        </p>
      </div>
    );
  }
  if (outcome?.kind === 'not-saved') {
    return (
      <div role="alert" className="notice">
        <p>
          The shared scenario was not opened: your open scenario could not be saved in the library
          first (this browser’s storage refused it), so opening would leave it saved nowhere.
        </p>
        <div className="button-row">
          <button
            type="button"
            onClick={() => {
              const current = scenarioStore.getState().scenario;
              downloadText(scenarioFileName(current), serializeScenario(current));
            }}
          >
            Download your open scenario
          </button>
          <button type="button" onClick={() => open(outcome.scenario, true)}>
            Open it anyway
          </button>
        </div>
      </div>
    );
  }
  if (outcome?.kind === 'cancelled') {
    return (
      <div role="status">
        <p>The shared scenario was not opened; your open scenario is unchanged.</p>
        <p>
          <a href="#/scenarios">Go to Scenarios</a>
        </p>
      </div>
    );
  }

  const pinned = resolvePinned(registry, shared.priceTable);
  const newest = pinned.ok
    ? null
    : defaultTable(registry, shared.priceTable.product, shared.priceTable.currency, localToday());
  const table = shared.priceTable;

  function open(scenario: Scenario, anyway = false) {
    if (anyway) {
      scenarioStore.getState().replace(scenario);
      setOutcome({ kind: 'opened', title: scenario.title, savedAs: null });
      return;
    }
    const current = scenarioStore.getState().scenario;
    const saved = libraryStore
      .getState()
      .saveScenarioAs(
        `${current.title || 'Untitled scenario'} (before opening a shared link)`,
        current,
      );
    // said only once storage holds it (ADR 021)
    if (libraryStore.getState().unsaved.includes(saved.id)) {
      setOutcome({ kind: 'not-saved', scenario });
      return;
    }
    scenarioStore.getState().replace(scenario);
    setOutcome({ kind: 'opened', title: scenario.title, savedAs: saved.name });
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{shared.title || 'Untitled scenario'}</h3>
      <dl>
        <dt>Prepared for</dt>
        <dd>{shared.preparedFor.company || shared.preparedFor.name || '—'}</dd>
        <dt>Price table</dt>
        <dd>
          {table.product} · {table.currency} · version {table.version}
        </dd>
        <dt>Customer lines</dt>
        <dd>{shared.customers.length}</dd>
        <dt>Horizon</dt>
        <dd>
          {shared.horizonMonths} months from {shared.startPeriod}
        </dd>
      </dl>
      {pinned.ok ? (
        <>
          <p>Opening it saves your open scenario in the library first, so nothing is lost.</p>
          <div className="button-row">
            <button type="button" onClick={() => open(shared)}>
              Open this scenario
            </button>
            <button type="button" onClick={() => setOutcome({ kind: 'cancelled' })}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <div role="alert" className="notice">
          <p>
            <strong>
              Its price table ({table.product} · {table.currency} · version {table.version}) is not
              available in this app.
            </strong>{' '}
            {newest
              ? `You can open it re-pinned to the newest ${table.product} table in ${table.currency} (version ${newest.table.version}); its prices may differ from the ones it was made with.`
              : `There is no ${table.product} table in ${table.currency} here, so it cannot be priced.`}
          </p>
          <div className="button-row">
            {newest ? (
              <button
                type="button"
                onClick={() =>
                  open({
                    ...shared,
                    priceTable: {
                      product: newest.table.product,
                      currency: newest.table.currency,
                      version: newest.table.version,
                    },
                  })
                }
              >
                Open it on version {newest.table.version}
              </button>
            ) : null}
            <button type="button" onClick={() => setOutcome({ kind: 'cancelled' })}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
