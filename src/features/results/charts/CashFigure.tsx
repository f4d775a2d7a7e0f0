/**
 * Cash flow (PRICING.md §8, PRODUCT.md "Cash"): each month's net cash as bars, the cumulative
 * cash beside the cumulative margin as lines, the cash break-even month and the lowest point
 * (the peak funding) named above the chart. The data table has the exact amounts.
 */
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
import { compactMoneyFormatter, periodLabel, plotNumber } from '../../../reports/chart-data';
import { subtractDecimals } from '../../../reports/decimal';
import {
  CHART_DESC,
  CHART_HEIGHT,
  ChartBox,
  ChartFigure,
  COLORS,
  DataTable,
  exactTooltip,
  INK,
  MUTED,
  TICK,
  type Money,
  MONTH_AXIS,
  MONTH_GRID,
  monthLabel,
} from './kit';

/** The cash figure's points: exact amounts for the table and tooltip, plot numbers to draw. */
export function cashPoints(quote: Quote) {
  return quote.months.map((m) => ({
    month: m.month,
    period: m.period,
    net: m.cash.net,
    cumulative: m.cash.cumulative,
    cumulativeMargin: m.cumulativeMargin,
    plotNet: plotNumber(m.cash.net),
    plotCumulative: plotNumber(m.cash.cumulative),
    plotMargin: plotNumber(m.cumulativeMargin),
  }));
}

type CashPoint = ReturnType<typeof cashPoints>[number];

const EXACT: Record<string, keyof CashPoint> = {
  plotNet: 'net',
  plotCumulative: 'cumulative',
  plotMargin: 'cumulativeMargin',
};

/** The sentence above the chart: when cash breaks even and how much funding the deal needs. */
export function cashNote(quote: Quote, money: Money): string {
  const cash = quote.totals?.cash;
  if (!cash) return 'The cash flow appears once the errors in the issues list are fixed.';
  const breakEven =
    cash.breakEvenMonth === null
      ? 'The cumulative cash does not break even within the horizon.'
      : `Cash breaks even in month ${cash.breakEvenMonth} (${periodLabel(
          quote.months[cash.breakEvenMonth - 1]?.period ?? '',
        )}).`;
  return `${breakEven} Peak funding: ${money(cash.peakFunding)}.`;
}

export function CashFigure({ quote, money }: { quote: Quote; money: Money }) {
  const data = useMemo(() => cashPoints(quote), [quote]);
  const compact = useMemo(() => compactMoneyFormatter(quote.currency), [quote.currency]);
  const caption = 'Cash flow';
  const note = cashNote(quote, money);
  const breakEven = quote.totals?.cash.breakEvenMonth ?? null;
  const breakEvenPeriod = breakEven === null ? null : (quote.months[breakEven - 1]?.period ?? null);
  const tooltip = exactTooltip(money, (p: CashPoint, key: string) => {
    const exact = EXACT[key];
    return exact ? String(p[exact]) : undefined;
  });
  return (
    <ChartFigure
      caption={caption}
      table={
        <DataTable
          caption={`${caption} (${quote.currency})`}
          head={[
            'Month',
            'Cash in',
            'Cash out',
            'Net cash',
            'Cumulative cash',
            'Cumulative margin',
          ]}
          rows={quote.months.map((m) => ({
            key: m.month,
            header: `${m.month} (${periodLabel(m.period)})`,
            cells: [
              money(m.cash.in),
              // out = in − net exactly; the three outgoings apart are in the monthly table and CSV
              money(subtractDecimals(m.cash.in, m.cash.net)),
              money(m.cash.net),
              money(m.cash.cumulative),
              money(m.cumulativeMargin),
            ],
          }))}
        />
      }
    >
      <p className="chart-note">{note}</p>
      <ChartBox height={CHART_HEIGHT}>
        {(width) => (
          <ComposedChart
            width={width}
            height={CHART_HEIGHT}
            data={data}
            title={caption}
            desc={`${note} ${CHART_DESC}`}
            margin={{ top: 24, right: 16, bottom: 4, left: 8 }}
          >
            <CartesianGrid {...MONTH_GRID} />
            <XAxis {...MONTH_AXIS} />
            <YAxis tick={TICK} tickFormatter={compact} width={72} />
            <Tooltip formatter={tooltip} labelFormatter={monthLabel} />
            <Legend itemSorter={null} wrapperStyle={{ color: INK, fontSize: 13 }} />
            <ReferenceLine y={0} stroke={MUTED} />
            <Bar
              dataKey="plotNet"
              name="Net cash of the month"
              fill={COLORS.model}
              isAnimationActive={false}
            />
            <Line
              dataKey="plotCumulative"
              name="Cumulative cash"
              type="linear"
              stroke={COLORS.commissions}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="plotMargin"
              name="Cumulative margin"
              type="linear"
              stroke={COLORS.revenue}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
            {breakEvenPeriod !== null ? (
              <ReferenceLine
                x={breakEvenPeriod}
                stroke={INK}
                strokeWidth={1.5}
                strokeDasharray="4 3"
                label={{
                  value: `Cash break-even: month ${breakEven}`,
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
