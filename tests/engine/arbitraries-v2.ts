/**
 * fast-check generators of valid version-2 scenarios on the fixture table (tests/engine/helpers.ts):
 * customer lines with changes over time (PRICING.md §7) and billing on both sides (§8).
 * Every scenario generated prices without errors.
 */
import fc from 'fast-check';
import type {
  AppEntry,
  Billing,
  BillingMode,
  CustomerLine,
  LineChange,
  Scenario,
  Sell,
} from '../../src/engine/index';
import { scenario, TABLE } from './helpers';

const BUNDLES = ['core', 'plus'] as const;
const BANDWIDTHS = ['100m', '500m', '1g'] as const;
const TERMS = TABLE.service.fixedTerm.terms.map((t) => t.months);
const MODES: readonly BillingMode[] = ['monthly', 'annual', 'upfront'];

const cents = (max: number) =>
  fc.integer({ min: 0, max: max * 100 }).map((c) => (c / 100).toFixed(2));
const pct = (max: number) =>
  fc.integer({ min: 0, max: max * 100 }).map((v) => (v / 100).toFixed(2));
const hoursArb = fc.integer({ min: 0, max: 74_400 }).map((h) => h / 100);
const hoursPerMonthArb = fc.oneof(hoursArb, fc.array(hoursArb, { minLength: 12, maxLength: 12 }));

export const sellArb: fc.Arbitrary<Sell> = fc.oneof(
  fc.constant(null),
  pct(150).map((p) => ({ mode: 'markup' as const, pct: p })),
  pct(90).map((p) => ({ mode: 'margin' as const, pct: p })),
  fc.record({ mode: fc.constant('fixed' as const), monthly: cents(900), oneOff: cents(500) }),
);

export const billingModeArb = fc.constantFrom(...MODES);

const sideArb = fc.record(
  { fixedTerm: billingModeArb, paymentDelayMonths: fc.integer({ min: 0, max: 3 }) },
  { requiredKeys: [] },
);

/** A top-level `billing` section, absent or with any of its sides and fields. */
export const billingArb: fc.Arbitrary<Billing | undefined> = fc.option(
  fc.record({ vendor: sideArb, customers: sideArb }, { requiredKeys: [] }),
  { nil: undefined },
);

function appsArb(withMainWhiteLabel: boolean): fc.Arbitrary<AppEntry[]> {
  const standalone = fc.record({
    bundle: fc.constantFrom('white-label', 'enterprise', 'full-feature'),
    count: fc.integer({ min: 1, max: 2 }),
    usersPerApp: fc.integer({ min: 0, max: 120 }),
    provisioning: fc.constant('standalone' as const),
  });
  const child = fc.record({
    bundle: fc.constantFrom('enterprise', 'full-feature'),
    count: fc.integer({ min: 1, max: 2 }),
    usersPerApp: fc.integer({ min: 0, max: 120 }),
    provisioning: fc.constant('child' as const),
  });
  return fc.array(withMainWhiteLabel ? fc.oneof(standalone, child) : standalone, {
    maxLength: 2,
  });
}

/** Valid changes for months after `start` up to `last`, ascending. */
function changesArb(start: number, last: number, payg: boolean): fc.Arbitrary<LineChange[]> {
  if (last <= start) return fc.constant<LineChange[]>([]);
  const change = (fromMonth: number): fc.Arbitrary<LineChange> =>
    fc
      .record(
        {
          count: fc.integer({ min: 0, max: 25 }),
          bandwidth: fc.constantFrom(...BANDWIDTHS),
          bundle: fc.constantFrom(...BUNDLES),
          vServices: fc.integer({ min: 0, max: 60 }),
          ...(payg ? { hoursPerMonth: hoursPerMonthArb } : {}),
        },
        { requiredKeys: [] },
      )
      .map((fields) => ({ fromMonth, ...fields }) as LineChange)
      // a change sets at least one field; most set the count
      .map((c) => (Object.keys(c).length === 1 ? { ...c, count: 3 } : c));
  return fc
    .uniqueArray(fc.integer({ min: start + 1, max: last }), { maxLength: 5 })
    .map((months) => [...months].sort((a, b) => a - b))
    .chain((months) =>
      months.length === 0
        ? fc.constant<LineChange[]>([])
        : fc.tuple(...months.map(change)).map((list): LineChange[] => [...list]),
    );
}

