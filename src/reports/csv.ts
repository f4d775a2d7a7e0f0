import type { Quote, Scenario } from '../engine/index';
import { quoteDigits, sumDecimals } from './decimal';
import { platformAmounts } from './totals';

/**
 * CSV exports of a quote: plain decimals (the quote's own strings, never
 * re-formatted), a header row, RFC 4180 quoting. Used by the app's export
 * buttons and by `npm run quote -- --csv`.
 */

/** Quotes a field when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text typed by a user could start a spreadsheet formula (=, +, -, @): such a
 * cell is prefixed with an apostrophe so it opens as text (OWASP CSV injection).
 */
export function csvText(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

function rows(lines: readonly (readonly string[])[]): string {
  return `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/**
 * Customer lines with their totals over the horizon, then a "Platform" row (its
 * cost has no revenue) and a "Total" row equal to the quote's totals.
 */
export function customersCsv(scenario: Scenario, quote: Quote): string {
  const header = [
    'id',
    'name',
    'count',
    'model',
    'bundle',
    'bandwidth',
    'vServices',
    'startMonth',
    'revenue',
    'cost',
    'commissions',
    'margin',
    'marginPct',
    'advisedTermMonths',
    'adviceSaving',
  ];
  if (!quote.totals) return rows([header]);
  const body = quote.customers.map((c, i) => {
    const line = scenario.customers[i]!;
    return [
      csvText(c.id),
      csvText(line.name),
      String(c.count),
      line.license.model,
      csvText(line.license.bundle),
      csvText(line.license.bandwidth),
      String(line.license.vServices),
      String(line.startMonth),
      c.totals.revenue,
      c.totals.cost,
      c.totals.commissions,
      c.totals.margin,
      c.totals.marginPct ?? '',
      c.advice ? String(c.advice.termMonths) : '',
      c.advice?.saving ?? '',
    ];
  });
  const p = platformAmounts(quote)!;
  const platform = [
    '',
    'Platform',
    '',
    '',
    '',
    '',
    '',
    '',
    p.revenue,
    p.cost,
    p.commissions,
    p.margin,
    p.marginPct ?? '',
    '',
    '',
  ];
  const t = quote.totals;
  const total = [
    '',
    'Total',
    '',
    '',
    '',
    '',
    '',
    '',
    t.revenue,
    t.cost,
    t.commissions,
    t.margin,
    t.marginPct ?? '',
    '',
    '',
  ];
  return rows([header, ...body, platform, total]);
}

/** The monthly series, one row a month, then a "Total" row. */
export function monthsCsv(quote: Quote): string {
  const header = [
    'month',
    'period',
    'revenue',
    'recurringRevenue',
    'costFixedTerm',
    'costPayg',
    'costApps',
    'costPlatform',
    'partnerCommission',
    'distributorCommission',
    'margin',
    'cumulativeMargin',
    'demandMbps',
  ];
  if (!quote.totals) return rows([header]);
  const digits = quoteDigits(quote);
  const m = quote.months;
  const col = (pick: (x: (typeof m)[number]) => string) => sumDecimals(m.map(pick), digits);
  const body = m.map((x) => [
    String(x.month),
    x.period,
    x.revenue,
    x.recurringRevenue,
    x.cost.fixedTerm,
    x.cost.payg,
    x.cost.apps,
    x.cost.platform,
    x.commissions.partner,
    x.commissions.distributor,
    x.margin,
    x.cumulativeMargin,
    String(x.demandMbps),
  ]);
  const total = [
    '',
    'Total',
    col((x) => x.revenue),
    col((x) => x.recurringRevenue),
    col((x) => x.cost.fixedTerm),
    col((x) => x.cost.payg),
    col((x) => x.cost.apps),
    col((x) => x.cost.platform),
    col((x) => x.commissions.partner),
    col((x) => x.commissions.distributor),
    col((x) => x.margin),
    '',
    '',
  ];
  return rows([header, ...body, total]);
}
