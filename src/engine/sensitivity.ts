/**
 * Sensitivity: the deal's margin and break-even months when one driver moves down and up
 * (−10 % / +10 %, or one month earlier / later for payment delays), every other input held.
 * Each figure is a whole quote by the engine on the changed scenario or table, so the tornado
 * chart shows exact amounts, never a linear estimate (docs/decisions/031-sensitivity.md).
 *
 * Scaled inputs are rounded the way their own type is written: Money to 6 decimals, percents
 * to 4, hours to 2, counts to whole customers, each half away from zero (PRICING.md §1).
 */
import { calculateQuote } from './calculate';
import { formatScaled, minorDigitsOf, parseScaled, roundDiv } from './money';
import type { Quote, QuoteOptions } from './quote-types';
import type { PriceTable, TieredPrice } from './schema/price-table';
import type { CustomerLine, Scenario } from './schema/scenario';

export type SensitivityDriverId =
  | 'default-markup'
  | 'payg-hours'
  | 'customer-counts'
  | 'vendor-prices'
  | 'commission-rates'
  | 'infrastructure'
  | 'customer-payment-delay'
  | 'vendor-payment-delay';

/** The figures a driver's move gives; null when the moved deal cannot be priced. */
export interface SensitivityPoint {
  /** What the input became, in words: "−10 %", "1 month later". */
  readonly move: string;
  readonly margin: string;
  readonly marginPct: string | null;
  readonly breakEvenMonth: number | null;
  /** `totals.cash.breakEvenMonth` (version-2 quotes), else null. */
  readonly cashBreakEvenMonth: number | null;
  readonly peakFunding: string | null;
}

export interface SensitivityDriver {
  readonly id: SensitivityDriverId;
  readonly label: string;
  readonly low: SensitivityPoint | null;
  readonly high: SensitivityPoint | null;
  /** |high.margin − low.margin| in the currency's minor digits, as a Money string. */
  readonly marginSwing: string;
  /** |high − low| of the cash break-even month (null when either is null). */
  readonly cashBreakEvenSwing: number | null;
}

export interface Sensitivity {
  readonly currency: string;
  readonly base: SensitivityPoint;
  /** Largest margin swing first; drivers that move only cash after them, by cash swing. */
  readonly drivers: SensitivityDriver[];
  /** Engine calls made (one for the base, two per driver). */
  readonly calls: number;
}

/** 10 % up and down, in thousandths. */
const DOWN = 900;
const UP = 1100;

/** The driver's scenario (and table) at a factor in thousandths, or null when it does not apply. */
type Mover = (
  scenario: Scenario,
  table: PriceTable,
  factor: number,
) => { scenario: Scenario; table: PriceTable } | null;

interface DriverSpec {
  readonly id: SensitivityDriverId;
  readonly label: string;
  /** Whether the deal has anything this driver moves. */
  readonly applies: (scenario: Scenario, table: PriceTable) => boolean;
  readonly down: Mover;
  readonly up: Mover;
  readonly moves: readonly [string, string];
}

// ------------------------------------------------------------------------------------------
// scaling primitives, each rounding as its type is written
// ------------------------------------------------------------------------------------------

