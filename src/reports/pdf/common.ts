/**
 * Sections and labels the vendor's proposal and the internal report share: who the document is
 * for and from, the assumptions, the price table's identity, the monthly chart.
 */
import { monthlySeries, plotNumber } from '../chart-data';
import { COST_CATEGORIES } from '../columns';
import { drawChart, PALETTE } from './charts';
import type { DocWriter } from './layout';
import { assumptions } from './shape';
import type { DocContext } from './types';

/** "Oliver Grant, Northwind MSP" (either part may be missing). */
export function party(p: { name: string; company: string }): string {
  return [p.name, p.company].filter((s) => s.trim() !== '').join(', ') || '—';
}

/** The cover rows of the vendor's proposal and the internal report. */
export function coverRows(ctx: DocContext, recipient?: string): [string, string][] {
  const { scenario, fmt, table } = ctx;
  const preparedFor = party(scenario.preparedFor);
  return [
    // the MSP by name even when the scenario names only its contact
    [
      'Prepared for',
      recipient && !preparedFor.includes(recipient)
        ? `${preparedFor === '—' ? '' : `${preparedFor}, `}${recipient}`
        : preparedFor,
    ],
    ['Prepared by', party(scenario.preparedBy)],
    ['Date', fmt.date(ctx.input.today)],
    ['Proposal number', ctx.proposalNumber],
    // an expired table: a validity date would lie before the document's own date
    ctx.expired && table.validUntil !== null
      ? [
          'Prices',
          `Indicative: price book ${table.version} expired on ${fmt.date(table.validUntil)}; confirm with the current price book before ordering`,
        ]
      : ['Valid until', fmt.date(ctx.validUntil)],
    ['Price book', `${table.product} ${table.currency} ${table.version}`],
  ];
}

/** The first 12 hex digits of the table file's SHA-256: enough to tell files apart. */
export function shaPrefix(sha256: string | null): string {
  return sha256 === null || sha256 === '' ? 'not recorded' : `${sha256.slice(0, 12)}…`;
}

export function assumptionsSection(w: DocWriter, ctx: DocContext): void {
  w.h1('Assumptions', 70);
  w.keyValues(assumptions(ctx.scenario, ctx.quote, ctx.fmt));
}

/** The price table's identity: the vendor, product, currency, version and the file's hash. */
export function identitySection(w: DocWriter, ctx: DocContext): void {
  const { table, quote, fmt } = ctx;
  w.h1('Price table', 60);
  const rows: [string, string][] = [
    ['Vendor', table.vendorName],
    ['Product', table.product],
    ['Currency', table.currency],
    ['Version', table.version],
    ['Effective from', fmt.date(table.effectiveFrom)],
    ['Valid until', table.validUntil === null ? 'no end date' : fmt.date(table.validUntil)],
    ['SHA-256', shaPrefix(quote.priceTable.sha256)],
  ];
  if (ctx.input.tableSource === 'custom') rows.push(['Source', 'Custom price table']);
  if (table.notes.trim() !== '') rows.push(['Notes', table.notes]);
  w.keyValues(rows);
}

/** Monthly cost by category as stacked bars, and revenue (and margin) as lines. */
export function monthlyChart(
  w: DocWriter,
  ctx: DocContext,
  title: string,
  withMargin: boolean,
): void {
  const series = monthlySeries(ctx.quote);
  drawChart(w, {
    title,
    labels: ctx.quote.months.map((m) => ctx.fmt.period(m.period)),
    bars: COST_CATEGORIES.map((c) => ({
      label: `Cost: ${c.label}`,
      color: c.color.print,
      values: series.rows.map((r) => plotNumber(r[c.key])),
    })),
    lines: [
      {
        label: 'Revenue',
        color: w.theme.brandInk,
        values: series.rows.map((r) => plotNumber(r.revenue)),
      },
      ...(withMargin
        ? [
            {
              label: 'Margin',
              color: PALETTE.margin,
              values: series.rows.map((r) => plotNumber(r.margin)),
              dashed: true,
            },
          ]
        : []),
    ],
    axis: ctx.fmt.axis,
  });
}
