import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type RefObject,
} from 'react';
import { IssuesList, type LinkFor } from '../../components/IssuesList';
import { usePendingInputs, type PendingInput } from '../../components/form/input-status';
import { countLabel, moneyFormatter } from '../../components/format';
import { plainSchemaMessage, whereOf } from '../../reports/issue-text';
import type { Scenario } from '../../engine/index';
import { useQuote, useScenario } from '../../state/app-store';
import { summaryFigures, type Figures } from './figures';

export interface SummaryProps {
  /** Where to fix the field at a scenario path: the link and the name of its step. */
  readonly linkFor: LinkFor;
  /**
   * From this width (px) the summary is a rail beside the content; below it, a bar on top.
   * 1280 for forms; the shell passes 1600 for the steps and pages whose tables need the
   * width (app.css keeps the same breakpoints).
   */
  readonly railFrom?: number;
}

const railQuery = (width: number) => `(min-width: ${width}px)`;

function useRail(width: number): boolean {
  const query = railQuery(width);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  // without matchMedia (jsdom) the summary is the rail, with its issues listed
  const read = () => typeof window.matchMedia !== 'function' || window.matchMedia(query).matches;
  return useSyncExternalStore(subscribe, read, () => true);
}

/**
 * Publishes the summary's height as `--summary-height` on the root element while it is the
 * sticky bar, so `scroll-padding-top` keeps a focused field below it (app.css).
 */
