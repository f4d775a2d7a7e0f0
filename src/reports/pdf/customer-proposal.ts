/**
 * `customer-proposal`: the MSP's white-label proposal to one end customer (PRODUCT.md
 * "Documents and exports"). The MSP's brand only; the customer's own sell prices, recurring and
 * one-off, its term and totals. It never contains a cost, a margin, a commission, a partner or
 * distributor, another customer, the vendor's name or the price table's identity
 * (docs/decisions/013-pdf-documents.md): it is built from the scenario's brand, this one line,
 * and the line's revenue, and the table's names it shows are stripped of the vendor's name.
 */
import {
  customerSeries,
  type CustomerLine,
  type CustomerSeries,
  type Quote,
} from '../../engine/index';
import { fromUnits, sumDecimals, toUnits } from '../decimal';
import { drawChart, PALETTE } from './charts';
import {
  currencyName,
  customerLabels,
  LANGUAGE_LOCALES,
  type CustomerLabels,
} from './customer-labels';
import { drawCover } from './cover';
import { DocumentInputError } from './errors';
import type { DocWriter, Row, TableSpec } from './layout';
import { periodOf, priceSchedule } from './shape';
import type { DocContext } from './types';

export const CUSTOMER_PROPOSAL_TITLE = 'Service proposal';

