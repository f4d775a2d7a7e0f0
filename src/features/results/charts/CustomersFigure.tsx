/**
 * Customers over time (PRODUCT.md "Plans that change over time"): the customers the engine
 * priced each month (`months[].customers`, every line's cohorts), with a data table.
 */
import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Quote } from '../../../engine/index';
import { periodLabel } from '../../../reports/chart-data';
import {
  CHART_DESC,
  ChartBox,
  ChartFigure,
  COLORS,
  countFormat,
  DataTable,
  SMALL_CHART_HEIGHT,
  TICK,
  MONTH_AXIS,
  MONTH_GRID,
  monthLabel,
} from './kit';

/** "From 10 customers in Jan 2027 to 120 in Dec 2029, at most 131 (Jun 2029)." */
export function customersNote(quote: Quote): string {
  const months = quote.months;
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return 'No months.';
  const peak = months.reduce((best, m) => (m.customers > best.customers ? m : best), first);
  const ends = `From ${countFormat.format(first.customers)} customers in ${periodLabel(first.period)} to ${countFormat.format(last.customers)} in ${periodLabel(last.period)}`;
  return peak.customers > Math.max(first.customers, last.customers)
    ? `${ends}, at most ${countFormat.format(peak.customers)} (${periodLabel(peak.period)}).`
    : `${ends}.`;
}

export function CustomersFigure({ quote }: { quote: Quote }) {
  const data = useMemo(
    () => quote.months.map((m) => ({ period: m.period, customers: m.customers })),
    [quote],
  );
  const caption = 'Customers over time';
  const note = customersNote(quote);
  return (
    <ChartFigure
      caption={caption}
      table={
        <DataTable
          caption={caption}
          head={['Month', 'Customers']}
          rows={quote.months.map((m) => ({
            key: m.month,
            header: `${m.month} (${periodLabel(m.period)})`,
            cells: [countFormat.format(m.customers)],
          }))}
        />
      }
    >
      <p className="chart-note">{note}</p>
      <ChartBox height={SMALL_CHART_HEIGHT}>
        {(width) => (
          <ComposedChart
            width={width}
            height={SMALL_CHART_HEIGHT}
            data={data}
            title={caption}
            desc={`${note} ${CHART_DESC}`}
            margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
          >
            <CartesianGrid {...MONTH_GRID} />
            <XAxis {...MONTH_AXIS} />
            <YAxis tick={TICK} allowDecimals={false} width={56} />
            <Tooltip labelFormatter={monthLabel} />
            <Area
              dataKey="customers"
              name="Customers"
              type="stepAfter"
              stroke={COLORS.model}
              strokeWidth={2}
              fill={COLORS.model}
              fillOpacity={0.15}
              isAnimationActive={false}
            />
          </ComposedChart>
        )}
      </ChartBox>
    </ChartFigure>
  );
}
