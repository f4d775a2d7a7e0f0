import { lazy, Suspense, useId, useMemo, type ReactNode } from 'react';
import { isPriced, quoteErrors } from '../../engine/index';
import { useQuote, useScenario } from '../../state/app-store';
import { countLabel, moneyFormatter } from '../../components/format';
import { CustomerResultsTable } from './CustomerResultsTable';
import { IssuesList, type LinkFor } from '../../components/IssuesList';
import { KpiCards } from './KpiCards';
import { cashKpis, resultKpis } from '../../reports/kpis';
import { MonthlyTable } from './MonthlyTable';
import { customerResultRows, monthResultRows } from './tables';
import './results.css';

/** The charts load in their own chunk (recharts is large), after the figures are on screen. */
const ResultsCharts = lazy(() => import('./charts/ResultsCharts'));

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
}

function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const id = useId();
  return (
    <section className="results-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/**
 * Step 7 of the wizard: the quote of the open scenario in figures, charts and tables, its
 * issues with links to the fields to fix, and the exports it is handed (`exports`). Re-priced on every edit; when
 * the quote cannot be computed or has errors, it says why and shows no figures.
 */
export function ResultsStep({ linkFor, exports }: ResultsStepProps) {
  const result = useQuote();
  const scenario = useScenario();
  const quote = result.ok ? result.quote : null;
  const service = result.ok ? result.table.table.service : null;
  const currency = quote?.currency ?? 'USD';
  const money = useMemo(() => moneyFormatter(currency), [currency]);
  const priced = quote !== null && isPriced(quote) ? quote : null;
  const kpis = useMemo(
    () => (priced ? [...resultKpis(priced), ...cashKpis(priced)] : null),
    [priced],
  );
  const customerRows = useMemo(
    () => (priced ? customerResultRows(scenario, priced, service) : []),
    [scenario, priced, service],
  );
  const monthRows = useMemo(() => (priced ? monthResultRows(priced) : []), [priced]);

  if (!quote) {
    return (
      <div className="results">
        <p className="summary-problem">{result.ok ? null : result.message}</p>
      </div>
    );
  }

  const errors = quoteErrors(quote).length;
  const warnings = quote.issues.length - errors;
  const issues = (
    <Section
      title={`Issues (${countLabel(errors, 'error', 'errors')}, ${countLabel(warnings, 'warning', 'warnings')})`}
    >
      <IssuesList issues={quote.issues} linkFor={linkFor} />
    </Section>
  );

  const exportsSection = exports ? <Section title="Exports">{exports}</Section> : null;

  if (!priced || !kpis) {
    return (
      <div className="results">
        <p className="summary-problem">
          No figures until the {countLabel(errors, 'error', 'errors')} below{' '}
          {errors === 1 ? 'is' : 'are'} fixed.
        </p>
        {issues}
        {exportsSection}
      </div>
    );
  }

  return (
    <div className="results">
      <Section title="Key figures">
        <KpiCards kpis={kpis} money={money} />
      </Section>
      <Section title="Charts">
        <Suspense fallback={<p>Loading charts…</p>}>
          <ResultsCharts />
        </Suspense>
      </Section>
      <Section title="Per customer line">
        <CustomerResultsTable quote={priced} rows={customerRows} money={money} />
      </Section>
      <Section title="Monthly series">
        <MonthlyTable quote={priced} rows={monthRows} money={money} />
      </Section>
      {issues}
      {exportsSection}
    </div>
  );
}
