/**
 * `internal-report`: everything (PRODUCT.md "Documents and exports"): every line's revenue,
 * cost, commissions and margin with the Platform and Total rows, the monthly series, sizing,
 * PAYG advice, white-label volume, the price waterfall, warnings, charts, assumptions, identity.
 */
import { cumulativeMargin, plotNumber, waterfallBars } from '../chart-data';
import {
  columnById,
  COMMISSION_KINDS,
  COST_CATEGORIES,
  CUSTOMER_COLUMNS,
  NO_NAMES,
  MONTH_COLUMNS,
  MONTH_ROW_HEADER,
  totalOf,
  type Cell,
  type ColumnFormat,
} from '../columns';
import { formatKpi, resultKpis } from '../kpis';
import { partySplit, type PartyShare } from '../parties';
import { platformAmounts, totalAmounts } from '../totals';
import { customerSeries } from '../../engine/index';
import { drawChart, drawWaterfall, PALETTE } from './charts';
import { assumptionsSection, coverRows, identitySection, monthlyChart } from './common';
import { channelParties, partyLabel } from './channel';
import { drawCover } from './cover';
import { issueText } from '../issue-text';
import { cell, chunks, SIZE, type DocWriter, type Row, type TableSpec } from './layout';
import { feesLabel, serviceLabel } from './shape';
import type { DocContext } from './types';

export const INTERNAL_REPORT_TITLE = 'Internal deal report';

/** The customer lines' amount columns of `CUSTOMER_COLUMNS` in the report, and how wide. */
const CUSTOMER_AMOUNTS: readonly {
  readonly id: string;
  readonly header: string;
  readonly weight: number;
}[] = [
  { id: 'revenue', header: 'Revenue', weight: 2 },
  { id: 'cost', header: 'Cost', weight: 2 },
  { id: 'commissions', header: 'Commissions', weight: 2 },
  { id: 'margin', header: 'Margin', weight: 2 },
  { id: 'marginPct', header: 'Margin %', weight: 1.6 },
];

/**
 * The monthly series' table: which columns of `MONTH_COLUMNS` (src/reports/columns.ts) fit the
 * landscape page, and how wide. Cells and totals come from the columns themselves.
 */
const MONTHLY_LAYOUT: readonly {
  readonly id: string;
  readonly header: string;
  readonly weight: number;
  readonly align?: 'right';
}[] = [
  { id: 'month', header: 'Month', weight: 0.8, align: 'right' },
  { id: 'period', header: 'Period', weight: 1.2 },
  { id: 'revenue', header: 'Revenue', weight: 1.6, align: 'right' },
  { id: 'recurringRevenue', header: 'Recurring revenue', weight: 1.6, align: 'right' },
  ...COST_CATEGORIES.map((c) => ({
    id: c.csv,
    header: c.short,
    weight: 1.5,
    align: 'right' as const,
  })),
  ...COMMISSION_KINDS.map((c) => ({
    id: c.csv,
    header: c.short,
    weight: 1.5,
    align: 'right' as const,
  })),
  { id: 'margin', header: 'Margin', weight: 1.6, align: 'right' },
  { id: 'cumulativeMargin', header: 'Cumulative margin', weight: 1.7, align: 'right' },
];

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
    chunks(quote.months.length) +
    chunks(partyCount(scenario))
  );
}

/** The rows of "Who earns what": vendor, infrastructure, each distributor and partner, the MSP. */
function partyCount(scenario: DocContext['scenario']): number {
  return 3 + scenario.channel.distributors.length + scenario.channel.partners.length;
}

const PARTY_ROLES: Record<PartyShare['kind'], string> = {
  vendor: 'Vendor',
  infrastructure: 'Infrastructure',
  distributor: 'Distributor',
  partner: 'Partner',
  msp: 'MSP',
};

/**
 * "Who earns what" (ADR 034): the deal's revenue split between the vendor, the MSP's own
 * infrastructure, each distributor and partner, and the MSP's margin; the parts add up to the
 * revenue to the cent, so the total row is the quote's revenue.
 */
