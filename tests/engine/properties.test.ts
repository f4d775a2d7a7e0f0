import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AppEntry,
  type CustomerLine,
  type PriceTable,
  type Quote,
  type Scenario,
  type Sell,
} from '../../src/engine/index';
import { minor, money2, rawTable, scenario, table, TABLE, validQuote } from './helpers';

// Property tests over arbitrary valid scenarios on the fixture table (the figures of the
// contract's example-table.json). PRICING.md §1: totals are sums of rounded line amounts, so
// every table adds up exactly; §5: margin = revenue − cost − commissions; a longer term never
// raises the monthly license; more hours never lower the cost; count n is n × one customer.

// FC_RUNS=2000 npx vitest run tests/engine/properties.test.ts for a longer search.
const RUNS = Number(process.env.FC_RUNS ?? 150);

const BUNDLES = ['core', 'plus'] as const;
const BANDWIDTHS = ['100m', '500m', '1g'] as const;
const TERMS = TABLE.service.fixedTerm.terms.map((t) => t.months);

// ---------------------------------------------------------------------------------------------
// arbitraries
// ---------------------------------------------------------------------------------------------

/** A decimal string of an integer at 10^-digits: 12345 at 2 → "123.45". */
const scaled = (value: number, digits: number) => money2(BigInt(value) * 10n ** BigInt(2 - digits));
const decimal = (value: number, digits: number): string => {
  if (digits <= 2) return scaled(value, digits);
  const text = String(value).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
};

/** Money with 2 decimals from 0 to `max` (whole units). */
const moneyArb = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => decimal(c, 2));
/** Money with up to 6 decimals. */
const money6Arb = (max: number) =>
  fc.integer({ min: 0, max: max * 1_000_000 }).map((v) => decimal(v, 6));
/** A percent with up to 4 decimals, from 0 to `max`. */
const pctArb = (max: number) => fc.integer({ min: 0, max: max * 10_000 }).map((v) => decimal(v, 4));
/** Hours with 2 decimals, 0 to 744. */
const hoursArb = fc.integer({ min: 0, max: 74_400 }).map((h) => h / 100);

const sellArb: fc.Arbitrary<Sell> = fc.oneof(
  fc.constant(null),
  pctArb(999).map((pct) => ({ mode: 'markup' as const, pct })),
  fc
    .integer({ min: 0, max: 999_999 })
    .map((v) => ({ mode: 'margin' as const, pct: decimal(v, 4) })),
  fc.record({
    mode: fc.constant('fixed' as const),
    monthly: moneyArb(5000),
    oneOff: moneyArb(2000),
  }),
);

interface Shape {
  horizon: number;
  withMainWhiteLabel: boolean;
}

function appsArb(shape: Shape, allowWhiteLabel: boolean): fc.Arbitrary<AppEntry[]> {
  const standalone = fc.record({
    bundle: fc.constantFrom(
      ...(allowWhiteLabel
        ? ['white-label', 'enterprise', 'full-feature']
        : ['enterprise', 'full-feature']),
    ),
    count: fc.integer({ min: 1, max: 3 }),
    usersPerApp: fc.integer({ min: 0, max: 300 }),
    provisioning: fc.constant('standalone' as const),
  });
  const child = fc.record({
    bundle: fc.constantFrom('enterprise', 'full-feature'),
    count: fc.integer({ min: 1, max: 3 }),
    usersPerApp: fc.integer({ min: 0, max: 300 }),
    provisioning: fc.constant('child' as const),
  });
  return fc.array(shape.withMainWhiteLabel ? fc.oneof(standalone, child) : standalone, {
    maxLength: 2,
  });
}

