/** (d) PAYG against Fixed-Term for the PAYG line chosen: its monthly cost against hours and every term. */
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CustomerLine, Scenario } from '../../../engine/index';
import type { PricedDeal } from '../../../reports/priced-deal';
import {
  compactMoneyFormatter,
  paygChart,
  rateFormatter,
  type PaygChart,
} from '../../../reports/chart-data';
import {
  CHART_DESC,
  CHART_HEIGHT,
  ChartBox,
  ChartFigure,
  DataTable,
  countFormat,
  exactTooltip,
  GRID,
  hoursFormat,
  INK,
  lineName,
  MUTED,
  TERM_COLORS,
  TERM_DASHES,
  TICK,
  type Money,
} from './kit';

const isPayg = (line: CustomerLine) => line.license.model === 'payg';

/** The PAYG line chosen, or the first one when the choice is gone (or none was made). */
function chosenPaygLine(scenario: Scenario, choice: string | null): string | null {
  const lines = scenario.customers.filter(isPayg);
  return (lines.find((l) => l.id === choice) ?? lines[0])?.id ?? null;
}

function adviceText(chart: PaygChart, line: CustomerLine, money: Money): string {
  const average = `This line averages ${hoursFormat.format(chart.averageHours)} hours a month.`;
  if (chart.advice) {
    const a = chart.advice;
    return (
      `${average} Committing to a ${a.termMonths}-month term would save ${money(a.saving)} over ` +
      `the line's active months${line.count > 1 ? ` (all ${countFormat.format(line.count)} customers)` : ''}: ` +
      `the term breaks even at ${hoursFormat.format(a.breakEvenHours)} hours a month.`
    );
  }
  if (line.license.model === 'payg' && line.license.convertTo !== null) {
    return `${average} The line converts to a ${line.license.convertTo.termMonths}-month term at month ${line.license.convertTo.atMonth}, so there is no PAYG advice.`;
  }
  return `${average} No term would have cost less than PAYG over the line's active months: stay on PAYG.`;
}

