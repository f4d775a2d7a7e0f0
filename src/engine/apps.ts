/**
 * White-label and other apps (PRICING.md §5 step 2 and "White-label volume
 * discount"): per-instance setup, monthly and per-user amounts, each rounded
 * once, and the rank-based volume discount of standalone white-label apps.
 */
import { type CompiledApp, type CompiledTable, WHITE_LABEL } from './compile-table';
import { microsToMinor } from './money';
import { discounted } from './prices';
import type { AppEntry } from './schema/scenario';
import { tieredMicros } from './tiered';

/** App amounts in minor units: setup (first month) and recurring (every active month). */
export interface AppAmounts {
  readonly setup: number;
  readonly recurring: number;
}

/** A standalone white-label entry: its instances' amounts depend on their discount. */
export interface WhiteLabelEntry {
  readonly count: number;
  /** One instance's amounts at a discount (Pct4), memoised. */
  readonly amountsAt: (discountPct: number) => AppAmounts;
}

/** The apps one holder (the MSP, or one customer copy) has. */
export interface HolderApps {
  /** Apps that take no volume discount, summed over their instances. */
  readonly plain: AppAmounts;
  readonly whiteLabel: readonly WhiteLabelEntry[];
  /** Standalone white-label instances of the holder. */
  readonly whiteLabelInstances: number;
}

const NO_APPS: HolderApps = {
  plain: { setup: 0, recurring: 0 },
  whiteLabel: [],
  whiteLabelInstances: 0,
};

function plainAmounts(t: CompiledTable, app: CompiledApp, users: number): AppAmounts {
  return {
    setup: microsToMinor(app.setup, t.minorDigits),
    recurring:
      microsToMinor(app.monthly, t.minorDigits) +
      microsToMinor(tieredMicros(users, app.perUser), t.minorDigits),
  };
}

function whiteLabelAmounts(t: CompiledTable, app: CompiledApp, users: number) {
  const volume = t.whiteLabelVolume;
  const memo = new Map<number, AppAmounts>();
  const usersMicros = tieredMicros(users, app.perUser);
  return (pct: number): AppAmounts => {
    let hit = memo.get(pct);
    if (!hit) {
      // the discount applies to the fees `appliesTo` names, before rounding
      hit = {
        setup: discounted(t, app.setup, volume.onSetup ? pct : 0),
        recurring:
          discounted(t, app.monthly, volume.onMonthly ? pct : 0) +
          discounted(t, usersMicros, volume.onPerUser ? pct : 0),
      };
      memo.set(pct, hit);
    }
    return hit;
  };
}

/** Splits a holder's app entries into plain amounts and white-label entries. */
export function holderApps(t: CompiledTable, apps: readonly AppEntry[]): HolderApps {
  if (apps.length === 0) return NO_APPS;
  let setup = 0;
  let recurring = 0;
  const whiteLabel: WhiteLabelEntry[] = [];
  for (const entry of apps) {
    if (entry.count === 0) continue;
    if (entry.provisioning === 'standalone' && entry.bundle === WHITE_LABEL) {
      const app = t.appBundles.get(entry.bundle)!;
      whiteLabel.push({
        count: entry.count,
        amountsAt: whiteLabelAmounts(t, app, entry.usersPerApp),
      });
      continue;
    }
    const app =
      entry.provisioning === 'child'
        ? t.childApps.get(entry.bundle)!
        : t.appBundles.get(entry.bundle)!;
    const a = plainAmounts(t, app, entry.usersPerApp);
    setup += entry.count * a.setup;
    recurring += entry.count * a.recurring;
  }
  return {
    plain: { setup, recurring },
    whiteLabel,
    whiteLabelInstances: whiteLabel.reduce((n, e) => n + e.count, 0),
  };
}

/** The volume tier (its index) that a quantity or a rank falls in. */
export function volumeTierIndex(t: CompiledTable, q: number): number {
  const tiers = t.whiteLabelVolume.tiers;
  const i = tiers.findIndex((tier) => tier.upTo === null || q <= tier.upTo);
  return i < 0 ? tiers.length - 1 : i;
}

/**
 * White-label amounts of one holder whose instances take ranks `firstRank`,
 * `firstRank + 1`, … in a month with `total` active instances: in `volume`
 * mode every instance at the tier of `total`; in `graduated` mode each
 * instance at the tier of its own rank.
 */
export function whiteLabelAt(
  t: CompiledTable,
  entries: readonly WhiteLabelEntry[],
  firstRank: number,
  total: number,
): AppAmounts {
  const volume = t.whiteLabelVolume;
  let setup = 0;
  let recurring = 0;
  let rank = firstRank;
  for (const entry of entries) {
    if (volume.mode === 'volume') {
      const a = entry.amountsAt(volume.tiers[volumeTierIndex(t, total)]!.pct);
      setup += entry.count * a.setup;
      recurring += entry.count * a.recurring;
      continue;
    }
    // graduated: tier segment by segment
    let left = entry.count;
    while (left > 0) {
      const tier = volume.tiers[volumeTierIndex(t, rank)]!;
      const inTier = tier.upTo === null ? left : Math.min(left, tier.upTo - rank + 1);
      const a = entry.amountsAt(tier.pct);
      setup += inTier * a.setup;
      recurring += inTier * a.recurring;
      rank += inTier;
      left -= inTier;
    }
  }
  return { setup, recurring };
}

/** What ranking needs of a customer line. */
export interface WhiteLabelHolderLine {
  readonly start: number;
  readonly end: number;
  readonly count: number;
  /** The line's customers by month (index = month), all its cohorts; null: `count` from start to end. */
  readonly customers: ArrayLike<number> | null;
  readonly whiteLabelPerCopy: number;
}

/**
 * Ranks the active standalone white-label instances month by month: main apps
 * first (active every month), then customer lines in order, copy by copy (a line's cohorts
 * oldest first, PRICING.md §7). Returns each holding line's first rank per month and the
 * month's total N.
 */
export function rankWhiteLabel<L extends WhiteLabelHolderLine>(
  lines: readonly L[],
  mainInstances: number,
  horizonMonths: number,
): { firstRank: Map<L, Float64Array>; total: number[] } {
  const holders = lines.filter((l) => l.whiteLabelPerCopy > 0);
  const firstRank = new Map<L, Float64Array>();
  for (const l of holders) firstRank.set(l, new Float64Array(horizonMonths + 1));
  const total = new Array<number>(horizonMonths + 1).fill(mainInstances);
  for (let m = 1; m <= horizonMonths; m++) {
    let taken = mainInstances;
    for (const l of holders) {
      const customers =
        l.customers !== null ? (l.customers[m] ?? 0) : m >= l.start && m <= l.end ? l.count : 0;
      if (customers === 0) continue;
      firstRank.get(l)![m] = taken + 1;
      taken += customers * l.whiteLabelPerCopy;
    }
    total[m] = taken;
  }
  return { firstRank, total };
}
