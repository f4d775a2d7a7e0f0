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
import {
  compactMoneyFormatter,
  monthlySeries,
  periodLabel,
  type MonthlyFigures,
} from '../../../reports/chart-data';
import { COST_CATEGORIES } from '../../../reports/columns';
import {
  CHART_DESC,
  CHART_HEIGHT,
  ChartBox,
  ChartFigure,
  DataTable,
  COLORS,
  exactTooltip,
  INK,
  MUTED,
  TICK,
  type Money,
  MONTH_AXIS,
  MONTH_GRID,
  monthLabel,
} from './kit';

const MONTHLY_TOOLTIP_ORDER = [
  'revenue',
  ...COST_CATEGORIES.map((c) => c.key),
  'commissions',
  'margin',
];

export /** A month's (or the horizon's) figures in the data table's order. */
const figures = (f: MonthlyFigures): string[] => [
  f.revenue,
  ...COST_CATEGORIES.map((c) => f[c.key]),
  f.cost,
  f.commissions,
  f.margin,
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
        <DataTable
          caption={`${caption} (${quote.currency})`}
          head={[
            'Month',
            'Revenue',
            ...COST_CATEGORIES.map((c) => `Cost: ${c.label}`),
            'Cost',
            'Commissions',
            'Margin',
          ]}
          rows={series.rows.map((row) => ({
            key: row.month,
            header: `${row.month} (${periodLabel(row.period)})`,
            cells: figures(row).map(money),
          }))}
          foot={{ key: 'total', header: 'Total', cells: figures(series.totals).map(money) }}
        />
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
            <CartesianGrid {...MONTH_GRID} />
            <XAxis {...MONTH_AXIS} />
            <YAxis tick={TICK} tickFormatter={compact} width={72} />
            <Tooltip
              formatter={tooltip}
              labelFormatter={monthLabel}
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
