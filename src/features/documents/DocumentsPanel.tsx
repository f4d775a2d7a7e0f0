import { useEffect, useId, useRef, useState } from 'react';
import type { DocumentKind } from '../../reports/pdf/index';
// the small labels module only (no builder code): the language names for the choice
import {
  DOCUMENT_LANGUAGES,
  isDocumentLanguage,
  LANGUAGE_NAMES,
  type DocumentLanguage,
} from '../../reports/pdf/customer-labels';
import { customersCsv, monthsCsv } from '../../reports/csv';
import { countLabel, sentence } from '../../components/format';
import { localToday, useQuote, useScenario } from '../../state/app-store';
import { buildDocumentInBackground } from './document-builder';
import { csvFileName, downloadCsv, downloadPdf } from './download';
import { isAbortError, type DocumentBuilder, type DocumentRequest } from './protocol';
import './documents.css';

export interface DocumentsPanelProps {
  /**
   * Builds a document. By default in a Web Worker (or on the main thread without one); tests
   * pass a fake so that no worker, font or jspdf is needed.
   */
  readonly build?: DocumentBuilder;
}

/** How each document is named in the panel's messages ("Building the internal report…"). */
const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  'msp-proposal': 'MSP proposal',
  'customer-proposal': 'customer proposal',
  'internal-report': 'internal report',
  'partner-statement': 'commission statement',
};

type BuildState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'building';
      readonly kind: DocumentKind;
      readonly what: string;
      readonly percent: number;
    }
  | { readonly status: 'done'; readonly what: string; readonly fileName: string }
  | { readonly status: 'cancelled'; readonly what: string }
  | { readonly status: 'failed'; readonly what: string; readonly message: string };

