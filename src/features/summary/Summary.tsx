import { IssuesList, type LinkFor } from '../../components/IssuesList';
import { useId, useMemo } from 'react';
import { useQuote } from '../../state/app-store';
import { countLabel, moneyFormatter } from '../../components/format';
import { summaryFigures } from './figures';

export interface SummaryProps {
  /** Where to fix the field at a scenario path: the link and the name of its step. */
  readonly linkFor: LinkFor;
}

/** The live summary beside every step: re-priced from the store on every change. */
export function Summary({ linkFor }: SummaryProps) {
  const result = useQuote();
  const summary = useMemo(() => summaryFigures(result), [result]);
  const headingId = useId();
  const currency = summary.ok ? summary.currency : 'USD';
  const money = useMemo(() => moneyFormatter(currency), [currency]);

  return (
    <aside className="summary" aria-labelledby={headingId}>
      <h2 id={headingId}>Live summary</h2>
      {!summary.ok ? (
        <p className="summary-problem">{summary.message}</p>
      ) : (
        <>
          {summary.figures ? (
            <dl className="kpis">
              <div>
                <dt>TCV</dt>
                <dd data-testid="kpi-tcv">{money(summary.figures.tcv)}</dd>
              </div>
              <div>
                <dt>Margin</dt>
                <dd data-testid="kpi-margin">{money(summary.figures.margin)}</dd>
              </div>
              <div>
                <dt>Margin %</dt>
                <dd data-testid="kpi-margin-pct">
                  {summary.figures.marginPct === null ? '—' : `${summary.figures.marginPct} %`}
                </dd>
              </div>
              <div>
                <dt>MRR (last month)</dt>
                <dd data-testid="kpi-mrr">{money(summary.figures.mrr)}</dd>
              </div>
              <div>
                <dt>Break-even</dt>
                <dd data-testid="kpi-break-even">
                  {summary.figures.breakEvenMonth === null
                    ? 'Not within the horizon'
                    : `Month ${summary.figures.breakEvenMonth}`}
                </dd>
              </div>
              <div>
                <dt>Issues</dt>
                <dd data-testid="kpi-issues">
                  {countLabel(summary.errors, 'error', 'errors')},{' '}
                  {countLabel(summary.warnings, 'warning', 'warnings')}
                </dd>
              </div>
            </dl>
          ) : (
            <p className="summary-problem">
              No figures until the {countLabel(summary.errors, 'error', 'errors')} below{' '}
              {summary.errors === 1 ? 'is' : 'are'} fixed.
            </p>
          )}
          {summary.issues.length > 0 ? (
            <>
              <h3>Issues to review</h3>
              <IssuesList issues={summary.issues} linkFor={linkFor} className="issues" />
            </>
          ) : null}
        </>
      )}
    </aside>
  );
}
