/**
 * `partner-statement`: what one distributor or partner earns on the deal (seed 004: distributors
 * see their margin and activity across their partners, partners their tenants): its rate and
 * where it comes from, its commission by month and by customer line, and the total, which is the
 * quote's own (the engine's per-line commissions, summed exactly). It shows only the lines sold
 * through that party, never the deal's costs or the MSP's margin.
 */
import { sumDecimals } from '../decimal';
import { drawChart } from './charts';
import { channelParties, partyLabel, type Party } from './channel';
import { party as personLabel } from './common';
import { drawCover } from './cover';
import { DocumentInputError } from './errors';
import { chunks, type DocWriter, type Row, type TableSpec } from './layout';
import type { DocContext } from './types';

export const PARTNER_STATEMENT_TITLE = 'Commission statement';

/** The party a statement is for; refuses a missing or unknown id, listing the ids. */
export function statementParty(ctx: DocContext): Party {
  const id = ctx.input.partyId;
  const { distributors, partners } = ctx.scenario.channel;
  const ids = [...distributors, ...partners].map((p) => p.id);
  const list = ids.length === 0 ? 'none: the scenario has no channel' : ids.join(', ');
  if (id === undefined || id === '') {
    throw new DocumentInputError(
      `a partner statement needs a distributor or partner: give its id (${list})`,
    );
  }
  const found = channelParties(ctx, id)[0];
  if (!found) {
    throw new DocumentInputError(
      `no distributor or partner has the id "${id}"; the scenario's are ${list}`,
    );
  }
  return found;
}

export function partnerStatementSteps(ctx: DocContext): number {
  const lines = ctx.scenario.customers.length;
  return 4 + chunks(ctx.scenario.horizonMonths) + chunks(lines);
}

export async function writePartnerStatement(w: DocWriter, ctx: DocContext): Promise<void> {
  const { scenario, quote, fmt } = ctx;
  const money = fmt.money;
  const p = statementParty(ctx);
  const msp = scenario.preparedFor.company || scenario.brand.name || 'the MSP';
  const rate = p.ratePct === null ? 'none' : fmt.rate(p.ratePct);

  drawCover(w, {
    kindLabel: 'Statement',
    title: PARTNER_STATEMENT_TITLE,
    subtitle: partyLabel(p),
    brandName: scenario.brand.name,
    logo: scenario.brand.logo,
    rows: [
      ['Statement for', p.name],
      ['Role', p.role === 'distributor' ? 'Distributor' : 'Partner'],
      ...(p.role === 'partner' && p.distributorName !== null
        ? ([['Distributor', p.distributorName]] as [string, string][])
        : []),
      ['Deal', `${scenario.title} (${msp})`],
      ['Prepared by', personLabel(scenario.preparedBy)],
      ['Date', fmt.date(ctx.input.today)],
      ['Reference', ctx.proposalNumber],
      ['Commission', money(p.total)],
    ],
    footnote: 'Confidential: for the party named only.',
  });
  await w.progress.step('Cover');

  // --- summary -------------------------------------------------------------------------------
  w.newPage();
  w.h1('Summary');
  const customers = p.lines.reduce((n, l) => n + l.line.count, 0);
  const base = p.lines.map((l) => l.series.totals.revenue);
  w.para(
    p.role === 'distributor'
      ? `${p.name} earns its commission on what ${msp} bills the customers sold through its partners, over the ${scenario.horizonMonths} months of the plan from ${fmt.periodLong(quote.months[0]!.period)}.`
      : `${p.name} earns its commission on what ${msp} bills the customers sold through it, over the ${scenario.horizonMonths} months of the plan from ${fmt.periodLong(quote.months[0]!.period)}.`,
  );
  w.keyValues([
    ['Commission rate', rate],
    ['Source of the rate', p.source],
    ['Customer lines', `${fmt.count(p.lines.length)} (${fmt.count(customers)} customers)`],
    ['Billed to those customers', money(sumOf(ctx, base))],
    ['Commission over the plan', money(p.total)],
  ]);
  w.note(
    'Each customer-month’s commission is the rate applied to what the customer is billed that month (recurring and one-off), rounded once to the currency’s minor unit; the totals are exact sums of those amounts.',
  );
  await w.progress.step('Summary');

  if (p.lines.length === 0) {
    w.para('No customer line of the plan is sold through this party: it earns no commission.');
    return;
  }

  // --- by month ------------------------------------------------------------------------------
  w.h1('Commission by month');
  const months = quote.months.map((m, i) => ({
    period: m.period,
    billed: sumOf(
      ctx,
      p.lines.map((l) => l.series.months[i]!.revenue),
    ),
    commission: p.byMonth[i]!,
  }));
  drawChart(w, {
    title: `Monthly commission (${quote.currency})`,
    labels: months.map((m) => fmt.period(m.period)),
    bars: [
      {
        label: 'Commission',
        color: w.theme.brandFill,
        values: months.map((m) => Number(m.commission)),
      },
    ],
    axis: fmt.axis,
    height: 40,
  });
  await w.table({
    stage: 'Commission by month',
    columns: [
      { header: 'Month', weight: 0.8, align: 'right' },
      { header: 'Period', weight: 1.4 },
      { header: 'Billed to the customers', weight: 2, align: 'right' },
      { header: 'Commission', weight: 2, align: 'right' },
    ],
    body: months.map((m, i): Row => [
      String(i + 1),
      fmt.period(m.period),
      money(m.billed),
      money(m.commission),
    ]),
    foot: [['', 'Total', money(sumOf(ctx, base)), money(p.total)]],
  });

  // --- by customer line ----------------------------------------------------------------------
  const byPartner = p.role === 'distributor';
  const byLine: TableSpec = {
    stage: 'Commission by customer line',
    columns: [
      { header: 'Customer line', weight: 3 },
      ...(byPartner ? [{ header: 'Partner', weight: 2.2 }] : []),
      { header: 'Qty', weight: 0.7, align: 'right' as const },
      { header: 'Months', weight: 0.9, align: 'right' as const },
      { header: 'Billed', weight: 1.8, align: 'right' as const },
      { header: 'Commission', weight: 1.8, align: 'right' as const },
    ],
    body: p.lines.map((l): Row => {
      const active = l.series.months.filter((m) => m.active).length;
      return [
        l.line.name,
        ...(byPartner ? [l.partnerName] : []),
        fmt.count(l.line.count),
        String(active),
        money(l.series.totals.revenue),
        money(l.commission),
      ];
    }),
    foot: [['Total', ...(byPartner ? [''] : []), '', '', money(sumOf(ctx, base)), money(p.total)]],
  };
  w.h1('Commission by customer line', w.keepWith(byLine));
  await w.table(byLine);
  await w.progress.step('Lines');
}

function sumOf(ctx: DocContext, amounts: readonly string[]): string {
  return sumDecimals(amounts, ctx.digits);
}
