/**
 * Which prices changed between two price tables, and by how much (PRODUCT.md "Scenarios and
 * price books": diff two versions). Pure: no clock, no storage. Amounts are compared as exact
 * decimals (BigInt), so "12.5" and "12.50" are the same price and a change is never lost to
 * floating point.
 */
import type { PriceTable } from '../engine/index';

export interface PriceChange {
  /** The JSON path of the price in the newer table (the older one's when it was removed). */
  readonly path: string;
  /** What it is, for people: "Fixed-Term list, Advanced 1 Gbps". */
  readonly label: string;
  /** The older table's value, as written there; null when the price was added. */
  readonly old: string | null;
  /** The newer table's value, as written there; null when the price was removed. */
  readonly new: string | null;
  /**
   * (new − old) / old in percent, 2 decimals, half away from zero; null when the price was
   * added or removed, or the old price is zero.
   */
  readonly changePct: string | null;
}

interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

function parseDecimal(text: string): Decimal | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] === '-' ? -units : units, scale: fraction.length };
}

/** Both values as integers of the same scale. */
function aligned(a: Decimal, b: Decimal): [bigint, bigint] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale)];
}

function sameAmount(a: string, b: string): boolean {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return a === b;
  const [p, q] = aligned(x, y);
  return p === q;
}

/** n / d rounded to an integer, halves away from zero (d ≠ 0). */
function divRoundHalfAway(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  if ((an % ad) * 2n >= ad) q += 1n;
  return negative ? -q : q;
}

