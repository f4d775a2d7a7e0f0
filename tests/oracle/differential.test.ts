import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  migrateScenarioDocument,
  PriceTableSchema,
  ScenarioSchema,
} from '../../src/engine/index';
import {
  HUGE_TABLE,
  hugeScenarioArb,
  MUTATIONS,
  mutate,
  mutationsArb,
  mutationsV2Arb,
  V2_MUTATIONS,
  TABLE_VARIANTS,
  tieScenarioArb,
  TIES_TABLE,
  todayArb,
  validScenarioArb,
  validScenarioV2Arb,
  type GenCustomer,
  type GenScenario,
} from './arbitraries';
import { quoteDifferences, version1Fields } from './compare';
import { referenceQuote, type RefQuote, type RefTable } from './reference';

// Differential test: the engine against the independent reference of PRICING.md
// (tests/oracle/reference.ts) on random scenarios. ORACLE_RUNS=3000 for a longer search,
// ORACLE_SEED=n to replay a run.
//
// Version-1 scenarios are compared twice: their version-1 figures on their own (so a change of a
// v1 figure is told apart from a v2 field), and every field of the version-2 quote (§6: version
// 2 adds its fields for version-1 documents too). Version-2 scenarios (§7 changes, §8 billing)
// are compared on every field.
const RUNS = Number(process.env.ORACLE_RUNS ?? 300);
const SEED = process.env.ORACLE_SEED === undefined ? undefined : Number(process.env.ORACLE_SEED);
const params = (numRuns: number) => ({
  numRuns,
  ...(SEED === undefined ? {} : { seed: SEED }),
});