export function customerProposalSteps(): number {
  // five sections, the price table and the invoice schedule
  return 7;
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
    customerLabels(ctx.lang).yourProvider
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

function termText(
  ctx: DocContext,
  L: CustomerLabels,
  line: CustomerLine,
  lastActive: number,
): string {
  const { fmt, quote } = ctx;
  const from = fmt.periodLong(periodOf(quote, line.startMonth));
  const l = line.license;
  if (l.model === 'fixed-term') {
    if (l.renew) return L.termRenewing(l.termMonths, from);
    const end = line.startMonth + l.termMonths - 1;
    // the term's own end, which may lie past the plan's horizon (the commitment section says so)
    return L.termFixed(l.termMonths, from, fmt.periodLong(periodAt(quote, end)));
  }
  if (l.convertTo !== null) {
    return L.termPaygConverting(
      from,
      fmt.periodLong(periodOf(quote, l.convertTo.atMonth)),
      l.convertTo.termMonths,
    );
  }
  return L.termPaygOpen(
    from,
    line.endMonth === null
      ? null
      : fmt.periodLong(periodOf(quote, Math.min(line.endMonth, lastActive))),
  );
}

/** Whether the customer's monthly charge follows the hours used (a PAYG line not sold at a fixed price). */
function byTheHour(line: CustomerLine): boolean {
  return line.license.model === 'payg' && line.sell?.mode !== 'fixed';
}

function billingText(ctx: DocContext, L: CustomerLabels, line: CustomerLine): string {
  const l = line.license;
  if (line.sell?.mode === 'fixed') return L.billingFixedSell;
  if (l.model === 'fixed-term') return L.billingFixedTerm;
  const hours = Array.isArray(l.hoursPerMonth)
    ? L.hoursSeasonal
    : L.hoursFlat(ctx.fmt.count(l.hoursPerMonth));
  return L.billingPayg(hours, l.convertTo !== null);
}

/**
 * The period `m` months after the plan's start, also past its horizon (a term that runs on):
 * "2029-12" for month 36 of a plan from January 2027.
 */
export function periodAt(quote: Quote, m: number): string {
  const first = quote.months[0]!.period;
  const [y, mo] = first.split('-').map(Number) as [number, number];
  const index = y * 12 + (mo - 1) + (m - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A fixed term the customer signs for: its months (also past the horizon) and what it costs. */
export interface Commitment {
  readonly termMonths: number;
  readonly fromMonth: number;
  /** The term's last month, counted from the plan's start: past the horizon when it runs on. */
  readonly toMonth: number;
  readonly renews: boolean;
  /** The monthly charge for all the line's customers: the term's last priced month. */
  readonly monthly: string;
  /** The monthly charge for one customer of the line (monthly ÷ count, exact). */
  readonly perUnit: string;
  /**
   * The whole term: the months priced in the plan as the quote priced them, and each month past
   * the horizon at the monthly charge (monthly × term months when the charge does not change).
   */
  readonly total: string;
  /** Whether the term runs past the plan's horizon. */
  readonly pastPlan: boolean;
}

/**
 * The fixed term a customer line commits to (its first term; a PAYG line's term after it
 * converts), priced for its full length; null for a PAYG line without one. Amounts come from the
 * engine's own month loop (`customerSeries`): each customer's month is rounded once there and
 * multiplied by the count, so the charge per customer is an exact division.
 */
export function commitmentOf(
  ctx: DocContext,
  line: CustomerLine,
  series: CustomerSeries,
): Commitment | null {
  const l = line.license;
  const term =
    l.model === 'fixed-term'
      ? { from: line.startMonth, months: l.termMonths, renews: l.renew }
      : l.convertTo !== null
        ? { from: l.convertTo.atMonth, months: l.convertTo.termMonths, renews: true }
        : null;
  if (term === null) return null;
  const to = term.from + term.months - 1;
  const priced = series.months.filter((m) => m.active && m.month >= term.from && m.month <= to);
  if (priced.length === 0) return null;
  const digits = ctx.digits;
  const monthly = priced[priced.length - 1]!.recurringRevenue;
  const beyond = Math.max(0, to - ctx.scenario.horizonMonths);
  const total = fromUnits(
    toUnits(
      sumDecimals(
        priced.map((m) => m.recurringRevenue),
        digits,
      ),
      digits,
    ) +
      toUnits(monthly, digits) * BigInt(beyond),
    digits,
  );
  const units = toUnits(monthly, digits);
  const count = BigInt(line.count);
  return {
    termMonths: term.months,
    fromMonth: term.from,
    toMonth: to,
    renews: term.renews,
    monthly,
    // the engine prices one customer and multiplies: the division is exact
    perUnit: fromUnits(units / count, digits),
    total,
    pastPlan: beyond > 0,
  };
}

/** The one-off items of a line, named: the setup of its apps, or a fixed one-off service fee. */
function oneOffLabel(ctx: DocContext, L: CustomerLabels, line: CustomerLine): string {
  if (line.sell?.mode === 'fixed') return L.oneOffServiceFee;
  const neutral = (text: string) => withoutVendor(text, ctx.table.vendorName);
  const apps = line.apps
    .map((a) => `${ctx.fmt.count(a.count)} × ${neutral(ctx.names.appBundle(a.bundle)) || a.bundle}`)
    .join(', ');
  return apps === '' ? L.oneOffCharges : L.oneOffSetup(apps);
}

/** How a line is invoiced (PRICING.md §8): a PAYG line that never converts is always monthly. */
export function invoiceModeOf(
  ctx: DocContext,
  line: CustomerLine,
): 'monthly' | 'annual' | 'upfront' {
  if (line.license.model === 'payg' && line.license.convertTo === null) return 'monthly';
  return line.billing ?? ctx.scenario.billing?.customers?.fixedTerm ?? 'monthly';
}

/** One row of the invoice schedule: one invoice, or a run of equal monthly invoices. */
export interface InvoiceRun {
  readonly fromMonth: number;
  readonly toMonth: number;
  /** The months the first invoice covers (a run's invoices each cover their own month). */
  readonly coversFrom: number;
  readonly coversTo: number;
  readonly invoices: number;
  /** Each invoice's amount, as the engine invoiced it. */
  readonly each: string;
  /** The run's amount: each × invoices. */
  readonly amount: string;
  readonly dueFrom: number;
  readonly dueTo: number;
}

/**
 * The line's invoices by month as the engine invoiced them (`customerSeries`, PRICING.md §8),
 * consecutive equal invoices that each cover their own month grouped into one row, so that 36
 * monthly invoices read as one line and an annual term as one row per year.
 */
export function invoiceRuns(series: CustomerSeries, digits: number): InvoiceRun[] {
  const runs: InvoiceRun[] = [];
  for (const m of series.months) {
    if (m.invoiceCoversTo === null) continue;
    const own = m.invoiceCoversTo === m.month;
    const prev = runs[runs.length - 1];
    if (
      prev &&
      own &&
      prev.coversTo === prev.coversFrom &&
      prev.fromMonth === prev.coversFrom &&
      prev.toMonth === m.month - 1 &&
      prev.each === m.invoiced
    ) {
      const invoices = prev.invoices + 1;
      runs[runs.length - 1] = {
        ...prev,
        toMonth: m.month,
        invoices,
        amount: fromUnits(toUnits(m.invoiced, digits) * BigInt(invoices), digits),
        dueTo: m.invoiceDue,
      };
      continue;
    }
    runs.push({
      fromMonth: m.month,
      toMonth: m.month,
      coversFrom: m.month,
      coversTo: m.invoiceCoversTo,
      invoices: 1,
      each: m.invoiced,
      amount: m.invoiced,
      dueFrom: m.invoiceDue,
      dueTo: m.invoiceDue,
    });
  }
  return runs;
}

/**
 * The customer's invoice schedule: when each amount is invoiced (monthly, annually in advance or
 * a whole term upfront) and when it is due, from the engine's invoices of this line. Within the
 * plan's horizon, like every amount of the proposal; its total is the line's total.
 */
function invoiceScheduleSection(
  w: DocWriter,
  ctx: DocContext,
  L: CustomerLabels,
  line: CustomerLine,
  series: CustomerSeries,
): Promise<void> {
  const { fmt, quote } = ctx;
  const runs = invoiceRuns(series, ctx.digits);
  if (runs.length === 0) return Promise.resolve();
  const delay = ctx.scenario.billing?.customers?.paymentDelayMonths ?? 0;
  const month = (m: number) => fmt.period(periodAt(quote, m));
  const span = (a: number, b: number) => (a === b ? month(a) : `${month(a)} – ${month(b)}`);
  const sentences = [L.invoicedHow(invoiceModeOf(ctx, line))];
  if (toUnits(series.totals.oneOffRevenue, ctx.digits) !== 0n) sentences.push(L.oneOffInvoiced);
  sentences.push(L.invoiceDue(delay));
  // the count and the amount of each invoice only when some row groups several invoices
  const grouped = runs.some((r) => r.invoices > 1);
  const body: Row[] = runs.map((r) => [
    span(r.fromMonth, r.toMonth),
    r.invoices > 1 ? L.ownMonth : span(r.coversFrom, r.coversTo),
    ...(grouped ? [fmt.count(r.invoices), fmt.money(r.each)] : []),
    fmt.money(r.amount),
    span(r.dueFrom, r.dueTo),
  ]);
  const count = runs.reduce((a, r) => a + r.invoices, 0);
  const spec: TableSpec = {
    stage: 'Invoices',
    columns: [
      { header: L.invoiceMonth, weight: 2.2 },
      { header: L.periodCovered, weight: 2.2 },
      ...(grouped
        ? [
            { header: L.invoices, weight: 1, align: 'right' as const },
            { header: L.perInvoice, weight: 1.6, align: 'right' as const },
          ]
        : []),
      { header: L.amount, weight: 1.6, align: 'right' },
      { header: L.due, weight: 2.2 },
    ],
    body,
    foot: [
      [
        L.total,
        '',
        ...(grouped ? [fmt.count(count), ''] : []),
        fmt.money(series.totals.revenue),
        '',
      ],
    ],
  };
  // the heading, its sentences and the table move to a new page together
  w.h1(L.invoiceSchedule, w.keepWith(spec, 14));
  w.para(sentences.join(' '));
  return w.table(spec).then(() => {
    // a line that runs on past the plan: its later invoices are not priced here
    const last = series.months[series.months.length - 1]!;
    const l = line.license;
    const ends =
      l.model === 'fixed-term' && !l.renew ? line.startMonth + l.termMonths - 1 : Infinity;
    const runsOn = Math.min(ends, line.endMonth ?? Infinity) > last.month;
    if (last.active && runsOn) w.note(L.scheduleUntil(fmt.period(last.period)));
  });
}

export async function writeCustomerProposal(w: DocWriter, ctx: DocContext): Promise<void> {
  const { scenario, fmt, names, table } = ctx;
  const L = customerLabels(ctx.lang);
  const money = fmt.money;
  const neutral = (text: string) => withoutVendor(text, table.vendorName);
  const { line, series } = customerOf(ctx);
  const brand = mspBrand(ctx);
  const contact = scenario.preparedFor.name.trim();

  drawCover(w, {
    kindLabel: L.kind,
    title: L.title,
    subtitle: L.subtitle(line.name),
    brandName: scenario.brand.name,
    logo: scenario.brand.logo,
    rows: [
      [L.preparedFor, line.name],
      [L.preparedBy, contact === '' ? brand : `${contact}, ${brand}`],
      [L.date, fmt.date(ctx.input.today)],
      [L.proposalNumber, ctx.proposalNumber],
      ctx.expired ? [L.prices, L.indicativeShort] : [L.validUntil, fmt.date(ctx.validUntil)],
    ],
  });
  await w.progress.step('Cover');

  const active = series.months.filter((m) => m.active);
  const first = active[0]!;
  const last = active[active.length - 1]!;

  // --- the service ---------------------------------------------------------------------------
  w.newPage();
  w.h1(L.yourService);
  w.para(L.intro(brand, line.name, fmt.periodLong(first.period), fmt.periodLong(last.period)));
  const l = line.license;
  const features = names
    .features(l.bundle)
    .map(neutral)
    .filter((f) => f !== '');
  const rows: [string, string][] = [
    [L.servicePackage, neutral(names.bundle(l.bundle)) || l.bundle],
  ];
  if (features.length > 0) rows.push([L.included, features.join(', ')]);
  rows.push(
    [L.bandwidth, neutral(names.bandwidth(l.bandwidth)) || l.bandwidth],
    [L.virtualServices, fmt.count(l.vServices)],
  );
  if (line.count > 1) rows.push([L.quantity, L.quantityValue(fmt.count(line.count))]);
  rows.push([L.term, termText(ctx, L, line, last.month)], [L.billing, billingText(ctx, L, line)]);
  if (line.apps.length > 0) {
    rows.push([
      L.apps,
      line.apps
        .map((a) =>
          L.appsItem(
            a.count,
            fmt.count(a.count),
            neutral(names.appBundle(a.bundle)) || a.bundle,
            fmt.count(a.usersPerApp),
          ),
        )
        .join('; '),
    ]);
  }
  w.keyValues(rows);
  await w.progress.step('Service');

  // --- prices --------------------------------------------------------------------------------
  w.h1(L.pricesHeading);
  const { runs, oneOff } = priceSchedule(series, ctx.digits);
  const oneOffName = oneOffLabel(ctx, L, line);
  const body: Row[] = [
    ...oneOff.map((o) => [`${oneOffName} (${fmt.period(o.period)})`, '', '', money(o.amount)]),
    ...runs.map((r) => [
      r.months === 1
        ? fmt.period(r.fromPeriod)
        : `${fmt.period(r.fromPeriod)} – ${fmt.period(r.toPeriod)}`,
      fmt.count(r.months),
      money(r.monthly),
      money(r.amount),
    ]),
  ];
  await w.table({
    stage: 'Prices',
    columns: [
      { header: L.period, weight: 2.6 },
      { header: L.months, weight: 0.9, align: 'right' },
      {
        header: line.count > 1 ? L.monthlyChargeAll(fmt.count(line.count)) : L.monthlyCharge,
        weight: 1.6,
        align: 'right',
      },
      { header: L.amount, weight: 1.6, align: 'right' },
    ],
    body,
    foot: [[L.total, fmt.count(active.length), '', money(series.totals.revenue)]],
  });
  if (byTheHour(line)) w.note(L.paygNote);
  const summary: [string, string][] = [
    [
      L.totalForPeriod,
      `${money(series.totals.revenue)} (${fmt.period(first.period)} – ${fmt.period(last.period)})`,
    ],
    [L.oneOffCharges, money(series.totals.oneOffRevenue)],
    [L.recurringCharges, money(series.totals.recurringRevenue)],
    [L.monthlyLastMonth, `${money(last.recurringRevenue)} (${fmt.period(last.period)})`],
  ];
  if (line.count > 1) {
    // each customer is priced once and multiplied by the count: the division is exact
    const each = toUnits(last.recurringRevenue, ctx.digits) / BigInt(line.count);
    summary.push([
      L.monthlyPerUnit(fmt.count(line.count)),
      `${money(fromUnits(each, ctx.digits))} (${fmt.period(last.period)})`,
    ]);
  }
  w.keyValues(summary);
  await w.progress.step('Prices');

  // --- the whole commitment ------------------------------------------------------------------
  const commitment = commitmentOf(ctx, line, series);
  if (commitment) {
    w.h1(L.commitment, 60);
    w.para(L.commitmentIntro(commitment.termMonths));
    const c: [string, string][] = [
      [
        L.term,
        L.commitmentTerm(
          commitment.termMonths,
          fmt.period(periodAt(ctx.quote, commitment.fromMonth)),
          fmt.period(periodAt(ctx.quote, commitment.toMonth)),
        ),
      ],
      [L.monthlyCharge, money(commitment.monthly)],
    ];
    if (line.count > 1)
      c.push([L.monthlyPerUnit(fmt.count(line.count)), money(commitment.perUnit)]);
    c.push([L.termTotal, money(commitment.total)]);
    w.keyValues(c);
    if (commitment.pastPlan) {
      w.note(
        L.pastPlan(
          commitment.termMonths,
          fmt.period(periodAt(ctx.quote, commitment.toMonth)),
          fmt.period(last.period),
        ),
      );
    }
    if (commitment.renews) w.note(L.renews(commitment.termMonths));
  }
  await invoiceScheduleSection(w, ctx, L, line, series);

  await w.progress.step('Commitment');

  // --- terms ---------------------------------------------------------------------------------
  w.h1(L.terms, 35);
  const currency = ctx.quote.currency;
  w.keyValues([
    [L.currency, L.currencyText(currencyName(currency, LANGUAGE_LOCALES[ctx.lang]), currency)],
    // an expired price list: no validity date (it would lie before the proposal's own date)
    ctx.expired
      ? [L.prices, L.indicativeText]
      : [L.validUntil, L.validUntilText(fmt.date(ctx.validUntil))],
    [L.priceReference, ctx.proposalNumber],
  ]);
  await w.progress.step('Terms');

  // one price from start to end draws a row of equal bars: the table says it better
  if (runs.length < 2 && oneOff.length === 0) return;
  drawChart(w, {
    title: L.chartTitle,
    labels: active.map((m) => fmt.period(m.period)),
    bars: [
      {
        label: L.monthlyCharge,
        color: w.theme.brandFill,
        values: active.map((m) => Number(m.recurringRevenue)),
      },
      ...(oneOff.length > 0
        ? [
            {
              label: L.oneOffCharges,
              color: PALETTE.neutral,
              values: active.map((m) => Number(m.oneOffRevenue)),
            },
          ]
        : []),
    ],
    axis: fmt.axis,
    height: 45,
    // on the last page: shrink to the room left rather than leave a near-empty page
    minHeight: 22,
  });
}
