/**
 * (f) Sensitivity: a tornado of the deal's drivers (engine `sensitivity`, ADR 031). Each driver
 * moved down and up gives a whole quote; the bars show how far the total margin moves from the
 * plan, largest swing first, each labelled with its exact margin, and the data table lists every
 * figure (margin and cash break-even month) exactly. The sixteen-odd quotes are priced in the
 * analysis worker (src/components/analysis, ADR 035), so the page stays responsive on 1,000 lines.
 */
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AnalysisRequest, AnalysisRunner } from '../../../components/analysis/protocol';
import { useAnalysis } from '../../../components/analysis/use-analysis';
import type { Sensitivity, SensitivityPoint } from '../../../engine/index';
import { compactMoneyFormatter, plotNumber } from '../../../reports/chart-data';
import type { PricedDeal } from '../../../reports/priced-deal';
import {
  CHART_DESC,
  ChartBox,
  ChartFigure,
  DataTable,
  GRID,
  INK,
  MUTED,
  TICK,
  WATERFALL_COLORS,
  type Money,
} from './kit';

const CAPTION = 'Sensitivity: total margin when each driver moves';

const monthText = (m: number | null) => (m === null ? 'none' : `month ${m}`);

/** The exact difference of two Money strings of the same currency, as a plot number. */
function delta(point: SensitivityPoint | null, base: SensitivityPoint): number {
  return point === null ? 0 : plotNumber(point.margin) - plotNumber(base.margin);
}

export function TornadoFigure({
  deal,
  money,
  run,
}: {
  deal: PricedDeal;
  money: Money;
  /** Runs the sensitivity; the default is the analysis worker. */
  run?: AnalysisRunner;
}) {
  const request = useMemo<AnalysisRequest>(
    () => ({
      kind: 'sensitivity',
      scenario: deal.scenario,
      table: deal.table,
      options: deal.options,
    }),
    [deal],
  );
  const { state, cancel, retry } = useAnalysis(request, run, 0);
  const answer: Sensitivity | null | undefined =
    state.status === 'done' && state.answer.kind === 'sensitivity'
      ? state.answer.answer
      : undefined;

  return (
    <section className="chart-section" aria-label="Sensitivity">
      {state.status === 'running' ? (
        <p className="chart-note" role="status">
          Working out each driver’s effect…{' '}
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </p>
      ) : null}
      {state.status === 'cancelled' ? (
        <p className="chart-note" role="status">
          Sensitivity stopped.{' '}
          <button type="button" onClick={retry}>
            Work it out
          </button>
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <p className="chart-note">No sensitivity: {state.message}</p>
      ) : null}
      {answer === null ? (
        <p className="chart-note">No sensitivity: the deal cannot be priced.</p>
      ) : null}
      {answer ? <Tornado sensitivity={answer} money={money} /> : null}
    </section>
  );
}

function Tornado({ sensitivity, money }: { sensitivity: Sensitivity; money: Money }) {
  const { base, drivers } = sensitivity;
  const compact = useMemo(() => compactMoneyFormatter(sensitivity.currency), [sensitivity]);
  const data = drivers.map((d) => ({
    label: d.label,
    low: [0, delta(d.low, base)],
    high: [0, delta(d.high, base)],
    lowText: d.low ? `${d.low.move}: ${money(d.low.margin)}` : '',
    highText: d.high ? `${d.high.move}: ${money(d.high.margin)}` : '',
  }));
  const cell = (p: SensitivityPoint | null, what: 'margin' | 'cash') =>
    p === null
      ? 'cannot be priced'
      : what === 'margin'
        ? money(p.margin)
        : monthText(p.cashBreakEvenMonth);
  const height = Math.max(160, 56 * drivers.length + 60);
  return (
    <ChartFigure
      caption={CAPTION}
      table={
        <DataTable
          caption={`${CAPTION} (${sensitivity.currency}); as planned: margin ${money(base.margin)}, cash break-even ${monthText(base.cashBreakEvenMonth)}`}
          head={[
            'Driver',
            'Down',
            'Margin down',
            'Cash break-even down',
            'Up',
            'Margin up',
            'Cash break-even up',
            'Margin swing',
          ]}
          rows={drivers.map((d) => ({
            key: d.id,
            header: d.label,
            cells: [
              d.low?.move ?? '—',
              cell(d.low, 'margin'),
              cell(d.low, 'cash'),
              d.high?.move ?? '—',
              cell(d.high, 'margin'),
              cell(d.high, 'cash'),
              money(d.marginSwing),
            ],
          }))}
        />
      }
    >
      <p className="chart-note">
        As planned the margin is {money(base.margin)}. Each bar is the change in total margin when
        one driver moves (others held); labels give the margin reached. Largest swing first.
      </p>
      {drivers.length === 0 ? (
        <p className="chart-note">Nothing in this deal moves the margin.</p>
      ) : (
        <ChartBox height={height}>
          {(width) => (
            <BarChart
              width={width}
              height={height}
              data={data}
              layout="vertical"
              title={CAPTION}
              desc={CHART_DESC}
              barGap={2}
              margin={{ top: 4, right: 180, bottom: 4, left: 8 }}
            >
              <CartesianGrid stroke={GRID} strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tick={TICK} tickFormatter={compact} />
              <YAxis type="category" dataKey="label" tick={TICK} width={160} />
              <Tooltip
                formatter={(
                  _v: unknown,
                  name: unknown,
                  item: { payload?: unknown; dataKey?: unknown },
                ) => {
                  const p = item.payload as (typeof data)[number] | undefined;
                  const text = p ? (item.dataKey === 'low' ? p.lowText : p.highText) : '';
                  return [text, String(name)] as [string, string];
                }}
              />
              <Legend />
              <ReferenceLine x={0} stroke={MUTED} />
              <Bar
                dataKey="low"
                name="Driver down"
                fill={WATERFALL_COLORS.decrease}
                isAnimationActive={false}
              >
                <LabelList dataKey="lowText" position="right" fill={INK} fontSize={11} />
              </Bar>
              <Bar
                dataKey="high"
                name="Driver up"
                fill={WATERFALL_COLORS.increase}
                isAnimationActive={false}
              >
                <LabelList dataKey="highText" position="right" fill={INK} fontSize={11} />
              </Bar>
            </BarChart>
          )}
        </ChartBox>
      )}
    </ChartFigure>
  );
}
