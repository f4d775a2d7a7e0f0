import { parseScenario } from '../support/scenarios';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  PriceTableSchema,
  priceWaterfall,
  type AppEntry,
  type PriceTable,
  type PriceWaterfall,
  type Quote,
  type Scenario,
} from '../../src/engine/index';
import { TABLE_VARIANTS, validScenarioArb } from '../oracle/arbitraries';
import {
  deepFreeze,
  fixedLine,
  minor,
  paygLine,
  scenario,
  table,
  TABLE,
  TODAY,
  validQuote,
} from './helpers';
import { examplesUrl } from '../support/examples';

// The price waterfall of ADR 011: list − termDiscount − volumeDiscount = cost; cost + markup =
// sell; sell − cost − commissions = margin. Every figure is a quote's total or the difference
// of two quotes' totals, so the tests check the identities, the sums over customer lines, hand
// arithmetic on the fixture table (helpers.ts) and the differences against tables edited by hand.

// FC_RUNS=500 npx vitest run tests/engine/waterfall.test.ts for a longer search.
const RUNS = Number(process.env.FC_RUNS ?? 40);
const OPTIONS = { today: TODAY };

const wl = (count: number, usersPerApp = 0): AppEntry => ({
  bundle: 'white-label',
  count,
  usersPerApp,
  provisioning: 'standalone',
});

function waterfallOf(s: Scenario, t: PriceTable = TABLE, customerId?: string): PriceWaterfall {
  const w = priceWaterfall(parseScenario(s), t, OPTIONS, customerId);
  if (!w) throw new Error('expected a price waterfall');
  return w;
}

/** The three identities, exactly, in minor units. */
function expectIdentities(w: PriceWaterfall): void {
  const [list, term, volume, cost, markup, sell, commissions, margin] = [
    w.list,
    w.termDiscount,
    w.volumeDiscount,
    w.cost,
    w.markup,
    w.sell,
    w.commissions,
    w.margin,
  ].map(minor) as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  expect(list - term - volume).toBe(cost);
  expect(cost + markup).toBe(sell);
  expect(sell - cost - commissions).toBe(margin);
  // a table's prices here are non-negative: removing a discount never lowers a rounded amount
  expect(term).toBeGreaterThanOrEqual(0n);
  expect(volume).toBeGreaterThanOrEqual(0n);
}

