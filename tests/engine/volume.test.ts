import { parseScenario } from '../support/scenarios';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  PriceTableSchema,
  whiteLabelVolume,
  type AppEntry,
  type PriceTable,
  type Scenario,
} from '../../src/engine/index';
import {
  deepFreeze,
  fixedLine,
  minor,
  money2,
  paygLine,
  scenario,
  table,
  TABLE,
  TODAY,
} from './helpers';
import { examplesUrl } from '../support/examples';

// The fixture table (helpers.ts, the figures of the spec's example table): White Label setup
// 3900.00, monthly 790.00, volume mode on setup and monthly fees, tiers
// 1–2: 0 % · 3–5: 10 % · 6–10: 25 % · 11+: 50 %. Per-user prices take no discount, so the
// apps below have 0 users and the hand arithmetic is fees only:
//   setup    0 % 3900.00 · 10 % 3510.00 · 25 % 2925.00 · 50 % 1950.00
//   monthly  0 %  790.00 · 10 %  711.00 · 25 %  592.50 · 50 %  395.00

const OPTIONS = { today: TODAY };

const wl = (count: number, usersPerApp = 0): AppEntry => ({
  bundle: 'white-label',
  count,
  usersPerApp,
  provisioning: 'standalone',
});

function volumeOf(s: Scenario, t: PriceTable = TABLE) {
  const result = whiteLabelVolume(parseScenario(s), t, OPTIONS);
  if (!result) throw new Error('expected white-label volume figures');
  return result;
}

/** totals.cost of a quote, in cents. */
function costOf(s: Scenario, t: PriceTable): bigint {
  const q = calculateQuote(parseScenario(s), t, OPTIONS);
  if (!q.totals) throw new Error(`expected a valid quote, got ${JSON.stringify(q.issues)}`);
  return minor(q.totals.cost);
}

/** The tiers of the fixture table, written out. */
const TIERS = [
  { index: 0, from: 1, upTo: 2, discountPct: '0' },
  { index: 1, from: 3, upTo: 5, discountPct: '10' },
  { index: 2, from: 6, upTo: 10, discountPct: '25' },
  { index: 3, from: 11, upTo: null, discountPct: '50' },
];

