/**
 * `internal-report`: everything (PRODUCT.md "Documents and exports"): every line's revenue,
 * cost, commissions and margin with the Platform and Total rows, the monthly series, sizing,
 * PAYG advice, white-label volume, the price waterfall, warnings, charts, assumptions, identity.
 */
import { priceWaterfall, whiteLabelVolume } from '../../engine/index';
import { cumulativeMargin, monthlySeries, plotNumber, waterfallBars } from '../chart-data';
import { sumDecimals } from '../decimal';
import { formatKpi, resultKpis } from '../kpis';
import { platformAmounts, totalAmounts } from '../totals';
import { drawChart, drawWaterfall, PALETTE } from './charts';
import { assumptionsSection, coverRows, identitySection, monthlyChart } from './common';
import { channelParties, partyLabel } from './channel';
import { drawCover } from './cover';
import { issuePlace } from './issue-place';
import { cell, chunks, SIZE, type DocWriter, type Row, type TableSpec } from './layout';
import { feesLabel, serviceLabel } from './shape';
import type { DocContext } from './types';

export const INTERNAL_REPORT_TITLE = 'Internal deal report';

/** The progress steps the document reports (its sections and its tables' chunks). */
export function internalReportSteps(ctx: DocContext): number {
  const { scenario, quote } = ctx;
  const payg = scenario.customers.filter(
    (c) => c.license.model === 'payg' && c.license.convertTo === null,
  ).length;
  return (
    10 +
    chunks(scenario.customers.length) +
    chunks(payg) +
    chunks(quote.issues.length) +
    chunks(quote.months.length)
  );
}

/** Each distributor and partner: its rate, where the rate comes from, and its commission. */
async function channelSection(w: DocWriter, ctx: DocContext): Promise<void> {
  const { fmt, totals } = ctx;
  const parties = channelParties(ctx);
  if (parties.length === 0) {
    w.h1('Channel', 30);
    w.para('The deal has no distributors or partners: every line is sold direct.');
    return;
  }
  const spec: TableSpec = {
    stage: 'Channel',
    columns: [
      { header: 'Distributor or partner', weight: 3 },
      { header: 'Rate', weight: 0.9, align: 'right' },
      { header: 'Source of the rate', weight: 3 },
      { header: 'Lines', weight: 0.8, align: 'right' },
      { header: 'Commission', weight: 1.8, align: 'right' },
    ],
    body: parties.map((p): Row => [
      partyLabel(p),
      p.ratePct === null ? '—' : fmt.rate(p.ratePct),
      p.source,
      fmt.count(p.lines.length),
      fmt.money(p.total),
    ]),
    foot: [['Total commissions', '', '', '', fmt.money(totals.commissions)]],
  };
  w.h1('Channel', w.keepWith(spec, 14));
  w.para(
    'What each distributor and partner earns over the horizon: its rate applied to what its customers are billed each month. Statements for each party are a document of their own.',
  );
  await w.table(spec);
}

/**
 * A waterfall step's amount as printed beside its label: the label already says "− Term
 * discounts", so the amount is written without its own minus ("− Term discounts $18,062.64",
 * never "− Term discounts -$18,062.64"). Levels and increases keep their sign.
 */
export function stepAmount(bar: { label: string; amount: string }): string {
  return bar.label.startsWith('−') && bar.amount.startsWith('-') ? bar.amount.slice(1) : bar.amount;
}

