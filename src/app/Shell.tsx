import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Summary } from '../features/summary/Summary';
import { bundledRegistry } from '../price-tables/bundled';
import { defaultTable } from '../price-tables/registry';
import { localToday, scenarioStore, useQuote, useScenarioStore } from '../state/app-store';
import { FieldIssuesContext, type FieldIssueLookup } from '../components/form/input-status';
import { issueText } from '../reports/issue-text';
import { UpdatePrompt } from './UpdatePrompt';
import { blankScenario } from '../state/sample';
import { downloadText } from '../components/download';
import { IssueScenarioContext } from '../components/IssuesList';
import { STEP_FORMS } from './steps';
import { PAGE_VIEWS } from './pages';
import {
  fieldLink,
  goTo,
  neighbours,
  PAGES,
  pageLabel,
  STEPS,
  stepIndex,
  stepLabel,
  usePage,
  useRoute,
  useUnknownRoute,
} from './routing';

export const PRODUCT_NAME = 'Service Provider Configurator';

// Rare banners (an unopenable or unsaved scenario, another tab's change): their own chunk.
const NoticeBanner = lazy(() => import('./banners').then((m) => ({ default: m.NoticeBanner })));
const ConflictBanner = lazy(() => import('./banners').then((m) => ({ default: m.ConflictBanner })));

/** Steps whose tables need the full width of the content column (no reading-width cap). */
const WIDE_STEPS: ReadonlySet<string> = new Set(['customers', 'results']);

/**
 * On those steps and on the pages the summary stays a bar on top up to 1600 px, so their
 * tables keep the whole width at 1280 (no column past the box); a rail from 1600 px.
 */
const WIDE_RAIL_FROM = 1600;

/**
 * The quote's errors by path, in plain words, for the fields that edit those paths: a
 * cross-field error (start month past the horizon) shows at the field too (ADR 026).
 */
function useFieldIssues(): FieldIssueLookup {
  const result = useQuote();
  const scenario = useScenarioStore((s) => s.scenario);
  // keyed by the errors' text, so the lookup (and every field reading it) changes only when
  // an error comes or goes, not on every edit that re-prices
  const key = useMemo(() => {
    const entries: [string, string][] = [];
    if (!result.ok) return '[]';
    for (const issue of result.quote.issues) {
      if (issue.level !== 'error' || entries.some(([p]) => p === issue.path)) continue;
      entries.push([issue.path, issueText(issue, scenario).message]);
    }
    return JSON.stringify(entries);
  }, [result, scenario]);
  return useMemo(() => {
    const byPath = new Map(JSON.parse(key) as [string, string][]);
    return (paths: string | undefined) => {
      if (!paths) return null;
      for (const path of paths.split(' ')) {
        const hit = byPath.get(path);
        if (hit) return hit;
      }
      return null;
    };
  }, [key]);
}

/**
 * Hands the quote's errors and the open scenario to the fields and issue lists below
 * (components may not read the store). Its own component, so an edit re-renders the
 * providers and the fields that read them, not the whole shell.
 */
function IssueProviders({ children }: { children: ReactNode }) {
  const fieldIssues = useFieldIssues();
  const scenario = useScenarioStore((s) => s.scenario);
  return (
    <FieldIssuesContext.Provider value={fieldIssues}>
      <IssueScenarioContext.Provider value={scenario}>{children}</IssueScenarioContext.Provider>
    </FieldIssuesContext.Provider>
  );
}

/** Offers the open scenario as `scenario.json`. */
export function downloadScenario(): void {
  downloadText('scenario.json', JSON.stringify(scenarioStore.getState().scenario, null, 2));
}

/** True when keys typed at `target` are text editing, where Ctrl+Z belongs to the field. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    );
  }
  return false;
}

/** Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl+Y redo; not while typing in a field. */
function useUndoShortcuts() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextEntry(event.target)) return;
      const key = event.key.toLowerCase();
      const { undo, redo } = scenarioStore.getState();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || (key === 'y' && event.ctrlKey)) redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Replaces the scenario with a blank one on the newest table in effect for its product
 * and currency, after asking: Undo brings the old one back.
 */
function startBlankScenario(): void {
  const { scenario } = scenarioStore.getState();
  const today = localToday();
  const entry =
    defaultTable(
      bundledRegistry,
      scenario.priceTable.product,
      scenario.priceTable.currency,
      today,
    ) ?? bundledRegistry.entries[0];
  if (!entry) return;
  const ok = window.confirm(
    `Start a new, blank scenario? "${scenario.title}" can be brought back with Undo until the page is reloaded.`,
  );
  if (!ok) return;
  scenarioStore.getState().replace(blankScenario(entry.table, today));
  goTo('deal');
}

