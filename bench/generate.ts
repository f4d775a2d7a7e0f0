/**
 * A deterministic scenario generator for the engine benchmark.
 *
 * `generateScenario(lines, months, seed, table)` builds a scenario of `lines`
 * customer lines over `months` months, priced on `table` (by default the sample
 * table `pricing-data/tr7-service-provider/USD/2026.11.json`). Every id it uses
 * (bundles, bandwidths, terms, environments, app bundles, child apps) is read from
 * the table, so the scenario is valid for whichever table is passed in.
 *
 * The same (lines, months, seed, table) always gives the same scenario: the
 * randomness comes from a seeded PRNG (mulberry32), never from Math.random.
 *
 * The mix aims at what an MSP's plan looks like, not at the worst case:
 * - ~55 % fixed-term lines (terms from the table, ~70 % renewing);
 * - ~35 % PAYG lines that stay PAYG (flat hours or a 12-month seasonal profile,
 *   ~30 % of them with an end month);
 * - ~10 % PAYG lines that convert to a fixed term (`convertTo`);
 * - counts 1–40 (half single customers, the rest segments), starts spread over
 *   the horizon (a third in month 1), vServices around the bundle's included ones;
 * - sell modes null / markup / margin / fixed, ~25 % direct lines and the rest
 *   through a channel of 2 distributors and 4 partners;
 * - ~20 % of lines with apps: child apps (the lowest-ranked child app bundle, the
 *   table's "full-feature"), standalone non-white-label apps ("enterprise"), and a
 *   few standalone white-label apps; one main white-label app.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PriceTableSchema, type PriceTable } from '../src/engine/index';
import type { AppEntry, CustomerLine, License, Scenario, Sell } from '../src/engine/index';

export const SAMPLE_TABLE_PATH = fileURLToPath(
  new URL('../pricing-data/tr7-service-provider/USD/2026.11.json', import.meta.url),
);

/** The white-label app bundle id is part of the contract (PRICING.md §3), not of a table. */
const WHITE_LABEL = 'white-label';

let sampleTable: PriceTable | null = null;

/** The sample price table, read and parsed once. */
export function loadSampleTable(): PriceTable {
  sampleTable ??= PriceTableSchema.parse(JSON.parse(readFileSync(SAMPLE_TABLE_PATH, 'utf8')));
  return sampleTable;
}

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rng {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [lo, hi], both inclusive. */
  readonly int: (lo: number, hi: number) => number;
  readonly chance: (p: number) => boolean;
  readonly pick: <T>(items: readonly T[]) => T;
  /** Picks items[i] with probability weights[i] / Σ weights. */
  readonly weighted: <T>(items: readonly T[], weights: readonly number[]) => T;
}

function rngOf(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('generate: nothing to pick from');
    return items[int(0, items.length - 1)]!;
  };
  const weighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  };
  return { next, int, chance: (p) => next() < p, pick, weighted };
}

/** A decimal string with 2 decimals (Money) from a float, for generated sell prices. */
const money2 = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
/** Hours with at most 2 decimals, clamped to 0–744. */
const hours2 = (x: number) => Math.min(744, Math.max(0, Math.round(x * 100) / 100));

/** Weights that favour the first items: 1, 1/2, 1/3, … */
const falling = (n: number) => Array.from({ length: n }, (_, i) => 1 / (i + 1));

export interface GenerateOptions {
  /**
   * Version 2 (PRICING.md §7, §8): about a third of the lines carry changes over time (counts
   * that rise and fall, a capacity change, new hours on PAYG lines) and billing is mixed (the
   * vendor bills fixed terms upfront and is paid a month late; customers pay monthly a month
   * late; a quarter of the lines are billed annually or upfront). Drawn from a second PRNG so
   * the version-1 part of the scenario is the same with or without it.
   */
  readonly version2?: boolean;
}

