/**
 * `customer-proposal`: the MSP's white-label proposal to one end customer (PRODUCT.md
 * "Documents and exports"). The MSP's brand only; the customer's own sell prices, recurring and
 * one-off, its term and totals. It never contains a cost, a margin, a commission, a partner or
 * distributor, another customer, the vendor's name or the price table's identity
 * (docs/decisions/013-pdf-documents.md): it is built from the scenario's brand, this one line,
 * and the line's revenue, and the table's names it shows are stripped of the vendor's name.
 */
import { customerSeries, type CustomerLine, type CustomerSeries } from '../../engine/index';
import { drawChart, PALETTE } from './charts';
import { drawCover } from './cover';
import { DocumentInputError } from './errors';
import type { DocWriter, Row } from './layout';
import { periodOf, priceSchedule } from './shape';
import type { DocContext } from './types';

export const CUSTOMER_PROPOSAL_TITLE = 'Service proposal';

export function customerProposalSteps(): number {
  return 6;
}

/** Removes the vendor's name from a text the table supplies ("TR7 Essential" → "Essential"). */
export function withoutVendor(text: string, vendorName: string): string {
  const vendor = vendorName.trim();
  if (vendor === '') return text;
  const escaped = vendor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text
    .replace(new RegExp(escaped, 'gi'), '')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s\-–—:,]+|[\s\-–—:,]+$/g, '');
}

/** The MSP as the customer knows it: its brand (never the vendor or a distributor). */
export function mspBrand(ctx: DocContext): string {
  return (
    ctx.scenario.brand.name.trim() ||
    ctx.scenario.preparedFor.company.trim() ||
    'Your service provider'
  );
}

/** The customer line a proposal is for, and its monthly figures; refuses what it cannot do. */
export function customerOf(ctx: DocContext): { line: CustomerLine; series: CustomerSeries } {
  const id = ctx.input.customerId;
  const lines = ctx.scenario.customers;
  if (id === undefined || id === '') {
    throw new DocumentInputError(
      `a customer proposal needs a customer: give the id of a customer line (${idList(lines)})`,
    );
  }
  const index = lines.findIndex((c) => c.id === id);
  if (index < 0) {
    throw new DocumentInputError(
      `no customer line has the id "${id}"; the scenario's lines are ${idList(lines)}`,
    );
  }
  const series = customerSeries(ctx.scenario, ctx.table, ctx.options, [id])?.[0];
  if (!series || series.totals.revenue !== ctx.quote.customers[index]?.totals.revenue) {
    throw new DocumentInputError(
      'the quote does not match the scenario and price table: price the scenario again',
    );
  }
  return { line: lines[index]!, series };
}

function idList(lines: readonly CustomerLine[]): string {
  if (lines.length === 0) return 'none';
  const shown = lines.slice(0, 12).map((c) => c.id);
  return shown.join(', ') + (lines.length > shown.length ? `, … (${lines.length} in all)` : '');
}

function termText(ctx: DocContext, line: CustomerLine, lastActive: number): string {
  const { fmt, quote } = ctx;
  const from = fmt.periodLong(periodOf(quote, line.startMonth));
  const l = line.license;
  if (l.model === 'fixed-term') {
    if (l.renew) return `${l.termMonths}-month term from ${from}, renewing automatically`;
    return `${l.termMonths}-month term, ${from} to ${fmt.periodLong(periodOf(quote, lastActive))}`;
  }
  if (l.convertTo !== null) {
    return `Monthly from ${from}; from ${fmt.periodLong(periodOf(quote, l.convertTo.atMonth))} a ${l.convertTo.termMonths}-month term, renewing automatically`;
  }
  const until =
    line.endMonth === null ? '' : ` to ${fmt.periodLong(periodOf(quote, line.endMonth))}`;
  return `Monthly, no minimum term, from ${from}${until}`;
}

/** Whether the customer's monthly charge follows the hours used (a PAYG line not sold at a fixed price). */
function byTheHour(line: CustomerLine): boolean {
  return line.license.model === 'payg' && line.sell?.mode !== 'fixed';
}

function billingText(ctx: DocContext, line: CustomerLine): string {
  const l = line.license;
  if (line.sell?.mode === 'fixed') return 'A fixed monthly charge';
  if (l.model === 'fixed-term') return 'A fixed monthly charge for the term';
  const hours = Array.isArray(l.hoursPerMonth)
    ? 'the hours planned for each month of the year'
    : `${ctx.fmt.count(l.hoursPerMonth)} hours a month`;
  const then = l.convertTo === null ? '' : ', then a fixed monthly charge for the term';
  return `Pay as you go: charged monthly for the hours the service runs (estimated below at ${hours})${then}`;
}

