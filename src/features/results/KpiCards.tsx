import { formatKpi, type Kpi } from '../../reports/kpis';

export interface KpiCardsProps {
  readonly kpis: readonly Kpi[];
  /** Formats an amount in the quote's currency (the browser's locale). */
  readonly money: (amount: string) => string;
}

/** The Results step's headline figures: one card per KPI, a term and its value. */
export function KpiCards({ kpis, money }: KpiCardsProps) {
  return (
    <dl className="results-kpis">
      {kpis.map((kpi) => (
        <div key={kpi.id} className="results-kpi" data-kpi={kpi.id}>
          <dt>{kpi.label}</dt>
          <dd className="results-kpi-value">{unbroken(formatKpi(kpi.value, money))}</dd>
          <dd className="results-kpi-hint">{kpi.hint}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A value whose words may wrap, each kept whole: "Month 3 (2027-03)" may go to two lines
 * between words, never inside "2027-03" at its hyphen. The text stays the same.
 */
function unbroken(text: string) {
  return text.split(' ').flatMap((word, i) => [
    ...(i > 0 ? [' '] : []),
    <span key={i} className="results-kpi-word">
      {word}
    </span>,
  ]);
}