function trimDecimals(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A Money string × factor/1000, rounded half away from zero to micros. */
export function scaleMoney(text: string, factor: number): string {
  const micros = parseScaled(text, 6);
  return trimDecimals(formatScaled(roundDiv(BigInt(micros) * BigInt(factor), 1000n), 6));
}

/** The largest markup (999.9999 %) and percent (100 %), at 4 decimals. */
const MAX_MARKUP_4 = 9_999_999;
const MAX_PCT_4 = 1_000_000;

/** A percent string × factor/1000, rounded to 4 decimals and capped at `max4` (4 decimals). */
export function scalePct(text: string, factor: number, max4: number): string {
  const scaled = roundDiv(BigInt(parseScaled(text, 4)) * BigInt(factor), 1000n);
  return trimDecimals(formatScaled(Math.min(scaled, max4), 4));
}

/** Hours × factor/1000, rounded to 2 decimals and capped at 744 (a month's hours). */
export function scaleHours(hours: number, factor: number): number {
  const hundredths = roundDiv(Math.round(hours * 100) * factor, 1000);
  return Math.min(hundredths, 74_400) / 100;
}

function scaleHoursField(value: number | readonly number[], factor: number): number | number[] {
  return typeof value === 'number'
    ? scaleHours(value, factor)
    : value.map((h) => scaleHours(h, factor));
}

function scaleCount(count: number, factor: number, min: number): number {
  return Math.max(min, roundDiv(count * factor, 1000));
}

// ------------------------------------------------------------------------------------------
// drivers
// ------------------------------------------------------------------------------------------

/** A line's changes over time (PRICING.md §7), when the scenario has them. */
interface ChangeLike {
  readonly fromMonth: number;
  readonly count?: number;
  readonly hoursPerMonth?: number | readonly number[];
  readonly [key: string]: unknown;
}

function changesOf(line: CustomerLine): readonly ChangeLike[] | undefined {
  return (line as CustomerLine & { changes?: readonly ChangeLike[] }).changes;
}

function withChanges(line: CustomerLine, changes: ChangeLike[] | undefined): CustomerLine {
  return changes === undefined ? line : ({ ...line, changes } as CustomerLine);
}

const defaultMarkup: DriverSpec = {
  id: 'default-markup',
  label: 'Default markup',
  applies: (s) =>
    s.customers.some((line) => line.sell === null) && s.pricing.defaultMarkupPct !== '0',
  down: (s, t, f) => markupAt(s, t, f),
  up: (s, t, f) => markupAt(s, t, f),
  moves: ['−10 %', '+10 %'],
};

function markupAt(s: Scenario, t: PriceTable, f: number) {
  return {
    scenario: {
      ...s,
      pricing: {
        ...s.pricing,
        defaultMarkupPct: scalePct(s.pricing.defaultMarkupPct, f, MAX_MARKUP_4),
      },
    },
    table: t,
  };
}

function isPaygHours(line: CustomerLine): boolean {
  return (
    line.license.model === 'payg' ||
    (changesOf(line) ?? []).some((c) => c.hoursPerMonth !== undefined)
  );
}

const paygHours: DriverSpec = {
  id: 'payg-hours',
  label: 'PAYG hours',
  applies: (s) => s.customers.some(isPaygHours),
  down: (s, t, f) => hoursAt(s, t, f),
  up: (s, t, f) => hoursAt(s, t, f),
  moves: ['−10 %', '+10 %'],
};

function hoursAt(s: Scenario, t: PriceTable, f: number) {
  const customers = s.customers.map((line) => {
    const license =
      line.license.model === 'payg'
        ? { ...line.license, hoursPerMonth: scaleHoursField(line.license.hoursPerMonth, f) }
        : line.license;
    const changes = changesOf(line)?.map((c) =>
      c.hoursPerMonth === undefined
        ? c
        : { ...c, hoursPerMonth: scaleHoursField(c.hoursPerMonth, f) },
    );
    return withChanges({ ...line, license } as CustomerLine, changes);
  });
  return { scenario: { ...s, customers }, table: t };
}

const customerCounts: DriverSpec = {
  id: 'customer-counts',
  label: 'Customer counts (and growth)',
  applies: (s) => s.customers.length > 0,
  down: (s, t, f) => countsAt(s, t, f),
  up: (s, t, f) => countsAt(s, t, f),
  moves: ['−10 %', '+10 %'],
};

function countsAt(s: Scenario, t: PriceTable, f: number) {
  const customers = s.customers.map((line) => {
    const changes = changesOf(line)?.map((c) =>
      c.count === undefined ? c : { ...c, count: scaleCount(c.count, f, 0) },
    );
    return withChanges({ ...line, count: scaleCount(line.count, f, 1) }, changes);
  });
  return { scenario: { ...s, customers }, table: t };
}

const vendorPrices: DriverSpec = {
  id: 'vendor-prices',
  label: 'Vendor prices',
  applies: () => true,
  down: (s, t, f) => ({ scenario: s, table: scaleTable(t, f) }),
  up: (s, t, f) => ({ scenario: s, table: scaleTable(t, f) }),
  moves: ['−10 %', '+10 %'],
};

function scaleTiered(price: TieredPrice, f: number): TieredPrice {
  return {
    ...price,
    tiers: price.tiers.map((tier) => ({
      ...tier,
      unitAmount: scaleMoney(tier.unitAmount, f),
      ...(tier.flatAmount === undefined || tier.flatAmount === null
        ? {}
        : { flatAmount: scaleMoney(tier.flatAmount, f) }),
    })),
  };
}

function scaleGrid(
  grid: Readonly<Record<string, Readonly<Record<string, string>>>>,
  f: number,
): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(grid).map(([bundle, row]) => [
      bundle,
      Object.fromEntries(Object.entries(row).map(([bw, price]) => [bw, scaleMoney(price, f)])),
    ]),
  );
}

