import { Suspense, useId, useMemo, type ReactNode } from 'react';
import { isPriced, quoteErrors, type Quote } from '../../engine/index';
import { useQuote, useScenario } from '../../state/app-store';
import { countLabel, moneyFormatter } from '../../components/format';
import type { LinkFor } from '../../components/IssuesList';
import {
  RESULTS_SECTIONS,
  useResultsView,
  viewHref,
  visibleSections,
  type ResultsSection,
  type ResultsSectionProps,
} from './sections';
import './results.css';

export type { LinkFor } from '../../components/IssuesList';

export interface ResultsStepProps {
  /** Where to fix the field at a scenario path (the shell's routing, passed in). */
  readonly linkFor: LinkFor;
  /**
   * What the "Exports" section holds: the shell passes the documents feature's panel (PDF and
   * CSV), which this feature may not import. Shown also when the quote has errors, so the panel
   * can say why there is nothing to export. No section without it.
   */
  readonly exports?: ReactNode;
  /** The sections to offer; the registry by default (tests pass their own). */
  readonly sections?: readonly ResultsSection[];
}

function issueCounts(quote: Quote) {
  const errors = quoteErrors(quote).length;
  return { errors, warnings: quote.issues.length - errors };
}

/** The heading of a section: the issues say how many there are. */
function headingOf(section: ResultsSection, quote: Quote): string {
  if (section.id !== 'issues') return section.label;
  const { errors, warnings } = issueCounts(quote);
  return `Issues (${countLabel(errors, 'error', 'errors')}, ${countLabel(warnings, 'warning', 'warnings')})`;
}

/**
 * Step 7 of the wizard: the quote of the open scenario in sections (docs/decisions/
 * 036-results-sections.md) — key figures, charts, tables, issues with links to the fields to
 * fix, exports — one at a time, chosen in a sticky local navigation whose choice is in the URL
 * (`#/results?view=lines`), so no section is thousands of pixels down the page. Re-priced on
 * every edit; when the quote cannot be computed or has errors, it says why and offers only the
 * sections that need no figures.
 */
export function ResultsStep({ linkFor, exports, sections = RESULTS_SECTIONS }: ResultsStepProps) {
  const result = useQuote();
  const scenario = useScenario();
  const view = useResultsView();
  const headingId = useId();
  const quote = result.ok ? result.quote : null;
  const service = result.ok ? result.table.table.service : null;
  const currency = quote?.currency ?? 'USD';
  const money = useMemo(() => moneyFormatter(currency), [currency]);
  const priced = quote !== null && isPriced(quote) ? quote : null;

  if (!quote) {
    return (
      <div className="results">
        <p className="summary-problem">{result.ok ? null : result.message}</p>
      </div>
    );
  }

  const props: ResultsSectionProps = {
    quote: priced,
    issues: quote.issues,
    scenario,
    money,
    linkFor,
    exports,
    service,
  };
  const offered = visibleSections(sections, props, priced !== null);
  // With errors the issues come first: they say what to fix before there are figures.
  const fallback = priced ? offered[0] : (offered.find((s) => s.id === 'issues') ?? offered[0]);
  const current = offered.find((s) => s.id === view) ?? fallback;
  const { errors } = issueCounts(quote);

  return (
    <div className="results">
      {priced ? null : (
        <p className="summary-problem">
          No figures until the {countLabel(errors, 'error', 'errors')} {errors === 1 ? 'is' : 'are'}{' '}
          fixed (see Issues).
        </p>
      )}
      <nav className="results-nav" aria-label="Results sections">
        <ul>
          {offered.map((s) => (
            <li key={s.id}>
              <a
                href={viewHref(s.id)}
                aria-current={s === current ? 'page' : undefined}
                className={s === current ? 'current' : undefined}
              >
                {s.label}
                {s.id === 'issues' && quote.issues.length > 0 ? (
                  <span className="results-nav-count"> ({quote.issues.length})</span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {current ? (
        <section className="results-section" aria-labelledby={headingId} key={current.id}>
          <h3 id={headingId}>{headingOf(current, quote)}</h3>
          <Suspense fallback={<p>Loading {current.label.toLowerCase()}…</p>}>
            <current.Component {...props} />
          </Suspense>
        </section>
      ) : null}
    </div>
  );
}