function lineArb(shape: Shape, allowWhiteLabel: boolean): fc.Arbitrary<CustomerLine> {
  const H = shape.horizon;
  const common = fc.record({
    count: fc.integer({ min: 1, max: 50 }),
    startMonth: fc.integer({ min: 1, max: H }),
    partnerId: fc.constantFrom(null, 'p1', 'p2', 'p3'),
    sell: sellArb,
    apps: appsArb(shape, allowWhiteLabel),
    bandwidth: fc.constantFrom(...BANDWIDTHS),
    bundle: fc.constantFrom(...BUNDLES),
    vServices: fc.integer({ min: 0, max: 200 }),
  });
  const fixed = common.chain((c) =>
    fc
      .record({ termMonths: fc.constantFrom(...TERMS), renew: fc.boolean() })
      .map(({ termMonths, renew }): CustomerLine => ({
        id: 'x',
        name: '',
        count: c.count,
        startMonth: c.startMonth,
        endMonth: null,
        partnerId: c.partnerId,
        sell: c.sell,
        apps: c.apps,
        license: {
          model: 'fixed-term',
          bandwidth: c.bandwidth,
          bundle: c.bundle,
          vServices: c.vServices,
          termMonths,
          renew,
        },
      })),
  );
  const payg = common.chain((c) => {
    const canConvert = c.startMonth < H;
    const ending = fc.oneof(
      fc.record({
        endMonth: fc.integer({ min: c.startMonth, max: H }),
        convertTo: fc.constant(null),
      }),
      fc.record({ endMonth: fc.constant(null), convertTo: fc.constant(null) }),
      ...(canConvert
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
    return fc
      .record({
        hoursPerMonth: fc.oneof(hoursArb, fc.array(hoursArb, { minLength: 12, maxLength: 12 })),
        ending,
      })
      .map(({ hoursPerMonth, ending: e }): CustomerLine => ({
        id: 'x',
        name: '',
        count: c.count,
        startMonth: c.startMonth,
        endMonth: e.endMonth,
        partnerId: c.partnerId,
        sell: c.sell,
        apps: c.apps,
        license: {
          model: 'payg',
          bandwidth: c.bandwidth,
          bundle: c.bundle,
          vServices: c.vServices,
          hoursPerMonth,
          convertTo: e.convertTo,
        },
      }));
  });
  return fc.oneof(fixed, payg);
}

const channelArb = fc
  .record({
    d1: fc.record({ commission: fc.option(pctArb(20)), partner: fc.option(pctArb(20)) }),
    p: fc.array(
      fc.record({ distributor: fc.constantFrom(null, 'd1', 'd2'), pct: fc.option(pctArb(25)) }),
      { minLength: 3, maxLength: 3 },
    ),
  })
  .map(({ d1, p }) => ({
    distributors: [
      { id: 'd1', name: '', commissionPct: d1.commission, partnerCommissionPct: d1.partner },
      { id: 'd2', name: '', commissionPct: '2.5', partnerCommissionPct: null },
    ],
    partners: p.map((x, i) => ({
      id: `p${i + 1}`,
      name: '',
      distributorId: x.distributor,
      commissionPct: x.pct,
    })),
  }));

interface ScenarioOptions {
  /** Allow standalone white-label apps on customer lines. */
  whiteLabelLines?: boolean;
  /** Hardware platforms too (sizing changes appliance counts with demand). */
  hardware?: boolean;
}

function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const { whiteLabelLines = true, hardware = true } = options;
  return fc
    .record({ horizon: fc.integer({ min: 1, max: 36 }), withMainWhiteLabel: fc.boolean() })
    .chain((shape) =>
      fc
        .record({
          year: fc.integer({ min: 2026, max: 2030 }),
          month: fc.integer({ min: 1, max: 12 }),
          platform: fc.oneof(
            fc.record({
              environment: fc.constantFrom('kvm', 'azure'),
              appliance: fc.constant(null),
              headroomPct: pctArb(50),
              highAvailability: fc.boolean(),
              infraCostMonthly: money6Arb(2000),
            }),
            ...(hardware
              ? [
                  fc.record({
                    environment: fc.constant('hardware'),
                    appliance: fc.record({
                      id: fc.constant('base'),
                      count: fc.oneof(fc.constant('auto' as const), fc.integer({ min: 1, max: 4 })),
                    }),
                    headroomPct: pctArb(50),
                    highAvailability: fc.boolean(),
                    infraCostMonthly: money6Arb(2000),
                  }),
                ]
              : []),
          ),
          channel: channelArb,
          defaultMarkupPct: pctArb(200),
          minMarginPct: pctArb(40),
          mainApps: fc.array(
            fc.record({
              bundle: fc.constantFrom('enterprise', 'full-feature', 'white-label'),
              count: fc.integer({ min: 1, max: 3 }),
              usersPerApp: fc.integer({ min: 0, max: 300 }),
              provisioning: fc.constant('standalone' as const),
            }),
            { maxLength: 2 },
          ),
          mainWhiteLabelCount: fc.integer({ min: 1, max: 3 }),
          customers: fc.array(lineArb(shape, whiteLabelLines), { minLength: 1, maxLength: 6 }),
        })
        .map((r) =>
          scenario({
            startPeriod: `${r.year}-${String(r.month).padStart(2, '0')}`,
            horizonMonths: shape.horizon,
            platform: r.platform,
            channel: r.channel,
            pricing: { defaultMarkupPct: r.defaultMarkupPct, minMarginPct: r.minMarginPct },
            mainApps: shape.withMainWhiteLabel
              ? [
                  {
                    bundle: 'white-label',
                    count: r.mainWhiteLabelCount,
                    usersPerApp: 25,
                    provisioning: 'standalone',
                  },
                  ...r.mainApps,
                ]
              : r.mainApps.filter((a) => a.bundle !== 'white-label'),
            customers: r.customers.map((line, i) => ({ ...line, id: `c${i}` })),
          }),
        ),
    );
}

/** The example table with the white-label discount in the given mode. */
const tableIn = (mode: 'volume' | 'graduated') =>
  table((t) => {
    t.apps.whiteLabelVolume.mode = mode;
  });
const TABLES = { volume: tableIn('volume'), graduated: tableIn('graduated') };
const modeArb = fc.constantFrom('volume' as const, 'graduated' as const);

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

const total = (values: readonly string[]) => values.reduce((acc, v) => acc + minor(v), 0n);
const monthCost = (m: Quote['months'][number]) =>
  minor(m.cost.fixedTerm) + minor(m.cost.payg) + minor(m.cost.apps) + minor(m.cost.platform);
const monthCommissions = (m: Quote['months'][number]) =>
  minor(m.commissions.partner) + minor(m.commissions.distributor);

/** Every money string of a quote (not counts, hours or marginPct). */
function moneyStrings(q: Quote): string[] {
  const out: string[] = [];
  for (const m of q.months) {
    out.push(m.revenue, m.recurringRevenue, m.margin, m.cumulativeMargin);
    out.push(m.cost.fixedTerm, m.cost.payg, m.cost.apps, m.cost.platform);
    out.push(m.commissions.partner, m.commissions.distributor);
  }
  for (const c of q.customers) {
    out.push(c.totals.revenue, c.totals.cost, c.totals.commissions, c.totals.margin);
    if (c.advice) out.push(c.advice.saving);
  }
  if (q.totals) {
    const t = q.totals;
    out.push(t.revenue, t.cost, t.commissions, t.margin, t.oneOff, t.mrrFinal, t.arr);
    out.push(t.licenseCommittedAfterHorizon);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// properties
// ---------------------------------------------------------------------------------------------

describe('properties of every valid quote', () => {
  it('is valid, and its totals are the sums of its months and of its customers plus platform', () => {
    fc.assert(
      fc.property(scenarioArb(), modeArb, (s, mode) => {
        const q = validQuote(s, TABLES[mode]);
        const t = q.totals;
        expect(q.months).toHaveLength(s.horizonMonths);
        expect(q.customers).toHaveLength(s.customers.length);

        // revenue
        expect(total(q.months.map((m) => m.revenue))).toBe(minor(t.revenue));
        expect(total(q.customers.map((c) => c.totals.revenue))).toBe(minor(t.revenue));
        // cost: months, and customers + platform
        const platform = total(q.months.map((m) => m.cost.platform));
        expect(q.months.reduce((a, m) => a + monthCost(m), 0n)).toBe(minor(t.cost));
        expect(total(q.customers.map((c) => c.totals.cost)) + platform).toBe(minor(t.cost));
        // commissions
        expect(q.months.reduce((a, m) => a + monthCommissions(m), 0n)).toBe(minor(t.commissions));
        expect(total(q.customers.map((c) => c.totals.commissions))).toBe(minor(t.commissions));
        // one-off revenue is revenue minus recurring revenue
        expect(
          q.months.reduce((a, m) => a + minor(m.revenue) - minor(m.recurringRevenue), 0n),
        ).toBe(minor(t.oneOff));
      }),
      { numRuns: RUNS },
    );
  });

  it('margin = revenue − cost − commissions, for every month, customer and the total', () => {
    fc.assert(
      fc.property(scenarioArb(), modeArb, (s, mode) => {
        const q = validQuote(s, TABLES[mode]);
        let running = 0n;
        for (const m of q.months) {
          expect(minor(m.margin)).toBe(minor(m.revenue) - monthCost(m) - monthCommissions(m));
          running += minor(m.margin);
          expect(minor(m.cumulativeMargin)).toBe(running);
          expect(minor(m.recurringRevenue)).toBeLessThanOrEqual(minor(m.revenue));
        }
        for (const c of q.customers) {
          const { revenue, cost, commissions, margin } = c.totals;
          expect(minor(margin)).toBe(minor(revenue) - minor(cost) - minor(commissions));
        }
        const t = q.totals;
        expect(minor(t.margin)).toBe(minor(t.revenue) - minor(t.cost) - minor(t.commissions));
        expect(minor(t.margin)).toBe(running);
        // mrrFinal, arr
        expect(t.mrrFinal).toBe(q.months[q.months.length - 1]!.recurringRevenue);
        expect(minor(t.arr)).toBe(12n * minor(t.mrrFinal));
        // breakEvenMonth: first month from which the cumulative margin stays ≥ 0
        const cumulative = q.months.map((m) => minor(m.cumulativeMargin));
        const lastNegative = cumulative.reduce((last, c, i) => (c < 0n ? i + 1 : last), 0);
        expect(t.breakEvenMonth).toBe(lastNegative === cumulative.length ? null : lastNegative + 1);
      }),
      { numRuns: RUNS },
    );
  });

  it('every amount has exactly the currency’s 2 decimals (no fractional minor units)', () => {
    fc.assert(
      fc.property(scenarioArb(), modeArb, (s, mode) => {
        const q = validQuote(s, TABLES[mode]);
        for (const amount of moneyStrings(q)) expect(amount).toMatch(/^-?\d+\.\d{2}$/);
        for (const pct of [q.totals.marginPct, ...q.customers.map((c) => c.totals.marginPct)]) {
          if (pct !== null) expect(pct).toMatch(/^-?\d+\.\d{2}$/);
        }
        for (const c of q.customers) {
          if (c.advice) {
            expect(Number.isInteger(c.advice.breakEvenHours)).toBe(true);
            expect(Math.round(c.advice.averageHours * 100) / 100).toBe(c.advice.averageHours);
            expect(minor(c.advice.saving)).toBeGreaterThan(0n);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('monotonicity', () => {
  it('a longer term never raises the fixed-term monthly license', () => {
    // random ascending discounts (the schema's rule: they do not fall as terms grow)
    const discountsArb = fc
      .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 8, maxLength: 8 })
      .map((d) => [...d].sort((a, b) => a - b).map((v) => decimal(v, 4)));
    fc.assert(
      fc.property(
        fc.constantFrom(...BUNDLES),
        fc.constantFrom(...BANDWIDTHS),
        fc.integer({ min: 0, max: 200 }),
        fc.option(discountsArb, { nil: undefined }),
        (bundle, bandwidth, vServices, discounts) => {
          const t = discounts
            ? table((tb) => {
                tb.service.fixedTerm.terms.forEach((term, i) => {
                  term.discountPct = discounts[i]!;
                });
              })
            : TABLE;
          const licenses = TERMS.map((termMonths) => {
            const q = validQuote(
              scenario({
                horizonMonths: 1,
                customers: [
                  {
                    id: 'c',
                    name: '',
                    count: 1,
                    startMonth: 1,
                    endMonth: null,
                    partnerId: null,
                    sell: null,
                    apps: [],
                    license: {
                      model: 'fixed-term',
                      bandwidth,
                      bundle,
                      vServices,
                      termMonths,
                      renew: true,
                    },
                  },
                ],
              }),
              t,
            );
            return minor(q.months[0]!.cost.fixedTerm);
          });
          for (let i = 1; i < licenses.length; i++) {
            expect(licenses[i]!).toBeLessThanOrEqual(licenses[i - 1]!);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('more PAYG hours never lower the cost (month by month and in total)', () => {
    const pairArb = fc
      .array(fc.tuple(hoursArb, hoursArb), { minLength: 12, maxLength: 12 })
      .map((pairs) => ({
        low: pairs.map(([a, b]) => Math.min(a, b)),
        high: pairs.map(([a, b]) => Math.max(a, b)),
      }));
    fc.assert(
      fc.property(
        pairArb,
        fc.boolean(),
        fc.constantFrom(...BUNDLES),
        fc.constantFrom(...BANDWIDTHS),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 24 }),
        sellArb,
        (hours, seasonal, bundle, bandwidth, vServices, count, horizon, sell) => {
          const priced = (h: number[]) =>
            validQuote(
              scenario({
                horizonMonths: horizon,
                startPeriod: '2027-05',
                customers: [
                  {
                    id: 'c',
                    name: '',
                    count,
                    startMonth: 1,
                    endMonth: null,
                    partnerId: null,
                    sell,
                    apps: [],
                    license: {
                      model: 'payg',
                      bandwidth,
                      bundle,
                      vServices,
                      hoursPerMonth: seasonal ? h : h[0]!,
                      convertTo: null,
                    },
                  },
                ],
              }),
            );
          const low = priced(hours.low);
          const high = priced(hours.high);
          low.months.forEach((m, i) => {
            expect(minor(m.cost.payg)).toBeLessThanOrEqual(minor(high.months[i]!.cost.payg));
          });
          expect(minor(low.totals.cost)).toBeLessThanOrEqual(minor(high.totals.cost));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('count', () => {
  const withCounts = (s: Scenario, count: (line: CustomerLine) => number): Scenario => ({
    ...s,
    customers: s.customers.map((line) => ({ ...line, count: count(line) })),
  });

  it('count n gives exactly n × the count-1 amounts (no white-label apps on the lines)', () => {
    fc.assert(
      fc.property(
        scenarioArb({ whiteLabelLines: false, hardware: false }),
        fc.integer({ min: 2, max: 50 }),
        modeArb,
        (s, n, mode) => {
          const one = validQuote(
            withCounts(s, () => 1),
            TABLES[mode],
          );
          const many = validQuote(
            withCounts(s, () => n),
            TABLES[mode],
          );
          const N = BigInt(n);
          one.customers.forEach((c, i) => {
            const m = many.customers[i]!;
            expect(m.count).toBe(n);
            for (const key of ['revenue', 'cost', 'commissions', 'margin'] as const) {
              expect(minor(m.totals[key])).toBe(N * minor(c.totals[key]));
            }
            expect(m.totals.marginPct).toBe(c.totals.marginPct);
            expect(m.advice?.termMonths).toBe(c.advice?.termMonths);
            if (c.advice) expect(minor(m.advice!.saving)).toBe(N * minor(c.advice.saving));
          });
          one.months.forEach((m1, i) => {
            const mn = many.months[i]!;
            expect(minor(mn.revenue)).toBe(N * minor(m1.revenue));
            expect(minor(mn.recurringRevenue)).toBe(N * minor(m1.recurringRevenue));
            expect(minor(mn.cost.fixedTerm)).toBe(N * minor(m1.cost.fixedTerm));
            expect(minor(mn.cost.payg)).toBe(N * minor(m1.cost.payg));
            expect(minor(mn.cost.apps)).toBe(N * minor(m1.cost.apps));
            expect(minor(mn.commissions.partner)).toBe(N * minor(m1.commissions.partner));
            expect(minor(mn.commissions.distributor)).toBe(N * minor(m1.commissions.distributor));
            expect(mn.cost.platform).toBe(m1.cost.platform);
            expect(mn.demandMbps).toBe(n * m1.demandMbps);
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a line of count n prices as n lines of count 1 in its place (white-label apps included)', () => {
    fc.assert(
      fc.property(
        scenarioArb({ hardware: false }),
        fc.nat(),
        fc.integer({ min: 2, max: 12 }),
        modeArb,
        (s, pick, n, mode) => {
          const index = pick % s.customers.length;
          const line = s.customers[index]!;
          const whole: Scenario = {
            ...s,
            customers: s.customers.map((l, i) => (i === index ? { ...l, count: n } : l)),
          };
          const split: Scenario = {
            ...s,
            customers: s.customers.flatMap((l, i) =>
              i === index
                ? Array.from({ length: n }, (_, k) => ({
                    ...line,
                    id: `${line.id}-${k}`,
                    count: 1,
                  }))
                : [l],
            ),
          };
          const a = validQuote(whole, TABLES[mode]);
          const b = validQuote(split, TABLES[mode]);
          // the months (platform and main apps included) are the same
          expect(a.months).toEqual(b.months);
          expect(a.totals).toEqual(b.totals);
          // the line's totals are the sum of its copies'
          const copies = b.customers.slice(index, index + n);
          for (const key of ['revenue', 'cost', 'commissions', 'margin'] as const) {
            expect(minor(a.customers[index]!.totals[key])).toBe(
              total(copies.map((c) => c.totals[key])),
            );
          }
          // in volume mode every copy is priced alike, so the line is n × one copy
          if (mode === 'volume') {
            for (const c of copies) expect(c.totals).toEqual(copies[0]!.totals);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// An independent oracle: month-1 license, revenue and commissions of a single line recomputed
// here with BigInt rationals straight from the decimal strings, not with the engine's helpers.
// ---------------------------------------------------------------------------------------------

/** An exact rational n / d with d > 0. */
interface Q {
  readonly n: bigint;
  readonly d: bigint;
}
const q = (text: string): Q => {
  const [int, frac = ''] = text.split('.');
  return { n: BigInt(`${int}${frac}`), d: 10n ** BigInt(frac.length) };
};
const qi = (n: number | bigint): Q => ({ n: BigInt(n), d: 1n });
const add = (a: Q, b: Q): Q => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const sub = (a: Q, b: Q): Q => add(a, { n: -b.n, d: b.d });
const mul = (a: Q, b: Q): Q => ({ n: a.n * b.n, d: a.d * b.d });
const div = (a: Q, b: Q): Q =>
  b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
const pct = (text: string): Q => div(q(text), qi(100));
/** Rounds to cents, half away from zero; returns cents. */
const cents = (x: Q): bigint => {
  const n = x.n * 100n;
  const whole = n / x.d;
  const rest = n % x.d;
  const twice = 2n * (rest < 0n ? -rest : rest);
  if (twice >= x.d) return n < 0n ? whole - 1n : whole + 1n;
  return whole;
};
const fromCents = (c: bigint): Q => ({ n: c, d: 100n });

/** Days in a calendar month (month 1–12), by the Gregorian rule. */
const daysIn = (year: number, monthOfYear: number) =>
  monthOfYear === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : [4, 6, 9, 11].includes(monthOfYear)
      ? 30
      : 31;

describe('independent oracle (BigInt rationals) for month 1 of a single line', () => {
  const priceArb = money6Arb(5000);
  const hourlyArb = fc.integer({ min: 0, max: 20_000_000 }).map((v) => decimal(v, 6)); // ≤ 20
  const extraHourlyArb = fc.integer({ min: 0, max: 500_000 }).map((v) => decimal(v, 6)); // ≤ 0.5

  const revenueOf = (cost: bigint, sell: Sell, defaultMarkup: string): bigint => {
    if (sell === null) return cents(mul(fromCents(cost), add(qi(1), pct(defaultMarkup))));
    if (sell.mode === 'markup') return cents(mul(fromCents(cost), add(qi(1), pct(sell.pct))));
    if (sell.mode === 'margin')
      return cents(div(mul(fromCents(cost), qi(100)), sub(qi(100), q(sell.pct))));
    return cents(q(sell.monthly)) + cents(q(sell.oneOff));
  };

  const channel = (partnerPct: string, distributorPct: string) => ({
    distributors: [
      { id: 'd', name: '', commissionPct: distributorPct, partnerCommissionPct: null },
    ],
    partners: [{ id: 'p', name: '', distributorId: 'd', commissionPct: partnerPct }],
  });

  it('fixed-term: license, revenue and commissions to the cent', () => {
    fc.assert(
      fc.property(
        fc.record({
          bundle: fc.constantFrom(...BUNDLES),
          bandwidth: fc.constantFrom(...BANDWIDTHS),
          vServices: fc.integer({ min: 0, max: 200 }),
          list: priceArb,
          extra: money6Arb(50),
          termIndex: fc.integer({ min: 0, max: TERMS.length - 1 }),
          discounts: fc
            .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 8, maxLength: 8 })
            .map((d) => [...d].sort((a, b) => a - b).map((v) => decimal(v, 4))),
          count: fc.integer({ min: 1, max: 50 }),
          sell: sellArb,
          defaultMarkup: pctArb(999),
          partnerPct: pctArb(100),
          distributorPct: pctArb(100),
        }),
        (r) => {
          const t: PriceTable = table((tb) => {
            tb.service.fixedTerm.monthlyList[r.bundle]![r.bandwidth] = r.list;
            tb.service.fixedTerm.extraVServiceMonthly = r.extra;
            tb.service.fixedTerm.terms.forEach((term, i) => {
              term.discountPct = r.discounts[i]!;
            });
          });
          const termMonths = TERMS[r.termIndex]!;
          const included = rawTable().service.bundles.find(
            (b) => b.id === r.bundle,
          )!.includedVServices;
          const quoteOf = validQuote(
            scenario({
              horizonMonths: 1,
              channel: channel(r.partnerPct, r.distributorPct),
              pricing: { defaultMarkupPct: r.defaultMarkup },
              customers: [
                {
                  id: 'c',
                  name: '',
                  count: r.count,
                  startMonth: 1,
                  endMonth: null,
                  partnerId: 'p',
                  sell: r.sell,
                  apps: [],
                  license: {
                    model: 'fixed-term',
                    bandwidth: r.bandwidth,
                    bundle: r.bundle,
                    vServices: r.vServices,
                    termMonths,
                    renew: true,
                  },
                },
              ],
            }),
            t,
          );
          // license = (list + max(0, vS − included) × extra) × (1 − d/100), rounded once
          const extraVS = Math.max(0, r.vServices - included);
          const license = cents(
            mul(
              add(q(r.list), mul(qi(extraVS), q(r.extra))),
              sub(qi(1), pct(r.discounts[r.termIndex]!)),
            ),
          );
          const revenue = revenueOf(license, r.sell, r.defaultMarkup);
          const partner = cents(mul(fromCents(revenue), pct(r.partnerPct)));
          const distributor = cents(mul(fromCents(revenue), pct(r.distributorPct)));
          const N = BigInt(r.count);
          const m1 = quoteOf.months[0]!;
          expect(minor(m1.cost.fixedTerm)).toBe(N * license);
          expect(minor(m1.revenue)).toBe(N * revenue);
          expect(minor(m1.commissions.partner)).toBe(N * partner);
          expect(minor(m1.commissions.distributor)).toBe(N * distributor);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('PAYG: min(hours, days × 24) × (hourly + extraVS × extraHourly), revenue and commissions', () => {
    fc.assert(
      fc.property(
        fc.record({
          bundle: fc.constantFrom(...BUNDLES),
          bandwidth: fc.constantFrom(...BANDWIDTHS),
          vServices: fc.integer({ min: 0, max: 200 }),
          hourly: hourlyArb,
          extraHourly: extraHourlyArb,
          hours: fc.oneof(hoursArb, fc.constantFrom(744, 743.99, 720, 696, 672, 0.01)),
          year: fc.integer({ min: 2024, max: 2104 }),
          monthOfYear: fc.integer({ min: 1, max: 12 }),
          count: fc.integer({ min: 1, max: 50 }),
          sell: sellArb,
          defaultMarkup: pctArb(999),
          partnerPct: pctArb(100),
          distributorPct: pctArb(100),
        }),
        (r) => {
          const t = table((tb) => {
            tb.service.payg.hourly[r.bundle]![r.bandwidth] = r.hourly;
            tb.service.payg.extraVServiceHourly = r.extraHourly;
          });
          const included = rawTable().service.bundles.find(
            (b) => b.id === r.bundle,
          )!.includedVServices;
          const quoteOf = validQuote(
            scenario({
              startPeriod: `${r.year}-${String(r.monthOfYear).padStart(2, '0')}`,
              horizonMonths: 1,
              channel: channel(r.partnerPct, r.distributorPct),
              pricing: { defaultMarkupPct: r.defaultMarkup },
              customers: [
                {
                  id: 'c',
                  name: '',
                  count: r.count,
                  startMonth: 1,
                  endMonth: null,
                  partnerId: 'p',
                  sell: r.sell,
                  apps: [],
                  license: {
                    model: 'payg',
                    bandwidth: r.bandwidth,
                    bundle: r.bundle,
                    vServices: r.vServices,
                    hoursPerMonth: r.hours,
                    convertTo: null,
                  },
                },
              ],
            }),
            t,
          );
          // hours as an exact rational from their 2-decimal text
          const hours = q(r.hours.toFixed(2));
          const cap = qi(daysIn(r.year, r.monthOfYear) * 24);
          const used = hours.n * cap.d <= cap.n * hours.d ? hours : cap;
          const extraVS = Math.max(0, r.vServices - included);
          const rate = add(q(r.hourly), mul(qi(extraVS), q(r.extraHourly)));
          const license = cents(mul(used, rate));
          const revenue = revenueOf(license, r.sell, r.defaultMarkup);
          const partner = cents(mul(fromCents(revenue), pct(r.partnerPct)));
          const distributor = cents(mul(fromCents(revenue), pct(r.distributorPct)));
          const N = BigInt(r.count);
          const m1 = quoteOf.months[0]!;
          expect(minor(m1.cost.payg)).toBe(N * license);
          expect(minor(m1.revenue)).toBe(N * revenue);
          expect(minor(m1.commissions.partner)).toBe(N * partner);
          expect(minor(m1.commissions.distributor)).toBe(N * distributor);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