function useStickyHeight(ref: RefObject<HTMLElement | null>, rail: boolean) {
  useEffect(() => {
    const element = ref.current;
    const root = document.documentElement;
    if (!element || rail || typeof ResizeObserver === 'undefined') {
      root.style.removeProperty('--summary-height');
      return undefined;
    }
    const observer = new ResizeObserver(() => {
      root.style.setProperty('--summary-height', `${Math.ceil(element.offsetHeight)}px`);
      // the bar grew (an error listed while typing): keep the field being edited in view
      const active = document.activeElement;
      if (
        active instanceof HTMLElement &&
        !element.contains(active) &&
        active.getBoundingClientRect().top < element.getBoundingClientRect().bottom
      ) {
        active.scrollIntoView({ block: 'nearest' });
      }
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--summary-height');
    };
  }, [ref, rail]);
}

/**
 * The live summary, in view on every step and page: a rail from 1280 px, a compact bar pinned
 * to the top below that. Re-priced from the store on every change; while a field holds input
 * the store does not (ADR 026) it shows no figures and links to that field instead.
 */
export function Summary({ linkFor, railFrom = 1280 }: SummaryProps) {
  const result = useQuote();
  const scenario = useScenario();
  const pending = usePendingInputs();
  const summary = useMemo(() => summaryFigures(result), [result]);
  const headingId = useId();
  const listId = useId();
  const currency = summary.ok ? summary.currency : scenario.priceTable.currency;
  const money = useMemo(() => moneyFormatter(currency), [currency]);
  const rail = useRail(railFrom);
  const [issuesOpen, setIssuesOpen] = useState<boolean | null>(null);
  const ref = useRef<HTMLElement>(null);
  useStickyHeight(ref, rail);

  const figures = summary.ok && pending.length === 0 ? summary.figures : null;
  const issueCount = summary.ok ? summary.issues.length : 0;
  const count = pending.length + issueCount;
  // the list is open in the rail; in the bar, open while something stops the figures (what
  // to fix is then the news), folded for warnings only; the user's choice wins either way
  const blocking = pending.length > 0 || (summary.ok && summary.errors > 0);
  const showIssues = issuesOpen ?? (rail || blocking);

  return (
    <aside
      ref={ref}
      className={rail ? 'summary summary-rail' : 'summary summary-bar'}
      aria-labelledby={headingId}
    >
      <div className="summary-head">
        <h2 id={headingId}>Live summary</h2>
        <span className="summary-currency">{currency}</span>
      </div>
      <dl className="summary-kpis">
        <Kpi label="TCV" testId="kpi-tcv" value={figures ? money(figures.tcv) : null} lead />
        <Kpi label="Margin" testId="kpi-margin" value={figures ? money(figures.margin) : null} />
        <Kpi
          label="Margin %"
          testId="kpi-margin-pct"
          value={figures ? (figures.marginPct === null ? 'n/a' : `${figures.marginPct} %`) : null}
        />
        <Kpi
          label="MRR (last month)"
          testId="kpi-mrr"
          value={figures ? money(figures.mrr) : null}
        />
        <Kpi label="Break-even" testId="kpi-break-even" value={breakEven(figures)} />
        {figures?.peakFunding ? (
          <Kpi label="Peak funding" testId="kpi-peak-funding" value={money(figures.peakFunding)} />
        ) : null}
        <div className="summary-kpi summary-kpi-issues">
          <dt>Issues</dt>
          <dd data-testid="kpi-issues">
            {summary.ok ? issuesLabel(summary.errors, summary.warnings, pending.length) : '—'}
          </dd>
        </div>
      </dl>
      <SummaryProblem summary={summary} pending={pending} />
      {count > 0 ? (
        <div className="summary-issues">
          <button
            type="button"
            className="link-button"
            aria-expanded={showIssues}
            aria-controls={listId}
            onClick={() => setIssuesOpen(!showIssues)}
          >
            {showIssues ? 'Hide' : 'Show'} {countLabel(count, 'issue', 'issues')} to review
          </button>
          <div id={listId} hidden={!showIssues} className="summary-issue-list">
            {pending.length > 0 ? (
              <PendingList pending={pending} scenario={scenario} linkFor={linkFor} />
            ) : null}
            {summary.ok && summary.issues.length > 0 ? (
              <IssuesList
                issues={summary.issues}
                linkFor={linkFor}
                scenario={scenario}
                className="issues"
              />
            ) : null}
          </div>
        </div>
      ) : null}
    </aside>
  );
}

function Kpi({
  label,
  value,
  testId,
  lead = false,
}: {
  label: string;
  value: string | null;
  testId: string;
  lead?: boolean;
}) {
  return (
    <div className={lead ? 'summary-kpi summary-kpi-lead' : 'summary-kpi'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value ?? '—'}</dd>
    </div>
  );
}

function breakEven(figures: Figures | null): string | null {
  if (!figures) return null;
  return figures.breakEvenMonth === null ? 'Not in horizon' : `Month ${figures.breakEvenMonth}`;
}

function issuesLabel(errors: number, warnings: number, pending: number): string {
  const parts = [];
  if (pending > 0) parts.push(countLabel(pending, 'invalid input', 'invalid inputs'));
  parts.push(countLabel(errors, 'error', 'errors'));
  parts.push(countLabel(warnings, 'warning', 'warnings'));
  return parts.join(', ');
}

/** Why there are no figures: input the store does not hold, an error, or no price table. */
function SummaryProblem({
  summary,
  pending,
}: {
  summary: ReturnType<typeof summaryFigures>;
  pending: readonly PendingInput[];
}) {
  if (pending.length > 0) {
    return (
      <p className="summary-problem" role="status">
        No figures while {countLabel(pending.length, 'input is', 'inputs are')} not valid: fix{' '}
        {pending.length === 1 ? 'it' : 'them'} to see the figures of what the screen shows.
      </p>
    );
  }
  if (!summary.ok) return <p className="summary-problem">{summary.message}</p>;
  if (summary.figures) return null;
  return (
    <p className="summary-problem">
      No figures until the {countLabel(summary.errors, 'error', 'errors')} below{' '}
      {summary.errors === 1 ? 'is' : 'are'} fixed.
    </p>
  );
}

function PendingList({
  pending,
  scenario,
  linkFor,
}: {
  pending: readonly PendingInput[];
  scenario: Scenario;
  linkFor: LinkFor;
}) {
  return (
    <ul className="issues">
      {pending.map((input, i) => {
        const where = input.path ? whereOf(input.path, scenario) : input.label;
        const label = where.split(' · ').at(-1) ?? input.label;
        const link = input.path ? linkFor(input.path) : null;
        return (
          <li key={`${input.path ?? input.label}-${i}`} className="issue-error">
            <span className="issue-level">Invalid input:</span>{' '}
            <span className="issue-where">{where}</span> —{' '}
            {plainSchemaMessage(input.message, label)}{' '}
            {link ? (
              <a
                href={link.href}
                aria-label={`Fix it: ${where} (${link.step} step)`}
                onClick={() => {
                  // the same link twice is no hash change: focus the field here
                  if (window.location.hash === link.href && input.path) {
                    const path = input.path;
                    void import('../../components/form/field-focus').then((m) =>
                      m.focusField(path),
                    );
                  }
                }}
              >
                Fix it
              </a>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