type EngineTable = ReturnType<typeof PriceTableSchema.parse>;
const ALL_TABLES: Record<string, RefTable> = {
  ...TABLE_VARIANTS,
  huge: HUGE_TABLE,
  ties: TIES_TABLE,
};
const parsedTables = new Map<string, EngineTable>();
function engineTable(name: string): EngineTable {
  let parsed = parsedTables.get(name);
  if (!parsed) {
    parsed = PriceTableSchema.parse(structuredClone(ALL_TABLES[name]!));
    parsedTables.set(name, parsed);
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Amounts past 2^53 minor units. The engine keeps money in exact integers below 2^53 and refuses
// a scenario past that with the one issue `amount-out-of-range` (docs/decisions/005) rather
// than return a rounded figure. The reference computes with BigInt and always prices, so the
// two may differ only where the reference's own figures pass 2^53 − 1 and the engine refuses.
// ---------------------------------------------------------------------------------------------

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const minorOf = (amount: string | null | undefined): bigint =>
  amount === null || amount === undefined ? 0n : BigInt(amount.replace('.', ''));

/** Whether a reference quote holds a figure the engine cannot keep exactly. */
function beyondExactRange(reference: RefQuote): boolean {
  const t = reference.totals;
  if (!t) return false;
  const lines = reference.customers.some(
    (c) =>
      minorOf(c.totals.revenue) > MAX_SAFE ||
      minorOf(c.totals.cost) + minorOf(c.totals.commissions) > MAX_SAFE,
  );
  return (
    lines || minorOf(t.revenue) > MAX_SAFE || minorOf(t.cost) + minorOf(t.commissions) > MAX_SAFE
  );
}

/** The engine refused (only) because amounts pass 2^53 − 1, and the reference agrees they do. */
function refusedBeyondRange(
  engine: ReturnType<typeof calculateQuote>,
  reference: RefQuote,
): boolean {
  const errors = engine.issues.filter((i) => i.level === 'error');
  return (
    engine.totals === null &&
    errors.length === 1 &&
    errors[0]!.code === 'amount-out-of-range' &&
    beyondExactRange(reference)
  );
}

/** Compare the version-1 figures only (a version-1 scenario; see the header). */
const V1 = { fields: 'v1' } as const;

interface CheckOptions {
  grouped?: boolean;
  /** 'v1': compare only the fields of a version-1 quote; 'all' (default): every field. */
  fields?: 'v1' | 'all';
}

/** Engine and reference on one scenario; throws with the differing parts when they disagree. */
function check(
  tableName: string,
  scenario: GenScenario,
  today: string,
  options: CheckOptions = {},
): void {
  const parsed = ScenarioSchema.safeParse(migrated(structuredClone(scenario)));
  if (!parsed.success) {
    throw new Error(
      `the engine's ScenarioSchema rejects a scenario valid under PRICING.md (schemaVersion ${scenario.schemaVersion}): ${JSON.stringify(parsed.error.issues)}`,
    );
  }
  const table = engineTable(tableName);
  const reference = referenceQuote(parsed.data, table, today, null, { grouped: options.grouped });
  let engine: ReturnType<typeof calculateQuote> | undefined;
  let diffs: string[];
  try {
    engine = calculateQuote(parsed.data, table, { today });
    diffs =
      options.fields === 'v1'
        ? quoteDifferences(version1Fields(engine), version1Fields(reference))
        : quoteDifferences(engine, reference);
  } catch (error) {
    diffs = [`engine threw ${String(error)}; reference totals ${JSON.stringify(reference.totals)}`];
  }
  if (engine && diffs.length > 0 && refusedBeyondRange(engine, reference)) diffs = [];
  if (diffs.length > 0) {
    throw new Error(
      [
        `engine and reference differ (table ${tableName}, today ${today}):`,
        ...diffs.map((d) => `  ${d}`),
        `scenario: ${JSON.stringify(scenario)}`,
      ].join('\n'),
    );
  }
}

describe('engine ≡ reference on valid scenarios (version-1 figures)', () => {
  for (const name of Object.keys(TABLE_VARIANTS)) {
    it(`table variant "${name}"`, () => {
      const t: RefTable = TABLE_VARIANTS[name]!;
      // every variant is a table a vendor could publish
      const parsed = PriceTableSchema.safeParse(structuredClone(t));
      expect(parsed.error?.issues ?? []).toEqual([]);
      fc.assert(
        fc.property(validScenarioArb(t), todayArb, (scenario, today) =>
          check(name, scenario, today, V1),
        ),
        params(RUNS),
      );
    });
  }
});

describe('engine ≡ reference on version-1 scenarios, every field of the version-2 quote', () => {
  it('months[].customers and cash, totals.cash, activeFinal after the migration from 1 to 2', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...Object.keys(TABLE_VARIANTS))
          .chain((name) => fc.tuple(fc.constant(name), validScenarioArb(TABLE_VARIANTS[name]!))),
        todayArb,
        ([name, scenario], today) => check(name, scenario, today),
      ),
      params(RUNS),
    );
  });

  it('on exact halves and at large magnitudes', () => {
    fc.assert(
      fc.property(tieScenarioArb(), todayArb, (scenario, today) => check('ties', scenario, today)),
      params(Math.max(50, Math.round(RUNS / 3))),
    );
    fc.assert(
      fc.property(hugeScenarioArb(), todayArb, (scenario, today) =>
        check('huge', scenario, today, { grouped: true }),
      ),
      params(Math.max(50, Math.round(RUNS / 3))),
    );
  });
});

describe('engine ≡ reference on valid version-2 scenarios (§7 changes, §8 billing and cash)', () => {
  for (const name of Object.keys(TABLE_VARIANTS)) {
    it(`table variant "${name}"`, () => {
      const t: RefTable = TABLE_VARIANTS[name]!;
      fc.assert(
        fc.property(validScenarioV2Arb(t), todayArb, (scenario, today) =>
          check(name, scenario, today),
        ),
        params(RUNS),
      );
    });
  }

  it('large counts walked in runs (grouped reference) on the large-magnitude table', () => {
    fc.assert(
      fc.property(validScenarioV2Arb(HUGE_TABLE, 3), todayArb, (scenario, today) =>
        check('huge', scenario, today, { grouped: true }),
      ),
      params(Math.max(50, Math.round(RUNS / 3))),
    );
  });
});