/** Whole per cent of a build; 0 before the builder has said how much there is. */
function percentOf(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** The live region's text: the whole state in one sentence. */
function statusText(state: BuildState): string {
  switch (state.status) {
    case 'idle':
    case 'failed': // the alert says it
      return '';
    case 'building':
      // announced in steps of 10 %, so a screen reader is not flooded with every per cent
      return `Building ${state.what}… ${Math.floor(state.percent / 10) * 10} %`;
    case 'done':
      return `The ${state.what} is ready: ${state.fileName}.`;
    case 'cancelled':
      return `Cancelled the ${state.what}.`;
  }
}

/**
 * The Results step's exports: the three PDF documents of PRODUCT.md ("Documents and exports")
 * and the two CSV files. A PDF is built in the background (a Web Worker; jspdf and the fonts
 * load only then) with a progress bar and a Cancel button, then offered as a download named by
 * `documentFileName`. The panel only reads the scenario and the quote: nothing it does changes
 * the scenario. With errors in the quote there is nothing to export, and it says so.
 */
export function DocumentsPanel({ build = buildDocumentInBackground }: DocumentsPanelProps) {
  const result = useQuote();
  const scenario = useScenario();
  const [state, setState] = useState<BuildState>({ status: 'idle' });
  const [chosenCustomer, setChosenCustomer] = useState<string | null>(null);
  const [lang, setLang] = useState<DocumentLanguage>('en');
  const [chosenParty, setChosenParty] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  const ids = {
    hint: useId(),
    customer: useId(),
    lang: useId(),
    party: useId(),
    progress: useId(),
    docs: useId(),
    csv: useId(),
  };

  // Leaving the step cancels a build in progress (terminates its worker).
  useEffect(() => () => running.current?.abort(), []);

  const quote = result.ok ? result.quote : null;
  const errors = quote ? quote.issues.filter((i) => i.level === 'error').length : 0;
  const unavailable = !result.ok
    ? result.message
    : errors > 0 || !quote?.totals
      ? `Nothing to export until the ${countLabel(errors, 'error', 'errors')} under Issues ${errors === 1 ? 'is' : 'are'} fixed.`
      : null;
  const customers = scenario.customers;
  const customerId = customers.some((c) => c.id === chosenCustomer)
    ? chosenCustomer!
    : (customers[0]?.id ?? '');
  const customerName = (id: string) => customers.find((c) => c.id === id)?.name || id;
  const parties = [
    ...scenario.channel.distributors.map((d) => ({ id: d.id, name: d.name, role: 'distributor' })),
    ...scenario.channel.partners.map((p) => ({ id: p.id, name: p.name, role: 'partner' })),
  ];
  const partyId = parties.some((p) => p.id === chosenParty) ? chosenParty! : (parties[0]?.id ?? '');
  const partyName = (id: string) => parties.find((p) => p.id === id)?.name || id;
  const building = state.status === 'building';

  async function start(kind: DocumentKind) {
    if (!result.ok || unavailable || running.current) return;
    const what =
      kind === 'customer-proposal'
        ? `${DOCUMENT_NAMES[kind]} for ${customerName(customerId)}`
        : kind === 'partner-statement'
          ? `${DOCUMENT_NAMES[kind]} for ${partyName(partyId)}`
          : DOCUMENT_NAMES[kind];
    const request: DocumentRequest = {
      kind,
      scenario,
      quote: result.quote,
      table: result.table.table,
      tableSource: result.table.custom ? 'custom' : 'bundled',
      today: localToday(),
      ...(kind === 'customer-proposal' ? { customerId, lang } : {}),
      ...(kind === 'partner-statement' ? { partyId } : {}),
    };
    const controller = new AbortController();
    running.current = controller;
    setState({ status: 'building', kind, what, percent: 0 });
    try {
      const built = await build(request, {
        signal: controller.signal,
        onProgress: (done, total) => {
          if (controller.signal.aborted) return;
          const percent = percentOf(done, total);
          setState((s) =>
            s.status === 'building' && s.percent !== percent ? { ...s, percent } : s,
          );
        },
      });
      if (controller.signal.aborted) return;
      downloadPdf(built.fileName, built.bytes);
      setState({ status: 'done', what, fileName: built.fileName });
    } catch (e) {
      if (isAbortError(e) || controller.signal.aborted) {
        // unmounted: nothing to show; cancelled by the user: say so
        if (running.current === controller) setState({ status: 'cancelled', what });
        return;
      }
      setState({ status: 'failed', what, message: e instanceof Error ? e.message : String(e) });
    } finally {
      if (running.current === controller) running.current = null;
    }
  }

  function cancel() {
    const controller = running.current;
    if (!controller || state.status !== 'building') return;
    setState({ status: 'cancelled', what: state.what });
    running.current = null;
    controller.abort();
  }

  const disabled = unavailable !== null || building;
  const describedBy = unavailable ? ids.hint : undefined;
  const docButton = (kind: DocumentKind, label: string) => (
    <button
      type="button"
      disabled={disabled}
      aria-describedby={describedBy}
      onClick={() => void start(kind)}
    >
      {label}
    </button>
  );

  return (
    <div className="documents">
      {unavailable ? (
        <p id={ids.hint} className="documents-unavailable">
          {unavailable}
        </p>
      ) : null}
      <section className="documents-group" aria-labelledby={ids.docs}>
        <h4 id={ids.docs}>Documents</h4>
        <p className="field-hint">
          PDF, built in the background: the page stays usable meanwhile. The customer proposal
          carries the MSP&apos;s brand and sell prices only.
        </p>
        <div className="button-row">
          {docButton('msp-proposal', 'MSP proposal (PDF)')}
          {docButton('internal-report', 'Internal report (PDF)')}
        </div>
        <div className="documents-customer">
          <div className="field">
            <label htmlFor={ids.customer}>Customer</label>
            <select
              id={ids.customer}
              value={customerId}
              disabled={customers.length === 0}
              onChange={(e) => setChosenCustomer(e.target.value)}
            >
              {customers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name || c.id}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.lang}>Language</label>
            <select
              id={ids.lang}
              value={lang}
              onChange={(e) => {
                if (isDocumentLanguage(e.target.value)) setLang(e.target.value);
              }}
            >
              {DOCUMENT_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </div>
          {customers.length === 0
            ? null
            : docButton('customer-proposal', 'Customer proposal (PDF)')}
        </div>
        {parties.length === 0 ? null : (
          <div className="documents-customer">
            <div className="field">
              <label htmlFor={ids.party}>Distributor or partner</label>
              <select
                id={ids.party}
                value={partyId}
                onChange={(e) => setChosenParty(e.target.value)}
              >
                {parties.map((p) => (
                  <option key={p.id} value={p.id}>
                    {`${p.name || p.id} (${p.role})`}
                  </option>
                ))}
              </select>
            </div>
            {docButton('partner-statement', 'Commission statement (PDF)')}
          </div>
        )}
        {state.status === 'building' ? (
          <div className="documents-progress">
            <label htmlFor={ids.progress}>{`Progress of the ${state.what}`}</label>
            <progress id={ids.progress} max={100} value={state.percent}>
              {`${state.percent} %`}
            </progress>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        ) : null}
        {/* one live region, always there, so what it is given is announced */}
        <p role="status" className="documents-status">
          {statusText(state)}
        </p>
        {state.status === 'failed' ? (
          <p role="alert" className="field-error">
            {`The ${state.what} could not be built: ${sentence(state.message)} The scenario is unchanged.`}
          </p>
        ) : null}
      </section>
      <section className="documents-group" aria-labelledby={ids.csv}>
        <h4 id={ids.csv}>Spreadsheets (CSV)</h4>
        <p className="field-hint">
          Plain decimal numbers with a header row; the customers file ends with the platform and the
          total.
        </p>
        <div className="button-row">
          <button
            type="button"
            disabled={unavailable !== null}
            aria-describedby={describedBy}
            onClick={() =>
              quote &&
              downloadCsv(csvFileName(scenario.title, 'customers'), customersCsv(scenario, quote))
            }
          >
            Download customers CSV
          </button>
          <button
            type="button"
            disabled={unavailable !== null}
            aria-describedby={describedBy}
            onClick={() =>
              quote && downloadCsv(csvFileName(scenario.title, 'monthly'), monthsCsv(quote))
            }
          >
            Download monthly CSV
          </button>
        </div>
      </section>
    </div>
  );
}
