/**
 * (g) What every party earns from the deal (ADR 034): the revenue split into the vendor, the
 * MSP's own infrastructure, each distributor, each partner and the MSP's margin — over the deal
 * (a table whose parts add up to the revenue) and month by month (a stacked bar chart, with its
 * data table) — then a table per distributor (its partners and their customer lines) and per
 * partner (its customer lines), each with a button for that party's statement PDF. The split
 * is worked out in the analysis worker (ADR 035): on 1,000 lines it is a traced quote and some
 * 70,000 exact additions, too long for the main thread.
 */
import { useId, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalysisRequest, AnalysisRunner } from '../../../components/analysis/protocol';
import { useAnalysis } from '../../../components/analysis/use-analysis';
import {
  useStatementBuilder,
  type StatementBuilder,
} from '../../../components/statements/statement-context';
import { compactMoneyFormatter, periodLabel, plotNumber } from '../../../reports/chart-data';
import type { PartyShare, PartySplit } from '../../../reports/parties';
import type { PricedDeal } from '../../../reports/priced-deal';
import {
  CHART_DESC,
  CHART_HEIGHT,
  ChartBox,
  ChartFigure,
  DataTable,
  GRID,
  TERM_COLORS,
  TICK,
  type Money,
} from './kit';

const CAPTION = 'What every party earns';

const ROLE: Record<PartyShare['kind'], string> = {
  vendor: 'Vendor',
  infrastructure: 'Infrastructure',
  distributor: 'Distributor',
  partner: 'Partner',
  msp: 'MSP',
};

export function PartiesFigure({
  deal,
  money,
  run,
}: {
  deal: PricedDeal;
  money: Money;
  /** Runs the split; the default is the analysis worker (a 1,000-line split is 100 ms). */
  run?: AnalysisRunner;
}) {
  const request = useMemo<AnalysisRequest>(
    () => ({ kind: 'parties', scenario: deal.scenario, table: deal.table, options: deal.options }),
    [deal],
  );
  const { state, cancel, retry } = useAnalysis(request, run, 0);
  const split: PartySplit | null | undefined =
    state.status === 'done' && state.answer.kind === 'parties' ? state.answer.answer : undefined;
  return (
    <section className="chart-section" aria-label={CAPTION}>
      {state.status === 'running' ? (
        <p className="chart-note" role="status">
          Working out what every party earns…{' '}
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </p>
      ) : null}
      {state.status === 'cancelled' ? (
        <p className="chart-note" role="status">
          Stopped.{' '}
          <button type="button" onClick={retry}>
            Work it out
          </button>
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <p className="chart-note">What every party earns is not available: {state.message}</p>
      ) : null}
      {split ? (
        <>
          <SplitFigure split={split} deal={deal} money={money} />
          <ChannelTables split={split} deal={deal} money={money} />
        </>
      ) : null}
    </section>
  );
}