/** Every Money value of the table × factor: the vendor's whole price list moves. */
export function scaleTable(t: PriceTable, f: number): PriceTable {
  const appPrices = <A extends { setupFee: string; monthlyFee: string; perUser: TieredPrice }>(
    a: A,
  ): A => ({
    ...a,
    setupFee: scaleMoney(a.setupFee, f),
    monthlyFee: scaleMoney(a.monthlyFee, f),
    perUser: scaleTiered(a.perUser, f),
  });
  return {
    ...t,
    platform: {
      ...t.platform,
      appliances: t.platform.appliances.map((a) => ({ ...a, price: scaleMoney(a.price, f) })),
    },
    service: {
      ...t.service,
      fixedTerm: {
        ...t.service.fixedTerm,
        monthlyList: scaleGrid(t.service.fixedTerm.monthlyList, f),
        extraVServiceMonthly: scaleMoney(t.service.fixedTerm.extraVServiceMonthly, f),
      },
      payg: {
        ...t.service.payg,
        hourly: scaleGrid(t.service.payg.hourly, f),
        extraVServiceHourly: scaleMoney(t.service.payg.extraVServiceHourly, f),
      },
    },
    apps: {
      ...t.apps,
      bundles: t.apps.bundles.map(appPrices),
      childApps: Object.fromEntries(
        Object.entries(t.apps.childApps).map(([id, a]) => [id, appPrices(a)]),
      ),
    },
  };
}

const commissionRates: DriverSpec = {
  id: 'commission-rates',
  label: 'Commission rates',
  applies: (s) =>
    s.customers.some((line) => line.partnerId !== null) &&
    (s.channel.distributors.some(
      (d) => positive(d.commissionPct) || positive(d.partnerCommissionPct),
    ) ||
      s.channel.partners.some((p) => positive(p.commissionPct))),
  down: (s, t, f) => ratesAt(s, t, f),
  up: (s, t, f) => ratesAt(s, t, f),
  moves: ['−10 %', '+10 %'],
};

function positive(pct: string | null): boolean {
  return pct !== null && parseScaled(pct, 4) > 0;
}

function ratesAt(s: Scenario, t: PriceTable, f: number) {
  const rate = (pct: string | null) => (pct === null ? null : scalePct(pct, f, MAX_PCT_4));
  return {
    scenario: {
      ...s,
      channel: {
        distributors: s.channel.distributors.map((d) => ({
          ...d,
          commissionPct: rate(d.commissionPct),
          partnerCommissionPct: rate(d.partnerCommissionPct),
        })),
        partners: s.channel.partners.map((p) => ({ ...p, commissionPct: rate(p.commissionPct) })),
      },
    },
    table: t,
  };
}

const infrastructure: DriverSpec = {
  id: 'infrastructure',
  label: 'Infrastructure cost',
  applies: (s) => parseScaled(s.platform.infraCostMonthly, 6) !== 0,
  down: (s, t, f) => infraAt(s, t, f),
  up: (s, t, f) => infraAt(s, t, f),
  moves: ['−10 %', '+10 %'],
};

function infraAt(s: Scenario, t: PriceTable, f: number) {
  return {
    scenario: {
      ...s,
      platform: { ...s.platform, infraCostMonthly: scaleMoney(s.platform.infraCostMonthly, f) },
    },
    table: t,
  };
}

interface BillingSide {
  readonly fixedTerm?: string;
  readonly paymentDelayMonths?: number;
}
interface BillingLike {
  readonly vendor?: BillingSide;
  readonly customers?: BillingSide;
}

function billingOf(s: Scenario): BillingLike {
  return (s as Scenario & { billing?: BillingLike }).billing ?? {};
}