describe('whiteLabelVolume', () => {
  it('one main app: tier 1 reached, 2 more instances to 10 %, saving 10 % of the fees', () => {
    const v = volumeOf(scenario({ mainApps: [wl(1)] }));
    expect(v).toEqual({
      mode: 'volume',
      appliesTo: ['setupFee', 'monthlyFee'],
      currency: 'USD',
      instancesByMonth: Array(12).fill(1),
      peakInstances: 1,
      peakMonth: 1,
      peakPeriod: '2027-01',
      tiers: TIERS,
      reached: 0,
      // setup 3900.00 − 3510.00 = 390.00; 12 × (790.00 − 711.00) = 948.00
      next: { index: 1, from: 3, discountPct: '10', instancesToGo: 2, saving: '1338.00' },
    });
  });

  it.each([
    // peak, tier reached, next tier, to go, saving (per instance × instances)
    [2, 0, 1, 1, '2676.00'], // exactly at upTo 2: still the first tier; 2 × 1338.00
    [3, 1, 2, 3, '6021.00'], // one past: 3 × (585.00 + 12 × 118.50)
    [5, 1, 2, 1, '10035.00'], // exactly at upTo 5: 5 × 2007.00
    [6, 2, 3, 5, '20070.00'], // one past: 6 × (975.00 + 12 × 197.50)
    [10, 2, 3, 1, '33450.00'], // exactly at upTo 10: 10 × 3345.00
  ])(
    '%i main apps: tier %i reached, next tier %i, %i to go, saving %s',
    (n, r, i, toGo, saving) => {
      const v = volumeOf(scenario({ mainApps: [wl(n)] }));
      expect(v.peakInstances).toBe(n);
      expect(v.reached).toBe(r);
      expect(v.next).toEqual({
        index: i,
        from: TIERS[i]!.from,
        discountPct: TIERS[i]!.discountPct,
        instancesToGo: toGo,
        saving,
      });
    },
  );

  it('the last tier reached: no next tier', () => {
    for (const n of [11, 40]) {
      const v = volumeOf(scenario({ mainApps: [wl(n)] }));
      expect(v.peakInstances).toBe(n);
      expect(v.reached).toBe(3);
      expect(v.next).toBeNull();
    }
  });

  it('no white-label instances: peak 0, the first tier, a saving of nothing', () => {
    const enterprise: AppEntry = { ...wl(3), bundle: 'enterprise' };
    const v = volumeOf(scenario({ mainApps: [enterprise], customers: [fixedLine()] }));
    expect(v.instancesByMonth).toEqual(Array(12).fill(0));
    expect(v.peakInstances).toBe(0);
    expect(v.peakMonth).toBe(1);
    expect(v.reached).toBe(0);
    expect(v.next).toEqual({
      index: 1,
      from: 3,
      discountPct: '10',
      instancesToGo: 3,
      saving: '0.00',
    });
  });

  it('counts customer copies × entries and child apps not at all, like the ranking', () => {
    const line = fixedLine({
      count: 3,
      apps: [
        wl(2),
        { bundle: 'full-feature', count: 4, usersPerApp: 0, provisioning: 'child' },
        { ...wl(1), bundle: 'enterprise' },
      ],
    });
    const v = volumeOf(scenario({ mainApps: [wl(1)], customers: [line] }));
    expect(v.peakInstances).toBe(1 + 3 * 2);
    expect(v.reached).toBe(2);
  });

  it('instances that start and stop in different months: the peak month and its tier', () => {
    // main: 1 instance, months 1–12
    // a: 2 instances, a 3-month term not renewed from month 4: months 4–6
    // b: 2 customers with 1 instance each, PAYG months 5–8
    const a = fixedLine({
      id: 'a',
      startMonth: 4,
      license: { termMonths: 3, renew: false },
      apps: [wl(2)],
    });
    const b = paygLine({ id: 'b', count: 2, startMonth: 5, endMonth: 8, apps: [wl(1)] });
    const s = scenario({ mainApps: [wl(1)], customers: [a, b] });
    const v = volumeOf(s);
    expect(v.instancesByMonth).toEqual([1, 1, 1, 3, 5, 5, 3, 3, 1, 1, 1, 1]);
    expect(v.peakInstances).toBe(5);
    expect(v.peakMonth).toBe(5); // the first month with the peak
    expect(v.peakPeriod).toBe('2027-05');
    expect(v.reached).toBe(1);
    // At 25 % in every month, against 0 % (N ≤ 2) or 10 % (N 3–5) in the quote:
    //   main  setup m1 at 0 %: 975.00; monthly m1–3, m9–12 at 0 %: 7 × 197.50 = 1382.50,
    //         m4–8 at 10 %: 5 × 118.50 = 592.50                               → 2950.00
    //   a     setup m4 at 10 %: 2 × 585.00; monthly m4–6: 2 × 3 × 118.50     → 1881.00
    //   b     setup m5 at 10 %: 2 × 585.00; monthly m5–8: 2 × 4 × 118.50     → 2118.00
    expect(v.next).toEqual({
      index: 2,
      from: 6,
      discountPct: '25',
      instancesToGo: 1,
      saving: '6949.00',
    });
  });

  it('the saving is the difference of two quotes, the second on a table edited by hand', () => {
    const a = fixedLine({ id: 'a', count: 2, startMonth: 3, apps: [wl(1, 150)] });
    const b = paygLine({ id: 'b', startMonth: 2, endMonth: 7, apps: [wl(2, 40)] });
    const s = scenario({ mainApps: [wl(1, 25)], customers: [a, b] });
    const v = volumeOf(s);
    expect(v.peakInstances).toBe(5);
    expect(v.next?.discountPct).toBe('25');
    // every tier at least 25 %: 0 → 25, 10 → 25, 25, 50
    const edited = table((t) => {
      t.apps.whiteLabelVolume.tiers = [
        { upTo: 2, discountPct: '25' },
        { upTo: 5, discountPct: '25' },
        { upTo: 10, discountPct: '25' },
        { upTo: null, discountPct: '50' },
      ];
    });
    expect(minor(v.next!.saving)).toBe(costOf(s, TABLE) - costOf(s, edited));
    expect(minor(v.next!.saving)).toBeGreaterThan(0n);
  });

  it('the saving includes per-user amounts when the table discounts them', () => {
    const onUsers = table((t) => {
      t.apps.whiteLabelVolume.appliesTo = ['setupFee', 'monthlyFee', 'perUser'];
    });
    const s = scenario({ mainApps: [wl(1, 10)] });
    // 10 users at 2.95 = 29.50 a month, 10 % of it 2.95: 12 × 2.95 = 35.40 on top of 1338.00
    expect(volumeOf(s, onUsers).next?.saving).toBe('1373.40');
    expect(volumeOf(s).next?.saving).toBe('1338.00');
  });

  describe('graduated mode', () => {
    const graduated = table((t) => {
      t.apps.whiteLabelVolume.mode = 'graduated';
    });

    it('reports the tier of the highest rank; the saving prices every rank at the next tier', () => {
      const v = volumeOf(scenario({ mainApps: [wl(4)] }), graduated);
      expect(v.mode).toBe('graduated');
      expect(v.peakInstances).toBe(4);
      expect(v.reached).toBe(1);
      // ranks 1–2 at 0 % and 3–4 at 10 % in the quote; all at 25 %:
      // 2 × (975.00 + 12 × 197.50) + 2 × (585.00 + 12 × 118.50) = 2 × 3345.00 + 2 × 2007.00
      expect(v.next).toEqual({
        index: 2,
        from: 6,
        discountPct: '25',
        instancesToGo: 2,
        saving: '10704.00',
      });
    });

    it('a line whose copies straddle tiers: the saving is still the difference of two quotes', () => {
      const line = fixedLine({ count: 5, apps: [wl(2)] });
      const s = scenario({ mainApps: [wl(1)], customers: [line] });
      const v = volumeOf(s, graduated);
      expect(v.peakInstances).toBe(11);
      expect(v.reached).toBe(3);
      expect(v.next).toBeNull();

      const fewer = scenario({ mainApps: [wl(1)], customers: [{ ...line, count: 3 }] });
      const w = volumeOf(fewer, graduated);
      expect(w.peakInstances).toBe(7);
      expect(w.reached).toBe(2);
      expect(w.next?.instancesToGo).toBe(4);
      const edited = table((t) => {
        t.apps.whiteLabelVolume.mode = 'graduated';
        t.apps.whiteLabelVolume.tiers = [
          { upTo: 2, discountPct: '50' },
          { upTo: 5, discountPct: '50' },
          { upTo: 10, discountPct: '50' },
          { upTo: null, discountPct: '50' },
        ];
      });
      expect(minor(w.next!.saving)).toBe(costOf(fewer, graduated) - costOf(fewer, edited));
    });
  });

  it('keeps a tier discount above the next one (each tier at the larger of the two)', () => {
    // discounts need not ascend: 0, 30, 20, 50
    const odd = table((t) => {
      t.apps.whiteLabelVolume.tiers[1]!.discountPct = '30';
      t.apps.whiteLabelVolume.tiers[2]!.discountPct = '20';
    });
    const s = scenario({ mainApps: [wl(1)] });
    const v = volumeOf(s, odd);
    expect(v.next?.discountPct).toBe('30');
    const expected = table((t) => {
      t.apps.whiteLabelVolume.tiers[0]!.discountPct = '30';
      t.apps.whiteLabelVolume.tiers[1]!.discountPct = '30';
      t.apps.whiteLabelVolume.tiers[2]!.discountPct = '30';
    });
    expect(minor(v.next!.saving)).toBe(costOf(s, odd) - costOf(s, expected));
    // 30 % of 3900.00 and of 12 × 790.00
    expect(v.next!.saving).toBe(money2(117000n + 12n * 23700n));
  });

  it('a single open tier: reached, and nothing next', () => {
    const flat = table((t) => {
      t.apps.whiteLabelVolume.tiers = [{ upTo: null, discountPct: '5' }];
    });
    const v = volumeOf(scenario({ mainApps: [wl(7)] }), flat);
    expect(v.tiers).toEqual([{ index: 0, from: 1, upTo: null, discountPct: '5' }]);
    expect(v.reached).toBe(0);
    expect(v.next).toBeNull();
  });

  it('in a currency without minor digits the saving has none', () => {
    const yen = table((t) => {
      t.currency = 'JPY';
    });
    const v = volumeOf(scenario({ mainApps: [wl(1)] }), yen);
    expect(v.currency).toBe('JPY');
    expect(v.next?.saving).toBe('1338');
  });

  it('null when the quote has errors', () => {
    const child: AppEntry = { ...wl(1), bundle: 'full-feature', provisioning: 'child' };
    const s = scenario({ customers: [fixedLine({ apps: [child] })] });
    expect(calculateQuote(s, TABLE, OPTIONS).totals).toBeNull();
    expect(whiteLabelVolume(parseScenario(s), TABLE, OPTIONS)).toBeNull();
  });

  it('is pure: frozen inputs, the same answer twice', () => {
    const s = deepFreeze(
      parseScenario(scenario({ mainApps: [wl(2)], customers: [fixedLine({ apps: [wl(1)] })] })),
    );
    const t = deepFreeze(table());
    const first = whiteLabelVolume(s, t, OPTIONS);
    expect(whiteLabelVolume(s, t, OPTIONS)).toEqual(first);
    expect(first?.next?.saving).toBeDefined();
  });

  describe('on the spec example table (tests/fixtures/examples)', () => {
    const examples = examplesUrl;
    const read = (name: string): unknown =>
      JSON.parse(readFileSync(new URL(name, examples), 'utf8'));
    const exampleTable = PriceTableSchema.parse(read('example-table.json'));

    it('example 1: one main white-label app, a child app; saving = difference of quotes', () => {
      const s = parseScenario(read('example-1-mixed.json'));
      const v = whiteLabelVolume(s, exampleTable, OPTIONS)!;
      expect(v.peakInstances).toBe(1);
      expect(v.instancesByMonth).toEqual(Array(s.horizonMonths).fill(1));
      expect(v.reached).toBe(0);
      expect(v.next).toMatchObject({ index: 1, from: 3, discountPct: '10', instancesToGo: 2 });
      // 20 users take no discount: 10 % of 3900.00 and of 6 × 790.00
      expect(v.next!.saving).toBe('864.00');

      const golden = read('example-1-mixed.quote.json') as { totals: { cost: string } };
      const edited = structuredClone(exampleTable);
      edited.apps.whiteLabelVolume.tiers[0]!.discountPct = '10';
      expect(minor(v.next!.saving)).toBe(
        minor(golden.totals.cost) - costOf(s, PriceTableSchema.parse(edited)),
      );
    });

    it('example 3 (errors): null', () => {
      const s = parseScenario(read('example-3-errors.json'));
      expect(whiteLabelVolume(s, exampleTable, OPTIONS)).toBeNull();
    });
  });
});
