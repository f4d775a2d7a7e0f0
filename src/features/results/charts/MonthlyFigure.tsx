/** (a) Monthly revenue, cost by category (stacked, with commissions on top) and margin. */
import { useMemo } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Quote } from '../../../engine/index';
import { compactMoneyFormatter, monthlySeries, periodLabel } from '../../../reports/chart-data';
import { COST_CATEGORIES } from '../../../reports/columns';
import {
  CHART_DESC,
  CHART_HEIGHT,
  ChartBox,
  ChartFigure,
  COLORS,
  exactTooltip,
  GRID,
  INK,
  MUTED,
  TICK,
  type Money,
} from './kit';

const MONTHLY_TOOLTIP_ORDER = [
  'revenue',
  ...COST_CATEGORIES.map((c) => c.key),
  'commissions',
  'margin',
];

export function MonthlyFigure({ quote, money }: { quote: Quote; money: Money }) {
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
                fill={c.color.screen}
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
