import {
  formatScaled,
  minorDigitsOf,
  parseMicros,
  roundDiv,
  type PriceTable,
  type Quote,
  type Scenario,
} from '../../engine/index';

/** What the platform costs in one month, by part; amounts are decimal strings of the currency. */
export interface PlatformCostMonth {
  readonly month: number;
  readonly period: string;
  readonly appliances: string;
  readonly support: string;
  readonly infrastructure: string;
  readonly mainApps: string;
  /** The quote's `months[].cost.platform`. */
  readonly total: string;
}

export interface PlatformCosts {
  readonly months: readonly PlatformCostMonth[];
  /** The sums over the horizon, by part. */
  readonly totals: Omit<PlatformCostMonth, 'month' | 'period'>;
  /** False when the parts could not be told apart: then only `total` is meaningful. */
  readonly split: boolean;
}

/**
 * The platform's cost by month, from the quote: the quote carries one `cost.platform` per
 * month, which PRICING.md §5 makes of appliances (`count × round(price)` in month 1), support
 * (`count × round(price × supportPctPerYear / 100)` in months 1, 13, 25, …), infrastructure
 * (`round(infraCostMonthly)` every month) and the main apps. The first three are recomputed
 * here from the quote's appliance count and the table with the engine's own rounding
 * (`roundDiv`); the main apps are what remains of the quote's figure, so the parts always add
 * up to it exactly. If a remainder came out negative (a table the split does not know), the
 * split is dropped and only the quote's totals are shown.
 */
export function platformCosts(
  quote: Quote,
  scenario: Scenario,
  table: PriceTable,
): PlatformCosts | null {
  if (quote.totals === null || quote.months.length === 0) return null;
  const digits = minorDigitsOf(quote.currency);
  const toMinor = (micros: number | bigint) => BigInt(roundDiv(micros, 10 ** (6 - digits)));
  const parse = (text: string) => BigInt(parseMinor(text, digits));

  const chosen = quote.platform?.appliances ?? null;
  const appliance = chosen ? table.platform.appliances.find((a) => a.id === chosen.id) : undefined;
  const count = BigInt(chosen?.count ?? 0);
  let unit = 0n;
  let support = 0n;
  if (appliance) {
    const price = BigInt(parseMicros(appliance.price));
    unit = toMinor(price);
    // price (micros) × percent (4 decimals) / 100 → minor units, rounded once
    const pct = BigInt(parseScaledPct(appliance.supportPctPerYear));
    support = BigInt(roundDiv(price * pct, 100n * 10_000n * 10n ** BigInt(6 - digits)));
  }
  const infra = toMinor(BigInt(parseMicros(scenario.platform.infraCostMonthly)));

  let split = true;
  const sums = { appliances: 0n, support: 0n, infrastructure: 0n, mainApps: 0n, total: 0n };
  const rows = quote.months.map((m) => {
    const total = parse(m.cost.platform);
    const parts = {
      appliances: m.month === 1 ? count * unit : 0n,
      support: m.month % 12 === 1 ? count * support : 0n,
      infrastructure: infra,
    };
    const mainApps = total - parts.appliances - parts.support - parts.infrastructure;
    if (mainApps < 0n) split = false;
    sums.appliances += parts.appliances;
    sums.support += parts.support;
    sums.infrastructure += parts.infrastructure;
    sums.mainApps += mainApps;
    sums.total += total;
    return { month: m.month, period: m.period, ...parts, mainApps, total };
  });
  const text = (n: bigint) => formatScaled(n, digits);
  return {
    split,
    months: rows.map((r) => ({
      month: r.month,
      period: r.period,
      appliances: text(r.appliances),
      support: text(r.support),
      infrastructure: text(r.infrastructure),
      mainApps: text(r.mainApps),
      total: text(r.total),
    })),
    totals: {
      appliances: text(sums.appliances),
      support: text(sums.support),
      infrastructure: text(sums.infrastructure),
      mainApps: text(sums.mainApps),
      total: text(sums.total),
    },
  };
}

/** A quote amount ("-12.50", minor digits of the currency) as an integer of minor units. */
function parseMinor(text: string, digits: number): number {
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  const value = Number(int + frac.padEnd(digits, '0'));
  return negative ? -value : value;
}

/** A percent string ("18", "12.5") at 4 decimals: 18 → 180000. */
function parseScaledPct(text: string): number {
  const [int = '0', frac = ''] = text.split('.');
  return Number(int + frac.padEnd(4, '0'));
}