function SplitFigure({
  split,
  deal,
  money,
}: {
  split: PartySplit;
  deal: PricedDeal;
  money: Money;
}) {
  const compact = useMemo(() => compactMoneyFormatter(split.currency), [split.currency]);
  const parts = split.parts;
  const data = split.months.map((_, i) => {
    const point: Record<string, number | string> = {
      label: periodLabel(deal.quote.months[i]!.period),
    };
    parts.forEach((p, k) => (point[`p${k}`] = plotNumber(p.months[i]!)));
    return point;
  });
  return (
    <ChartFigure
      caption={`${CAPTION}, month by month`}
      table={
        <DataTable
          caption={`${CAPTION}, month by month (${split.currency})`}
          head={['Month', ...parts.map((p) => p.name), 'Revenue']}
          rows={split.months.map((revenue, i) => ({
            key: i,
            header: periodLabel(deal.quote.months[i]!.period),
            cells: [...parts.map((p) => money(p.months[i]!)), money(revenue)],
          }))}
        />
      }
    >
      <table className="chart-table parties-split">
        <caption>{`${CAPTION} over the deal (${split.currency})`}</caption>
        <thead>
          <tr>
            <th scope="col">Party</th>
            <th scope="col">Role</th>
            <th scope="col">Earns</th>
          </tr>
        </thead>
        <tbody>
          {parts.map((p) => (
            <tr key={`${p.kind}-${p.id}`}>
              <th scope="row">{p.name}</th>
              <td>{ROLE[p.kind]}</td>
              <td>{money(p.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Revenue (total contract value)</th>
            <td />
            <td>{money(split.revenue)}</td>
          </tr>
        </tfoot>
      </table>
      <ChartBox height={CHART_HEIGHT}>
        {(width) => (
          <BarChart
            width={width}
            height={CHART_HEIGHT}
            data={data}
            stackOffset="sign"
            title={`${CAPTION}, month by month`}
            desc={CHART_DESC}
          >
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={TICK} />
            <YAxis tick={TICK} tickFormatter={compact} width={72} />
            <Tooltip
              formatter={(
                _v: unknown,
                name: unknown,
                item: { dataKey?: unknown; payload?: unknown },
              ) => {
                const k = Number(String(item.dataKey).slice(1));
                const row = data.indexOf(item.payload as (typeof data)[number]);
                const amount = row >= 0 ? parts[k]?.months[row] : undefined;
                return [amount === undefined ? '' : money(amount), String(name)] as [
                  string,
                  string,
                ];
              }}
            />
            <Legend />
            {parts.map((p, k) => (
              <Bar
                key={`${p.kind}-${p.id}`}
                dataKey={`p${k}`}
                name={p.name}
                stackId="parties"
                fill={TERM_COLORS[k % TERM_COLORS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </ChartBox>
    </ChartFigure>
  );
}

type StatementState =
  | { readonly status: 'idle' }
  | { readonly status: 'building'; readonly name: string }
  | { readonly status: 'done'; readonly fileName: string }
  | { readonly status: 'failed'; readonly message: string };

function ChannelTables({
  split,
  deal,
  money,
}: {
  split: PartySplit;
  deal: PricedDeal;
  money: Money;
}) {
  const build = useStatementBuilder();
  const [state, setState] = useState<StatementState>({ status: 'idle' });
  const headingId = useId();
  const channel = split.parts.filter((p) => p.kind === 'distributor' || p.kind === 'partner');
  if (channel.length === 0) return null;
  const partnerById = new Map(
    split.parts.filter((p) => p.kind === 'partner').map((p) => [p.id, p]),
  );

  const statement = (party: PartyShare) =>
    build === null ? null : (
      <button
        type="button"
        disabled={state.status === 'building'}
        onClick={() => void start(build, party)}
      >
        {`Statement for ${party.name} (PDF)`}
      </button>
    );

  async function start(builder: StatementBuilder, party: PartyShare) {
    setState({ status: 'building', name: party.name });
    try {
      const { fileName } = await builder(
        {
          kind: 'partner-statement',
          partyId: party.id,
          scenario: deal.scenario,
          quote: deal.quote,
          table: deal.table,
          today: deal.options.today,
        },
        {},
      );
      setState({ status: 'done', fileName });
    } catch (e) {
      setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <div className="parties-channel" aria-labelledby={headingId} role="group">
      <h4 id={headingId}>Each distributor and partner</h4>
      <p role="status" className="chart-note">
        {state.status === 'building'
          ? `Building the statement for ${state.name}…`
          : state.status === 'done'
            ? `The statement is ready: ${state.fileName}.`
            : state.status === 'failed'
              ? `The statement could not be built: ${state.message}`
              : ''}
      </p>
      {channel.map((party) =>
        party.kind === 'distributor' ? (
          <div key={`d-${party.id}`} className="party-table">
            <table className="chart-table">
              <caption>{`Distributor ${party.name}: its partners and their customer lines (earns ${money(party.total)})`}</caption>
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  <th scope="col">Customer line</th>
                  <th scope="col">Revenue</th>
                  <th scope="col">Distributor earns</th>
                </tr>
              </thead>
              <tbody>
                {party.partnerIds.flatMap((partnerId) => {
                  const partner = partnerById.get(partnerId);
                  const lines = party.lines.filter((l) =>
                    partner?.lines.some((pl) => pl.customerId === l.customerId),
                  );
                  return lines.length === 0
                    ? [
                        <tr key={partnerId}>
                          <th scope="row">{partner?.name ?? partnerId}</th>
                          <td>No customer lines</td>
                          <td />
                          <td />
                        </tr>,
                      ]
                    : lines.map((l) => (
                        <tr key={l.customerId}>
                          <th scope="row">{partner?.name ?? partnerId}</th>
                          <td>{l.name || l.customerId}</td>
                          <td>{money(l.revenue)}</td>
                          <td>{money(l.earns)}</td>
                        </tr>
                      ));
                })}
              </tbody>
            </table>
            {statement(party)}
          </div>
        ) : (
          <div key={`p-${party.id}`} className="party-table">
            <table className="chart-table">
              <caption>{`Partner ${party.name}: its customer lines (earns ${money(party.total)})`}</caption>
              <thead>
                <tr>
                  <th scope="col">Customer line</th>
                  <th scope="col">Revenue</th>
                  <th scope="col">Partner earns</th>
                </tr>
              </thead>
              <tbody>
                {party.lines.length === 0 ? (
                  <tr>
                    <th scope="row">No customer lines</th>
                    <td />
                    <td />
                  </tr>
                ) : (
                  party.lines.map((l) => (
                    <tr key={l.customerId}>
                      <th scope="row">{l.name || l.customerId}</th>
                      <td>{money(l.revenue)}</td>
                      <td>{money(l.earns)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
            {statement(party)}
          </div>
        ),
      )}
    </div>
  );
}