/** Payment delays are 0 to 3 months (PRICING.md §8): a move past the range does not apply. */
function delayDriver(
  id: SensitivityDriverId,
  label: string,
  side: 'vendor' | 'customers',
): DriverSpec {
  const at = (s: Scenario, t: PriceTable, step: number) => {
    const billing = billingOf(s);
    const delay = (billing[side]?.paymentDelayMonths ?? 0) + step;
    if (delay < 0 || delay > 3) return null;
    const scenario = {
      ...s,
      billing: { ...billing, [side]: { ...billing[side], paymentDelayMonths: delay } },
    } as Scenario;
    return { scenario, table: t };
  };
  return {
    id,
    label,
    // cash exists only in version-2 quotes; the move is tried and dropped when it prices nothing
    applies: () => true,
    down: (s, t) => at(s, t, -1),
    up: (s, t) => at(s, t, 1),
    moves: ['1 month earlier', '1 month later'],
  };
}

const DRIVERS: readonly DriverSpec[] = [
  defaultMarkup,
  paygHours,
  customerCounts,
  vendorPrices,
  commissionRates,
  infrastructure,
  delayDriver('customer-payment-delay', 'Customers’ payment delay', 'customers'),
  delayDriver('vendor-payment-delay', 'Payment delay to the vendor', 'vendor'),
];

// ------------------------------------------------------------------------------------------

interface CashTotals {
  readonly breakEvenMonth: number | null;
  readonly peakFunding: string;
}

function pointOf(quote: Quote, move: string): SensitivityPoint | null {
  const totals = quote.totals;
  if (totals === null) return null;
  const cash = (totals as typeof totals & { cash?: CashTotals }).cash ?? null;
  return {
    move,
    margin: totals.margin,
    marginPct: totals.marginPct,
    breakEvenMonth: totals.breakEvenMonth,
    cashBreakEvenMonth: cash?.breakEvenMonth ?? null,
    peakFunding: cash?.peakFunding ?? null,
  };
}

/**
 * The deal's sensitivity to each driver it has. Null when the deal itself cannot be priced
 * (its quote has errors). Pure: every figure comes from `calculateQuote`.
 */
export function sensitivity(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
): Sensitivity | null {
  let calls = 1;
  const base = pointOf(calculateQuote(scenario, table, options), 'as planned');
  if (base === null) return null;
  const digits = minorDigitsOf(table.currency);
  const minorOf = (p: SensitivityPoint | null) =>
    p === null ? null : BigInt(parseScaled(p.margin, digits));

  const drivers: SensitivityDriver[] = [];
  for (const spec of DRIVERS) {
    if (!spec.applies(scenario, table)) continue;
    const price = (moved: ReturnType<Mover>, move: string) => {
      if (moved === null) return null;
      calls += 1;
      return pointOf(calculateQuote(moved.scenario, moved.table, options), move);
    };
    const low = price(spec.down(scenario, table, DOWN), spec.moves[0]);
    const high = price(spec.up(scenario, table, UP), spec.moves[1]);
    if (low === null && high === null) continue;
    const a = minorOf(low) ?? minorOf(base)!;
    const b = minorOf(high) ?? minorOf(base)!;
    const swing = a > b ? a - b : b - a;
    const cashLow = (low ?? base).cashBreakEvenMonth;
    const cashHigh = (high ?? base).cashBreakEvenMonth;
    const cashBreakEvenSwing =
      cashLow === null || cashHigh === null ? null : Math.abs(cashHigh - cashLow);
    // delays move only cash: a driver that changes nothing the quote shows is left out
    if (swing === 0n && !cashBreakEvenSwing && samePoint(low, base) && samePoint(high, base)) {
      continue;
    }
    drivers.push({
      id: spec.id,
      label: spec.label,
      low,
      high,
      marginSwing: formatScaled(swing, digits),
      cashBreakEvenSwing,
    });
  }
  const swingOf = (d: SensitivityDriver) => BigInt(parseScaled(d.marginSwing, digits));
  drivers.sort((x, y) => {
    const sx = swingOf(x);
    const sy = swingOf(y);
    if (sx !== sy) return sx > sy ? -1 : 1;
    return (y.cashBreakEvenSwing ?? 0) - (x.cashBreakEvenSwing ?? 0);
  });
  return { currency: table.currency, base, drivers, calls };
}

function samePoint(a: SensitivityPoint | null, b: SensitivityPoint): boolean {
  return (
    a === null ||
    (a.margin === b.margin &&
      a.breakEvenMonth === b.breakEvenMonth &&
      a.cashBreakEvenMonth === b.cashBreakEvenMonth &&
      a.peakFunding === b.peakFunding)
  );
}
