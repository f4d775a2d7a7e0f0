/**
 * The sections of the Results step (docs/decisions/036-results-sections.md): one registry, read
 * by `ResultsStep` to draw the local navigation and the section the URL names
 * (`#/results?view=lines`). A new Results section is one entry in `RESULTS_SECTIONS`:
 *
 *   { id: 'cash', order: 25, label: 'Cash', Component: lazy(() => import('./cash/CashSection')) },
 *
 * where the module's default export is a component taking `ResultsSectionProps` (or no props:
 * it may read the store with `useQuote`/`useScenario` like the charts do). Lazy entries load in
 * their own chunk when the user opens them, so the first screen's budget does not grow.
 */
import { lazy, useMemo, useSyncExternalStore, type ComponentType, type ReactNode } from 'react';
import type { PriceTable, PricedQuote, Quote, Scenario } from '../../engine/index';
import { IssuesList, type LinkFor } from '../../components/IssuesList';
import { cashKpis, resultKpis } from '../../reports/kpis';
import { CustomerResultsTable } from './CustomerResultsTable';
import { KpiCards } from './KpiCards';
import { MonthlyTable } from './MonthlyTable';
import { customerResultRows, monthResultRows } from './tables';

/** What every section is handed; a section uses what it needs. */
export interface ResultsSectionProps {
  /** The quote of the open scenario; null when an error stopped the pricing. */
  readonly quote: PricedQuote | null;
  /** The quote's issues, also when an error stopped the pricing. */
  readonly issues: Quote['issues'];
  readonly scenario: Scenario;
  /** Formats an amount in the quote's currency (the browser's locale). */
  readonly money: (amount: string) => string;
  /** Where to fix the field at a scenario path (the shell's routing). */
  readonly linkFor: LinkFor;
  /** The documents panel the shell hands the step (PDF and CSV); undefined when none. */
  readonly exports?: ReactNode;
  /** The price table's service (bundle and bandwidth names); null when unknown. */
  readonly service: PriceTable['service'] | null;
}

export interface ResultsSection {
  /** In the URL: `#/results?view=<id>`. Lower-case words and dashes; unique. */
  readonly id: string;
  /** The navigation's text and the section's heading. */
  readonly label: string;
  /**
   * Place in the navigation, smallest first. Gaps of 10 leave room: Cash 25, Sensitivity 45,
   * Parties 47 were kept for the sections being built beside this one.
   */
  readonly order: number;
  readonly Component: ComponentType<ResultsSectionProps>;
  /**
   * Shown also when the quote has errors and no figures (the issues, the exports). Default
   * false: a section of figures is left out of the navigation until the quote prices.
   */
  readonly withoutFigures?: boolean;
  /** Left out of the navigation when this says so (e.g. Exports when the shell hands none). */
  readonly hidden?: (props: ResultsSectionProps) => boolean;
}

function Overview({ quote, money }: ResultsSectionProps) {
  const kpis = useMemo(() => (quote ? [...resultKpis(quote), ...cashKpis(quote)] : []), [quote]);
  return <KpiCards kpis={kpis} money={money} />;
}

function Lines({ quote, scenario, money, service }: ResultsSectionProps) {
  const rows = useMemo(
    () => (quote ? customerResultRows(scenario, quote, service) : []),
    [scenario, quote, service],
  );
  return quote ? <CustomerResultsTable quote={quote} rows={rows} money={money} /> : null;
}

function Monthly({ quote, money }: ResultsSectionProps) {
  const rows = useMemo(() => (quote ? monthResultRows(quote) : []), [quote]);
  return quote ? <MonthlyTable quote={quote} rows={rows} money={money} /> : null;
}

function Issues({ issues, linkFor }: ResultsSectionProps) {
  return <IssuesList issues={issues} linkFor={linkFor} />;
}

function Exports({ exports }: ResultsSectionProps) {
  return <>{exports}</>;
}

/** The charts load in their own chunk (recharts is large), after the figures are on screen. */
const Charts = lazy(() => import('./charts/ResultsCharts'));
const Cash = lazy(() => import('./charts/ResultsCharts').then((m) => ({ default: m.CashCharts })));
const Sensitivity = lazy(() =>
  import('./charts/ResultsCharts').then((m) => ({ default: m.SensitivityCharts })),
);
const Parties = lazy(() =>
  import('./charts/ResultsCharts').then((m) => ({ default: m.PartiesCharts })),
);

/**
 * Every Results section. To add one: one line here (see the file's comment). Kept in one list
 * rather than registered from each module so the order and the ids are read in one place.
 */
export const RESULTS_SECTIONS: readonly ResultsSection[] = [
  { id: 'overview', order: 10, label: 'Key figures', Component: Overview },
  { id: 'charts', order: 20, label: 'Charts', Component: Charts },
  { id: 'cash', order: 25, label: 'Cash', Component: Cash },
  { id: 'lines', order: 30, label: 'Per customer line', Component: Lines },
  { id: 'monthly', order: 40, label: 'Monthly series', Component: Monthly },
  { id: 'sensitivity', order: 45, label: 'Sensitivity', Component: Sensitivity },
  { id: 'parties', order: 47, label: 'Who earns what', Component: Parties },
  { id: 'issues', order: 80, label: 'Issues', Component: Issues, withoutFigures: true },
  {
    id: 'exports',
    order: 90,
    label: 'Exports',
    Component: Exports,
    withoutFigures: true,
    hidden: (p) => p.exports === undefined || p.exports === null,
  },
];

/** The sections to offer, in order: those that can show something for this quote. */
export function visibleSections(
  sections: readonly ResultsSection[],
  props: ResultsSectionProps,
  priced: boolean,
): ResultsSection[] {
  return [...sections]
    .filter((s) => (priced || s.withoutFigures === true) && !(s.hidden?.(props) ?? false))
    .sort((a, b) => a.order - b.order);
}

// ------------------------------------------------------------------------------------------
// The section in the URL: `#/results?view=<id>`
// ------------------------------------------------------------------------------------------

/** The `view` of a hash (`#/results?view=cash` → `cash`), or null. */
export function viewOfHash(hash: string): string | null {
  const q = hash.indexOf('?');
  if (q === -1) return null;
  try {
    const view = new URLSearchParams(hash.slice(q + 1)).get('view');
    return view === '' ? null : view;
  } catch {
    return null;
  }
}

/** The hash that opens a section of Results. */
export function viewHref(id: string): string {
  return `#/results?view=${encodeURIComponent(id)}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The `view` in the URL now; re-renders when the hash changes. */
export function useResultsView(): string | null {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  return viewOfHash(hash);
}
