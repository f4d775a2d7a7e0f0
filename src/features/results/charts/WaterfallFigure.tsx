/** (e) The price waterfall of the whole deal or of the customer line chosen. */
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PricedDeal } from '../../../reports/priced-deal';
import {
  compactMoneyFormatter,
  waterfallBars,
  type WaterfallBar,
} from '../../../reports/chart-data';
import {
  CHART_DESC,
  CHART_HEIGHT,
  ChartBox,
  ChartFigure,
  DataTable,
  exactTooltip,
  GRID,
  INK,
  lineName,
  MUTED,
  TICK,
  WATERFALL_COLORS,
  type Money,
} from './kit';

export function WaterfallFigure({ deal, money }: { deal: PricedDeal; money: Money }) {
  const { scenario, quote } = deal;
  const [choice, setChoice] = useState('');
  const selectId = useId();
  const customerId = quote.customers.some((c) => c.id === choice) ? choice : null;
  const chart = useMemo(() => {
    const w = deal.waterfall(customerId);
    return w && waterfallBars(w);
  }, [deal, customerId]);
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
            <DataTable
              caption={`${caption} (${chart.currency})`}
              head={['Step', 'Amount', 'Running total']}
              rows={chart.bars.map((bar) => ({
                key: bar.step,
                header: bar.label,
                cells: [money(bar.amount), money(bar.end)],
              }))}
            />
          }
        >
          <p className="chart-note">
            Over the whole horizon
            {chart.scope === 'deal'
              ? ', platform costs included'
              : ', for every customer of the line'}
            . Steps down are marked −, steps up +, and levels =; the margin bar spans from the cost
            to what the sell price leaves after commissions.
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
