/**
 * The charts of the Results step (PRODUCT.md, wizard step 7): monthly revenue, cost and margin;
 * cumulative margin with the break-even month; customer mix; PAYG against Fixed-Term for each
 * PAYG line; and the price waterfall of the deal or of one customer line.
 *
 * Loaded lazily by ResultsStep (`lazy(() => import('./charts/ResultsCharts'))`), so recharts
 * stays out of the first screen's JavaScript (ENGINEERING.md § Budgets). Reads the store itself.
 *
 * Every chart sits in a <figure> with a caption and a text alternative: a "Data table" with the
 * exact figures, formatted with `moneyFormatter`. The charts draw plot numbers (chart-data.ts);
 * tooltips and tables show the exact amounts. A chart is drawn only once its box has a width
 * (a ResizeObserver measures it), so there is never a 0-size chart (nor recharts' warning).
 */
import {
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type ReactNode,
} from 'react';
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  paygBreakEven,
  priceWaterfall,
  type CustomerLine,
  type Quote,
  type Scenario,
} from '../../../engine/index';
import type { TableEntry } from '../../../price-tables/registry';
import { localToday, useQuote, useScenario } from '../../../state/app-store';
import { moneyFormatter } from '../../../components/format';
import {
  compactMoneyFormatter,
  COST_CATEGORIES,
  cumulativeMargin,
  customerMix,
  monthlySeries,
  paygChart,
  periodLabel,
  rateFormatter,
  waterfallBars,
  type CustomerMix,
  type MixSlice,
  type PaygChart,
  type WaterfallBar,
} from '../../../reports/chart-data';
import './charts.css';

// Colours: each at least 3:1 against white (WCAG 1.4.11), told apart by legend labels too.
const INK = '#1b1f24';
const MUTED = '#4a5561';
const GRID = '#d5dae0';
const COLORS = {
  fixedTerm: '#1f4e79',
  payg: '#b35c00',
  apps: '#6b3fa0',
  platform: '#5c6670',
  commissions: '#a8071a',
  revenue: '#0b5d46',
  margin: INK,
} as const;
const TERM_COLORS = ['#1f4e79', '#b35c00', '#6b3fa0', '#0b5d46', '#a8071a', '#5c6670', '#0b4fb3'];
const TERM_DASHES = ['8 4', '4 3', '12 4 2 4', '2 3', '10 3 3 3 3 3', '6 6', '1 4'];
const WATERFALL_COLORS: Record<WaterfallBar['kind'], string> = {
  total: '#1f4e79',
  increase: '#0b5d46',
  decrease: '#a8071a',
};

const TICK = { fill: INK, fontSize: 12 };
const CHART_HEIGHT = 320;
const SMALL_CHART_HEIGHT = 200;

type Money = (amount: string) => string;

const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const countFormat = new Intl.NumberFormat();
const lineName = (line: CustomerLine) => line.name || line.id;

/**
 * A tooltip formatter that shows the exact amount behind a plotted number: `exactOf` reads it
 * from the data point (by the series' data key); the float is shown only if there is none.
 */
function exactTooltip(money: Money, exactOf: (point: never, key: string) => string | undefined) {
  return (value: unknown, name: unknown, item: { payload?: unknown; dataKey?: unknown }) => {
    const exact =
      item.payload === undefined ? undefined : exactOf(item.payload as never, String(item.dataKey));
    return [exact === undefined ? String(value) : money(exact), String(name)] as [string, string];
  };
}

/** A box that measures its width, and draws its chart only once the width is known. */
function ChartBox({
  height,
  children,
}: {
  height: number;
  children: (width: number) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    // jsdom (tests) has no ResizeObserver and no layout: no chart there, the tables stand in
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.floor(entries[0]?.contentRect.width ?? 0);
      setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="chart-box" style={{ height }}>
      {width > 0 ? children(width) : null}
    </div>
  );
}

