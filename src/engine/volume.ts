/**
 * The white-label volume discount as the Apps step shows it (PRICING.md §5, "White-label volume
 * discount"): the table's tiers, the tier the deal reaches in its peak month, and what the next
 * tier would save (docs/decisions/009-white-label-volume-saving.md).
 *
 * Pure, like `calculateQuote`, and with the same arguments: the instances are counted by the
 * ranking the quote itself uses (`rankWhiteLabel`), and the saving is the difference of two
 * quotes' `totals.cost`, so every figure here is one the engine would bill.
 */
import { withVolumeTiers } from './table-variants';
import { holderApps, rankWhiteLabel, volumeTierIndex } from './apps';
import { calculateQuote } from './calculate';
import { monthsOf } from './calendar';
import { compileTable } from './compile-table';
import { createLinePlanner } from './lines';
import { formatScaled, parsePct, parseScaled } from './money';
import type { QuoteOptions } from './quote-types';
import type { PriceTable } from './schema/price-table';
import type { Scenario } from './schema/scenario';

type VolumeTable = PriceTable['apps']['whiteLabelVolume'];

/** One tier of `apps.whiteLabelVolume`, with the first instance count it covers. */
export interface WhiteLabelVolumeTier {
  /** 0-based position in the table's tiers. */
  readonly index: number;
  /** The first instance count (or rank) in the tier: the previous `upTo` + 1, or 1. */
  readonly from: number;
  /** The last one, inclusive; null for the open last tier. */
  readonly upTo: number | null;
  /** The table's percent string, e.g. "12.5". */
  readonly discountPct: string;
}

/** The tier after the one reached, and what pricing the deal at it would save. */
export interface WhiteLabelVolumeNext {
  readonly index: number;
  readonly from: number;
  readonly discountPct: string;
  /** Instances to add to the peak month to reach the tier: `from − peakInstances`. */
  readonly instancesToGo: number;
  /**
   * The decrease in the quote's `totals.cost` if every month's white-label discount were at
   * least this tier's (ADR 009): an amount in the currency's minor digits, like the quote's.
   */
  readonly saving: string;
}

export interface WhiteLabelVolume {
  readonly mode: VolumeTable['mode'];
  /** The fees the discount applies to (`setupFee`, `monthlyFee`, `perUser`). */
  readonly appliesTo: VolumeTable['appliesTo'];
  readonly currency: string;
  /** Active standalone white-label instances in each month, month 1 first. */
  readonly instancesByMonth: readonly number[];
  /** The most instances active in one month (0 when the deal has none). */
  readonly peakInstances: number;
  /** The first month with that many (1-based), and its period `YYYY-MM`. */
  readonly peakMonth: number;
  readonly peakPeriod: string;
  readonly tiers: readonly WhiteLabelVolumeTier[];
  /** The index of the tier `peakInstances` falls in (the first tier when there are none). */
  readonly reached: number;
  /** Null when the last tier is reached. */
  readonly next: WhiteLabelVolumeNext | null;
}

function tiersOf(volume: VolumeTable): WhiteLabelVolumeTier[] {
  let from = 1;
  return volume.tiers.map((tier, index) => {
    const out = { index, from, upTo: tier.upTo, discountPct: tier.discountPct };
    if (tier.upTo !== null) from = tier.upTo + 1;
    return out;
  });
}

/** The table with every white-label tier's discount raised to at least `pct`. */
function withDiscountAtLeast(table: PriceTable, pct: string): PriceTable {
  const floor = parsePct(pct);
  return withVolumeTiers(table, (tier) =>
    parsePct(tier.discountPct) >= floor ? tier : { ...tier, discountPct: pct },
  );
}

/**
 * The white-label volume figures of a scenario on a table: null when its quote has errors (or
 * no totals), as there is then nothing priced to discount.
 */
export function whiteLabelVolume(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
): WhiteLabelVolume | null {
  const quote = calculateQuote(scenario, table, options);
  if (quote.totals === null || quote.issues.some((i) => i.level === 'error')) return null;

  // count the instances exactly as the quote ranks them: main apps every month, then the lines
  const t = compileTable(table);
  const H = scenario.horizonMonths;
  const planLine = createLinePlanner(scenario, t);
  const plans = scenario.customers.map((line, index) => planLine(line, index));
  const main = holderApps(t, scenario.mainApps);
  const { total } = rankWhiteLabel(plans, main.whiteLabelInstances, H);

  const instancesByMonth = total.slice(1, H + 1);
  let peakInstances = 0;
  let peakMonth = 1;
  instancesByMonth.forEach((n, i) => {
    if (n > peakInstances) {
      peakInstances = n;
      peakMonth = i + 1;
    }
  });

  const volume = table.apps.whiteLabelVolume;
  const tiers = tiersOf(volume);
  const reached = peakInstances === 0 ? 0 : volumeTierIndex(t, peakInstances);
  const following = tiers[reached + 1];
  let next: WhiteLabelVolumeNext | null = null;
  if (following) {
    const raised = calculateQuote(
      scenario,
      withDiscountAtLeast(table, following.discountPct),
      options,
    );
    // the raised table changes no rule, so it prices whenever the quote did
    if (raised.totals === null) return null;
    const cost = (amount: string) => parseScaled(amount, t.minorDigits);
    next = {
      index: following.index,
      from: following.from,
      discountPct: following.discountPct,
      instancesToGo: following.from - peakInstances,
      saving: formatScaled(cost(quote.totals.cost) - cost(raised.totals.cost), t.minorDigits),
    };
  }

  return {
    mode: volume.mode,
    appliesTo: volume.appliesTo,
    currency: table.currency,
    instancesByMonth,
    peakInstances,
    peakMonth,
    peakPeriod: monthsOf(scenario.startPeriod, H)[peakMonth - 1]!.period,
    tiers,
    reached,
    next,
  };
}