export function generateScenario(
  lines: number,
  months: number,
  seed = 1,
  table: PriceTable = loadSampleTable(),
  options: GenerateOptions = {},
): Scenario {
  if (!Number.isInteger(lines) || lines < 0) throw new RangeError(`lines must be ≥ 0: ${lines}`);
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new RangeError(`months must be 1 to 120: ${months}`);
  }
  const rng = rngOf(seed);
  const H = months;

  // --- what the table offers ---
  const bundles = [...table.service.bundles].sort((a, b) => a.rank - b.rank);
  const bandwidths = [...table.service.bandwidthTiers].sort((a, b) => a.mbps - b.mbps);
  const terms = [...table.service.fixedTerm.terms].sort((a, b) => a.months - b.months);
  const maxVServices = table.service.maxVServices;
  const both = (models: readonly string[]) =>
    models.includes('fixed-term') && models.includes('payg');
  const environment =
    table.platform.environments.find((e) => e.kind !== 'hardware' && both(e.licenseModels)) ?? null;
  if (environment === null) {
    throw new Error('generate: the table has no virtual or cloud environment allowing both models');
  }
  const appRank = new Map(table.apps.bundles.map((b) => [b.id, b.rank]));
  if (!appRank.has(WHITE_LABEL)) throw new Error(`generate: the table has no "${WHITE_LABEL}" app`);
  // child apps, lowest rank first ("full-feature" in the sample table)
  const childIds = Object.keys(table.apps.childApps).sort(
    (a, b) => (appRank.get(a) ?? 0) - (appRank.get(b) ?? 0),
  );
  // standalone apps other than white-label, highest rank first ("enterprise")
  const standaloneIds = table.apps.bundles
    .filter((b) => b.id !== WHITE_LABEL)
    .sort((a, b) => b.rank - a.rank)
    .map((b) => b.id);

  // term weights: 12 and 36 months are the common commitments, 1-month the rare one
  const termWeight = (m: number) => (m === 12 || m === 36 ? 4 : m === 24 ? 3 : m === 1 ? 0.5 : 1);

  // --- the channel: 2 distributors, 4 partners ---
  const channel: Scenario['channel'] = {
    distributors: [
      { id: 'd1', name: 'Bluepeak Distribution', commissionPct: '3', partnerCommissionPct: '8' },
      { id: 'd2', name: 'Adriatic Channel', commissionPct: null, partnerCommissionPct: '7.5' },
    ],
    partners: [
      { id: 'p1', name: 'Harbourline IT', distributorId: 'd1', commissionPct: null },
      { id: 'p2', name: 'Vistula Systems', distributorId: 'd1', commissionPct: '9.5' },
      { id: 'p3', name: 'Kestrel Cloud', distributorId: 'd2', commissionPct: null },
      { id: 'p4', name: 'Northgate Direct', distributorId: null, commissionPct: '5' },
    ],
  };
  const partnerIds = channel.partners.map((p) => p.id);

  const startOf = () => (rng.chance(1 / 3) ? 1 : rng.int(1, H));

  const licenseOf = (bundle: string, bandwidth: string, vServices: number, start: number) => {
    const roll = rng.next();
    if (roll < 0.55) {
      const license: License = {
        model: 'fixed-term',
        bandwidth,
        bundle,
        vServices,
        termMonths: rng.weighted(
          terms.map((t) => t.months),
          terms.map((t) => termWeight(t.months)),
        ),
        renew: rng.chance(0.7),
      };
      return { license, endMonth: null };
    }
    let hoursPerMonth: number | number[];
    if (rng.chance(0.6)) {
      hoursPerMonth = rng.chance(0.5)
        ? rng.pick([100, 200, 300, 360, 500, 720, 744])
        : rng.int(40, 744);
      if (rng.chance(0.2)) hoursPerMonth = hours2(hoursPerMonth - 0.25);
    } else {
      // a seasonal profile: a base load with a peak season around one calendar month
      const base = rng.int(60, 400);
      const peak = rng.int(0, 11);
      const amplitude = rng.int(100, 500);
      hoursPerMonth = Array.from({ length: 12 }, (_, month) => {
        const distance = Math.min(Math.abs(month - peak), 12 - Math.abs(month - peak));
        return hours2(base + amplitude * Math.max(0, 1 - distance / 3) + rng.next() * 10);
      });
    }
    const convert = roll >= 0.9 && start < H;
    const license: License = {
      model: 'payg',
      bandwidth,
      bundle,
      vServices,
      hoursPerMonth,
      convertTo: convert
        ? {
            atMonth: rng.int(start + 1, H),
            termMonths: rng.weighted(
              terms.map((t) => t.months),
              terms.map((t) => termWeight(t.months)),
            ),
          }
        : null,
    };
    const endMonth = !convert && rng.chance(0.3) ? rng.int(start, H) : null;
    return { license, endMonth };
  };

  const sellOf = (listMonthly: number): Sell => {
    const roll = rng.next();
    if (roll < 0.2) return null;
    if (roll < 0.6)
      return { mode: 'markup', pct: String(rng.pick([15, 20, 25, 30, 35, 40, 50, 60, 75])) };
    if (roll < 0.85) {
      return { mode: 'margin', pct: rng.pick(['18', '22.5', '25', '28', '30', '35', '40']) };
    }
    return {
      mode: 'fixed',
      monthly: money2(listMonthly * (1.2 + rng.next() * 0.6)),
      oneOff: rng.chance(0.5) ? '0' : money2(rng.pick([250, 500, 990, 1500])),
    };
  };

  const appsOf = (): AppEntry[] => {
    if (!rng.chance(0.2)) return [];
    const apps: AppEntry[] = [];
    const entries = rng.chance(0.85) ? 1 : 2;
    for (let k = 0; k < entries; k++) {
      const roll = rng.next();
      const users = rng.weighted([rng.int(5, 50), rng.int(50, 300), rng.int(300, 2000)], [5, 4, 1]);
      if (roll < 0.6 && childIds.length > 0) {
        apps.push({
          bundle: childIds[0]!,
          count: rng.int(1, 3),
          usersPerApp: users,
          provisioning: 'child',
        });
      } else if (roll < 0.88 && standaloneIds.length > 0) {
        apps.push({
          bundle: standaloneIds[0]!,
          count: rng.int(1, 2),
          usersPerApp: users,
          provisioning: 'standalone',
        });
      } else {
        apps.push({
          bundle: WHITE_LABEL,
          count: 1,
          usersPerApp: users,
          provisioning: 'standalone',
        });
      }
    }
    return apps;
  };

  const customers: CustomerLine[] = [];
  for (let i = 0; i < lines; i++) {
    const bundle = rng.weighted(bundles, [5, 3.5, 1.5, 1, 1, 1, 1].slice(0, bundles.length));
    const bandwidth = rng.weighted(bandwidths, falling(bandwidths.length));
    const vServices = Math.min(
      maxVServices,
      Math.max(1, Math.round(bundle.includedVServices * (0.4 + rng.next() * 1.4))),
    );
    const start = startOf();
    const { license, endMonth } = licenseOf(bundle.id, bandwidth.id, vServices, start);
    const count = rng.weighted([1, rng.int(2, 10), rng.int(11, 40)], [5, 3, 2]);
    const listMonthly = Number(
      table.service.fixedTerm.monthlyList[bundle.id]?.[bandwidth.id] ?? '100',
    );
    customers.push({
      id: `c${i + 1}`,
      name: `Customer ${i + 1}`,
      count,
      startMonth: start,
      endMonth,
      partnerId: rng.chance(0.25) ? null : rng.pick(partnerIds),
      license,
      sell: sellOf(listMonthly),
      apps: appsOf(),
    });
  }

  if (options.version2) addChangesAndBilling(customers, H, rngOf(seed ^ 0x5bd1e995), bandwidths);

  return {
    schemaVersion: 2,
    ...(options.version2
      ? {
          billing: {
            vendor: { fixedTerm: 'upfront' as const, paymentDelayMonths: 1 },
            customers: { fixedTerm: 'monthly' as const, paymentDelayMonths: 1 },
          },
        }
      : {}),
    title: `Benchmark — ${lines} lines × ${months} months (seed ${seed})`,
    preparedBy: { name: 'Benchmark', company: 'Bench' },
    preparedFor: { name: 'Generated MSP', company: 'Generated MSP' },
    brand: { name: 'Bench Shield', primaryColor: '#1f4e79', logo: null },
    priceTable: { product: table.product, currency: table.currency, version: table.version },
    startPeriod: '2027-01',
    horizonMonths: H,
    platform: {
      environment: environment.id,
      appliance: null,
      headroomPct: '20',
      highAvailability: false,
      infraCostMonthly: '2500.00',
    },
    channel,
    pricing: { defaultMarkupPct: '40', minMarginPct: '20' },
    mainApps: [{ bundle: WHITE_LABEL, count: 1, usersPerApp: 50, provisioning: 'standalone' }],
    customers,
  };
}