/** A chart in a figure: its caption, the chart, notes, and the data table as text alternative. */
function ChartFigure({
  caption,
  children,
  table,
  className,
}: {
  caption: ReactNode;
  children: ReactNode;
  table: ReactNode;
  className?: string;
}) {
  const captionId = useId();
  return (
    <figure
      className={className ? `chart-figure ${className}` : 'chart-figure'}
      aria-labelledby={captionId}
    >
      <figcaption id={captionId}>{caption}</figcaption>
      {children}
      <details className="chart-data">
        <summary>Data table</summary>
        {table}
      </details>
    </figure>
  );
}

/** Tooltip rows of the monthly chart: revenue, the outgoings as stacked, then the margin. */
const MONTHLY_TOOLTIP_ORDER = [
  'revenue',
  ...COST_CATEGORIES.map((c) => c.key),
  'commissions',
  'margin',
];

const CHART_DESC = 'The exact figures are in the data table under the chart.';

// ------------------------------------------------------------------------------------------
// (a) Monthly revenue, cost and margin
// ------------------------------------------------------------------------------------------

function MonthlyFigure({ quote, money }: { quote: Quote; money: Money }) {
  const series = useMemo(() => monthlySeries(quote), [quote]);
  const compact = useMemo(() => compactMoneyFormatter(quote.currency), [quote.currency]);
  const caption = 'Monthly revenue, cost and margin';
  const tooltip = exactTooltip(money, (p: { exact: Record<string, string> }, key) => p.exact[key]);
  return (
    <ChartFigure
      caption={caption}
      table={
        <table className="chart-table">
          <caption>
            {caption} ({quote.currency})
          </caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Revenue</th>
              {COST_CATEGORIES.map((c) => (
                <th scope="col" key={c.key}>
                  Cost: {c.label}
                </th>
              ))}
              <th scope="col">Cost</th>
              <th scope="col">Commissions</th>
              <th scope="col">Margin</th>
            </tr>
          </thead>
          <tbody>
            {series.rows.map((row) => (
              <tr key={row.month}>
                <th scope="row">
                  {row.month} ({periodLabel(row.period)})
                </th>
                <td>{money(row.revenue)}</td>
                {COST_CATEGORIES.map((c) => (
                  <td key={c.key}>{money(row[c.key])}</td>
                ))}
                <td>{money(row.cost)}</td>
                <td>{money(row.commissions)}</td>
                <td>{money(row.margin)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td>{money(series.totals.revenue)}</td>
              {COST_CATEGORIES.map((c) => (
                <td key={c.key}>{money(series.totals[c.key])}</td>
              ))}
              <td>{money(series.totals.cost)}</td>
              <td>{money(series.totals.commissions)}</td>
              <td>{money(series.totals.margin)}</td>
            </tr>
          </tfoot>
        </table>
      }
    >
      <p className="chart-note">
        Bars: cost by category with commissions on top; lines: revenue and margin. The gap between
        the top of a bar and the revenue line is the month&apos;s margin.
      </p>
      <ChartBox height={CHART_HEIGHT}>
        {(width) => (
          <ComposedChart
            width={width}
            height={CHART_HEIGHT}
            data={series.plot}
            title={caption}
            desc={CHART_DESC}
            stackOffset="sign"
            margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
          >
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="period"
              tick={TICK}
              tickFormatter={(p: string) => periodLabel(p)}
              minTickGap={24}
              interval="preserveStartEnd"
            />
            <YAxis tick={TICK} tickFormatter={compact} width={72} />
            <Tooltip
              formatter={tooltip}
              labelFormatter={(p) => periodLabel(String(p))}
              itemSorter={(item) => MONTHLY_TOOLTIP_ORDER.indexOf(String(item.dataKey))}
            />
            <Legend itemSorter={null} wrapperStyle={{ color: INK, fontSize: 13 }} />
            <ReferenceLine y={0} stroke={MUTED} />
            {COST_CATEGORIES.map((c) => (
              <Bar
                key={c.key}
                dataKey={c.key}
                name={`Cost: ${c.label}`}
                stackId="outgoings"
                fill={COLORS[c.key]}
                stroke="#ffffff"
                strokeWidth={0.5}
                isAnimationActive={false}
              />
            ))}
            <Bar
              dataKey="commissions"
              name="Commissions"
              stackId="outgoings"
              fill={COLORS.commissions}
              stroke="#ffffff"
              strokeWidth={0.5}
              isAnimationActive={false}
            />
            <Line
              dataKey="revenue"
              name="Revenue"
              type="linear"
              stroke={COLORS.revenue}
              strokeWidth={2.5}
              dot={false}
              legendType="plainline"
              isAnimationActive={false}
            />
            <Line
              dataKey="margin"
              name="Margin"
              type="linear"
              stroke={COLORS.margin}
              strokeWidth={2}
              strokeDasharray="6 3"
              dot={false}
              legendType="plainline"
              isAnimationActive={false}
            />
          </ComposedChart>
        )}
      </ChartBox>
    </ChartFigure>
  );
}

// ------------------------------------------------------------------------------------------
// (b) Cumulative margin
// ------------------------------------------------------------------------------------------

function CumulativeFigure({ quote, money }: { quote: Quote; money: Money }) {
  const data = useMemo(() => cumulativeMargin(quote), [quote]);
  const compact = useMemo(() => compactMoneyFormatter(quote.currency), [quote.currency]);
  const caption = 'Cumulative margin';
  const breakEven =
    data.breakEvenMonth === null || data.breakEvenPeriod === null
      ? 'The cumulative margin does not break even within the horizon.'
      : `Break-even in month ${data.breakEvenMonth} (${periodLabel(data.breakEvenPeriod)}): from then on the cumulative margin stays at or above zero.`;
  const tooltip = exactTooltip(money, (p: { cumulativeMargin: string }) => p.cumulativeMargin);
  return (
    <ChartFigure
      caption={caption}
      table={
        <table className="chart-table">
          <caption>
            {caption} ({quote.currency})
          </caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Cumulative margin</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {data.points.map((p) => (
              <tr key={p.month}>
                <th scope="row">
                  {p.month} ({periodLabel(p.period)})
                </th>
                <td>{money(p.cumulativeMargin)}</td>
                <td>{p.breakEven ? 'Break-even' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <p className="chart-note">{breakEven}</p>
      <ChartBox height={CHART_HEIGHT}>
        {(width) => (
          <ComposedChart
            width={width}
            height={CHART_HEIGHT}
            data={data.points}
            title={caption}
            desc={`${breakEven} ${CHART_DESC}`}
            margin={{ top: 24, right: 16, bottom: 4, left: 8 }}
          >
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="period"
              tick={TICK}
              tickFormatter={(p: string) => periodLabel(p)}
              minTickGap={24}
              interval="preserveStartEnd"
            />
            <YAxis tick={TICK} tickFormatter={compact} width={72} />
            <Tooltip formatter={tooltip} labelFormatter={(p) => periodLabel(String(p))} />
            <Legend itemSorter={null} wrapperStyle={{ color: INK, fontSize: 13 }} />
            <ReferenceLine y={0} stroke={MUTED} />
            <Area
              dataKey="value"
              name="Cumulative margin"
              type="linear"
              stroke={COLORS.revenue}
              strokeWidth={2}
              fill={COLORS.revenue}
              fillOpacity={0.15}
              baseValue={0}
              legendType="plainline"
              isAnimationActive={false}
            />
            {data.breakEvenPeriod !== null ? (
              <ReferenceLine
                x={data.breakEvenPeriod}
                stroke={INK}
                strokeWidth={1.5}
                strokeDasharray="4 3"
                label={{
                  value: `Break-even: month ${data.breakEvenMonth}`,
                  position: 'top',
                  fill: INK,
                  fontSize: 12,
                }}
              />
            ) : null}
          </ComposedChart>
        )}
      </ChartBox>
    </ChartFigure>
  );
}

// ------------------------------------------------------------------------------------------
// (c) Customer mix
// ------------------------------------------------------------------------------------------

type MixMeasure = 'revenue' | 'count';

function MixChart({
  title,
  slices,
  measure,
  money,
  compact,
  color,
}: {
  title: string;
  slices: readonly MixSlice[];
  measure: MixMeasure;
  money: Money;
  compact: (n: number) => string;
  color: string;
}) {
  const height = Math.max(SMALL_CHART_HEIGHT, 48 + slices.length * 32);
  const data = slices.map((s) => ({
    label: s.label,
    value: measure === 'revenue' ? s.plotRevenue : s.count,
    display: measure === 'revenue' ? money(s.revenue) : countFormat.format(s.count),
  }));
  return (
    <div className="mix-chart">
      <h4 className="mix-chart-title">{title}</h4>
      <ChartBox height={height}>
        {(width) => (
          <BarChart
            width={width}
            height={height}
            data={data}
            layout="vertical"
            title={`${title}, by ${measure === 'revenue' ? 'revenue' : 'customers'}`}
            desc={CHART_DESC}
            margin={{ top: 4, right: 96, bottom: 4, left: 8 }}
          >
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              tick={TICK}
              tickFormatter={measure === 'revenue' ? compact : (n: number) => countFormat.format(n)}
              allowDecimals={false}
            />
            <YAxis type="category" dataKey="label" tick={TICK} width={96} />
            <Bar
              dataKey="value"
              name={measure === 'revenue' ? 'Revenue' : 'Customers'}
              fill={color}
              isAnimationActive={false}
            >
              <LabelList dataKey="display" position="right" fill={INK} fontSize={12} />
            </Bar>
          </BarChart>
        )}
      </ChartBox>
    </div>
  );
}

function MixFigure({
  scenario,
  quote,
  entry,
  money,
}: {
  scenario: Scenario;
  quote: Quote;
  entry: TableEntry;
  money: Money;
}) {
  const mix: CustomerMix = useMemo(
    () =>
      customerMix(scenario, quote, {
        bundles: entry.table.service.bundles,
        bandwidths: entry.table.service.bandwidthTiers,
      }),
    [scenario, quote, entry.table],
  );
  const compact = useMemo(() => compactMoneyFormatter(quote.currency), [quote.currency]);
  const [measure, setMeasure] = useState<MixMeasure>('revenue');
  const name = useId();
  const caption = 'Customer mix';
  const groups = [
    { title: 'Fixed-Term and PAYG', slices: mix.byModel, color: COLORS.fixedTerm },
    { title: 'By bundle', slices: mix.byBundle, color: COLORS.apps },
    { title: 'By bandwidth', slices: mix.byBandwidth, color: COLORS.revenue },
  ];
  const converting =
    ' A PAYG line that converts to a Fixed-Term during the horizon counts as PAYG' +
    (mix.convertingCount === 0
      ? '.'
      : ` (here ${countFormat.format(mix.convertingCount)} ${mix.convertingCount === 1 ? 'customer' : 'customers'}).`);
  return (
    <ChartFigure
      caption={caption}
      className="chart-figure-mix"
      table={
        <table className="chart-table">
          <caption>
            {caption}: revenue over the horizon ({quote.currency}) and customers
          </caption>
          <thead>
            <tr>
              <th scope="col">Breakdown</th>
              <th scope="col">Group</th>
              <th scope="col">Revenue</th>
              <th scope="col">Share of revenue</th>
              <th scope="col">Customers</th>
              <th scope="col">Lines</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.title}>
              {g.slices.map((s) => (
                <tr key={s.key}>
                  <td>{g.title}</td>
                  <th scope="row">{s.label}</th>
                  <td>{money(s.revenue)}</td>
                  <td>{s.revenueShare === null ? '—' : `${s.revenueShare} %`}</td>
                  <td>{countFormat.format(s.count)}</td>
                  <td>{countFormat.format(s.lines)}</td>
                </tr>
              ))}
            </tbody>
          ))}
          <tfoot>
            <tr>
              <td>All</td>
              <th scope="row">Total</th>
              <td>{money(mix.total.revenue)}</td>
              <td>{mix.total.lines > 0 ? '100.00 %' : '—'}</td>
              <td>{countFormat.format(mix.total.count)}</td>
              <td>{countFormat.format(mix.total.lines)}</td>
            </tr>
          </tfoot>
        </table>
      }
    >
      <fieldset className="chart-toggle">
        <legend>Show the mix by</legend>
        {(
          [
            ['revenue', 'Revenue'],
            ['count', 'Customers'],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name={name}
              value={value}
              checked={measure === value}
              onChange={() => setMeasure(value)}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <p className="chart-note">
        Revenue is over the whole horizon; customers count each copy of a segment line.
        {converting}
      </p>
      <div className="mix-charts">
        {groups.map((g) => (
          <MixChart
            key={g.title}
            title={g.title}
            slices={g.slices}
            measure={measure}
            money={money}
            compact={compact}
            color={g.color}
          />
        ))}
      </div>
    </ChartFigure>
  );
}

// ------------------------------------------------------------------------------------------
// (d) PAYG against Fixed-Term
// ------------------------------------------------------------------------------------------

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

function PaygFigure({
  scenario,
  entry,
  money,
}: {
  scenario: Scenario;
  entry: TableEntry;
  money: Money;
}) {
  const [choice, setChoice] = useState<string | null>(null);
  const selectId = useId();
  const lineId = chosenPaygLine(scenario, choice);
  const chart = useMemo(() => {
    if (lineId === null) return null;
    const b = paygBreakEven(scenario, entry.table, lineId);
    return b && paygChart(b);
  }, [scenario, entry.table, lineId]);
  const lines = scenario.customers.filter(isPayg);
  const line = lines.find((l) => l.id === lineId);
  const compact = useMemo(() => compactMoneyFormatter(entry.table.currency), [entry.table]);

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
              <table className="chart-table">
                <caption>Fixed-Term monthly license for one customer ({chart.currency})</caption>
                <thead>
                  <tr>
                    <th scope="col">Term</th>
                    <th scope="col">Monthly license</th>
                    <th scope="col">Break-even (hours a month)</th>
                  </tr>
                </thead>
                <tbody>
                  {chart.levels.map((l) => (
                    <tr key={l.key}>
                      <th scope="row">{l.label}</th>
                      <td>{money(l.monthly)}</td>
                      <td>
                        {hoursFormat.format(l.breakEvenHours)}
                        {l.onChart ? '' : ' (more than a month has)'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table className="chart-table">
                <caption>
                  PAYG license for one customer and one month, at{' '}
                  {rateFormatter(chart.currency)(chart.hourlyRate)} an hour ({chart.currency})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Hours a month</th>
                    <th scope="col">PAYG license</th>
                  </tr>
                </thead>
                <tbody>
                  {chart.points.map((p) => (
                    <tr key={p.hours}>
                      <th scope="row">{hoursFormat.format(p.hours)}</th>
                      <td>{money(p.payg)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
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

// ------------------------------------------------------------------------------------------
// (e) Price waterfall
// ------------------------------------------------------------------------------------------

function WaterfallFigure({
  scenario,
  quote,
  entry,
  money,
}: {
  scenario: Scenario;
  quote: Quote;
  entry: TableEntry;
  money: Money;
}) {
  const [choice, setChoice] = useState('');
  const selectId = useId();
  const customerId = quote.customers.some((c) => c.id === choice) ? choice : null;
  const chart = useMemo(() => {
    const w = priceWaterfall(
      scenario,
      entry.table,
      { today: localToday(), tableSha256: entry.sha256 },
      customerId ?? undefined,
    );
    return w && waterfallBars(w);
  }, [scenario, entry.table, entry.sha256, customerId]);
  const compact = useMemo(() => compactMoneyFormatter(quote.currency), [quote.currency]);
  const lines = scenario.customers.filter((l) => quote.customers.some((c) => c.id === l.id));
  const line = lines.find((l) => l.id === customerId);
  const scope = line ? lineName(line) : 'the whole deal';
  const caption = `Price waterfall: ${scope}`;
  const data = (chart?.bars ?? []).map((bar) => ({
    ...bar,
    range: [bar.range[0], bar.range[1]],
    display: money(bar.amount),
  }));
  const tooltip = exactTooltip(money, (p: WaterfallBar) => p.amount);
  return (
    <section className="chart-section" aria-label="Price waterfall">
      <div className="chart-chooser">
        <label htmlFor={selectId}>Waterfall for</label>
        <select
          id={selectId}
          value={customerId ?? ''}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => setChoice(e.target.value)}
        >
          <option value="">Whole deal</option>
          {lines.map((l) => (
            <option key={l.id} value={l.id}>
              {lineName(l)}
            </option>
          ))}
        </select>
      </div>
      {chart === null ? (
        <p className="chart-note">No price waterfall for {scope}: it cannot be priced.</p>
      ) : (
        <ChartFigure
          caption={caption}
          table={
            <table className="chart-table">
              <caption>
                {caption} ({chart.currency})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Running total</th>
                </tr>
              </thead>
              <tbody>
                {chart.bars.map((bar) => (
                  <tr key={bar.step}>
                    <th scope="row">{bar.label}</th>
                    <td>{money(bar.amount)}</td>
                    <td>{money(bar.end)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <p className="chart-note">
            Over the whole horizon
            {chart.scope === 'deal'
              ? ', platform costs included'
              : ', for every customer of the line'}
            . Steps down are marked −, steps up +, and levels =.
          </p>
          <ChartBox height={CHART_HEIGHT + 40}>
            {(width) => (
              <BarChart
                width={width}
                height={CHART_HEIGHT + 40}
                data={data}
                layout="vertical"
                title={caption}
                desc={CHART_DESC}
                margin={{ top: 4, right: 112, bottom: 4, left: 8 }}
              >
                <CartesianGrid stroke={GRID} strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" tick={TICK} tickFormatter={compact} />
                <YAxis type="category" dataKey="label" tick={TICK} width={136} />
                <Tooltip formatter={tooltip} />
                <ReferenceLine x={0} stroke={MUTED} />
                <Bar dataKey="range" name="Amount" isAnimationActive={false}>
                  {data.map((bar) => (
                    <Cell key={bar.step} fill={WATERFALL_COLORS[bar.kind]} />
                  ))}
                  <LabelList dataKey="display" position="right" fill={INK} fontSize={12} />
                </Bar>
              </BarChart>
            )}
          </ChartBox>
          <ul className="chart-legend" aria-label="Bar colours">
            <li>
              <span className="swatch" style={{ background: WATERFALL_COLORS.total }} /> Level (=,
              list price)
            </li>
            <li>
              <span className="swatch" style={{ background: WATERFALL_COLORS.increase }} /> Step up
              (+)
            </li>
            <li>
              <span className="swatch" style={{ background: WATERFALL_COLORS.decrease }} /> Step
              down (−)
            </li>
          </ul>
        </ChartFigure>
      )}
    </section>
  );
}

// ------------------------------------------------------------------------------------------

/** The Results charts of the open scenario; a message instead when it cannot be priced. */
export function ResultsCharts() {
  const scenario = useScenario();
  const result = useQuote();
  const money = useMemo(() => moneyFormatter(result.ok ? result.quote.currency : 'USD'), [result]);
  if (!result.ok) return <p className="chart-note">No charts: {result.message}</p>;
  const { quote, table } = result;
  if (quote.totals === null) {
    return (
      <p className="chart-note">The charts appear once the errors in the issues list are fixed.</p>
    );
  }
  return (
    <div className="results-charts">
      <MonthlyFigure quote={quote} money={money} />
      <CumulativeFigure quote={quote} money={money} />
      <MixFigure scenario={scenario} quote={quote} entry={table} money={money} />
      <PaygFigure scenario={scenario} entry={table} money={money} />
      <WaterfallFigure scenario={scenario} quote={quote} entry={table} money={money} />
    </div>
  );
}

// React.lazy takes a module's default export: ResultsStep loads this file with
// `lazy(() => import('./charts/ResultsCharts'))`.
// eslint-disable-next-line no-restricted-syntax
export default ResultsCharts;