export function PaygFigure({ deal, money }: { deal: PricedDeal; money: Money }) {
  const { scenario } = deal;
  const [choice, setChoice] = useState<string | null>(null);
  const selectId = useId();
  const lineId = chosenPaygLine(scenario, choice);
  const chart = useMemo(() => {
    if (lineId === null) return null;
    const b = deal.paygCurve(lineId);
    return b && paygChart(b);
  }, [deal, lineId]);
  const lines = scenario.customers.filter(isPayg);
  const line = lines.find((l) => l.id === lineId);
  const currency = deal.quote.currency;
  const compact = useMemo(() => compactMoneyFormatter(currency), [currency]);

  if (!line) {
    return (
      <section className="chart-section" aria-label="PAYG against Fixed-Term">
        <p className="chart-note">
          No PAYG lines in this deal: there is no PAYG against Fixed-Term chart.
        </p>
      </section>
    );
  }
  const caption = `PAYG against Fixed-Term: ${lineName(line)}`;
  const exactByKey = (p: { hours: number }, key: string) => {
    if (key === 'payg') return chart?.points.find((q) => q.hours === p.hours)?.payg;
    return chart?.levels.find((l) => l.key === key)?.monthly;
  };
  const tooltip = exactTooltip(money, exactByKey);
  return (
    <section className="chart-section" aria-label="PAYG against Fixed-Term">
      <div className="chart-chooser">
        <label htmlFor={selectId}>PAYG line</label>
        <select
          id={selectId}
          value={line.id}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => setChoice(e.target.value)}
        >
          {lines.map((l) => (
            <option key={l.id} value={l.id}>
              {lineName(l)}
            </option>
          ))}
        </select>
      </div>
      {chart === null ? (
        <p className="chart-note">
          No break-even chart for {lineName(line)}: its PAYG hourly rate is zero or its amounts are
          out of range, so PAYG and Fixed-Term cannot be compared.
        </p>
      ) : (
        <ChartFigure
          caption={caption}
          className="chart-figure-payg"
          table={
            <>
              <DataTable
                caption={`Fixed-Term monthly license for one customer (${chart.currency})`}
                head={['Term', 'Monthly license', 'Break-even (hours a month)']}
                rows={chart.levels.map((l) => ({
                  key: l.key,
                  header: l.label,
                  cells: [
                    money(l.monthly),
                    `${hoursFormat.format(l.breakEvenHours)}${l.onChart ? '' : ' (more than a month has)'}`,
                  ],
                }))}
              />
              <DataTable
                caption={`PAYG license for one customer and one month, at ${rateFormatter(chart.currency)(chart.hourlyRate)} an hour (${chart.currency})`}
                head={['Hours a month', 'PAYG license']}
                rows={chart.points.map((p) => ({
                  key: p.hours,
                  header: hoursFormat.format(p.hours),
                  cells: [money(p.payg)],
                }))}
              />
            </>
          }
        >
          <div className="payg-layout">
            <ChartBox height={CHART_HEIGHT}>
              {(width) => (
                <LineChart
                  width={width}
                  height={CHART_HEIGHT}
                  data={chart.rows}
                  title={caption}
                  desc={CHART_DESC}
                  margin={{ top: 24, right: 16, bottom: 16, left: 8 }}
                >
                  <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
                  <XAxis
                    type="number"
                    dataKey="hours"
                    domain={[0, chart.maxHours]}
                    ticks={[0, 120, 240, 360, 480, 600, chart.maxHours]}
                    tick={TICK}
                    label={{
                      value: 'Hours a month',
                      position: 'insideBottom',
                      offset: -12,
                      fill: INK,
                      fontSize: 12,
                    }}
                  />
                  <YAxis tick={TICK} tickFormatter={compact} width={72} />
                  <Tooltip
                    formatter={tooltip}
                    labelFormatter={(h) => `${hoursFormat.format(Number(h))} hours a month`}
                    itemSorter={(item) =>
                      item.dataKey === 'payg'
                        ? -1
                        : chart.levels.findIndex((l) => l.key === item.dataKey)
                    }
                  />
                  <Legend
                    itemSorter={null}
                    wrapperStyle={{ color: INK, fontSize: 12, paddingTop: 12 }}
                  />
                  <Line
                    dataKey="payg"
                    name="PAYG"
                    type="linear"
                    stroke={INK}
                    strokeWidth={3}
                    dot={false}
                    legendType="plainline"
                    isAnimationActive={false}
                  />
                  {chart.levels.map((l, i) => (
                    <Line
                      key={l.key}
                      dataKey={l.key}
                      name={l.label}
                      type="linear"
                      stroke={TERM_COLORS[i % TERM_COLORS.length]}
                      strokeDasharray={TERM_DASHES[i % TERM_DASHES.length]}
                      strokeWidth={2}
                      dot={false}
                      legendType="plainline"
                      isAnimationActive={false}
                    />
                  ))}
                  {chart.breakEvens.map((m) => {
                    const i = chart.levels.findIndex((l) => l.key === m.key);
                    return (
                      <ReferenceDot
                        key={m.key}
                        x={m.hours}
                        y={m.value}
                        r={5}
                        fill={TERM_COLORS[i % TERM_COLORS.length]}
                        stroke="#ffffff"
                        strokeWidth={1.5}
                      />
                    );
                  })}
                  <ReferenceLine
                    x={chart.averageHours}
                    stroke={MUTED}
                    strokeDasharray="2 2"
                    label={{
                      value: `Average ${hoursFormat.format(chart.averageHours)} h`,
                      position: 'top',
                      fill: INK,
                      fontSize: 12,
                    }}
                  />
                </LineChart>
              )}
            </ChartBox>
            <div className="payg-advice" aria-live="polite">
              <h4>Advice</h4>
              <p>{adviceText(chart, line, money)}</p>
              {chart.advice ? (
                <p>
                  <strong>Saving: {money(chart.advice.saving)}</strong>
                </p>
              ) : null}
              <p className="chart-note">
                Costs are for one customer in one month. Dots mark where PAYG reaches each term;
                below that many hours PAYG costs less.
              </p>
            </div>
          </div>
        </ChartFigure>
      )}
    </section>
  );
}