export async function writeInternalReport(w: DocWriter, ctx: DocContext): Promise<void> {
  const { scenario, quote, totals, fmt, names, table } = ctx;
  const money = fmt.money;

  drawCover(w, {
    kindLabel: 'Internal report',
    title: INTERNAL_REPORT_TITLE,
    subtitle: scenario.title,
    brandName: scenario.brand.name,
    logo: scenario.brand.logo,
    rows: coverRows(ctx),
    footnote: 'Confidential: internal use only. Contains costs, margins and commissions.',
  });
  await w.progress.step('Cover');

  // --- key figures ---------------------------------------------------------------------------
  w.newPage();
  w.h1('Key figures');
  await w.table({
    stage: 'Key figures',
    columns: [
      { header: 'Figure', weight: 2.2 },
      { header: 'Value', weight: 1.8, align: 'right' },
      { header: 'What it is', weight: 3 },
    ],
    body: resultKpis(quote)!.map((k) => [k.label, formatKpi(k.value, money), k.hint]),
  });

  // --- charts --------------------------------------------------------------------------------
  monthlyChart(w, ctx, 'Monthly revenue, cost and margin', true);
  const cumulative = cumulativeMargin(quote);
  drawChart(w, {
    title: 'Cumulative margin',
    labels: quote.months.map((m) => fmt.period(m.period)),
    lines: [
      {
        label: 'Cumulative margin',
        color: w.theme.brandInk,
        values: cumulative.points.map((p) => p.value),
      },
    ],
    marker:
      cumulative.breakEvenMonth === null
        ? null
        : {
            index: cumulative.breakEvenMonth - 1,
            label: `Break-even: ${fmt.period(cumulative.breakEvenPeriod ?? '')}`,
          },
    axis: fmt.axis,
    height: 45,
  });
  await w.progress.step('Charts');

  // --- customer lines ------------------------------------------------------------------------
  w.h1('Customer lines');
  const platform = platformAmounts(quote)!;
  const total = totalAmounts(quote)!;
  const below = quote.customers.some((c) => c.belowMinMargin);
  await w.table({
    stage: 'Customer lines',
    fontSize: 7,
    columns: [
      { header: 'Customer line', weight: 2.6 },
      { header: 'Qty', weight: 0.7, align: 'right' },
      { header: 'Model', weight: 1.4 },
      { header: 'Revenue', weight: 2, align: 'right' },
      { header: 'Cost', weight: 2, align: 'right' },
      { header: 'Commissions', weight: 2, align: 'right' },
      { header: 'Margin', weight: 2, align: 'right' },
      { header: 'Margin %', weight: 1.6, align: 'right' },
    ],
    body: quote.customers.map((c, i) => {
      const line = scenario.customers[i]!;
      const model =
        line.license.model === 'payg'
          ? line.license.convertTo
            ? 'PAYG → FT'
            : 'PAYG'
          : 'Fixed-Term';
      const pct = fmt.pct(c.totals.marginPct);
      return [
        line.name,
        fmt.count(c.count),
        model,
        money(c.totals.revenue),
        money(c.totals.cost),
        money(c.totals.commissions),
        money(c.totals.margin),
        c.belowMinMargin
          ? cell(`▼ ${pct}`, {
              textColor: [...PALETTE.negative] as [number, number, number],
              fontStyle: 'bold',
            })
          : pct,
      ] as Row;
    }),
    foot: [
      [
        'Platform',
        '',
        '',
        money(platform.revenue),
        money(platform.cost),
        money(platform.commissions),
        money(platform.margin),
        fmt.pct(platform.marginPct),
      ],
      [
        'Total',
        '',
        '',
        money(total.revenue),
        money(total.cost),
        money(total.commissions),
        money(total.margin),
        fmt.pct(total.marginPct),
      ],
    ],
  });
  if (below) w.note(`▼ below the minimum margin of ${fmt.rate(scenario.pricing.minMarginPct)}.`);

  // --- sizing --------------------------------------------------------------------------------
  const p = quote.platform!;
  w.h1('Sizing');
  const sizing: [string, string][] = [
    ['Environment', names.environment(scenario.platform.environment)],
    ['Peak demand', `${fmt.count(p.peakMbps)} Mbps, ${fmt.count(p.peakVServices)} vServices`],
    ['Headroom', fmt.rate(scenario.platform.headroomPct)],
    ['High availability', scenario.platform.highAvailability ? 'Yes' : 'No'],
  ];
  if (p.appliances) {
    sizing.push([
      'Appliances',
      `${p.appliances.count} × ${names.appliance(p.appliances.id)}; ${p.appliances.required} required`,
    ]);
  }
  if (p.vcpu !== null) sizing.push(['vCPU and RAM', `${p.vcpu} vCPU, ${p.ramGb ?? 0} GB RAM`]);
  sizing.push(['Own infrastructure', `${money(scenario.platform.infraCostMonthly)} a month`]);
  w.keyValues(sizing);
  await w.progress.step('Sizing');

  // --- PAYG advice ---------------------------------------------------------------------------
  w.h1('PAYG advice');
  const payg = scenario.customers.flatMap((line, i) =>
    line.license.model === 'payg' && line.license.convertTo === null
      ? [{ line, c: quote.customers[i]! }]
      : [],
  );
  if (payg.length === 0) {
    w.para('The deal has no PAYG lines without a conversion.');
  } else {
    w.para(
      'For each PAYG line, the Fixed-Term term that would have cost least over its active months, committing whole terms; none when PAYG is cheapest.',
    );
    await w.table({
      stage: 'PAYG advice',
      fontSize: 7.5,
      columns: [
        { header: 'Customer line', weight: 2.8 },
        { header: 'Service', weight: 2.5 },
        { header: 'Average hours', weight: 1.2, align: 'right' },
        { header: 'Advice', weight: 1.6 },
        { header: 'Break-even hours', weight: 1.4, align: 'right' },
        { header: 'Saving', weight: 1.6, align: 'right' },
      ],
      body: payg.map(({ line, c }) => [
        line.name,
        serviceLabel(line, names),
        c.advice ? fmt.count(c.advice.averageHours) : '—',
        c.advice ? `${c.advice.termMonths}-month term` : 'Stay on PAYG',
        c.advice ? `${fmt.count(c.advice.breakEvenHours)} h/month` : '—',
        c.advice ? money(c.advice.saving) : '—',
      ]),
    });
  }

  // --- white-label volume --------------------------------------------------------------------
  const volume = whiteLabelVolume(scenario, table, ctx.options);
  w.h1('White-label volume');
  if (!volume || volume.peakInstances === 0) {
    w.para('The deal has no standalone white-label apps.');
  } else {
    let text = `Peak: ${volume.peakInstances} standalone white-label apps in ${fmt.period(volume.peakPeriod)} (${volume.mode} tiers on ${feesLabel(volume.appliesTo)}).`;
    if (volume.next) {
      text += ` ${volume.next.instancesToGo} more would reach ${fmt.rate(volume.next.discountPct)} and save ${money(volume.next.saving)}.`;
    }
    w.para(text);
    await w.table({
      stage: 'White-label volume',
      columns: [
        { header: 'Apps', weight: 1.5 },
        { header: 'Discount', weight: 1, align: 'right' },
        { header: '', weight: 2 },
      ],
      body: volume.tiers.map((t) => [
        t.upTo === null ? `${t.from} and more` : `${t.from} to ${t.upTo}`,
        fmt.rate(t.discountPct),
        t.index === volume.reached ? 'reached at the peak' : '',
      ]),
    });
  }

  // --- price waterfall -----------------------------------------------------------------------
  const waterfall = priceWaterfall(scenario, table, ctx.options);
  if (waterfall) {
    w.h1('Price waterfall', 90);
    const bars = waterfallBars(waterfall).bars;
    await w.table({
      stage: 'Price waterfall',
      columns: [
        { header: 'Step', weight: 2.5 },
        { header: 'Over the horizon', weight: 1.5, align: 'right' },
      ],
      body: bars.map((b) => [b.label, money(stepAmount(b))]),
    });
    drawWaterfall(w, {
      title: 'From list price to margin',
      bars: bars.map((b) => ({
        label: b.label,
        kind: b.kind,
        range: b.range,
        value: fmt.axis(plotNumber(stepAmount(b))),
      })),
      axis: fmt.axis,
      height: 50,
    });
  }

  // --- channel -------------------------------------------------------------------------------
  await channelSection(w, ctx);

  // --- issues --------------------------------------------------------------------------------
  w.h1('Warnings', 30);
  if (quote.issues.length === 0) {
    w.para('The quote has no warnings.');
  } else {
    await w.table({
      stage: 'Warnings',
      columns: [
        { header: 'Level', weight: 1 },
        { header: 'Where', weight: 2.6 },
        { header: 'Message', weight: 5 },
      ],
      body: quote.issues.map((i) => {
        const { where, message } = issuePlace(i, scenario);
        return [i.level === 'warning' ? 'Warning' : i.level, where, message];
      }),
    });
  }

  assumptionsSection(w, ctx);
  identitySection(w, ctx);
  await w.progress.step('Assumptions');

  // --- monthly series, landscape -------------------------------------------------------------
  w.newPage('landscape');
  w.h1('Monthly series');
  const series = monthlySeries(quote);
  const col = (pick: (m: (typeof quote.months)[number]) => string) =>
    money(sumDecimals(quote.months.map(pick), ctx.digits));
  await w.table({
    stage: 'Monthly series',
    fontSize: 7,
    columns: [
      { header: 'Month', weight: 0.8, align: 'right' },
      { header: 'Period', weight: 1.2 },
      { header: 'Revenue', weight: 1.6, align: 'right' },
      { header: 'Recurring revenue', weight: 1.6, align: 'right' },
      { header: 'Fixed-Term', weight: 1.5, align: 'right' },
      { header: 'PAYG', weight: 1.5, align: 'right' },
      { header: 'Customer apps', weight: 1.5, align: 'right' },
      { header: 'Platform', weight: 1.5, align: 'right' },
      { header: 'Partner commissions', weight: 1.5, align: 'right' },
      { header: 'Distributor commissions', weight: 1.5, align: 'right' },
      { header: 'Margin', weight: 1.6, align: 'right' },
      { header: 'Cumulative margin', weight: 1.7, align: 'right' },
    ],
    body: quote.months.map((m) => [
      String(m.month),
      fmt.period(m.period),
      money(m.revenue),
      money(m.recurringRevenue),
      money(m.cost.fixedTerm),
      money(m.cost.payg),
      money(m.cost.apps),
      money(m.cost.platform),
      money(m.commissions.partner),
      money(m.commissions.distributor),
      money(m.margin),
      money(m.cumulativeMargin),
    ]),
    foot: [
      [
        '',
        'Total',
        money(totals.revenue),
        col((m) => m.recurringRevenue),
        money(series.totals.fixedTerm),
        money(series.totals.payg),
        money(series.totals.apps),
        money(series.totals.platform),
        col((m) => m.commissions.partner),
        col((m) => m.commissions.distributor),
        money(totals.margin),
        '',
      ],
    ],
  });
  w.text(
    `Amounts in ${quote.currency}. Costs by category; the margin is revenue less cost and commissions.`,
    {
      size: SIZE.small,
      color: w.theme.muted,
    },
  );
}
