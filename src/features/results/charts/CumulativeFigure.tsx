/** (b) The cumulative margin month by month, the break-even month marked. */
import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Quote } from '../../../engine/index';
import { compactMoneyFormatter, cumulativeMargin, periodLabel } from '../../../reports/chart-data';
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

export function CumulativeFigure({ quote, money }: { quote: Quote; money: Money }) {
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
        <DataTable
          caption={`${caption} (${quote.currency})`}
          head={['Month', 'Cumulative margin', 'Note']}
          rows={data.points.map((p) => ({
            key: p.month,
            header: `${p.month} (${periodLabel(p.period)})`,
            cells: [money(p.cumulativeMargin), p.breakEven ? 'Break-even' : ''],
          }))}
        />
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
            <CartesianGrid {...MONTH_GRID} />
            <XAxis {...MONTH_AXIS} />
            <YAxis tick={TICK} tickFormatter={compact} width={72} />
            <Tooltip formatter={tooltip} labelFormatter={monthLabel} />
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