export async function writeCustomerProposal(w: DocWriter, ctx: DocContext): Promise<void> {
  const { scenario, fmt, names, table } = ctx;
  const money = fmt.money;
  const neutral = (text: string) => withoutVendor(text, table.vendorName);
  const { line, series } = customerOf(ctx);
  const brand = mspBrand(ctx);
  const contact = scenario.preparedFor.name.trim();

  drawCover(w, {
    kindLabel: 'Proposal',
    title: CUSTOMER_PROPOSAL_TITLE,
    subtitle: `for ${line.name}`,
    brandName: scenario.brand.name,
    logo: scenario.brand.logo,
    rows: [
      ['Prepared for', line.name],
      ['Prepared by', contact === '' ? brand : `${contact}, ${brand}`],
      ['Date', fmt.date(ctx.input.today)],
      ['Proposal number', ctx.proposalNumber],
      ['Valid until', fmt.date(ctx.validUntil)],
    ],
  });
  await w.progress.step('Cover');

  const active = series.months.filter((m) => m.active);
  const first = active[0]!;
  const last = active[active.length - 1]!;

  // --- the service ---------------------------------------------------------------------------
  w.newPage();
  w.h1('Your service');
  w.para(
    `${brand} proposes the service below for ${line.name}, from ${fmt.periodLong(first.period)} to ${fmt.periodLong(last.period)}.`,
  );
  const l = line.license;
  const features = names
    .features(l.bundle)
    .map(neutral)
    .filter((f) => f !== '');
  const rows: [string, string][] = [
    ['Service package', neutral(names.bundle(l.bundle)) || l.bundle],
  ];
  if (features.length > 0) rows.push(['Included', features.join(', ')]);
  rows.push(
    ['Bandwidth', neutral(names.bandwidth(l.bandwidth)) || l.bandwidth],
    ['Virtual services', fmt.count(l.vServices)],
  );
  if (line.count > 1)
    rows.push(['Quantity', `${fmt.count(line.count)}, each with the service above`]);
  rows.push(['Term', termText(ctx, line, last.month)], ['Billing', billingText(ctx, line)]);
  if (line.apps.length > 0) {
    rows.push([
      'Apps',
      line.apps
        .map(
          (a) =>
            `${a.count} × ${neutral(names.appBundle(a.bundle)) || a.bundle} app${a.count === 1 ? '' : 's'}, ${fmt.count(a.usersPerApp)} users each`,
        )
        .join('; '),
    ]);
  }
  w.keyValues(rows);
  await w.progress.step('Service');

  // --- prices --------------------------------------------------------------------------------
  w.h1('Prices');
  const { runs, oneOff } = priceSchedule(series, ctx.digits);
  const body: Row[] = [
    ...oneOff.map((o) => [`One-off charges, ${fmt.period(o.period)}`, '', '', money(o.amount)]),
    ...runs.map((r) => [
      r.months === 1
        ? fmt.period(r.fromPeriod)
        : `${fmt.period(r.fromPeriod)} – ${fmt.period(r.toPeriod)}`,
      String(r.months),
      money(r.monthly),
      money(r.amount),
    ]),
  ];
  const quantity = line.count > 1 ? ` (all ${fmt.count(line.count)})` : '';
  await w.table({
    stage: 'Prices',
    columns: [
      { header: 'Period', weight: 2.6 },
      { header: 'Months', weight: 0.9, align: 'right' },
      { header: `Monthly charge${quantity}`, weight: 1.6, align: 'right' },
      { header: 'Amount', weight: 1.6, align: 'right' },
    ],
    body,
    foot: [['Total', String(active.length), '', money(series.totals.revenue)]],
  });
  if (byTheHour(line)) {
    w.note(
      'Pay-as-you-go charges follow the hours the service actually runs; the monthly amounts above are estimates from the planned hours.',
    );
  }
  w.keyValues([
    ['Total for the period', money(series.totals.revenue)],
    ['One-off charges', money(series.totals.oneOffRevenue)],
    ['Recurring charges', money(series.totals.recurringRevenue)],
    ['Monthly charge, last month', `${money(last.recurringRevenue)} (${fmt.period(last.period)})`],
  ]);
  drawChart(w, {
    title: 'Monthly charges',
    labels: active.map((m) => fmt.period(m.period)),
    bars: [
      {
        label: 'Monthly charge',
        color: w.theme.brandFill,
        values: active.map((m) => Number(m.recurringRevenue)),
      },
      ...(oneOff.length > 0
        ? [
            {
              label: 'One-off charges',
              color: PALETTE.neutral,
              values: active.map((m) => Number(m.oneOffRevenue)),
            },
          ]
        : []),
    ],
    axis: fmt.axis,
    height: 45,
  });
  await w.progress.step('Prices');

  // --- terms ---------------------------------------------------------------------------------
  w.h1('Terms', 35);
  w.keyValues([
    ['Currency', `All prices are in ${ctx.quote.currency}.`],
    ['Valid until', `This proposal is valid until ${fmt.date(ctx.validUntil)}.`],
    ['Price reference', ctx.proposalNumber],
  ]);
  await w.progress.step('Terms');
}
