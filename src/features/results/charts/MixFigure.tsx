/** (c) The customer mix: Fixed-Term against PAYG, by bundle and by bandwidth, in revenue or customers. */
import { useId, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';
import type { PricedDeal } from '../../../reports/priced-deal';
import {
  compactMoneyFormatter,
  customerMix,
  type CustomerMix,
  type MixSlice,
} from '../../../reports/chart-data';
import {
  CHART_DESC,
  ChartBox,
  ChartFigure,
  COLORS,
  countFormat,
  GRID,
  INK,
  SMALL_CHART_HEIGHT,
  TICK,
  type Money,
} from './kit';

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

export function MixFigure({ deal, money }: { deal: PricedDeal; money: Money }) {
  const { quote } = deal;
  const mix: CustomerMix = useMemo(
    () =>
      customerMix(deal.scenario, deal.quote, {
        bundles: deal.table.service.bundles,
        bandwidths: deal.table.service.bandwidthTiers,
      }),
    [deal],
  );
  const compact = useMemo(() => compactMoneyFormatter(quote.currency), [quote.currency]);
  const [measure, setMeasure] = useState<MixMeasure>('revenue');
  const name = useId();
  const caption = 'Customer mix';
  const groups = [
    { title: 'Fixed-Term and PAYG', slices: mix.byModel, color: COLORS.model },
    { title: 'By bundle', slices: mix.byBundle, color: COLORS.bundle },
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