describe('engine ≡ reference on version-2 scenarios that break the §7 rules', () => {
  for (const mutation of V2_MUTATIONS) {
    it(`${mutation} (plus up to two other breaks of either version)`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom('example', 'extraTiersGraduated'),
          validScenarioV2Arb(TABLE_VARIANTS['example']!, 3),
          fc.nat({ max: 1000 }),
          fc.option(mutationsV2Arb, { freq: 2 }),
          todayArb,
          (name, scenario, pick, others, today) => {
            const t = TABLE_VARIANTS[name]!;
            const broken = structuredClone(scenario);
            broken.priceTable = { product: t.product, currency: t.currency, version: t.version };
            mutate(broken, t, mutation, pick);
            for (const [other, otherPick] of (others ?? []).slice(0, 2)) {
              mutate(broken, t, other, otherPick);
            }
            check(name, broken, today);
          },
        ),
        params(Math.max(50, Math.round(RUNS / 3))),
      );
    });
  }
});

describe('engine ≡ reference on scenarios that break table or cross-field rules', () => {
  const tables = ['example', 'extraTiersGraduated'];
  for (const mutation of MUTATIONS) {
    it(`${mutation} (plus up to two other breaks)`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...tables),
          validScenarioArb(TABLE_VARIANTS['example']!, 3),
          fc.nat({ max: 1000 }),
          fc.option(mutationsArb, { freq: 2 }),
          todayArb,
          (name, scenario, pick, others, today) => {
            const t = TABLE_VARIANTS[name]!;
            const broken = structuredClone(scenario);
            broken.priceTable = { product: t.product, currency: t.currency, version: t.version };
            mutate(broken, t, mutation, pick);
            for (const [other, otherPick] of (others ?? []).slice(0, 2)) {
              mutate(broken, t, other, otherPick);
            }
            check(name, broken, today, V1);
          },
        ),
        params(Math.max(50, Math.round(RUNS / 3))),
      );
    });
  }
});

describe('engine ≡ reference on exact halves', () => {
  it('line amounts, marginPct, averageHours and break-even hours that land on a half', () => {
    expect(PriceTableSchema.safeParse(structuredClone(TIES_TABLE)).error?.issues ?? []).toEqual([]);
    fc.assert(
      fc.property(tieScenarioArb(), todayArb, (scenario, today) =>
        check('ties', scenario, today, V1),
      ),
      params(RUNS),
    );
  });
});