/** Changes on about a third of the lines and a billing mode on a quarter (version 2). */
function addChangesAndBilling(
  customers: CustomerLine[],
  H: number,
  rng: Rng,
  bandwidths: readonly { id: string }[],
): void {
  customers.forEach((line, i) => {
    if (rng.chance(0.25)) line.billing = rng.pick(['annual', 'upfront', 'monthly'] as const);
    const converting = line.license.model === 'payg' && line.license.convertTo !== null;
    const last = line.endMonth ?? H;
    if (converting || !rng.chance(1 / 3) || last <= line.startMonth) return;
    // 1 to 4 changes on distinct months after the start, in order
    const months = new Set<number>();
    const wanted = rng.int(1, 4);
    for (let k = 0; k < wanted * 2 && months.size < wanted; k++) {
      months.add(rng.int(line.startMonth + 1, last));
    }
    let count = line.count;
    line.changes = [...months]
      .sort((a, b) => a - b)
      .map((fromMonth) => {
        const roll = rng.next();
        if (roll < 0.6) {
          // a segment that grows more often than it shrinks
          count = Math.max(0, count + rng.int(-Math.ceil(count / 3), Math.ceil(count / 2) + 2));
          return { fromMonth, count };
        }
        if (roll < 0.85 || line.license.model === 'fixed-term') {
          return { fromMonth, bandwidth: rng.pick(bandwidths).id, count };
        }
        return { fromMonth, hoursPerMonth: rng.int(40, 744) };
      });
    customers[i] = line;
  });
}
