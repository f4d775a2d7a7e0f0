import { useId, useMemo, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { moneyFormatter } from '../../components/format';
import type { Scenario } from '../../engine/index';
import { compareQuotes, scenarioDifferences, type KpiComparison } from '../../reports/compare';
import type { KpiValue } from '../../reports/kpis';
import { localToday, useScenario } from '../../state/app-store';
import { useLibrary } from '../../state/library';
import { createQuoteSelector, type QuoteResult } from '../../state/quote';
import { useRegistry } from '../../state/custom-tables';

interface Choice {
  readonly key: string;
  readonly label: string;
  readonly scenario: Scenario;
}

function useChoices(): Choice[] {
  const current = useScenario();
  const library = useLibrary();
  return useMemo(
    () => [
      { key: 'current', label: `Open scenario: ${current.title}`, scenario: current },
      ...library.map((e) => ({ key: `lib:${e.id}`, label: e.name, scenario: e.scenario })),
    ],
    [current, library],
  );
}

function formatValue(v: KpiValue, money: (a: string) => string): string {
  switch (v.kind) {
    case 'money':
      return money(v.amount);
    case 'percent':
      return v.pct === null ? '—' : `${v.pct} %`;
    case 'month':
      return v.month === null ? 'Not within the horizon' : `Month ${v.month}`;
  }
}

function formatDifference(k: KpiComparison, money: (a: string) => string): string {
  if (k.difference === null) return '—';
  const negative = k.difference.startsWith('-');
  const sign = negative ? '−' : Number(k.difference) === 0 ? '' : '+';
  const abs = negative ? k.difference.slice(1) : k.difference;
  switch (k.a.kind) {
    case 'money':
      return `${sign}${money(abs)}`;
    case 'percent':
      return `${sign}${abs} pts`;
    case 'month':
      return `${sign}${abs} months`;
  }
}

function Picker({
  label,
  choices,
  value,
  onChange,
}: {
  label: string;
  choices: readonly Choice[];
  value: string;
  onChange: (key: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Two scenarios side by side (issue 6): the open one and those in the library, their KPIs with
 * B − A, the monthly margin of both on one chart (with its data as a table), and how their
 * inputs differ. Every figure comes from the engine's quotes; differences are exact.
 */
export function ComparePage(_props: { query: string }) {
  const choices = useChoices();
  const registry = useRegistry();
  const [aKey, setA] = useState('current');
  const [bKey, setB] = useState<string | null>(null);
  const a = choices.find((c) => c.key === aKey) ?? choices[0]!;
  const b = choices.find((c) => c.key === (bKey ?? choices[1]?.key)) ?? choices[0]!;
  const today = localToday();
  const qa: QuoteResult = useMemo(
    () => createQuoteSelector()(a.scenario, registry, today),
    [a.scenario, registry, today],
  );
  const qb: QuoteResult = useMemo(
    () => createQuoteSelector()(b.scenario, registry, today),
    [b.scenario, registry, today],
  );
  const comparison = qa.ok && qb.ok ? compareQuotes(qa.quote, qb.quote) : null;
  const differences = useMemo(
    () => scenarioDifferences(a.scenario, b.scenario),
    [a.scenario, b.scenario],
  );
  const moneyA = moneyFormatter(qa.ok ? qa.quote.currency : 'USD');
  const moneyB = moneyFormatter(qb.ok ? qb.quote.currency : 'USD');
  const chartId = useId();

  const problem = !qa.ok
    ? `${a.label}: ${qa.message}`
    : !qb.ok
      ? `${b.label}: ${qb.message}`
      : !comparison
        ? 'One of the two scenarios has errors, so it has no totals to compare; open it and fix them first.'
        : null;

  return (
    <div className="compare-page">
      <p className="field-hint">
        Compare the open scenario with those saved on the Scenarios page, or two saved ones.
      </p>
      <div className="compare-pickers">
        <Picker label="Scenario A" choices={choices} value={a.key} onChange={setA} />
        <Picker label="Scenario B" choices={choices} value={b.key} onChange={setB} />
      </div>
      {choices.length < 2 ? (
        <p>Save a scenario on the Scenarios page to compare it with the open one.</p>
      ) : null}
      {problem ? (
        <p role="alert" className="summary-problem">
          {problem}
        </p>
      ) : null}
      {comparison ? (
        <>
          <table className="compare-kpis">
            <caption>Key figures, A and B</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">A: {a.label}</th>
                <th scope="col">B: {b.label}</th>
                <th scope="col">B − A</th>
              </tr>
            </thead>
            <tbody>
              {comparison.kpis.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.label}</th>
                  <td>{formatValue(k.a, moneyA)}</td>
                  <td>{formatValue(k.b, moneyB)}</td>
                  <td>{formatDifference(k, moneyA)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {comparison.sameCurrency ? null : (
            <p className="field-hint">
              The two scenarios are priced in different currencies, so amounts are not subtracted.
            </p>
          )}
          <figure className="compare-chart" aria-labelledby={chartId}>
            <figcaption id={chartId}>Monthly margin, A and B</figcaption>
            <div style={{ width: '100%', height: 280 }}>
              <ResponsiveContainer width="100%" height="100%" minWidth={200}>
                <LineChart
                  data={comparison.margins.map((m) => ({
                    period: m.period,
                    // drawing only: the table below shows the exact amounts
                    a: m.a === null ? null : Number(m.a),
                    b: m.b === null ? null : Number(m.b),
                  }))}
                  margin={{ top: 8, right: 16, bottom: 8, left: 16 }}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="period" minTickGap={24} />
                  <YAxis
                    tickFormatter={(v: number) =>
                      new Intl.NumberFormat(undefined, { notation: 'compact' }).format(v)
                    }
                  />
                  <Tooltip />
                  <Legend />
                  <Line type="monotone" dataKey="a" name="A" stroke="#0b5d46" dot={false} />
                  <Line
                    type="monotone"
                    dataKey="b"
                    name="B"
                    stroke="#7a4a00"
                    strokeDasharray="6 3"
                    dot={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <details>
              <summary>Data table</summary>
              <table>
                <caption>Monthly margin</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col">A</th>
                    <th scope="col">B</th>
                  </tr>
                </thead>
                <tbody>
                  {comparison.margins.map((m) => (
                    <tr key={m.period}>
                      <th scope="row">{m.period}</th>
                      <td>{m.a === null ? '—' : moneyA(m.a)}</td>
                      <td>{m.b === null ? '—' : moneyB(m.b)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </figure>
        </>
      ) : null}
      <section aria-labelledby={`${chartId}-diff`}>
        <h3 id={`${chartId}-diff`}>How the inputs differ</h3>
        {differences.length === 0 ? (
          <p>The two scenarios have the same inputs.</p>
        ) : (
          <table className="compare-differences">
            <caption>{`${differences.length} differences`}</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">A</th>
                <th scope="col">B</th>
              </tr>
            </thead>
            <tbody>
              {differences.map((d, i) => (
                <tr key={`${i}-${d.what}`}>
                  <th scope="row">{d.what}</th>
                  <td>{d.a}</td>
                  <td>{d.b}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