describe('engine ≡ reference at large magnitudes', () => {
  it('prices up to 9 integer digits; counts, users and vServices up to 1,000,000 (below 2^53 minor units)', () => {
    expect(PriceTableSchema.safeParse(structuredClone(HUGE_TABLE)).error?.issues ?? []).toEqual([]);
    fc.assert(
      fc.property(hugeScenarioArb(), todayArb, (scenario, today) =>
        check('huge', scenario, today, { grouped: true, ...V1 }),
      ),
      params(Math.max(50, Math.round(RUNS / 3))),
    );
  });

  it('amounts past 2^53 minor units (PRICING.md §1: "use BigInt for it")', () => {
    fc.assert(
      fc.property(hugeScenarioArb(), todayArb, (scenario, today) =>
        check('huge', scenario, today, { grouped: true, ...V1 }),
      ),
      params(Math.max(50, Math.round(RUNS / 3))),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The differences the oracle found, each as its smallest scenario, now decided (ADR 005):
// D1 and D3 follow the contract's literal reading; D2 prices exactly below 2^53 minor units and
// refuses past it, never a silently rounded figure and never an exception.
// ---------------------------------------------------------------------------------------------

function smallScenario(customers: GenScenario['customers'], horizonMonths = 1): GenScenario {
  const t = TABLE_VARIANTS['example']!;
  return {
    schemaVersion: 1,
    title: 'Known difference',
    preparedBy: { name: '', company: '' },
    preparedFor: { name: '', company: '' },
    brand: { name: 'Oracle', primaryColor: '#0b6e4f', logo: null },
    priceTable: { product: t.product, currency: t.currency, version: t.version },
    startPeriod: '2027-01',
    horizonMonths,
    platform: {
      environment: 'kvm',
      appliance: null,
      headroomPct: '0',
      highAvailability: false,
      infraCostMonthly: '0',
    },
    channel: { distributors: [], partners: [] },
    pricing: { defaultMarkupPct: '0', minMarginPct: '0' },
    mainApps: [],
    customers,
  };
}
function line(overrides: Partial<GenScenario['customers'][number]>): GenCustomer {
  return {
    id: 'c1',
    name: 'Line',
    count: 1,
    startMonth: 1,
    endMonth: null,
    partnerId: null,
    license: {
      model: 'fixed-term',
      bandwidth: '100m',
      bundle: 'core',
      vServices: 3,
      termMonths: 12,
      renew: false,
    },
    sell: null,
    apps: [],
    ...overrides,
  };
}
const BIG_FIXED_SELL = { mode: 'fixed', monthly: '999999999.99', oneOff: '0' };

describe('decided differences', () => {
  it('D1: endMonth outside the horizon on a fixed-term line is also month-out-of-range (§4, §6)', () => {
    check('example', smallScenario([line({ endMonth: 9 })], 6), '2026-12-01', V1);
  });

  it('D3: PAYG advice on a platform that does not allow fixed-term (§5 PAYG advice)', () => {
    const scenario = smallScenario([
      line({
        license: {
          model: 'payg',
          bandwidth: '100m',
          bundle: 'core',
          vServices: 0,
          hoursPerMonth: 744,
          convertTo: null,
        },
      }),
    ]);
    const t = TABLE_VARIANTS['extraTiers']!;
    scenario.priceTable.version = t.version;
    scenario.platform.environment = 'spot';
    check('extraTiers', scenario, '2026-12-01', V1);
  });

  it('D2a: arr = 12 × mrrFinal exactly, past 2^53 minor units (§1)', () => {
    check(
      'example',
      smallScenario([line({ count: 40001, sell: BIG_FIXED_SELL })]),
      '2026-12-01',
      V1,
    );
  });

  it('D2d: licenseCommittedAfterHorizon exactly, past 2^53 minor units (§1)', () => {
    const scenario = smallScenario([
      line({
        count: 300001,
        license: {
          model: 'fixed-term',
          bandwidth: '1g',
          bundle: 'plus',
          vServices: 10,
          termMonths: 60,
          renew: true,
        },
      }),
    ]);
    scenario.priceTable.version = HUGE_TABLE.version;
    check('huge', scenario, '2026-12-01', { grouped: true, ...V1 });
  });

  it('D2e: a quote whose every amount is below 2^53 minor units is priced, not refused (§1)', () => {
    const scenario = smallScenario(
      [
        line({
          count: 500000,
          license: {
            model: 'fixed-term',
            bandwidth: '1g',
            bundle: 'plus',
            vServices: 10,
            termMonths: 1,
            renew: false,
          },
        }),
      ],
      2,
    );
    scenario.priceTable.version = HUGE_TABLE.version;
    check('huge', scenario, '2026-12-01', { grouped: true, ...V1 });
  });

  it('D2b: a month total past 2^53 minor units is refused, not rounded (§1, ADR 005)', () => {
    check('example', smallScenario([line({ count: 100000, sell: BIG_FIXED_SELL })]), '2026-12-01', {
      grouped: true,
      ...V1,
    });
  });

  it('D2c: one line amount past 2^53 minor units is refused, not thrown (§1, ADR 005)', () => {
    const scenario = smallScenario([
      line({
        license: {
          model: 'fixed-term',
          bandwidth: '100m',
          bundle: 'core',
          vServices: 1_000_000,
          termMonths: 12,
          renew: false,
        },
        sell: { mode: 'margin', pct: '99.9999' },
      }),
    ]);
    scenario.priceTable.version = HUGE_TABLE.version;
    check('huge', scenario, '2026-12-01', V1);
  });
});

// ---------------------------------------------------------------------------------------------
// Version 2: the places where PRICING.md §7-§8 could be read two ways, each as a small scenario
// (the reference's reading is written beside it in tests/oracle/reference.ts, READING Rn). The
// engine must agree or the difference be decided.
// ---------------------------------------------------------------------------------------------

function v2Scenario(
  customers: GenCustomer[],
  horizonMonths: number,
  billing?: GenScenario['billing'],
): GenScenario {
  const s = smallScenario(customers, horizonMonths);
  s.schemaVersion = 2;
  if (billing) s.billing = billing;
  return s;
}
const PAYG = {
  model: 'payg',
  bandwidth: '100m',
  bundle: 'core',
  vServices: 3,
  hoursPerMonth: 400,
  convertTo: null,
};

describe('version-2 readings', () => {
  it('R1: a line with changes and convertTo also has its changes judged', () => {
    const scenario = v2Scenario(
      [
        line({
          license: { ...PAYG, convertTo: { atMonth: 3, termMonths: 12 } },
          changes: [{ fromMonth: 9, bundle: 'gold', vServices: 999 }],
        }),
      ],
      6,
    );
    check('example', scenario, '2026-12-01');
  });

  it('R2: a change both out of range and out of order is one issue', () => {
    const scenario = v2Scenario(
      [
        line({
          startMonth: 3,
          changes: [
            { fromMonth: 5, count: 2 },
            { fromMonth: 2, count: 1 },
          ],
        }),
      ],
      6,
    );
    check('example', scenario, '2026-12-01');
  });

  it('R3: a change after the endMonth of a converted PAYG line (already an error twice)', () => {
    const scenario = v2Scenario(
      [
        line({
          endMonth: 3,
          license: { ...PAYG, convertTo: { atMonth: 2, termMonths: 12 } },
          changes: [{ fromMonth: 4, count: 2 }],
        }),
      ],
      6,
    );
    check('example', scenario, '2026-12-01');
  });

  it('R4: a PAYG count in force of 0, then back up (new cohort, setup fees again)', () => {
    const scenario = v2Scenario(
      [
        line({
          count: 2,
          license: PAYG,
          apps: [{ bundle: 'full-feature', count: 1, usersPerApp: 5, provisioning: 'standalone' }],
          changes: [
            { fromMonth: 2, count: 0 },
            { fromMonth: 4, count: 3 },
          ],
        }),
      ],
      6,
    );
    check('example', scenario, '2026-12-01');
  });

  it('R5/R6: no-revenue on a fixed price of 0; restating the count on a renew:false line', () => {
    const scenario = v2Scenario(
      [
        line({
          count: 2,
          license: { ...line({}).license, termMonths: 3, renew: false },
          sell: { mode: 'fixed', monthly: '0', oneOff: '0' },
          changes: [{ fromMonth: 5, count: 2 }],
        }),
      ],
      8,
    );
    check('example', scenario, '2026-12-01');
  });

  it('R7: capacity reaches a committed cohort at renewal; customers leave only at term ends', () => {
    const scenario = v2Scenario(
      [
        line({
          count: 5,
          license: { ...line({}).license, termMonths: 3, renew: true },
          changes: [
            { fromMonth: 2, count: 8, bandwidth: '1g' },
            { fromMonth: 3, count: 2, vServices: 12 },
            { fromMonth: 6, bundle: 'plus' },
          ],
        }),
      ],
      12,
      {
        vendor: { fixedTerm: 'upfront', paymentDelayMonths: 2 },
        customers: { fixedTerm: 'annual', paymentDelayMonths: 1 },
      },
    );
    check('example', scenario, '2026-12-01');
  });

  it('R8: a converted line billed upfront per term from atMonth, horizon-bounded', () => {
    const scenario = v2Scenario(
      [
        line({
          count: 3,
          license: { ...PAYG, convertTo: { atMonth: 3, termMonths: 12 } },
          sell: { mode: 'fixed', monthly: '300', oneOff: '250' },
          billing: 'upfront',
          partnerId: null,
        }),
      ],
      9,
      { vendor: { fixedTerm: 'annual', paymentDelayMonths: 3 }, customers: {} },
    );
    check('example', scenario, '2026-12-01');
  });
});

/** The document as the app and the CLI read it: migrated to the current version (PRICING.md §4). */
function migrated(document: unknown): unknown {
  const result = migrateScenarioDocument(document);
  return result.ok ? result.document : document;
}
