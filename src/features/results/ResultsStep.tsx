import { lazy, Suspense, useId, useMemo, type ReactNode } from 'react';
import { useQuote, useScenario } from '../../state/app-store';
import { customersCsv, monthsCsv } from '../../reports/csv';
import { countLabel, moneyFormatter } from '../../components/format';
import { CustomerResultsTable } from './CustomerResultsTable';
import { downloadCsv } from './download';
import { IssuesList, type LinkFor } from './IssuesList';
import { KpiCards } from './KpiCards';
import { resultKpis } from './kpis';
import { MonthlyTable } from './MonthlyTable';
import { customerResultRows, monthResultRows } from './tables';
import './results.css';

/** The charts load in their own chunk (recharts is large), after the figures are on screen. */
const ResultsCharts = lazy(() => import('./charts/ResultsCharts'));

export type { LinkFor } from './IssuesList';

export interface ResultsStepProps {
  /** Where to fix the field at a scenario path (the shell's routing, passed in). */
  readonly linkFor: LinkFor;
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

/** A file name from the scenario's title: "Müller plan" → "muller-plan-customers.csv". */
function fileName(title: string, what: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'quote'}-${what}.csv`;
}

/**
 * Step 7 of the wizard: the quote of the open scenario in figures, charts and tables, its
 * issues with links to the fields to fix, and the CSV exports. Re-priced on every edit; when
 * the quote cannot be computed or has errors, it says why and shows no figures.
 */
export function ResultsStep({ linkFor }: ResultsStepProps) {
  const result = useQuote();
  const scenario = useScenario();
  const quote = result.ok ? result.quote : null;
  const service = result.ok ? result.table.table.service : null;
  const currency = quote?.currency ?? 'USD';
  const money = useMemo(() => moneyFormatter(currency), [currency]);
  const kpis = useMemo(() => (quote ? resultKpis(quote) : null), [quote]);
  const customerRows = useMemo(
    () => (quote?.totals ? customerResultRows(scenario, quote, service) : []),
    [scenario, quote, service],
  );
  const monthRows = useMemo(() => (quote?.totals ? monthResultRows(quote) : []), [quote]);

  if (!quote) {
    return (
      <div className="results">
        <p className="summary-problem">{result.ok ? null : result.message}</p>
      </div>
    );
  }

  const errors = quote.issues.filter((i) => i.level === 'error').length;
  const warnings = quote.issues.length - errors;
  const issues = (
    <Section
      title={`Issues (${countLabel(errors, 'error', 'errors')}, ${countLabel(warnings, 'warning', 'warnings')})`}
    >
      <IssuesList issues={quote.issues} linkFor={linkFor} />
    </Section>
  );

  if (!kpis) {
    return (
      <div className="results">
        <p className="summary-problem">
          No figures until the {countLabel(errors, 'error', 'errors')} below{' '}
          {errors === 1 ? 'is' : 'are'} fixed.
        </p>
        {issues}
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
        <CustomerResultsTable quote={quote} rows={customerRows} money={money} />
      </Section>
      <Section title="Monthly series">
        <MonthlyTable quote={quote} rows={monthRows} money={money} />
      </Section>
      {issues}
      <Section title="Exports">
        <p className="field-hint">
          Plain decimal numbers with a header row; the customers file ends with the platform and the
          total.
        </p>
        <div className="button-row">
          <button
            type="button"
            onClick={() =>
              downloadCsv(fileName(scenario.title, 'customers'), customersCsv(scenario, quote))
            }
          >
            Download customers CSV
          </button>
          <button
            type="button"
            onClick={() => downloadCsv(fileName(scenario.title, 'monthly'), monthsCsv(quote))}
          >
            Download monthly CSV
          </button>
        </div>
      </Section>
    </div>
  );
}