/** The app: header, step bar, the current step, and the live summary beside it. */
export function Shell() {
  const { step, field } = useRoute();
  const page = usePage();
  const PageView = page ? PAGE_VIEWS[page.page] : null;
  const title = useScenarioStore((s) => s.scenario.title);
  const canUndo = useScenarioStore((s) => s.history.past.length > 0);
  const canRedo = useScenarioStore((s) => s.history.future.length > 0);
  const notice = useScenarioStore((s) => s.notice);
  const conflict = useScenarioStore((s) => s.conflict);
  const { back, next } = neighbours(step);
  const StepForm = STEP_FORMS[step];
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef<string>(step);

  useUndoShortcuts();

  // After moving to another step or page (buttons, step bar, browser history), focus its
  // heading so keyboard and screen-reader users start at the top of it. Not on first load.
  const shown = page ? `page:${page.page}` : step;
  useEffect(() => {
    if (shownStep.current === shown) return;
    shownStep.current = shown;
    headingRef.current?.focus();
  }, [shown]);

  // A link to a field (`#/customers?field=customers[2].endMonth`, from the issues list):
  // focus that field once its step has rendered it.
  // A field this scenario does not have (a stale or edited link) is said, not ignored.
  // (kept with the route it was found missing on, so another route shows no stale message)
  const [missing, setMissing] = useState<{ step: string; field: string } | null>(null);
  useEffect(() => {
    if (!field) return undefined;
    // the focusing code loads with the first link that names a field (not the first screen)
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('../components/form/field-focus').then(({ focusField }) => {
      if (!cancelled) stop = focusField(field, undefined, () => setMissing({ step, field }));
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [step, field]);
  const missingField = missing && missing.step === step && missing.field === field ? field : null;
  const unknown = useUnknownRoute();

  return (
    <IssueProviders>
      <div className="app">
        <a className="skip-link" href="#main-content">
          Skip to the form
        </a>
        <header className="app-header">
          <div className="app-title">
            <h1>{PRODUCT_NAME}</h1>
            <p className="scenario-title">{title}</p>
          </div>
          <div className="toolbar">
            <button type="button" onClick={startBlankScenario}>
              New scenario
            </button>
            <button
              type="button"
              onClick={() => scenarioStore.getState().undo()}
              disabled={!canUndo}
              aria-keyshortcuts="Control+Z"
            >
              Undo
            </button>
            <button
              type="button"
              onClick={() => scenarioStore.getState().redo()}
              disabled={!canRedo}
              aria-keyshortcuts="Control+Shift+Z Control+Y"
            >
              Redo
            </button>
          </div>
        </header>

        <nav className="page-bar" aria-label="Pages">
          <ul>
            <li>
              <a href={`#/${step}`} aria-current={page === null ? 'page' : undefined}>
                Wizard
              </a>
            </li>
            {PAGES.filter((p) => p.inNav).map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={page?.page === p.id ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <UpdatePrompt />

        {page && PageView ? (
          <div className="layout layout-wide">
            <Summary
              linkFor={fieldLink}
              railFrom={WIDE_STEPS.has(step) ? WIDE_RAIL_FROM : undefined}
            />
            <main className="app-main" id="main-content">
              <Suspense fallback={null}>
                <Suspense fallback={null}>
                  {conflict ? <ConflictBanner conflict={conflict} /> : null}
                  {notice ? <NoticeBanner notice={notice} /> : null}
                </Suspense>
              </Suspense>
              <h2 ref={headingRef} tabIndex={-1} className="step-heading">
                {pageLabel(page.page)}
              </h2>
              <Suspense fallback={<p>Loading…</p>}>
                <PageView query={page.query} />
              </Suspense>
            </main>
          </div>
        ) : (
          <>
            <nav className="step-bar" aria-label="Wizard steps">
              <ol>
                {STEPS.map((s, i) => (
                  <li key={s.id}>
                    <a href={`#/${s.id}`} aria-current={s.id === step ? 'step' : undefined}>
                      <span className="step-number">{i + 1}</span> {s.label}
                    </a>
                  </li>
                ))}
              </ol>
            </nav>

            <div className={WIDE_STEPS.has(step) ? 'layout layout-wide' : 'layout'}>
              {/* first in the document so the compact bar sits on top below 1280 px; from 1280
                px the grid puts it in the right-hand rail (app.css) */}
              <Summary
                linkFor={fieldLink}
                railFrom={WIDE_STEPS.has(step) ? WIDE_RAIL_FROM : undefined}
              />
              <main className="app-main" id="main-content">
                <Suspense fallback={null}>
                  {conflict ? <ConflictBanner conflict={conflict} /> : null}
                  {notice ? <NoticeBanner notice={notice} /> : null}
                </Suspense>
                <RouteNotice unknown={unknown} missingField={missingField} />
                <h2 ref={headingRef} tabIndex={-1} className="step-heading">
                  <span className="muted">
                    Step {stepIndex(step) + 1} of {STEPS.length}:
                  </span>{' '}
                  {stepLabel(step)}
                </h2>
                {StepForm ? (
                  // Every form but the first screen's is lazy (steps.tsx): show a line while its
                  // chunk loads rather than suspending the whole shell.
                  <Suspense fallback={<p>Loading…</p>}>
                    <StepForm />
                  </Suspense>
                ) : (
                  <p>
                    This step arrives in a coming release; the sample plan is priced in the live
                    summary.
                  </p>
                )}
                <div className="button-row step-buttons">
                  <button type="button" disabled={back === null} onClick={() => back && goTo(back)}>
                    Back
                  </button>
                  <button
                    type="button"
                    className="primary"
                    disabled={next === null}
                    onClick={() => next && goTo(next)}
                  >
                    Next
                  </button>
                </div>
              </main>
            </div>
          </>
        )}
      </div>
    </IssueProviders>
  );
}

/** What a link asked for that is not here: a page the app does not have, a missing field. */
function RouteNotice({
  unknown,
  missingField,
}: {
  unknown: string | null;
  missingField: string | null;
}) {
  if (unknown !== null) {
    return (
      <p role="status" className="notice">
        This app has no page “{unknown}”; here is the first step of the wizard.
      </p>
    );
  }
  if (missingField !== null) {
    const shown = missingField.length > 80 ? `${missingField.slice(0, 79)}…` : missingField;
    return (
      <p role="status" className="notice">
        The link points to a field (“{shown}”) that this scenario does not have on this step.
      </p>
    );
  }
  return null;
}