async function partiesSection(w: DocWriter, ctx: DocContext): Promise<void> {
  const { fmt, scenario, quote, table, options, totals } = ctx;
  const series = customerSeries(scenario, table, options);
  if (series === null) return;
  const split = partySplit(scenario, quote, series);
  const spec: TableSpec = {
    stage: 'Who earns what',
    columns: [
      { header: 'Party', weight: 4 },
      { header: 'Role', weight: 1.6 },
      { header: 'Earns', weight: 1.8, align: 'right' },
    ],
    body: split.parts.map((p): Row => [p.name, PARTY_ROLES[p.kind], fmt.money(p.total)]),
    foot: [['Revenue', '', fmt.money(totals.revenue)]],
  };
  w.h1('Who earns what', w.keepWith(spec, 14));
  w.para(
    'The revenue of the deal split between every party: the vendor (licenses, apps, appliances, support and main apps), the MSP’s own infrastructure, each distributor and partner (its commissions), and the MSP’s margin. The parts add up to the revenue exactly.',
  );
  await w.table(spec);
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

/**
 * When the money moves (PRICING.md §8): the funding the deal needs before customers' payments
 * catch up with the vendor's invoices, and the month cash turns for good. From the quote's cash.
 */
function cashSummary(w: DocWriter, ctx: DocContext): void {
  const { quote, fmt, scenario } = ctx;
  const cash = ctx.totals.cash;
  const money = fmt.money;
  const b = scenario.billing;
  const side = (s: { fixedTerm?: string; paymentDelayMonths?: number } | undefined) => {
    const delay = s?.paymentDelayMonths ?? 0;
    const paid =
      delay === 0 ? 'in the month' : `${delay} month${delay === 1 ? '' : 's'} after the invoice`;
    return `Fixed-Term invoiced ${s?.fixedTerm ?? 'monthly'}, paid ${paid}`;
  };
  const breakEven =
    cash.breakEvenMonth === null
      ? 'Not within the horizon'
      : `Month ${cash.breakEvenMonth} (${fmt.period(quote.months[cash.breakEvenMonth - 1]!.period)})`;
  w.h2('Cash', 58);
  w.keyValues([
    ['Peak funding', `${money(cash.peakFunding)} (the most the cumulative cash falls below zero)`],
    ['Cash break-even month', breakEven],
    ['Cash in / out over the horizon', `${money(cash.in)} / ${money(cash.out)}`],
    ['Net cash over the horizon', money(cash.net)],
    ['Receivable after the horizon', money(cash.receivableAfterHorizon)],
    ['Payable after the horizon', money(cash.payableAfterHorizon)],
    ['Billing', `Vendor: ${side(b?.vendor)}; customers: ${side(b?.customers)}`],
  ]);
}

export async function writeInternalReport(w: DocWriter, ctx: DocContext): Promise<void> {
  const { scenario, quote, fmt, names } = ctx;
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
    body: resultKpis(quote).map((k) => [k.label, formatKpi(k.value, money), k.hint]),
  });
  cashSummary(w, ctx);

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
  const platform = platformAmounts(quote);
  const total = totalAmounts(quote);
  const below = quote.customers.some((c) => c.belowMinMargin);
  const amountColumns = CUSTOMER_AMOUNTS.map((l) => ({
    ...l,
    column: columnById(CUSTOMER_COLUMNS, l.id),
  }));
  const amountCell = (format: ColumnFormat, value: Cell) =>
    format === 'percent' ? fmt.pct(value === null ? null : String(value)) : money(String(value));
  // the Platform and Total rows: their amounts by column id, as the customers table's foot
  const footRow = (label: string, amounts: Readonly<Record<string, Cell>>): Row => [
    label,
    '',
    '',
    ...amountColumns.map(({ id, column }) => amountCell(column.format, amounts[id] ?? null)),
  ];
  await w.table({
    stage: 'Customer lines',
    fontSize: 7,
    columns: [
      { header: 'Customer line', weight: 2.6 },
      { header: 'Qty', weight: 0.7, align: 'right' },
      { header: 'Model', weight: 1.4 },
      ...amountColumns.map(({ header, weight }) => ({ header, weight, align: 'right' as const })),
    ],
    body: quote.customers.map((customer, i) => {
      const line = scenario.customers[i]!;
      const model =
        line.license.model === 'payg'
          ? line.license.convertTo
            ? 'PAYG → FT'
            : 'PAYG'
          : 'Fixed-Term';
      const source = { customer, line, names: NO_NAMES };
      return [
        line.name,
        fmt.count(customer.count),
        model,
        ...amountColumns.map(({ column }) => {
          const text = amountCell(column.format, column.read(source));
          // a line below the minimum margin is marked on its margin %
          return column.format === 'percent' && customer.belowMinMargin
            ? cell(`▼ ${text}`, {
                textColor: [...PALETTE.negative] as [number, number, number],
                fontStyle: 'bold',
              })
            : text;
        }),
      ] as Row;
    }),
    foot: [footRow('Platform', { ...platform }), footRow('Total', { ...total })],
  });
  if (below) w.note(`▼ below the minimum margin of ${fmt.rate(scenario.pricing.minMarginPct)}.`);

  // --- sizing --------------------------------------------------------------------------------
  const p = quote.platform;
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
  const payg = scenario.customers.flatMap((line, i) =>
    line.license.model === 'payg' && line.license.convertTo === null
      ? [{ line, c: quote.customers[i]! }]
      : [],
  );
  if (payg.length === 0) {
    w.h1('PAYG advice');
    w.para('The deal has no PAYG lines without a conversion.');
  } else {
    const spec: TableSpec = {
      stage: 'PAYG advice',
      fontSize: 7.5,
      columns: [
        { header: 'Customer line', weight: 2.4 },
        { header: 'Service', weight: 3.4 },
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
    };
    // the heading and its sentence stay with the table
    w.h1('PAYG advice', w.keepWith(spec, 12));
    w.para(
      'For each PAYG line, the Fixed-Term term that would have cost least over its active months, committing whole terms; none when PAYG is cheapest.',
    );
    await w.table(spec);
  }

  // --- white-label volume --------------------------------------------------------------------
  const volume = ctx.deal.volume();
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
  const waterfall = ctx.deal.waterfall();
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
  await partiesSection(w, ctx);

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
        const { where, message } = issueText(i, scenario);
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
  const digits = ctx.digits;
  const months = quote.months.map((month) => ({ month, digits }));
  const monthly = MONTHLY_LAYOUT.map((l) => ({ ...l, column: columnById(MONTH_COLUMNS, l.id) }));
  const monthCell = (format: ColumnFormat, value: Cell): string =>
    value === null
      ? ''
      : format === 'money'
        ? money(String(value))
        : format === 'period'
          ? fmt.period(String(value))
          : String(value);
  await w.table({
    stage: 'Monthly series',
    fontSize: 7,
    columns: monthly.map(({ header, weight, align }) => ({ header, weight, align })),
    body: months.map((source) =>
      monthly.map((l) => monthCell(l.column.format, l.column.read(source))),
    ),
    foot: [
      monthly.map(({ id, column }) =>
        id === MONTH_ROW_HEADER
          ? 'Total'
          : // the months counted are not printed: the row says it is the total
            column.total === 'sum'
            ? monthCell(column.format, totalOf(column, months.map(column.read), digits))
            : '',
      ),
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
