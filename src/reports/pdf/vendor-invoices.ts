/**
 * The MSP proposal's invoice schedule to the vendor (PRICING.md §8, issue 14): what the MSP is
 * invoiced by the vendor month by month, following `billing.vendor` (Fixed-Term licenses
 * monthly, in annual blocks or a term upfront; PAYG usage, apps, appliances, support and main
 * apps in their own month), and when each invoice is paid. The amounts are the engine's
 * (`vendorInvoiceSeries`); their total is the quote's cost less the MSP's own infrastructure,
 * which the MSP pays to no vendor.
 */
import { vendorInvoiceSeries } from '../../engine/index';
import { fromUnits, toUnits } from '../decimal';
import type { DocWriter, Row, TableSpec } from './layout';
import type { DocContext } from './types';

/** One row: a month of the first year, or a later year. */
export interface VendorInvoiceRow {
  readonly fromPeriod: string;
  readonly toPeriod: string;
  /** Fixed-Term licenses invoiced in the period (blocks of later months included). */
  readonly licenses: string;
  /** PAYG usage, apps, appliances, support and main apps: each in its own month. */
  readonly other: string;
  readonly invoiced: string;
}

export interface VendorSchedule {
  readonly rows: readonly VendorInvoiceRow[];
  /** Everything the vendor invoices within the horizon. */
  readonly total: string;
  /** What of it is paid within the horizon (the quote's `cash.outVendor`), and after it. */
  readonly paidInHorizon: string;
  readonly paidAfter: string;
  /** The MSP's own infrastructure over the horizon: in the cost, never invoiced by the vendor. */
  readonly ownInfrastructure: string;
}

/**
 * The vendor's invoices: the first 12 months one by one, then a row per year. The part that is
 * not Fixed-Term licenses is the month's own vendor cost in the quote (usage, apps, platform
 * less the MSP's own infrastructure), so the licenses are the rest of the engine's invoice.
 */
export function vendorSchedule(ctx: DocContext): VendorSchedule | null {
  const invoices = vendorInvoiceSeries(ctx.scenario, ctx.table, ctx.options);
  if (invoices === null) return null;
  const d = ctx.digits;
  const u = (v: string) => toUnits(v, d);
  const months = ctx.quote.months.map((m, i) => {
    const invoiced = u(invoices[i]!.invoiced);
    const other = u(m.cost.payg) + u(m.cost.apps) + u(m.cost.platform) - u(m.cash.outInfra);
    return { period: m.period, invoiced, other, licenses: invoiced - other };
  });
  const rows: VendorInvoiceRow[] = [];
  const push = (group: typeof months) => {
    const sum = (pick: (m: (typeof months)[number]) => bigint) =>
      fromUnits(
        group.reduce((a, m) => a + pick(m), 0n),
        d,
      );
    rows.push({
      fromPeriod: group[0]!.period,
      toPeriod: group[group.length - 1]!.period,
      licenses: sum((m) => m.licenses),
      other: sum((m) => m.other),
      invoiced: sum((m) => m.invoiced),
    });
  };
  months.slice(0, 12).forEach((m) => push([m]));
  for (let start = 12; start < months.length; start += 12) push(months.slice(start, start + 12));
  const total = months.reduce((a, m) => a + m.invoiced, 0n);
  const paid = ctx.quote.months.reduce((a, m) => a + u(m.cash.outVendor), 0n);
  const infra = ctx.quote.months.reduce((a, m) => a + u(m.cash.outInfra), 0n);
  return {
    rows,
    total: fromUnits(total, d),
    paidInHorizon: fromUnits(paid, d),
    paidAfter: fromUnits(total - paid, d),
    ownInfrastructure: fromUnits(infra, d),
  };
}

const MODE_TEXT = {
  monthly: 'monthly, each month of a term on its own invoice',
  annual: 'annually in advance, up to 12 months of a term on one invoice',
  upfront: 'upfront, each term in full in its first month',
} as const;

export async function vendorInvoicesSection(w: DocWriter, ctx: DocContext): Promise<void> {
  const schedule = vendorSchedule(ctx);
  if (schedule === null) return;
  const { fmt, table, scenario } = ctx;
  const money = fmt.money;
  const vendor = scenario.billing?.vendor;
  const delay = vendor?.paymentDelayMonths ?? 0;
  const body: Row[] = schedule.rows.map((r) => [
    r.fromPeriod === r.toPeriod
      ? fmt.period(r.fromPeriod)
      : `${fmt.period(r.fromPeriod)} – ${fmt.period(r.toPeriod)}`,
    money(r.licenses),
    money(r.other),
    money(r.invoiced),
  ]);
  const spec: TableSpec = {
    stage: 'Vendor invoices',
    columns: [
      { header: 'Invoiced in', weight: 2.4 },
      { header: 'Fixed-Term licenses', weight: 1.8, align: 'right' },
      { header: 'Usage, apps, platform', weight: 1.8, align: 'right' },
      { header: 'Invoiced', weight: 1.8, align: 'right' },
    ],
    body,
    foot: [['Total', '', '', money(schedule.total)]],
  };
  // the heading, its paragraph and the table move to a new page together (about 3 lines)
  w.h1(`Invoices from ${table.vendorName}`, w.keepWith(spec, 16));
  w.para(
    `Fixed-Term licenses are invoiced ${MODE_TEXT[vendor?.fixedTerm ?? 'monthly']}; PAYG usage, app fees, appliances, support and the main apps are invoiced in their own month. ${
      delay === 0
        ? 'Each invoice is paid in the month it is issued.'
        : `Each invoice is paid ${delay} month${delay === 1 ? '' : 's'} after it is issued.`
    } The first 12 months are shown one by one, then each year.`,
  );
  await w.table(spec);
  w.keyValues([
    ['Total cost over the horizon', money(ctx.totals.cost)],
    ['less your own infrastructure', money(schedule.ownInfrastructure)],
    [`Invoiced by ${table.vendorName}`, money(schedule.total)],
    ['of which paid within the horizon', money(schedule.paidInHorizon)],
    ['paid after the horizon', money(schedule.paidAfter)],
  ]);
}