/** The change in percent with 2 decimals ("4.76", "-12.50"), or null when there is no base. */
export function changePercent(older: string, newer: string): string | null {
  const x = parseDecimal(older);
  const y = parseDecimal(newer);
  if (!x || !y) return null;
  const [o, n] = aligned(x, y);
  if (o === 0n) return null;
  const hundredths = divRoundHalfAway((n - o) * 10_000n, o);
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative && abs !== 0n ? '-' : ''}${whole}.${frac}`;
}

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

function at<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && own(record, key) ? record[key] : undefined;
}

/** Keys of both, the newer's order first, then the ones only the older has. */
function unionKeys(newer: readonly string[], older: readonly string[]): string[] {
  const seen = new Set(newer);
  return [...newer, ...older.filter((k) => !seen.has(k))];
}

/** `path.key`, or `path["a.b"]` when the key would be ambiguous in a dotted path. */
function quoteKey(path: string, key: string): string {
  return /^[^.[\]"\s]+$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

class Collector {
  readonly changes: PriceChange[] = [];

  compare(path: string, label: string, old: string | null, next: string | null): void {
    if (old === null && next === null) return;
    if (old !== null && next !== null && sameAmount(old, next)) return;
    this.changes.push({
      path,
      label,
      old,
      new: next,
      changePct: old !== null && next !== null ? changePercent(old, next) : null,
    });
  }
}

function byId<T extends { id: string }>(items: readonly T[], id: string): [T | undefined, number] {
  const index = items.findIndex((i) => i.id === id);
  return [index >= 0 ? items[index] : undefined, index];
}

function idsOf(newer: readonly { id: string }[], older: readonly { id: string }[]): string[] {
  return unionKeys(
    newer.map((i) => i.id),
    older.map((i) => i.id),
  );
}

function nameOf(
  id: string,
  ...lists: readonly (readonly { id: string; name: string }[])[]
): string {
  for (const list of lists) {
    const found = list.find((i) => i.id === id);
    if (found) return found.name;
  }
  return id;
}

type Tier = { upTo: number | null };

/** "up to 100 users", "over 1000 users": a tier named by its bounds, not its position. */
function tierLabel(tiers: readonly Tier[], index: number, unit: string): string {
  const tier = tiers[index]!;
  if (tier.upTo !== null) return `up to ${tier.upTo} ${unit}`;
  const previous = index > 0 ? tiers[index - 1]!.upTo : null;
  return previous === null ? `any number of ${unit}` : `over ${previous} ${unit}`;
}

/** Tiers matched by their upper bound; each side's position kept for its path. */
function matchTiers<T extends Tier>(
  newer: readonly T[],
  older: readonly T[],
): { newer?: T; newerIndex: number; older?: T; olderIndex: number }[] {
  const key = (t: Tier) => (t.upTo === null ? 'null' : String(t.upTo));
  const keys = unionKeys(newer.map(key), older.map(key));
  return keys.map((k) => {
    const ni = newer.findIndex((t) => key(t) === k);
    const oi = older.findIndex((t) => key(t) === k);
    return {
      ...(ni >= 0 ? { newer: newer[ni]! } : {}),
      newerIndex: ni,
      ...(oi >= 0 ? { older: older[oi]! } : {}),
      olderIndex: oi,
    };
  });
}

type PerUser = PriceTable['apps']['bundles'][number]['perUser'];

function perUserChanges(
  out: Collector,
  basePath: { newer: string | null; older: string | null },
  label: string,
  newer: PerUser | undefined,
  older: PerUser | undefined,
): void {
  const pairs = matchTiers(newer?.tiers ?? [], older?.tiers ?? []);
  for (const pair of pairs) {
    const useNewer = pair.newer !== undefined && basePath.newer !== null;
    const path = useNewer
      ? `${basePath.newer}.perUser.tiers[${pair.newerIndex}]`
      : `${basePath.older}.perUser.tiers[${pair.olderIndex}]`;
    const where = useNewer
      ? tierLabel(newer!.tiers, pair.newerIndex, 'users')
      : tierLabel(older!.tiers, pair.olderIndex, 'users');
    out.compare(
      `${path}.unitAmount`,
      `${label} per user, ${where}`,
      pair.older?.unitAmount ?? null,
      pair.newer?.unitAmount ?? null,
    );
    out.compare(
      `${path}.flatAmount`,
      `${label} flat amount, ${where}`,
      pair.older?.flatAmount ?? null,
      pair.newer?.flatAmount ?? null,
    );
  }
}

type AppPrices = PriceTable['apps']['childApps'][string];

function appPriceChanges(
  out: Collector,
  paths: { newer: string | null; older: string | null },
  label: string,
  newer: AppPrices | undefined,
  older: AppPrices | undefined,
): void {
  const path = (field: string) => `${paths.newer ?? paths.older}.${field}`;
  out.compare(
    path('setupFee'),
    `${label} setup fee`,
    older?.setupFee ?? null,
    newer?.setupFee ?? null,
  );
  out.compare(
    path('monthlyFee'),
    `${label} monthly fee`,
    older?.monthlyFee ?? null,
    newer?.monthlyFee ?? null,
  );
  perUserChanges(out, paths, label, newer?.perUser, older?.perUser);
}

/**
 * Every price that changed, was added or was removed from `older` to `newer`, in the order of
 * the table: fixed-term list prices per bundle and bandwidth, the extra vService prices, the
 * term discounts, PAYG hourly prices, appliances (price and support %), app bundles (setup,
 * monthly, per-user tiers), child apps and the white-label volume tiers. Names, features and
 * sizes are not prices and are not listed. `diffTables(t, t)` is empty.
 */
export function diffTables(older: PriceTable, newer: PriceTable): PriceChange[] {
  const out = new Collector();
  const os = older.service;
  const ns = newer.service;
  // look-ups by id in maps: a 200 × 200 grid is 40,000 cells, each naming its bundle and
  // bandwidth and sorted by bandwidth (issue 11: no list scan per cell)
  const bundleNames = new Map<string, string>();
  for (const b of [...os.bundles, ...ns.bundles]) bundleNames.set(b.id, b.name);
  const bundleName = (id: string) => bundleNames.get(id) ?? id;
  const bandwidthLabels = new Map<string, string>();
  for (const t of [...os.bandwidthTiers, ...ns.bandwidthTiers]) bandwidthLabels.set(t.id, t.label);
  const bandwidthLabel = (id: string) => bandwidthLabels.get(id) ?? id;
  const bandwidthOrder = idsOf(ns.bandwidthTiers, os.bandwidthTiers);
  const bandwidthRank = new Map(bandwidthOrder.map((id, i) => [id, i]));
  const rankOf = (id: string) => bandwidthRank.get(id) ?? bandwidthOrder.length;

  const grid = (
    path: string,
    label: string,
    o: Record<string, Record<string, string>>,
    n: Record<string, Record<string, string>>,
  ) => {
    for (const bundle of unionKeys(Object.keys(n), Object.keys(o))) {
      const orow = at(o, bundle);
      const nrow = at(n, bundle);
      const columns = unionKeys(Object.keys(nrow ?? {}), Object.keys(orow ?? {})).sort(
        (a, b) => rankOf(a) - rankOf(b),
      );
      for (const bandwidth of columns) {
        out.compare(
          quoteKey(quoteKey(path, bundle), bandwidth),
          `${label}, ${bundleName(bundle)} ${bandwidthLabel(bandwidth)}`,
          at(orow, bandwidth) ?? null,
          at(nrow, bandwidth) ?? null,
        );
      }
    }
  };

  grid(
    'service.fixedTerm.monthlyList',
    'Fixed-Term list',
    os.fixedTerm.monthlyList,
    ns.fixedTerm.monthlyList,
  );
  out.compare(
    'service.fixedTerm.extraVServiceMonthly',
    'Fixed-Term extra vService, monthly',
    os.fixedTerm.extraVServiceMonthly,
    ns.fixedTerm.extraVServiceMonthly,
  );
  const months = unionKeys(
    ns.fixedTerm.terms.map((t) => String(t.months)),
    os.fixedTerm.terms.map((t) => String(t.months)),
  ).sort((a, b) => Number(a) - Number(b));
  for (const m of months) {
    const ni = ns.fixedTerm.terms.findIndex((t) => String(t.months) === m);
    const oi = os.fixedTerm.terms.findIndex((t) => String(t.months) === m);
    out.compare(
      `service.fixedTerm.terms[${ni >= 0 ? ni : oi}].discountPct`,
      `Fixed-Term ${m}-month term discount %`,
      oi >= 0 ? os.fixedTerm.terms[oi]!.discountPct : null,
      ni >= 0 ? ns.fixedTerm.terms[ni]!.discountPct : null,
    );
  }
  grid('service.payg.hourly', 'PAYG hourly', os.payg.hourly, ns.payg.hourly);
  out.compare(
    'service.payg.extraVServiceHourly',
    'PAYG extra vService, hourly',
    os.payg.extraVServiceHourly,
    ns.payg.extraVServiceHourly,
  );

  const oa = older.platform.appliances;
  const na = newer.platform.appliances;
  for (const id of idsOf(na, oa)) {
    const [n, ni] = byId(na, id);
    const [o, oi] = byId(oa, id);
    const path = `platform.appliances[${n ? ni : oi}]`;
    const name = nameOf(id, na, oa);
    out.compare(`${path}.price`, `${name} price`, o?.price ?? null, n?.price ?? null);
    out.compare(
      `${path}.supportPctPerYear`,
      `${name} support % per year`,
      o?.supportPctPerYear ?? null,
      n?.supportPctPerYear ?? null,
    );
  }

  const ob = older.apps.bundles;
  const nb = newer.apps.bundles;
  for (const id of idsOf(nb, ob)) {
    const [n, ni] = byId(nb, id);
    const [o, oi] = byId(ob, id);
    appPriceChanges(
      out,
      {
        newer: n ? `apps.bundles[${ni}]` : null,
        older: o ? `apps.bundles[${oi}]` : null,
      },
      nameOf(id, nb, ob),
      n,
      o,
    );
  }

  const oc = older.apps.childApps;
  const nc = newer.apps.childApps;
  for (const id of unionKeys(Object.keys(nc), Object.keys(oc))) {
    const n = at(nc, id);
    const o = at(oc, id);
    const path = quoteKey('apps.childApps', id);
    appPriceChanges(
      out,
      { newer: n ? path : null, older: o ? path : null },
      `${nameOf(id, nb, ob)} child app`,
      n,
      o,
    );
  }

  const ow = older.apps.whiteLabelVolume.tiers;
  const nw = newer.apps.whiteLabelVolume.tiers;
  for (const pair of matchTiers(nw, ow)) {
    const useNewer = pair.newer !== undefined;
    const index = useNewer ? pair.newerIndex : pair.olderIndex;
    const where = tierLabel(useNewer ? nw : ow, index, 'instances');
    out.compare(
      `apps.whiteLabelVolume.tiers[${index}].discountPct`,
      `White-label volume discount %, ${where}`,
      pair.older?.discountPct ?? null,
      pair.newer?.discountPct ?? null,
    );
  }
  return out.changes;
}

/** `newer − older` exactly, written with the larger number of decimals ("62.50", "-3.1"). */
export function amountDifference(older: string, newer: string): string | null {
  const x = parseDecimal(older);
  const y = parseDecimal(newer);
  if (!x || !y) return null;
  const [o, n] = aligned(x, y);
  const scale = Math.max(x.scale, y.scale);
  const d = n - o;
  const abs = (d < 0n ? -d : d).toString().padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  const frac = abs.slice(abs.length - scale);
  return `${d < 0n ? '-' : ''}${whole}${scale > 0 ? `.${frac}` : ''}`;
}