/** Every amount of a waterfall has exactly the currency's minor digits. */
function expectDigits(w: PriceWaterfall, digits: number): void {
  const pattern = digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${digits}}$`);
  for (const key of [
    'list',
    'termDiscount',
    'volumeDiscount',
    'cost',
    'markup',
    'sell',
    'commissions',
    'margin',
  ] as const) {
    expect(w[key]).toMatch(pattern);
  }
}

const sumOf = (values: readonly string[]) => values.reduce((acc, v) => acc + minor(v), 0n);

/** Σ months' cost.platform of a quote: appliances, support, infrastructure and main apps. */
const platformCost = (q: Quote) => sumOf(q.months.map((m) => m.cost.platform));

/**
 * The deal's waterfall against its customer lines' waterfalls: the lines plus the platform
 * (cost with no revenue; main apps take the volume discount, nothing on it a term discount).
 */
function expectCustomerSums(s: Scenario, t: PriceTable): void {
  const parsed = parseScenario(s);
  const q = calculateQuote(parsed, t, OPTIONS);
  const deal = priceWaterfall(parsed, t, OPTIONS)!;
  const lines = q.customers.map((c) => {
    const w = priceWaterfall(parsed, t, OPTIONS, c.id)!;
    expect(w.scope).toBe('customer');
    expect(w.customerId).toBe(c.id);
    expect(w.cost).toBe(c.totals.cost);
    expect(w.sell).toBe(c.totals.revenue);
    expect(w.commissions).toBe(c.totals.commissions);
    expect(w.margin).toBe(c.totals.margin);
    expectIdentities(w);
    return w;
  });
  const total = (pick: (w: PriceWaterfall) => string) => sumOf(lines.map(pick));
  const platform = platformCost(q);
  expect(total((w) => w.cost) + platform).toBe(minor(deal.cost));
  expect(total((w) => w.sell)).toBe(minor(deal.sell));
  expect(total((w) => w.commissions)).toBe(minor(deal.commissions));
  expect(total((w) => w.margin) - platform).toBe(minor(deal.margin));
  expect(total((w) => w.markup) - platform).toBe(minor(deal.markup));
  expect(total((w) => w.termDiscount)).toBe(minor(deal.termDiscount));
  // the rest of the deal's volume discount is the main apps'
  expect(minor(deal.volumeDiscount)).toBeGreaterThanOrEqual(total((w) => w.volumeDiscount));
  if (parsed.mainApps.every((a) => a.bundle !== 'white-label' || a.provisioning !== 'standalone')) {
    expect(total((w) => w.volumeDiscount)).toBe(minor(deal.volumeDiscount));
  }
}

describe('priceWaterfall', () => {
  describe('hand-computed on the fixture table', () => {
    it('a fixed-term line on a 36-month term: the term discount, rounded once per month', () => {
      // core / 100m with 4 vServices (1 extra): list 149.00 + 9.50 = 158.50 a month;
      // at 15 %: 158.50 × 0.85 = 134.725 → 134.73 (§5 step 1, rounded once)
      // 2 customers × 36 months = 72 customer-months
      const line = fixedLine({ count: 2, license: { vServices: 4, termMonths: 36 } });
      const s = scenario({ horizonMonths: 36, customers: [line] });
      const w = waterfallOf(s);
      expect(w).toEqual({
        currency: 'USD',
        scope: 'deal',
        customerId: null,
        list: '11412.00', // 72 × 158.50
        termDiscount: '1711.44', // 72 × (158.50 − 134.73) = 72 × 23.77
        volumeDiscount: '0.00',
        cost: '9700.56', // 72 × 134.73
        markup: '3395.52',
        sell: '13096.08', // 72 × round(134.73 × 1.35 = 181.8855) = 72 × 181.89
        commissions: '0.00',
        margin: '3395.52',
      });
      // one line and no platform cost: the line's waterfall is the deal's
      expect(waterfallOf(s, TABLE, 'c')).toEqual({ ...w, scope: 'customer', customerId: 'c' });
    });

    it('a PAYG line: no term and no volume discount, list = cost', () => {
      // 100 hours × 0.2450 = 24.50 a month, 12 months
      const w = waterfallOf(scenario({ customers: [paygLine()] }));
      expect(w).toMatchObject({
        list: '294.00',
        termDiscount: '0.00',
        volumeDiscount: '0.00',
        cost: '294.00',
        sell: '396.96', // 12 × round(24.50 × 1.35 = 33.075) = 12 × 33.08
        markup: '102.96',
        margin: '102.96',
      });
    });

    it('white-label apps across a volume tier: the volume discount, main apps in the deal only', () => {
      // 1 main + 2 on the line = 3 instances: 10 % on setup 3900.00 and monthly 790.00
      // per instance: 390.00 + 12 × 79.00 = 1338.00
      const s = scenario({
        mainApps: [wl(1)],
        customers: [fixedLine({ apps: [wl(2)] })],
      });
      const deal = waterfallOf(s);
      expect(deal.termDiscount).toBe('0.00'); // 1-month term: 0 %
      expect(deal.volumeDiscount).toBe('4014.00'); // 3 × 1338.00
      const line = waterfallOf(s, TABLE, 'c');
      expect(line.volumeDiscount).toBe('2676.00'); // 2 × 1338.00
      expectIdentities(deal);
      expectIdentities(line);
      expectCustomerSums(s, TABLE);
    });

    it('graduated mode: only the instance ranked inside the discounted tier', () => {
      const graduated = table((t) => {
        t.apps.whiteLabelVolume.mode = 'graduated';
      });
      // ranks: main app 1 (0 %), the line's instances 2 (0 %) and 3 (10 %)
      const s = scenario({ mainApps: [wl(1)], customers: [fixedLine({ apps: [wl(2)] })] });
      expect(waterfallOf(s, graduated).volumeDiscount).toBe('1338.00');
      expect(waterfallOf(s, graduated, 'c').volumeDiscount).toBe('1338.00');
    });

    it('both discounts equal the differences of quotes on tables edited by hand', () => {
      const line = fixedLine({
        count: 3,
        startMonth: 4,
        partnerId: 'p1',
        license: { termMonths: 24, vServices: 7, bandwidth: '500m' },
        apps: [
          wl(2, 30),
          { bundle: 'enterprise', count: 1, usersPerApp: 12, provisioning: 'standalone' },
        ],
      });
      const s = scenario({
        horizonMonths: 30,
        mainApps: [wl(1, 20)],
        customers: [line, paygLine({ apps: [wl(1)] })],
        channel: {
          distributors: [{ id: 'd1', name: 'D', commissionPct: '3', partnerCommissionPct: '9' }],
          partners: [{ id: 'p1', name: 'P', distributorId: 'd1', commissionPct: null }],
        },
        platform: { infraCostMonthly: '250.00' },
      });
      const noTerm = table((t) => {
        for (const term of t.service.fixedTerm.terms) term.discountPct = '0';
      });
      const noDiscount = table((t) => {
        for (const term of t.service.fixedTerm.terms) term.discountPct = '0';
        for (const tier of t.apps.whiteLabelVolume.tiers) tier.discountPct = '0';
      });
      const cost = (t: PriceTable) => minor(validQuote(s, t).totals.cost);
      const w = waterfallOf(s);
      expect(minor(w.cost)).toBe(cost(TABLE));
      expect(minor(w.termDiscount)).toBe(cost(noTerm) - cost(TABLE));
      expect(minor(w.volumeDiscount)).toBe(cost(noDiscount) - cost(noTerm));
      expect(minor(w.list)).toBe(cost(noDiscount));
      expect(minor(w.termDiscount)).toBeGreaterThan(0n);
      expect(minor(w.volumeDiscount)).toBeGreaterThan(0n); // 1 + 3 × 2 + 1 = 8 instances: 25 %
      expect(minor(w.commissions)).toBeGreaterThan(0n);
      expectIdentities(w);
      expectCustomerSums(s, TABLE);
    });

    it('in a currency without minor digits the amounts have none', () => {
      const yen = table((t) => {
        t.currency = 'JPY';
      });
      const line = fixedLine({ license: { termMonths: 36 } });
      const w = waterfallOf(scenario({ horizonMonths: 36, customers: [line] }), yen);
      expect(w.currency).toBe('JPY');
      expectDigits(w, 0);
      expectIdentities(w);
      // 149 × 0.85 = 126.65 → 127 yen; 36 × (149 − 127)
      expect(w.termDiscount).toBe('792');
    });
  });

  describe('the sample plan (scenarios/sample-msp-plan.json on USD 2026.11)', () => {
    const root = new URL('../../', import.meta.url);
    const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
    const sampleTable = PriceTableSchema.parse(
      read('pricing-data/tr7-service-provider/USD/2026.11.json'),
    );
    const plan = parseScenario(read('scenarios/sample-msp-plan.json'));

    it('the deal: the identities, the quote totals, both discounts', () => {
      const q = calculateQuote(plan, sampleTable, OPTIONS);
      const w = priceWaterfall(plan, sampleTable, OPTIONS)!;
      expect(w.scope).toBe('deal');
      expect(w.customerId).toBeNull();
      expect(w.cost).toBe(q.totals!.cost);
      expect(w.sell).toBe(q.totals!.revenue);
      expect(w.commissions).toBe(q.totals!.commissions);
      expect(w.margin).toBe(q.totals!.margin);
      expectDigits(w, 2);
      expectIdentities(w);
      // fixed-term lines on 12-, 36- and 60-month terms, a conversion to 24 months;
      // 1 main + 2 white-label apps on c2 in its months: 3 instances, 10 %
      expect(minor(w.termDiscount)).toBeGreaterThan(0n);
      expect(minor(w.volumeDiscount)).toBeGreaterThan(0n);
    });

    it('every customer line, and the lines plus the platform add up to the deal', () => {
      expectCustomerSums(plan, sampleTable);
      // PAYG lines without conversion or white-label apps: list = cost
      for (const id of ['c3', 'c4', 'c5', 'c8']) {
        const w = priceWaterfall(plan, sampleTable, OPTIONS, id)!;
        expect([w.termDiscount, w.volumeDiscount]).toEqual(['0.00', '0.00']);
        expect(w.list).toBe(w.cost);
      }
      // c2 holds the customers' white-label apps; c1's child app takes no volume discount
      expect(
        minor(priceWaterfall(plan, sampleTable, OPTIONS, 'c2')!.volumeDiscount),
      ).toBeGreaterThan(0n);
      expect(priceWaterfall(plan, sampleTable, OPTIONS, 'c1')!.volumeDiscount).toBe('0.00');
    });
  });

  describe('the spec examples (tests/fixtures/examples)', () => {
    const examples = examplesUrl;
    const read = (name: string): unknown =>
      JSON.parse(readFileSync(new URL(name, examples), 'utf8'));
    const exampleTable = PriceTableSchema.parse(read('example-table.json'));

    for (const name of ['example-1-mixed', 'example-2-hardware']) {
      it(`${name}: the identities on the golden quote's totals, and per line`, () => {
        const s = parseScenario(read(`${name}.json`));
        const golden = read(`${name}.quote.json`) as Quote;
        const w = priceWaterfall(s, exampleTable, OPTIONS)!;
        expect(w.cost).toBe(golden.totals!.cost);
        expect(w.sell).toBe(golden.totals!.revenue);
        expect(w.commissions).toBe(golden.totals!.commissions);
        expect(w.margin).toBe(golden.totals!.margin);
        expectIdentities(w);
        expectCustomerSums(s, exampleTable);
      });
    }

    it('example 1: the term discounts of the 12-month line and the conversion', () => {
      const s = parseScenario(read('example-1-mixed.json'));
      // c1 plus / 500m / 14 vS, 12 months at 7.5 %: 579.00 + 4 × 9.50 = 617.00 → 570.725 → 570.73,
      //   6 months × 46.27 = 277.62
      // c3 core / 1g / 5 vS, converts at month 4 to 24 months at 12 %: 668.00 → 587.84,
      //   months 4–6: 3 × 80.16 = 240.48
      const w = priceWaterfall(s, exampleTable, OPTIONS)!;
      expect(w.termDiscount).toBe('518.10');
      expect(priceWaterfall(s, exampleTable, OPTIONS, 'c1')!.termDiscount).toBe('277.62');
      expect(priceWaterfall(s, exampleTable, OPTIONS, 'c3')!.termDiscount).toBe('240.48');
      // one white-label instance: the first tier, 0 %
      expect(w.volumeDiscount).toBe('0.00');
    });

    it('example 2: 3 customers on 36 months and a 6-month term not renewed', () => {
      const s = parseScenario(read('example-2-hardware.json'));
      // g1 plus / 1g / 25 vS at 15 %: 949.00 + 15 × 9.50 = 1091.50 → 927.775 → 927.78,
      //   3 × 14 months × 163.72 = 6876.24
      // g3 core / 100m at 2.5 %: 149.00 → 145.275 → 145.28, 6 months × 3.72 = 22.32
      const w = priceWaterfall(s, exampleTable, OPTIONS)!;
      expect(priceWaterfall(s, exampleTable, OPTIONS, 'g1')!.termDiscount).toBe('6876.24');
      expect(priceWaterfall(s, exampleTable, OPTIONS, 'g3')!.termDiscount).toBe('22.32');
      expect(w.termDiscount).toBe('6898.56');
      expect(w.volumeDiscount).toBe('0.00');
      // appliances and support are platform cost: in the deal's cost and list, in no line's
      const q = calculateQuote(s, exampleTable, OPTIONS);
      expect(platformCost(q)).toBeGreaterThan(0n);
    });

    it('example 3 (errors): null, for the deal and for a line', () => {
      const s = parseScenario(read('example-3-errors.json'));
      expect(priceWaterfall(s, exampleTable, OPTIONS)).toBeNull();
      expect(priceWaterfall(s, exampleTable, OPTIONS, s.customers[0]!.id)).toBeNull();
    });
  });

  describe('properties over generated scenarios (tests/oracle/arbitraries)', () => {
    const names = ['example', 'graduated', 'perUserGraduated', 'jpyFractional', 'extraTiers'];
    for (const name of names) {
      const t = PriceTableSchema.parse(structuredClone(TABLE_VARIANTS[name]!));
      const digits = t.currency === 'JPY' ? 0 : 2;
      it(`${name}: the identities, the lines' sums, and no discount on plain PAYG lines`, () => {
        fc.assert(
          fc.property(validScenarioArb(TABLE_VARIANTS[name]!, 4), (generated) => {
            const s = parseScenario(generated);
            const q = calculateQuote(s, t, OPTIONS);
            const w = priceWaterfall(s, t, OPTIONS);
            if (q.totals === null) {
              // only amounts past 2^53 minor units refuse a generated scenario
              expect(w).toBeNull();
              return;
            }
            expect(w).not.toBeNull();
            expect(w!.cost).toBe(q.totals.cost);
            expectDigits(w!, digits);
            expectIdentities(w!);
            expectCustomerSums(s, t);
            for (const line of s.customers) {
              const plain =
                line.license.model === 'payg' &&
                line.license.convertTo === null &&
                line.apps.every(
                  (a) => a.bundle !== 'white-label' || a.provisioning !== 'standalone',
                );
              if (!plain) continue;
              const lw = priceWaterfall(s, t, OPTIONS, line.id)!;
              expect(minor(lw.termDiscount)).toBe(0n);
              expect(minor(lw.volumeDiscount)).toBe(0n);
            }
          }),
          { numRuns: RUNS },
        );
      });
    }
  });

  describe('null cases', () => {
    it('null for an unknown customer id; the deal is still there', () => {
      const s = scenario({ customers: [fixedLine()] });
      expect(priceWaterfall(parseScenario(s), TABLE, OPTIONS, 'nobody')).toBeNull();
      expect(priceWaterfall(parseScenario(s), TABLE, OPTIONS)).not.toBeNull();
      expect(priceWaterfall(parseScenario(s), TABLE, OPTIONS, null)?.scope).toBe('deal');
    });

    it('null when the quote has errors', () => {
      const s = scenario({ customers: [fixedLine({ license: { termMonths: 5 } })] });
      expect(calculateQuote(parseScenario(s), TABLE, OPTIONS).totals).toBeNull();
      expect(priceWaterfall(parseScenario(s), TABLE, OPTIONS)).toBeNull();
      expect(priceWaterfall(parseScenario(s), TABLE, OPTIONS, 'c')).toBeNull();
    });

    it('null when the list price, with no discount, passes 2^53 minor units', () => {
      // 900,000,000.00 a month at 99 % is 9,000,000.00: 100,000 customers × 12 months is
      // 1.08 × 10^15 cents, priced; at list it is 1.08 × 10^17 cents, past 2^53 (≈ 9.007 × 10^15)
      const steep = table((t) => {
        t.service.fixedTerm.monthlyList['core']!['100m'] = '900000000';
        t.service.fixedTerm.terms = [
          { months: 1, discountPct: '0' },
          { months: 60, discountPct: '99' },
        ];
      });
      const line = fixedLine({ count: 100_000, license: { termMonths: 60 } });
      const s = scenario({ customers: [line], pricing: { defaultMarkupPct: '0' } });
      expect(validQuote(s, steep).totals.cost).toBe('10800000000000.00');
      expect(priceWaterfall(parseScenario(s), steep, OPTIONS)).toBeNull();
    });
  });

  it('is pure: frozen inputs (the table copies are new objects), the same answer twice', () => {
    const s = deepFreeze(
      parseScenario(
        scenario({
          mainApps: [wl(3)],
          customers: [fixedLine({ license: { termMonths: 12 }, apps: [wl(1)] })],
        }),
      ),
    );
    const t = deepFreeze(table());
    const first = priceWaterfall(s, t, OPTIONS);
    expect(priceWaterfall(s, t, OPTIONS)).toEqual(first);
    expect(minor(first!.termDiscount)).toBeGreaterThan(0n);
    expect(minor(first!.volumeDiscount)).toBeGreaterThan(0n);
  });

  it('the edited copies are tables the schema accepts (discounts still do not fall)', () => {
    // priceWaterfall hands its copies to calculateQuote without parsing them again; the same
    // edits made by hand pass PriceTableSchema, on every table the property tests use
    for (const raw of [...Object.values(TABLE_VARIANTS), TABLE]) {
      const edited = structuredClone(raw) as PriceTable;
      for (const term of edited.service.fixedTerm.terms) term.discountPct = '0';
      for (const tier of edited.apps.whiteLabelVolume.tiers) tier.discountPct = '0';
      expect(PriceTableSchema.safeParse(edited).success).toBe(true);
    }
  });
});