export function lineArb(
  H: number,
  withMainWhiteLabel: boolean,
  options: { changes?: boolean } = {},
): fc.Arbitrary<CustomerLine> {
  const withChanges = options.changes ?? true;
  const common = fc.record({
    count: fc.integer({ min: 1, max: 20 }),
    startMonth: fc.integer({ min: 1, max: H }),
    partnerId: fc.constantFrom(null, 'p1', 'p2'),
    sell: sellArb,
    apps: appsArb(withMainWhiteLabel),
    bandwidth: fc.constantFrom(...BANDWIDTHS),
    bundle: fc.constantFrom(...BUNDLES),
    vServices: fc.integer({ min: 0, max: 60 }),
    billing: fc.option(billingModeArb, { nil: undefined }),
    changing: withChanges ? fc.boolean() : fc.constant(false),
  });
  const base = (c: {
    count: number;
    startMonth: number;
    partnerId: string | null;
    sell: Sell;
    apps: AppEntry[];
  }) => ({
    id: 'x',
    name: '',
    count: c.count,
    startMonth: c.startMonth,
    partnerId: c.partnerId,
    sell: c.sell,
    apps: c.apps,
  });
  const fixed = common.chain((c) =>
    fc
      .record({
        termMonths: fc.constantFrom(...TERMS),
        renew: fc.boolean(),
        changes: c.changing ? changesArb(c.startMonth, H, false) : fc.constant<LineChange[]>([]),
      })
      .map((f): CustomerLine => ({
        ...base(c),
        endMonth: null,
        license: {
          model: 'fixed-term',
          bandwidth: c.bandwidth,
          bundle: c.bundle,
          vServices: c.vServices,
          termMonths: f.termMonths,
          renew: f.renew,
        },
        ...(f.changes.length > 0 ? { changes: f.changes } : {}),
        ...(c.billing === undefined ? {} : { billing: c.billing }),
      })),
  );
  const payg = common.chain((c) => {
    const ending = fc.oneof(
      fc.record({
        endMonth: fc.integer({ min: c.startMonth, max: H }),
        convertTo: fc.constant(null),
      }),
      fc.record({ endMonth: fc.constant(null), convertTo: fc.constant(null) }),
      ...(c.startMonth < H && !c.changing
        ? [
            fc.record({
              endMonth: fc.constant(null),
              convertTo: fc.record({
                atMonth: fc.integer({ min: c.startMonth + 1, max: H }),
                termMonths: fc.constantFrom(...TERMS),
              }),
            }),
          ]
        : []),
    );
    return fc.record({ hoursPerMonth: hoursPerMonthArb, ending }).chain((p) =>
      (c.changing
        ? changesArb(c.startMonth, p.ending.endMonth ?? H, true)
        : fc.constant([] as LineChange[])
      ).map((changes): CustomerLine => ({
        ...base(c),
        endMonth: p.ending.endMonth,
        license: {
          model: 'payg',
          bandwidth: c.bandwidth,
          bundle: c.bundle,
          vServices: c.vServices,
          hoursPerMonth: p.hoursPerMonth,
          convertTo: p.ending.convertTo,
        },
        ...(changes.length > 0 ? { changes } : {}),
        ...(c.billing === undefined ? {} : { billing: c.billing }),
      })),
    );
  });
  return fc.oneof(fixed, payg);
}

const CHANNEL: Scenario['channel'] = {
  distributors: [{ id: 'd1', name: '', commissionPct: '3', partnerCommissionPct: '8' }],
  partners: [
    { id: 'p1', name: '', distributorId: 'd1', commissionPct: null },
    { id: 'p2', name: '', distributorId: null, commissionPct: '12.5' },
  ],
};

/** A valid version-2 scenario: changes on some lines, billing on some sides. */
export function v2ScenarioArb(options: { changes?: boolean; maxHorizon?: number } = {}) {
  return fc
    .record({
      horizon: fc.integer({ min: 1, max: options.maxHorizon ?? 30 }),
      withMainWhiteLabel: fc.boolean(),
    })
    .chain(({ horizon, withMainWhiteLabel }) =>
      fc
        .record({
          hardware: fc.boolean(),
          infra: cents(800),
          billing: billingArb,
          customers: fc.array(lineArb(horizon, withMainWhiteLabel, options), {
            minLength: 1,
            maxLength: 5,
          }),
        })
        .map((r): Scenario =>
          scenario({
            horizonMonths: horizon,
            platform: r.hardware
              ? {
                  environment: 'hardware',
                  appliance: { id: 'base', count: 'auto' },
                  infraCostMonthly: r.infra,
                }
              : { infraCostMonthly: r.infra },
            channel: CHANNEL,
            mainApps: withMainWhiteLabel
              ? [{ bundle: 'white-label', count: 1, usersPerApp: 25, provisioning: 'standalone' }]
              : [],
            ...(r.billing === undefined ? {} : { billing: r.billing }),
            customers: r.customers.map((line, i) => ({ ...line, id: `c${i}` })),
          }),
        ),
    );
}
