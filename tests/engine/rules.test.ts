import { describe, expect, it } from 'vitest';
import { calculateQuote, ScenarioSchema, type QuoteIssue, type Sell } from '../../src/engine/index';
import {
  column,
  deepFreeze,
  fixedLine,
  month,
  paygLine,
  quote,
  scenario,
  sum,
  table,
  TABLE,
  TODAY,
  validQuote,
} from './helpers';

// One `describe` per rule of PRICING.md §5 and §6, each with worked examples on the fixture
// table of ./helpers.ts (the figures of the contract's example-table.json). The arithmetic is
// written out; "→" marks the one rounding, half away from zero, to the cent.

const zeros = (n: number) => Array<string>(n).fill('0.00');

// -------------------------------------------------------------------------------------------
// §5.1 license, fixed-term
// -------------------------------------------------------------------------------------------
describe('§5.1 fixed-term license: (list + extraVS × extra) × (1 − discount(term)/100)', () => {
  it('plus / 500m / 14 vServices / 12 months: (579 + 4 × 9.50) × (1 − 7.5/100) = 570.725 → 570.73', () => {
    const q = validQuote(
      scenario({
        customers: [
          fixedLine({
            license: { bundle: 'plus', bandwidth: '500m', vServices: 14, termMonths: 12 },
          }),
        ],
      }),
    );
    expect(month(q, 1).cost.fixedTerm).toBe('570.73');
    // rounding the discount on its own (617 × 0.075 = 46.275 → 46.28) would give 570.72: the
    // contract rounds the line amount once, never an intermediate
    expect(month(q, 1).cost.fixedTerm).not.toBe('570.72');
    expect(month(q, 12).cost.fixedTerm).toBe('570.73');
  });

  it('vServices at or below the bundle’s included ones cost nothing extra: max(0, 5 − 10) = 0', () => {
    // 579 × (1 − 7.5/100) = 535.575 → 535.58 (again a half cent, rounded away from zero)
    const q = validQuote(
      scenario({
        customers: [
          fixedLine({
            license: { bundle: 'plus', bandwidth: '500m', vServices: 5, termMonths: 12 },
          }),
        ],
      }),
    );
    expect(month(q, 1).cost.fixedTerm).toBe('535.58');
  });

  it('core / 100m / 6 months: 149 × (1 − 2.5/100) = 145.275 → 145.28 (half cent, away from zero)', () => {
    const q = validQuote(scenario({ customers: [fixedLine({ license: { termMonths: 6 } })] }));
    expect(month(q, 1).cost.fixedTerm).toBe('145.28');
    expect(month(q, 1).cost.payg).toBe('0.00');
  });

  it('rounds to the currency’s minor digits: in JPY 570.725 → 571 and amounts have no decimals', () => {
    const jpy = table((t) => {
      t.currency = 'JPY';
    });
    const s = scenario({
      priceTable: { product: 'example-sp', currency: 'JPY', version: '2026.09' },
      customers: [
        fixedLine({
          license: { bundle: 'plus', bandwidth: '500m', vServices: 14, termMonths: 12 },
        }),
      ],
    });
    const q = validQuote(s, jpy);
    expect(q.currency).toBe('JPY');
    expect(month(q, 1).cost.fixedTerm).toBe('571');
    // revenue at the default 35 % markup: 571 × 1.35 = 770.85 → 771
    expect(month(q, 1).revenue).toBe('771');
    expect(q.totals.revenue).toBe('9252'); // 12 × 771
  });
});

// -------------------------------------------------------------------------------------------
// §1 exactness beyond 2^53
// -------------------------------------------------------------------------------------------
describe('§1 amounts stay exact up to 2^53 minor units, and beyond it are refused, never rounded', () => {
  it('90,000 customers × 999,999,999.99 a month = 899,999,999,991,000.00, to the cent', () => {
    // 99,999,999,999 cents × 90,000 = 8,999,999,999,910,000 cents, just below 2^53 ≈ 9.007 × 10^15
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        customers: [
          fixedLine({
            count: 90_000,
            sell: { mode: 'fixed', monthly: '999999999.99', oneOff: '0' },
          }),
        ],
      }),
    );
    expect((99_999_999_999n * 90_000n).toString()).toBe('8999999999910000');
    expect(month(q, 1).recurringRevenue).toBe('89999999999100.00');
    expect(q.totals.revenue).toBe('89999999999100.00');
  });

  it('999,999 customers × 999,999,999.99 a month (99,999,899,999,000,001 cents) is refused by path, not rounded', () => {
    // A double holds 99,999,899,999,000,000 there (its spacing is 16): a number sum would lose
    // the last cent without a word. The engine reports amount-out-of-range instead (ADR 005).
    const q = quote(
      scenario({
        horizonMonths: 1,
        customers: [
          fixedLine({
            count: 999_999,
            sell: { mode: 'fixed', monthly: '999999999.99', oneOff: '0' },
          }),
        ],
      }),
    );
    expect(q.totals).toBeNull();
    expect(q.issues.map((i) => [i.level, i.code, i.path])).toEqual([
      ['error', 'amount-out-of-range', 'customers[0]'],
    ]);
  });
});

// -------------------------------------------------------------------------------------------
// §5 active months of a fixed-term line
// -------------------------------------------------------------------------------------------
describe('§5 active months: a fixed-term line runs one term, or renews to the horizon', () => {
  it('renew: false — a 3-month term from month 2 is active in months 2–4 only; revenue stops', () => {
    const q = validQuote(
      scenario({
        customers: [fixedLine({ startMonth: 2, license: { termMonths: 3, renew: false } })],
      }),
    );
    // core / 100m / 3 months: 149 × (1 − 0/100) = 149.00; revenue 149 × 1.35 = 201.15
    expect(column(q, (m) => m.cost.fixedTerm)).toEqual([
      '0.00',
      '149.00',
      '149.00',
      '149.00',
      ...zeros(8),
    ]);
    expect(column(q, (m) => m.revenue)).toEqual([
      '0.00',
      '201.15',
      '201.15',
      '201.15',
      ...zeros(8),
    ]);
    expect(column(q, (m) => m.demandMbps)).toEqual([0, 100, 100, 100, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('renew: true — the same line is active from month 2 to the horizon', () => {
    const q = validQuote(
      scenario({
        customers: [fixedLine({ startMonth: 2, license: { termMonths: 3, renew: true } })],
      }),
    );
    expect(column(q, (m) => m.cost.fixedTerm)).toEqual(['0.00', ...Array(11).fill('149.00')]);
    expect(q.customers[0]!.totals.revenue).toBe('2212.65'); // 11 × 201.15
  });

  it('renew: false with a term longer than the horizon runs to the horizon', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 6,
        customers: [fixedLine({ license: { termMonths: 12, renew: false } })],
      }),
    );
    // 149 × (1 − 7.5/100) = 137.825 → 137.83
    expect(column(q, (m) => m.cost.fixedTerm)).toEqual(Array(6).fill('137.83'));
  });
});

// -------------------------------------------------------------------------------------------
// §5.1 license, PAYG
// -------------------------------------------------------------------------------------------
describe('§5.1 PAYG license: hours(m) × (hourly + extraVS × extraHourly)', () => {
  it('333.33 h × (0.2450 + 2 × 0.0156) = 333.33 × 0.2762 = 92.065746 → 92.07', () => {
    const q = validQuote(
      scenario({ customers: [paygLine({ license: { vServices: 5, hoursPerMonth: 333.33 } })] }),
    );
    expect(month(q, 1).cost.payg).toBe('92.07');
    expect(month(q, 1).cost.fixedTerm).toBe('0.00');
  });

  it('caps hours at the days of the calendar month × 24: 744 h in February 2027 is 672 h', () => {
    const q = validQuote(scenario({ customers: [paygLine({ license: { hoursPerMonth: 744 } })] }));
    // Jan 744 × 0.245 = 182.28 · Feb min(744, 28 × 24 = 672) × 0.245 = 164.64 ·
    // Apr min(744, 720) × 0.245 = 176.40
    expect(column(q, (m) => m.cost.payg).slice(0, 4)).toEqual([
      '182.28',
      '164.64',
      '182.28',
      '176.40',
    ]);
  });

  it('a leap-year February holds 696 h: 696 × 0.245 = 170.52 (2028); 2100 is not a leap year', () => {
    const leap = validQuote(
      scenario({
        startPeriod: '2028-02',
        horizonMonths: 1,
        customers: [paygLine({ license: { hoursPerMonth: 744 } })],
      }),
    );
    expect(month(leap, 1).cost.payg).toBe('170.52');
    const century = validQuote(
      scenario({
        startPeriod: '2100-02',
        horizonMonths: 1,
        customers: [paygLine({ license: { hoursPerMonth: 744 } })],
      }),
    );
    expect(month(century, 1).cost.payg).toBe('164.64'); // 672 × 0.245
  });

  it('a seasonal profile is indexed by calendar month (January first), also from mid-year', () => {
    // profile Jan..Dec = 10, 20, …, 120 h; the scenario starts in July 2027
    const profile = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120];
    const q = validQuote(
      scenario({
        startPeriod: '2027-07',
        customers: [paygLine({ license: { hoursPerMonth: profile } })],
      }),
    );
    expect(month(q, 1).period).toBe('2027-07');
    expect(month(q, 7).period).toBe('2028-01');
    // Jul 70 × 0.245 = 17.15 · Aug 80 × 0.245 = 19.60 · … · Dec 120 × 0.245 = 29.40 ·
    // Jan 2028 10 × 0.245 = 2.45 · Feb 20 × 0.245 = 4.90 · … · Jun 60 × 0.245 = 14.70
    expect(column(q, (m) => m.cost.payg)).toEqual([
      '17.15',
      '19.60',
      '22.05',
      '24.50',
      '26.95',
      '29.40',
      '2.45',
      '4.90',
      '7.35',
      '9.80',
      '12.25',
      '14.70',
    ]);
  });

  it('caps a profile value above the month’s hours too: February 700 h → 672 h', () => {
    const profile = [744, 700, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744];
    const q = validQuote(
      scenario({
        horizonMonths: 2,
        customers: [paygLine({ license: { hoursPerMonth: profile } })],
      }),
    );
    expect(month(q, 2).cost.payg).toBe('164.64'); // min(700, 672) × 0.245
  });
});

// -------------------------------------------------------------------------------------------
// §4/§5 endMonth
// -------------------------------------------------------------------------------------------
describe('§5 endMonth: a PAYG line without convertTo runs from startMonth to endMonth', () => {
  it('start 2, end 4: PAYG cost and revenue in months 2–4 only', () => {
    const q = validQuote(
      scenario({ horizonMonths: 6, customers: [paygLine({ startMonth: 2, endMonth: 4 })] }),
    );
    // 100 h × 0.245 = 24.50; revenue 24.50 × 1.35 = 33.075 → 33.08
    expect(column(q, (m) => m.cost.payg)).toEqual([
      '0.00',
      '24.50',
      '24.50',
      '24.50',
      '0.00',
      '0.00',
    ]);
    expect(column(q, (m) => m.revenue)).toEqual([
      '0.00',
      '33.08',
      '33.08',
      '33.08',
      '0.00',
      '0.00',
    ]);
    expect(q.customers[0]!.totals.cost).toBe('73.50'); // 3 × 24.50
  });

  it('endMonth equal to startMonth is a one-month line', () => {
    const q = validQuote(
      scenario({ horizonMonths: 3, customers: [paygLine({ startMonth: 3, endMonth: 3 })] }),
    );
    expect(column(q, (m) => m.cost.payg)).toEqual(['0.00', '0.00', '24.50']);
  });
});

// -------------------------------------------------------------------------------------------
// §5 converted lines
// -------------------------------------------------------------------------------------------
describe('§5 converted lines: PAYG until atMonth − 1, then fixed-term T from atMonth, renewing', () => {
  const converting = (atMonth: number, termMonths: number) =>
    paygLine({
      license: {
        bandwidth: '1g',
        vServices: 5,
        hoursPerMonth: 300,
        convertTo: { atMonth, termMonths },
      },
    });

  it('cost moves from payg to fixedTerm at month a', () => {
    const q = validQuote(scenario({ horizonMonths: 6, customers: [converting(4, 24)] }));
    // months 1–3: 300 × (1.0650 + 2 × 0.0156) = 300 × 1.0962 = 328.86
    // months 4–6: (649 + 2 × 9.50) × (1 − 12/100) = 668 × 0.88 = 587.84
    expect(column(q, (m) => m.cost.payg)).toEqual([
      '328.86',
      '328.86',
      '328.86',
      '0.00',
      '0.00',
      '0.00',
    ]);
    expect(column(q, (m) => m.cost.fixedTerm)).toEqual([
      '0.00',
      '0.00',
      '0.00',
      '587.84',
      '587.84',
      '587.84',
    ]);
    // the 24-month term is counted from month 4: months 4–27, of which 21 fall after the horizon
    // 21 × 587.84 = 12344.64
    expect(q.totals.licenseCommittedAfterHorizon).toBe('12344.64');
    expect(q.customers[0]!.advice).toBeNull();
  });

  it('the term renews: a 3-month term from month 4 runs 4–6, 7–9, 10–12, 13–15', () => {
    const q = validQuote(scenario({ horizonMonths: 13, customers: [converting(4, 3)] }));
    // 668 × (1 − 0/100) = 668.00 from month 4 to 13
    expect(column(q, (m) => m.cost.fixedTerm)).toEqual([
      '0.00',
      '0.00',
      '0.00',
      ...Array(10).fill('668.00'),
    ]);
    // month 13 is the first of the term 13–15: 2 months × 668 = 1336 committed after the horizon
    expect(q.totals.licenseCommittedAfterHorizon).toBe('1336.00');
  });

  it('converting in the last month: one fixed-term month, T − 1 months committed after', () => {
    const q = validQuote(scenario({ horizonMonths: 4, customers: [converting(4, 12)] }));
    // 668 × (1 − 7.5/100) = 617.90; 11 × 617.90 = 6796.90
    expect(month(q, 4).cost.fixedTerm).toBe('617.90');
    expect(q.totals.licenseCommittedAfterHorizon).toBe('6796.90');
  });
});

// -------------------------------------------------------------------------------------------
// §5.2 apps
// -------------------------------------------------------------------------------------------
describe('§5.2 apps: setup in the line’s first month, monthly fee and users every active month', () => {
  it('standalone full-feature, 60 users (volume): setup 900 in the first month only', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 4,
        customers: [
          fixedLine({
            startMonth: 2,
            apps: [
              { bundle: 'full-feature', count: 1, usersPerApp: 60, provisioning: 'standalone' },
            ],
          }),
        ],
      }),
    );
    // users: 60 > 50, volume → 60 × 2.10 + 15 = 141; monthly 190 + 141 = 331
    // month 2 (the line's first): 900 + 331 = 1231
    expect(column(q, (m) => m.cost.apps)).toEqual(['0.00', '1231.00', '331.00', '331.00']);
    // licence is separate: 149 in months 2–4
    expect(column(q, (m) => m.cost.fixedTerm)).toEqual(['0.00', '149.00', '149.00', '149.00']);
  });

  it('volume per-user tiers: 50 users cost 50 × 2.50 = 125; 51 users cost 51 × 2.10 + 15 = 122.10', () => {
    const withUsers = (users: number) =>
      validQuote(
        scenario({
          horizonMonths: 2,
          customers: [
            fixedLine({
              apps: [
                {
                  bundle: 'full-feature',
                  count: 1,
                  usersPerApp: users,
                  provisioning: 'standalone',
                },
              ],
            }),
          ],
        }),
      );
    expect(month(withUsers(50), 2).cost.apps).toBe('315.00'); // 190 + 125
    expect(month(withUsers(51), 2).cost.apps).toBe('312.10'); // 190 + 122.10
  });

  it('graduated per-user tiers: enterprise 40 users = 40 × 2.75 = 110', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 2,
        customers: [
          fixedLine({
            apps: [{ bundle: 'enterprise', count: 1, usersPerApp: 40, provisioning: 'standalone' }],
          }),
        ],
      }),
    );
    // month 1: 1900 + 390 + 110 = 2400; month 2: 390 + 110 = 500
    expect(column(q, (m) => m.cost.apps)).toEqual(['2400.00', '500.00']);
  });

  it('graduated per-user tiers across a boundary: white-label 120 users = 100 × 2.95 + 20 × 2.45', () => {
    // a single standalone white-label instance is rank 1 of 1: tier 1–2, discount 0 %
    const q = validQuote(
      scenario({
        horizonMonths: 2,
        customers: [
          fixedLine({
            apps: [
              { bundle: 'white-label', count: 1, usersPerApp: 120, provisioning: 'standalone' },
            ],
          }),
        ],
      }),
    );
    // users 295 + 49 = 344; month 1: 3900 + 790 + 344 = 5034; month 2: 790 + 344 = 1134
    expect(column(q, (m) => m.cost.apps)).toEqual(['5034.00', '1134.00']);
  });

  it('child apps are priced at childApps prices', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 2,
        mainApps: [
          { bundle: 'white-label', count: 1, usersPerApp: 20, provisioning: 'standalone' },
        ],
        customers: [
          fixedLine({
            apps: [
              { bundle: 'full-feature', count: 1, usersPerApp: 60, provisioning: 'child' },
              { bundle: 'enterprise', count: 1, usersPerApp: 40, provisioning: 'child' },
            ],
          }),
        ],
      }),
    );
    // child full-feature: 79 + 60 × 1.65 = 178 (volume: 60 > 50), setup 350
    // child enterprise: 149 + 40 × 2.25 = 239, setup 750
    // month 1: 350 + 178 + 750 + 239 = 1517; month 2: 178 + 239 = 417
    expect(column(q, (m) => m.cost.apps)).toEqual(['1517.00', '417.00']);
    // the main white-label app is platform cost: 3900 + 790 + 20 × 2.95 = 4749, then 849
    expect(column(q, (m) => m.cost.platform)).toEqual(['4749.00', '849.00']);
  });

  it('a line of count c with an app entry of count k holds c × k instances', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 2,
        customers: [
          fixedLine({
            count: 3,
            apps: [
              { bundle: 'full-feature', count: 2, usersPerApp: 60, provisioning: 'standalone' },
            ],
          }),
        ],
      }),
    );
    // 3 × 2 = 6 instances × (900 + 331) = 7386, then 6 × 331 = 1986
    expect(column(q, (m) => m.cost.apps)).toEqual(['7386.00', '1986.00']);
  });
});

// -------------------------------------------------------------------------------------------
// §5 count
// -------------------------------------------------------------------------------------------
describe('§5 count: per-customer amounts are rounded, then multiplied by count', () => {
  it('3 × round(333.33 × 0.2762) = 3 × 92.07 = 276.21, not round(3 × 92.065746) = 276.20', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        customers: [paygLine({ count: 3, license: { vServices: 5, hoursPerMonth: 333.33 } })],
      }),
    );
    expect(month(q, 1).cost.payg).toBe('276.21');
    // revenue per customer 92.07 × 1.35 = 124.2945 → 124.29; × 3 = 372.87
    // (rounding the product, 276.21 × 1.35 = 372.8835 → 372.88, would differ)
    expect(month(q, 1).revenue).toBe('372.87');
    expect(q.customers[0]!.count).toBe(3);
  });

  it('fixed sell amounts are per customer: round(99.995) = 100.00 × 3 = 300.00, not 299.99', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        customers: [
          fixedLine({ count: 3, sell: { mode: 'fixed', monthly: '99.995', oneOff: '0' } }),
        ],
      }),
    );
    expect(month(q, 1).recurringRevenue).toBe('300.00');
  });
});

// -------------------------------------------------------------------------------------------
// §5 white-label volume discount
// -------------------------------------------------------------------------------------------
describe('§5 white-label volume discount', () => {
  const wl = (count: number, usersPerApp: number) => ({
    bundle: 'white-label',
    count,
    usersPerApp,
    provisioning: 'standalone' as const,
  });

  describe('volume mode: every instance at the tier of N', () => {
    it('N = 1 main + 2 customer copies = 3 → 10 % on setup and monthly fees, not on users', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 2,
          mainApps: [wl(1, 20)],
          customers: [fixedLine({ count: 2, apps: [wl(1, 10)] })],
        }),
      );
      // per instance: setup 3900 × 0.9 = 3510; monthly 790 × 0.9 = 711;
      // users 10 × 2.95 = 29.50 (perUser is not in appliesTo)
      // customer apps month 1: 2 × (3510 + 711 + 29.50) = 8501; month 2: 2 × 740.50 = 1481
      expect(column(q, (m) => m.cost.apps)).toEqual(['8501.00', '1481.00']);
      // main app (platform): 3510 + 711 + 20 × 2.95 = 4280; then 711 + 59 = 770
      expect(column(q, (m) => m.cost.platform)).toEqual(['4280.00', '770.00']);
    });

    it('N is counted month by month: the discount starts when the customer line starts', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 3,
          mainApps: [wl(1, 20)],
          customers: [fixedLine({ count: 2, startMonth: 3, apps: [wl(1, 10)] })],
        }),
      );
      // months 1–2: N = 1 → 0 %: main 3900 + 790 + 59 = 4749, then 849
      // month 3: N = 3 → 10 %: main 711 + 59 = 770; customer 2 × (3510 + 711 + 29.50) = 8501
      expect(column(q, (m) => m.cost.platform)).toEqual(['4749.00', '849.00', '770.00']);
      expect(column(q, (m) => m.cost.apps)).toEqual(['0.00', '0.00', '8501.00']);
    });

    it('N = 7 → 25 % for every instance, main apps included', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 2,
          mainApps: [wl(1, 0)],
          customers: [fixedLine({ count: 3, apps: [wl(2, 0)] })],
        }),
      );
      // 6 customer instances: month 1 6 × (3900 × 0.75 + 790 × 0.75) = 6 × (2925 + 592.50) = 21105
      expect(column(q, (m) => m.cost.apps)).toEqual(['21105.00', '3555.00']);
      expect(column(q, (m) => m.cost.platform)).toEqual(['3517.50', '592.50']);
    });

    it('appliesTo is honoured: a fee not listed is not discounted', () => {
      const t = table((tb) => {
        tb.apps.whiteLabelVolume.appliesTo = ['monthlyFee', 'perUser'];
      });
      const q = validQuote(
        scenario({
          horizonMonths: 2,
          mainApps: [wl(1, 20)],
          customers: [fixedLine({ count: 2, apps: [wl(1, 10)] })],
        }),
        t,
      );
      // N = 3 → 10 %: setup 3900 (not listed), monthly 711, users 29.50 × 0.9 = 26.55
      // month 1: 2 × (3900 + 711 + 26.55) = 9275.10; month 2: 2 × 737.55 = 1475.10
      expect(column(q, (m) => m.cost.apps)).toEqual(['9275.10', '1475.10']);
    });

    it('child apps do not count towards N and take no discount', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 1,
          mainApps: [wl(2, 0)],
          customers: [
            fixedLine({
              count: 5,
              apps: [{ bundle: 'full-feature', count: 1, usersPerApp: 0, provisioning: 'child' }],
            }),
          ],
        }),
      );
      // N = 2 → 0 %: main 2 × (3900 + 790) = 9380; children 5 × (350 + 79) = 2145
      expect(month(q, 1).cost.platform).toBe('9380.00');
      expect(month(q, 1).cost.apps).toBe('2145.00');
    });
  });

  describe('graduated mode: the instance of rank k gets the discount of the tier k falls in', () => {
    const graduated = table((tb) => {
      tb.apps.whiteLabelVolume.mode = 'graduated';
    });

    it('main apps first; copies of a count > 1 line straddling a boundary are priced separately', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 2,
          mainApps: [wl(1, 0)],
          customers: [
            fixedLine({ count: 3, sell: { mode: 'markup', pct: '0.1' }, apps: [wl(2, 0)] }),
          ],
        }),
        graduated,
      );
      // ranks: main 1 · copy 1: 2, 3 · copy 2: 4, 5 · copy 3: 6, 7
      // tiers: 1–2 0 % · 3–5 10 % · 6–10 25 %
      // copy 1: setup 3900 + 3510 = 7410, monthly 790 + 711 = 1501 (straddles 2 | 3)
      // copy 2: setup 2 × 3510 = 7020, monthly 2 × 711 = 1422
      // copy 3: setup 2 × 2925 = 5850, monthly 2 × 592.50 = 1185
      // month 1: 7410 + 1501 + 7020 + 1422 + 5850 + 1185 = 24388; month 2: 1501 + 1422 + 1185 = 4108
      expect(column(q, (m) => m.cost.apps)).toEqual(['24388.00', '4108.00']);
      // the main app, rank 1, is at 0 %: 3900 + 790 = 4690, then 790
      expect(column(q, (m) => m.cost.platform)).toEqual(['4690.00', '790.00']);
      // month 2 revenue, each copy rounded on its own (licence 149 each, markup 0.1 %):
      // (149 + 1501) × 1.001 = 1651.65 · (149 + 1422) × 1.001 = 1572.571 → 1572.57 ·
      // (149 + 1185) × 1.001 = 1335.334 → 1335.33 · sum 4559.55
      // (rounding the line's total, 4555 × 1.001 = 4559.555 → 4559.56, would differ)
      expect(month(q, 2).revenue).toBe('4559.55');
    });

    it('ranks follow customer lines in order and, within a copy, its app entries in order', () => {
      // only perUser is discounted here, so an instance's rank shows in its users amount
      const t = table((tb) => {
        tb.apps.whiteLabelVolume.mode = 'graduated';
        tb.apps.whiteLabelVolume.appliesTo = ['perUser'];
      });
      const q = validQuote(
        scenario({
          horizonMonths: 2,
          customers: [
            fixedLine({ apps: [wl(2, 0), wl(1, 100)] }),
            fixedLine({ apps: [wl(1, 100)] }),
            fixedLine({ apps: [wl(1, 100)] }),
          ],
        }),
        t,
      );
      // line 1: ranks 1, 2 (0 users) and 3 (100 users, tier 3–5: 10 %): 295 × 0.9 = 265.50
      //   monthly 3 × 790 + 265.50 = 2635.50 (in the other order it would be 2370 + 295 = 2665)
      // line 2: rank 4 → 10 %: 790 + 265.50 = 1055.50
      // line 3: rank 5 → 10 %: 1055.50
      expect(q.customers.map((c) => c.totals.cost)).toEqual([
        // license 149 × 2 months + setup 3 × 3900 + 2 × 2635.50
        '17269.00', // 298 + 11700 + 5271
        '6309.00', // 298 + 3900 + 2 × 1055.50
        '6309.00',
      ]);
      expect(month(q, 2).cost.apps).toBe('4746.50'); // 2635.50 + 1055.50 + 1055.50
    });

    it('with every rank in one tier, graduated equals volume', () => {
      // main 1 + customer 1 → ranks 1, 2: both in tier 1–2 (0 %), N = 2 also in 1–2
      const s = scenario({
        horizonMonths: 1,
        mainApps: [wl(1, 0)],
        customers: [fixedLine({ apps: [wl(1, 0)] })],
      });
      expect(validQuote(s, graduated).months).toEqual(validQuote(s).months);
      expect(month(validQuote(s, graduated), 1).cost.apps).toBe('4690.00'); // 3900 + 790
    });
  });
});

// -------------------------------------------------------------------------------------------
// §5.4 revenue
// -------------------------------------------------------------------------------------------
describe('§5.4 revenue: sell modes', () => {
  const oneMonth = (sell: Sell, defaultMarkupPct = '35') =>
    validQuote(
      scenario({
        horizonMonths: 1,
        pricing: { defaultMarkupPct },
        customers: [fixedLine({ sell })],
      }),
    );

  it('markup: cost × (1 + pct/100) — 149 × 1.35 = 201.15', () => {
    expect(month(oneMonth({ mode: 'markup', pct: '35' }), 1).revenue).toBe('201.15');
  });

  it('markup over 100 %: 149 × (1 + 150/100) = 372.50', () => {
    expect(month(oneMonth({ mode: 'markup', pct: '150' }), 1).revenue).toBe('372.50');
  });

  it('sell null takes defaultMarkupPct: 149 × (1 + 40/100) = 208.60', () => {
    expect(month(oneMonth(null, '40'), 1).revenue).toBe('208.60');
  });

  it('margin: cost × 100/(100 − pct) — 149 × 100/70 = 212.857142… → 212.86', () => {
    const q = oneMonth({ mode: 'margin', pct: '30' });
    expect(month(q, 1).revenue).toBe('212.86');
    // the realised margin is (212.86 − 149)/212.86 = 30.00 %
    expect(q.customers[0]!.totals.marginPct).toBe('30.00');
  });

  it('fixed: monthly every active month, oneOff in the first month even without setup fees, × count', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 5,
        customers: [
          fixedLine({
            count: 2,
            startMonth: 3,
            sell: { mode: 'fixed', monthly: '1100.00', oneOff: '250.00' },
          }),
        ],
      }),
    );
    // month 3: 2 × (1100 + 250) = 2700 (recurring 2200); months 4–5: 2 × 1100 = 2200
    expect(column(q, (m) => m.revenue)).toEqual(['0.00', '0.00', '2700.00', '2200.00', '2200.00']);
    expect(column(q, (m) => m.recurringRevenue)).toEqual([
      '0.00',
      '0.00',
      '2200.00',
      '2200.00',
      '2200.00',
    ]);
    expect(q.totals.oneOff).toBe('500.00');
  });

  it('recurring and one-off revenue are rounded separately', () => {
    // licence 149 + full-feature standalone with 0 users: recurring cost 149 + 190 = 339,
    // one-off cost 900; margin 1 %:
    // recurring 339 × 100/99 = 342.4242… → 342.42 · one-off 900 × 100/99 = 909.0909… → 909.09
    // revenue 342.42 + 909.09 = 1251.51 (one rounding of 1239 × 100/99 = 1251.5151… → 1251.52)
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        customers: [
          fixedLine({
            sell: { mode: 'margin', pct: '1' },
            apps: [
              { bundle: 'full-feature', count: 1, usersPerApp: 0, provisioning: 'standalone' },
            ],
          }),
        ],
      }),
    );
    expect(month(q, 1).recurringRevenue).toBe('342.42');
    expect(month(q, 1).revenue).toBe('1251.51');
    expect(q.totals.oneOff).toBe('909.09');
  });

  it('markup and margin apply to the one-off cost (setup fees) too', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 2,
        customers: [
          fixedLine({
            apps: [{ bundle: 'enterprise', count: 1, usersPerApp: 40, provisioning: 'standalone' }],
          }),
        ],
      }),
    );
    // recurring cost 149 + 390 + 110 = 649 → 649 × 1.35 = 876.15; one-off 1900 × 1.35 = 2565
    expect(column(q, (m) => m.revenue)).toEqual(['3441.15', '876.15']);
    expect(q.totals.oneOff).toBe('2565.00');
  });
});

// -------------------------------------------------------------------------------------------
// §5.5 commissions
// -------------------------------------------------------------------------------------------
describe('§5.5 commissions, per customer and month, on that month’s revenue', () => {
  const channel = {
    distributors: [
      { id: 'd1', name: 'D1', commissionPct: '3', partnerCommissionPct: '8' },
      { id: 'd2', name: 'D2', commissionPct: null, partnerCommissionPct: null },
      { id: 'd3', name: 'D3', commissionPct: null, partnerCommissionPct: '6' },
    ],
    partners: [
      { id: 'inherits', name: '', distributorId: 'd1', commissionPct: null },
      { id: 'own', name: '', distributorId: 'd1', commissionPct: '11.5' },
      { id: 'direct', name: '', distributorId: null, commissionPct: '5' },
      { id: 'bare', name: '', distributorId: null, commissionPct: null },
      { id: 'via-d2', name: '', distributorId: 'd2', commissionPct: null },
      { id: 'via-d3', name: '', distributorId: 'd3', commissionPct: null },
    ],
  };
  // every line: licence 149, default markup 35 % → revenue 201.15
  const commissionsOf = (partnerId: string | null, count = 1) => {
    const q = validQuote(
      scenario({ horizonMonths: 1, channel, customers: [fixedLine({ count, partnerId })] }),
    );
    return month(q, 1).commissions;
  };

  it('the partner’s own rate: 201.15 × 11.5 % = 23.13225 → 23.13; distributor 3 % = 6.0345 → 6.03', () => {
    expect(commissionsOf('own')).toEqual({ partner: '23.13', distributor: '6.03' });
  });

  it('inherited from the distributor’s partnerCommissionPct: 201.15 × 8 % = 16.092 → 16.09', () => {
    expect(commissionsOf('inherits')).toEqual({ partner: '16.09', distributor: '6.03' });
  });

  it('a partner without a distributor: own rate 201.15 × 5 % = 10.0575 → 10.06, no distributor commission', () => {
    expect(commissionsOf('direct')).toEqual({ partner: '10.06', distributor: '0.00' });
  });

  it('0 without an own or inherited rate; a distributor without commissionPct takes 0', () => {
    expect(commissionsOf('bare')).toEqual({ partner: '0.00', distributor: '0.00' });
    expect(commissionsOf('via-d2')).toEqual({ partner: '0.00', distributor: '0.00' });
    expect(commissionsOf(null)).toEqual({ partner: '0.00', distributor: '0.00' });
  });

  it('the distributor’s own commission is its commissionPct only, never its partner rate', () => {
    // d3: commissionPct null, partnerCommissionPct 6 → partner 201.15 × 6 % = 12.069 → 12.07,
    // distributor 0
    expect(commissionsOf('via-d3')).toEqual({ partner: '12.07', distributor: '0.00' });
  });

  it('rounded per customer copy: 3 × 23.13 = 69.39 (not 603.45 × 11.5 % = 69.39675 → 69.40)', () => {
    // distributor: 3 × 6.03 = 18.09 (not 603.45 × 3 % = 18.1035 → 18.10)
    expect(commissionsOf('own', 3)).toEqual({ partner: '69.39', distributor: '18.09' });
  });

  it('on recurring + one-off revenue: (1100 + 250) × 11.5 % = 155.25; × 3 % = 40.50', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 2,
        channel,
        customers: [
          fixedLine({ partnerId: 'own', sell: { mode: 'fixed', monthly: '1100', oneOff: '250' } }),
        ],
      }),
    );
    expect(month(q, 1).commissions).toEqual({ partner: '155.25', distributor: '40.50' });
    // month 2: 1100 × 11.5 % = 126.50; 1100 × 3 % = 33.00
    expect(month(q, 2).commissions).toEqual({ partner: '126.50', distributor: '33.00' });
  });

  it('month by month on that month’s revenue (PAYG hours change the base)', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 2,
        channel,
        customers: [paygLine({ partnerId: 'own', license: { hoursPerMonth: 744 } })],
      }),
    );
    // Jan: 182.28 × 1.35 = 246.078 → 246.08; × 11.5 % = 28.2992 → 28.30; × 3 % = 7.3824 → 7.38
    // Feb: 164.64 × 1.35 = 222.264 → 222.26; × 11.5 % = 25.5599 → 25.56; × 3 % = 6.6678 → 6.67
    expect(column(q, (m) => m.revenue)).toEqual(['246.08', '222.26']);
    expect(month(q, 1).commissions).toEqual({ partner: '28.30', distributor: '7.38' });
    expect(month(q, 2).commissions).toEqual({ partner: '25.56', distributor: '6.67' });
  });
});

// -------------------------------------------------------------------------------------------
// §5.6 margin
// -------------------------------------------------------------------------------------------
describe('§5.6 margin = revenue − cost − partner commission − distributor commission', () => {
  it('201.15 − 149 − 16.09 − 6.03 = 30.03 a month; the line over 12 months', () => {
    const q = validQuote(
      scenario({
        channel: {
          distributors: [{ id: 'd1', name: '', commissionPct: '3', partnerCommissionPct: '8' }],
          partners: [{ id: 'p1', name: '', distributorId: 'd1', commissionPct: null }],
        },
        customers: [fixedLine({ partnerId: 'p1' })],
      }),
    );
    expect(month(q, 1).margin).toBe('30.03');
    expect(month(q, 12).cumulativeMargin).toBe('360.36'); // 12 × 30.03
    const totals = q.customers[0]!.totals;
    expect(totals).toEqual({
      revenue: '2413.80', // 12 × 201.15
      cost: '1788.00', // 12 × 149
      commissions: '265.44', // 12 × (16.09 + 6.03)
      margin: '360.36',
      marginPct: '14.93', // 360.36 / 2413.80 × 100 = 14.9291… → 14.93
    });
  });
});

// -------------------------------------------------------------------------------------------
// §5 platform amounts
// -------------------------------------------------------------------------------------------
describe('§5 platform amounts: cost with no revenue', () => {
  it('appliances count × round(price) in month 1; support in months 1, 13, 25; infra every month', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 25,
        platform: {
          environment: 'hardware',
          appliance: { id: 'base', count: 2 },
          infraCostMonthly: '450.005',
        },
      }),
    );
    // appliances 2 × 12500 = 25000; support 2 × round(12500 × 20/100) = 2 × 2500 = 5000;
    // infra round(450.005) = 450.01 (half away from zero)
    const platform = column(q, (m) => m.cost.platform);
    expect(platform[0]).toBe('30450.01'); // 25000 + 5000 + 450.01
    expect(platform[1]).toBe('450.01');
    expect(platform[11]).toBe('450.01');
    expect(platform[12]).toBe('5450.01'); // month 13: support again
    expect(platform[13]).toBe('450.01');
    expect(platform[24]).toBe('5450.01'); // month 25
    // no customers: no revenue; the whole platform is a loss
    expect(q.totals.revenue).toBe('0.00');
    expect(q.totals.cost).toBe('51250.25'); // 25000 + 3 × 5000 + 25 × 450.01
    expect(q.totals.margin).toBe('-51250.25');
    expect(q.totals.marginPct).toBeNull();
  });

  it('support is rounded per appliance, then × count: 2 × round(12345.67 × 17.5 %) = 2 × 2160.49', () => {
    const t = table((tb) => {
      tb.platform.appliances[0]!.price = '12345.67';
      tb.platform.appliances[0]!.supportPctPerYear = '17.5';
    });
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        platform: { environment: 'hardware', appliance: { id: 'base', count: 2 } },
      }),
      t,
    );
    // 12345.67 × 0.175 = 2160.49225 → 2160.49; 2 × 12345.67 + 2 × 2160.49 = 29012.32
    expect(month(q, 1).cost.platform).toBe('29012.32');
  });

  it('main apps are priced like customer apps with month 1 as their first month', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 3,
        mainApps: [{ bundle: 'enterprise', count: 2, usersPerApp: 40, provisioning: 'standalone' }],
      }),
    );
    // 2 × (1900 + 390 + 40 × 2.75) = 2 × 2400 = 4800, then 2 × 500 = 1000
    expect(column(q, (m) => m.cost.platform)).toEqual(['4800.00', '1000.00', '1000.00']);
    expect(column(q, (m) => m.cost.apps)).toEqual(zeros(3));
    expect(column(q, (m) => m.revenue)).toEqual(zeros(3));
    expect(q.totals.margin).toBe('-6800.00');
  });

  it('platform cost lowers the total margin but not a customer’s', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        platform: { infraCostMonthly: '100' },
        customers: [fixedLine()],
      }),
    );
    // customer: 201.15 − 149 = 52.15; total: 52.15 − 100 = −47.85
    expect(q.customers[0]!.totals.margin).toBe('52.15');
    expect(q.totals.margin).toBe('-47.85');
    expect(q.totals.cost).toBe('249.00');
  });

  it('a negative amount (§1 Money allows a minus) is a credit: infra −100.005 → −100.01 a month', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 2,
        platform: { infraCostMonthly: '-100.005' },
        customers: [fixedLine({ sell: { mode: 'fixed', monthly: '-10.00', oneOff: '0' } })],
      }),
    );
    // round half away from zero: −100.005 → −100.01; customer revenue −10.00 a month
    expect(column(q, (m) => m.cost.platform)).toEqual(['-100.01', '-100.01']);
    expect(column(q, (m) => m.revenue)).toEqual(['-10.00', '-10.00']);
    // month margin: −10.00 − (149.00 − 100.01) = −58.99; customer: (−20.00 − 298.00) / −20.00 = 1590 %
    expect(column(q, (m) => m.margin)).toEqual(['-58.99', '-58.99']);
    expect(q.customers[0]!.totals.marginPct).toBe('1590.00');
  });
});

// -------------------------------------------------------------------------------------------
// §5 sizing
// -------------------------------------------------------------------------------------------
describe('§5 sizing', () => {
  const hardware = (count: number | 'auto', highAvailability = false) => ({
    environment: 'hardware',
    appliance: { id: 'base', count },
    headroomPct: '20',
    highAvailability,
  });
  const lines = (count: number, vServices: number) => [
    fixedLine({ count, license: { bandwidth: '1g', vServices } }),
  ];

  it('throughput-bound: ceil(5 × 1000 × 120/100 / 5000) = ceil(1.2) = 2 appliances', () => {
    // vServices: ceil(5 × 10 × 1.2 / 100) = ceil(0.6) = 1
    const q = validQuote(
      scenario({ horizonMonths: 1, platform: hardware('auto'), customers: lines(5, 10) }),
    );
    expect(q.platform).toEqual({
      appliances: { id: 'base', count: 2, required: 2 },
      vcpu: null,
      ramGb: null,
      peakMbps: 5000,
      peakVServices: 50,
    });
    // the auto count is what is bought: 2 × 12500 + 2 × 2500
    expect(month(q, 1).cost.platform).toBe('30000.00');
  });

  it('vService-bound: ceil(4 × 30 × 1.2 / 100) = ceil(1.44) = 2 (throughput alone needs 1)', () => {
    const q = validQuote(
      scenario({ horizonMonths: 1, platform: hardware('auto'), customers: lines(4, 30) }),
    );
    expect(q.platform.appliances).toEqual({ id: 'base', count: 2, required: 2 });
    expect(q.platform.peakVServices).toBe(120);
  });

  it('high availability adds 1: 2 + 1 = 3', () => {
    const q = validQuote(
      scenario({ horizonMonths: 1, platform: hardware('auto', true), customers: lines(4, 30) }),
    );
    expect(q.platform.appliances).toEqual({ id: 'base', count: 3, required: 3 });
  });

  it('at least 1 appliance even with no demand (2 with high availability)', () => {
    expect(
      validQuote(scenario({ horizonMonths: 1, platform: hardware('auto') })).platform.appliances,
    ).toEqual({ id: 'base', count: 1, required: 1 });
    expect(
      validQuote(scenario({ horizonMonths: 1, platform: hardware('auto', true) })).platform
        .appliances,
    ).toEqual({ id: 'base', count: 2, required: 2 });
  });

  it('exactly full is enough: 5 × 1000 Mbps with 0 % headroom = 5000 / 5000 → 1', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        platform: { ...hardware('auto'), headroomPct: '0' },
        customers: lines(5, 3),
      }),
    );
    expect(q.platform.appliances).toEqual({ id: 'base', count: 1, required: 1 });
  });

  it('sizes on the peak month, not the sum of lines that never overlap', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 6,
        platform: hardware('auto'),
        customers: [
          paygLine({ count: 3, endMonth: 3, license: { bandwidth: '1g' } }),
          fixedLine({ count: 3, startMonth: 4, license: { bandwidth: '1g' } }),
        ],
      }),
    );
    expect(column(q, (m) => m.demandMbps)).toEqual([3000, 3000, 3000, 3000, 3000, 3000]);
    expect(q.platform.peakMbps).toBe(3000);
    // ceil(3000 × 1.2 / 5000) = 1
    expect(q.platform.appliances).toEqual({ id: 'base', count: 1, required: 1 });
  });

  it('a manual count below the required one is kept, priced, and warned about', () => {
    const q = validQuote(
      scenario({ horizonMonths: 1, platform: hardware(1), customers: lines(5, 10) }),
    );
    expect(q.platform.appliances).toEqual({ id: 'base', count: 1, required: 2 });
    expect(month(q, 1).cost.platform).toBe('15000.00'); // 1 × 12500 + 1 × 2500
    expect(q.issues).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        code: 'appliances-short',
        path: 'platform.appliance.count',
      }),
    );
  });

  it('a manual count at or above the required one raises no warning', () => {
    const q = validQuote(
      scenario({ horizonMonths: 1, platform: hardware(4), customers: lines(5, 10) }),
    );
    expect(q.platform.appliances).toEqual({ id: 'base', count: 4, required: 2 });
    expect(q.issues.filter((i) => i.code === 'appliances-short')).toEqual([]);
  });

  it('virtual: vCPU = max(minVcpu, ceil(P × (100 + h)/100 / mbpsPerVcpu)), RAM = vCPU × 4', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        platform: { environment: 'kvm', headroomPct: '25' },
        customers: [fixedLine({ license: { bandwidth: '1g' } })],
      }),
    );
    // ceil(1000 × 1.25 / 400) = ceil(3.125) = 4 vCPU, 16 GB
    expect(q.platform).toEqual({
      appliances: null,
      vcpu: 4,
      ramGb: 16,
      peakMbps: 1000,
      peakVServices: 3,
    });
  });

  it('virtual: high availability does not change vCPU', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        platform: { environment: 'kvm', headroomPct: '25', highAvailability: true },
        customers: [fixedLine({ license: { bandwidth: '1g' } })],
      }),
    );
    expect(q.platform.vcpu).toBe(4);
    expect(q.platform.ramGb).toBe(16);
  });

  it('cloud: minVcpu when demand is small — ceil(100 × 1.25 / 400) = 1 → max(2, 1) = 2, 8 GB', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        platform: { environment: 'azure', headroomPct: '25' },
        customers: [fixedLine()],
      }),
    );
    expect(q.platform).toMatchObject({ appliances: null, vcpu: 2, ramGb: 8 });
  });

  it('an appliance given for a virtual environment is ignored (no cost, no model check)', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 1,
        platform: { environment: 'kvm', appliance: { id: 'max', count: 1 } },
        customers: [paygLine()],
      }),
    );
    expect(q.platform.appliances).toBeNull();
    expect(month(q, 1).cost.platform).toBe('0.00');
  });
});

// -------------------------------------------------------------------------------------------
// §5 PAYG advice
// -------------------------------------------------------------------------------------------
describe('§5 PAYG advice', () => {
  // core / 100m / 3 vServices at 744 h: Jan 182.28 · Feb 164.64 · Mar 182.28 · Apr 176.40 ·
  // May 182.28 · Jun 176.40 · Jul 182.28 · Aug 182.28 · Sep 176.40 · Oct 182.28 · Nov 176.40 ·
  // Dec 182.28 (2027); F_1 = F_3 = 149, F_6 = 145.28, F_12 = 137.83, F_24 = 131.12, …
  it('picks the largest positive saving: (Σ PAYG − ceil(A/T) × T × F_T) × count', () => {
    const q = validQuote(
      scenario({ customers: [paygLine({ count: 2, license: { hoursPerMonth: 744 } })] }),
    );
    // A = 12, Σ PAYG = 7 × 182.28 + 4 × 176.40 + 164.64 = 2146.20
    // T = 1: 12 × 149 = 1788 → 358.20 · T = 3: 4 × 3 × 149 = 1788 → 358.20 ·
    // T = 6: 2 × 6 × 145.28 = 1743.36 → 402.84 · T = 12: 1 × 12 × 137.83 = 1653.96 → 492.24 ·
    // T = 24: 1 × 24 × 131.12 = 3146.88 → negative (and longer terms worse)
    // best T = 12; × count 2 = 984.48
    // breakEvenHours = ceil(137.83 / 0.2450) = ceil(562.57…) = 563
    // averageHours = (7 × 744 + 4 × 720 + 672) / 12 = 8760 / 12 = 730
    expect(q.customers[0]!.advice).toEqual({
      termMonths: 12,
      breakEvenHours: 563,
      averageHours: 730,
      saving: '984.48',
    });
  });

  it('on a tie takes the shorter term', () => {
    const q = validQuote(
      scenario({ customers: [paygLine({ endMonth: 3, license: { hoursPerMonth: 744 } })] }),
    );
    // A = 3, Σ = 182.28 + 164.64 + 182.28 = 529.20
    // T = 1: 3 × 149 = 447 → 82.20 · T = 3: 1 × 3 × 149 = 447 → 82.20 (tie) ·
    // T = 6: 1 × 6 × 145.28 = 871.68 → negative
    // breakEvenHours = ceil(149 / 0.245) = ceil(608.16…) = 609; average (744 + 672 + 744)/3 = 720
    expect(q.customers[0]!.advice).toEqual({
      termMonths: 1,
      breakEvenHours: 609,
      averageHours: 720,
      saving: '82.20',
    });
  });

  it('a commitment costs whole terms: ceil(A/T) × T months', () => {
    const q = validQuote(
      scenario({ customers: [paygLine({ endMonth: 7, license: { hoursPerMonth: 744 } })] }),
    );
    // A = 7 (Jan–Jul), Σ = 4 × 182.28 + 2 × 176.40 + 164.64 = 1246.56
    // T = 1: 7 × 149 = 1043 → 203.56 · T = 3: 3 × 3 × 149 = 1341 → negative ·
    // T = 6: 2 × 6 × 145.28 = 1743.36 → negative · T = 12: 12 × 137.83 = 1653.96 → negative
    expect(q.customers[0]!.advice).toMatchObject({ termMonths: 1, saving: '203.56' });
  });

  it('breakEvenHours uses the hourly rate including extra vServices', () => {
    const q = validQuote(
      scenario({
        customers: [
          paygLine({
            license: { bundle: 'plus', bandwidth: '500m', vServices: 14, hoursPerMonth: 744 },
          }),
        ],
      }),
    );
    // rate 0.9510 + 4 × 0.0156 = 1.0134; Jan 744 × 1.0134 = 753.9696 → 753.97 ·
    // Feb 672 × 1.0134 = 681.0048 → 681.00 · 30-day months 720 × 1.0134 = 729.648 → 729.65
    // Σ = 7 × 753.97 + 4 × 729.65 + 681.00 = 8877.39
    // T = 12: F = 570.73, 12 × 570.73 = 6848.76 → 2028.63 (T = 6: 12 × 601.58 = 7218.96 → 1658.43)
    // breakEvenHours = ceil(570.73 / 1.0134) = ceil(563.18…) = 564 (without the extra vServices,
    // ceil(570.73 / 0.951) = 601)
    expect(q.customers[0]!.advice).toEqual({
      termMonths: 12,
      breakEvenHours: 564,
      averageHours: 730,
      saving: '2028.63',
    });
  });

  it('averageHours is rounded half away from zero to 2 decimals: (700.01 + 650) / 2 = 675.005 → 675.01', () => {
    const profile = [700.01, 650, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const q = validQuote(
      scenario({ customers: [paygLine({ endMonth: 2, license: { hoursPerMonth: profile } })] }),
    );
    // Σ = 700.01 × 0.245 = 171.50245 → 171.50 + 650 × 0.245 = 159.25 → 330.75;
    // T = 1: 2 × 149 = 298 → 32.75; T = 3: 447 → negative
    expect(q.customers[0]!.advice).toEqual({
      termMonths: 1,
      breakEvenHours: 609,
      averageHours: 675.01,
      saving: '32.75',
    });
  });

  it('null when no term saves anything', () => {
    // 100 h × 0.245 = 24.50 a month, far below 149
    const q = validQuote(scenario({ customers: [paygLine()] }));
    expect(q.customers[0]!.advice).toBeNull();
  });

  it('null for converted lines and for fixed-term lines', () => {
    const q = validQuote(
      scenario({
        customers: [
          paygLine({ license: { hoursPerMonth: 744, convertTo: { atMonth: 7, termMonths: 12 } } }),
          fixedLine(),
        ],
      }),
    );
    expect(q.customers.map((c) => c.advice)).toEqual([null, null]);
  });
});

// -------------------------------------------------------------------------------------------
// §6 totals
// -------------------------------------------------------------------------------------------
describe('§6 totals', () => {
  describe('marginPct = margin / revenue × 100, 2 decimals, half away from zero; null when revenue is 0', () => {
    it('62.17 / 200 × 100 = 31.085 → 31.09', () => {
      // 12-month term: 149 × 0.925 = 137.825 → 137.83; fixed sell 200 → margin 62.17
      const q = validQuote(
        scenario({
          horizonMonths: 1,
          customers: [
            fixedLine({
              license: { termMonths: 12 },
              sell: { mode: 'fixed', monthly: '200', oneOff: '0' },
            }),
          ],
        }),
      );
      expect(q.customers[0]!.totals.marginPct).toBe('31.09');
      expect(q.totals.marginPct).toBe('31.09');
    });

    it('negative: (32 − 149) / 32 × 100 = −365.625 → −365.63', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 1,
          customers: [fixedLine({ sell: { mode: 'fixed', monthly: '32', oneOff: '0' } })],
        }),
      );
      expect(q.customers[0]!.totals.marginPct).toBe('-365.63');
      expect(q.totals.marginPct).toBe('-365.63');
    });

    it('null when revenue is 0 (line and total)', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 1,
          customers: [fixedLine({ sell: { mode: 'fixed', monthly: '0', oneOff: '0' } })],
        }),
      );
      expect(q.customers[0]!.totals.marginPct).toBeNull();
      expect(q.customers[0]!.belowMinMargin).toBe(false);
      expect(q.totals.marginPct).toBeNull();
    });
  });

  it('oneOff = one-off revenue over the horizon; mrrFinal = recurring revenue of the last month; arr = 12 × mrrFinal', () => {
    const q = validQuote(
      scenario({
        customers: [
          fixedLine({ count: 2, sell: { mode: 'fixed', monthly: '1100', oneOff: '250' } }),
          fixedLine({
            startMonth: 4,
            apps: [
              { bundle: 'full-feature', count: 1, usersPerApp: 0, provisioning: 'standalone' },
            ],
          }),
          paygLine({ endMonth: 6 }),
        ],
      }),
    );
    // one-off: 2 × 250 + 900 × 1.35 = 500 + 1215 = 1715
    expect(q.totals.oneOff).toBe('1715.00');
    // month 12: 2 × 1100 + (149 + 190) × 1.35 = 2200 + 457.65 = 2657.65 (the PAYG line ended)
    expect(q.totals.mrrFinal).toBe('2657.65');
    expect(q.totals.mrrFinal).toBe(month(q, 12).recurringRevenue);
    expect(q.totals.arr).toBe('31891.80'); // 12 × 2657.65
  });

  describe('breakEvenMonth: first month from which the cumulative margin stays ≥ 0', () => {
    it('1 when the cumulative margin is never negative', () => {
      expect(validQuote(scenario({ customers: [fixedLine()] })).totals.breakEvenMonth).toBe(1);
    });

    it('a cumulative margin of exactly 0 counts as broken even', () => {
      const q = validQuote(
        scenario({ customers: [fixedLine({ sell: { mode: 'markup', pct: '0' } })] }),
      );
      expect(column(q, (m) => m.cumulativeMargin)).toEqual(zeros(12));
      expect(q.totals.breakEvenMonth).toBe(1);
    });

    it('after a setup month: −639, −378, −117, 144 → month 4', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 6,
          customers: [
            fixedLine({
              sell: { mode: 'fixed', monthly: '600', oneOff: '0' },
              apps: [
                { bundle: 'full-feature', count: 1, usersPerApp: 0, provisioning: 'standalone' },
              ],
            }),
          ],
        }),
      );
      // month 1: 600 − (149 + 190 + 900) = −639; later months: 600 − 339 = +261
      expect(column(q, (m) => m.cumulativeMargin)).toEqual([
        '-639.00',
        '-378.00',
        '-117.00',
        '144.00',
        '405.00',
        '666.00',
      ]);
      expect(q.totals.breakEvenMonth).toBe(4);
    });

    it('must stay ≥ 0: positive in months 1–2, negative in 3–5, positive from 6 → month 6', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 6,
          customers: [
            fixedLine({ sell: { mode: 'fixed', monthly: '300', oneOff: '0' } }),
            paygLine({
              startMonth: 3,
              endMonth: 3,
              license: { bandwidth: '1g', hoursPerMonth: 744 },
              sell: { mode: 'fixed', monthly: '0', oneOff: '0' },
            }),
          ],
        }),
      );
      // line 1: 300 − 149 = +151 a month; line 2 in March: cost 744 × 1.065 = 792.36, no revenue
      // cumulative: 151, 302, 302 + 151 − 792.36 = −339.36, −188.36, −37.36, 113.64
      expect(column(q, (m) => m.cumulativeMargin)).toEqual([
        '151.00',
        '302.00',
        '-339.36',
        '-188.36',
        '-37.36',
        '113.64',
      ]);
      expect(q.totals.breakEvenMonth).toBe(6);
    });

    it('null when the last month is negative', () => {
      const q = validQuote(scenario({ platform: { infraCostMonthly: '1' } }));
      expect(q.totals.breakEvenMonth).toBeNull();
    });
  });

  describe('licenseCommittedAfterHorizon', () => {
    it('a renewing term mid-way at the horizon: 6 months × 570.73 × 2 = 6848.76', () => {
      const q = validQuote(
        scenario({
          horizonMonths: 18,
          customers: [
            fixedLine({
              count: 2,
              license: { bundle: 'plus', bandwidth: '500m', vServices: 14, termMonths: 12 },
            }),
          ],
        }),
      );
      // terms 1–12 and 13–24; the horizon ends at 18 → months 19–24 left
      expect(q.totals.licenseCommittedAfterHorizon).toBe('6848.76');
    });

    it('a renewing term that ends exactly at the horizon leaves nothing committed', () => {
      const q = validQuote(scenario({ customers: [fixedLine({ license: { termMonths: 12 } })] }));
      expect(q.totals.licenseCommittedAfterHorizon).toBe('0.00');
    });

    it('a non-renewing line that ended before the horizon → 0', () => {
      const q = validQuote(
        scenario({ customers: [fixedLine({ license: { termMonths: 6, renew: false } })] }),
      );
      expect(q.totals.licenseCommittedAfterHorizon).toBe('0.00');
    });

    it('a non-renewing term that runs past the horizon counts its remaining months', () => {
      const q = validQuote(
        scenario({
          customers: [fixedLine({ startMonth: 7, license: { termMonths: 12, renew: false } })],
        }),
      );
      // months 7–18; after month 12: 6 × 137.83 = 826.98
      expect(q.totals.licenseCommittedAfterHorizon).toBe('826.98');
    });

    it('PAYG lines commit nothing', () => {
      const q = validQuote(
        scenario({ customers: [paygLine({ license: { hoursPerMonth: 744 } })] }),
      );
      expect(q.totals.licenseCommittedAfterHorizon).toBe('0.00');
    });
  });
});

// -------------------------------------------------------------------------------------------
// §6 issues
// -------------------------------------------------------------------------------------------
describe('§6 issues: each code with its exact path', () => {
  const issuesOf = (s: ReturnType<typeof scenario>, t = TABLE, today = TODAY) =>
    quote(s, t, today).issues.map(({ level, code, path }) => ({ level, code, path }));
  const error = (code: QuoteIssue['code'], path: string) => ({ level: 'error', code, path });
  const warning = (code: QuoteIssue['code'], path: string) => ({ level: 'warning', code, path });
  const mainWhiteLabel = [
    { bundle: 'white-label', count: 1, usersPerApp: 0, provisioning: 'standalone' as const },
  ];

  describe('unknown-id', () => {
    it('environment → platform.environment', () => {
      expect(issuesOf(scenario({ platform: { environment: 'vmware' } }))).toContainEqual(
        error('unknown-id', 'platform.environment'),
      );
    });

    it('appliance → platform.appliance.id', () => {
      const s = scenario({
        platform: { environment: 'hardware', appliance: { id: 'pro', count: 1 } },
      });
      expect(issuesOf(s)).toContainEqual(error('unknown-id', 'platform.appliance.id'));
    });

    it('bandwidth → customers[i].license.bandwidth', () => {
      const s = scenario({
        customers: [fixedLine(), fixedLine({ license: { bandwidth: '10g' } })],
      });
      expect(issuesOf(s)).toEqual([error('unknown-id', 'customers[1].license.bandwidth')]);
    });

    it('bundle → customers[i].license.bundle', () => {
      const s = scenario({ customers: [paygLine({ license: { bundle: 'premium' } })] });
      expect(issuesOf(s)).toEqual([error('unknown-id', 'customers[0].license.bundle')]);
    });

    it('partner → customers[i].partnerId', () => {
      const s = scenario({ customers: [fixedLine({ partnerId: 'p9' })] });
      expect(issuesOf(s)).toEqual([error('unknown-id', 'customers[0].partnerId')]);
    });

    it('distributor of a partner → channel.partners[j].distributorId', () => {
      const s = scenario({
        channel: {
          distributors: [{ id: 'd1', name: '', commissionPct: '3', partnerCommissionPct: null }],
          partners: [
            { id: 'p1', name: '', distributorId: 'd1', commissionPct: null },
            { id: 'p2', name: '', distributorId: 'd9', commissionPct: null },
          ],
        },
      });
      expect(issuesOf(s)).toEqual([error('unknown-id', 'channel.partners[1].distributorId')]);
    });

    it('app bundle → customers[i].apps[j].bundle (and mainApps[j].bundle)', () => {
      const s = scenario({
        mainApps: [{ bundle: 'gold', count: 1, usersPerApp: 0, provisioning: 'standalone' }],
        customers: [
          fixedLine({
            apps: [
              { bundle: 'enterprise', count: 1, usersPerApp: 0, provisioning: 'standalone' },
              { bundle: 'platinum', count: 1, usersPerApp: 0, provisioning: 'standalone' },
            ],
          }),
        ],
      });
      expect(issuesOf(s)).toEqual(
        expect.arrayContaining([
          error('unknown-id', 'mainApps[0].bundle'),
          error('unknown-id', 'customers[0].apps[1].bundle'),
        ]),
      );
      expect(issuesOf(s)).toHaveLength(2);
    });

    it('a child app bundle missing from childApps → customers[i].apps[j].bundle', () => {
      const s = scenario({
        mainApps: mainWhiteLabel,
        customers: [
          fixedLine({
            apps: [{ bundle: 'white-label', count: 1, usersPerApp: 0, provisioning: 'child' }],
          }),
        ],
      });
      expect(issuesOf(s)).toEqual([error('unknown-id', 'customers[0].apps[0].bundle')]);
    });
  });

  describe('license-model-not-allowed', () => {
    it('PAYG on the fixed-term-only Max appliance → customers[i].license.model', () => {
      const s = scenario({
        platform: { environment: 'hardware', appliance: { id: 'max', count: 'auto' } },
        customers: [fixedLine(), paygLine()],
      });
      expect(issuesOf(s)).toEqual([
        error('license-model-not-allowed', 'customers[1].license.model'),
      ]);
    });

    it('the environment must allow the model too', () => {
      const t = table((tb) => {
        tb.platform.environments.push({
          id: 'payg-cloud',
          kind: 'cloud',
          name: 'PAYG Cloud',
          licenseModels: ['payg'],
        });
      });
      const s = scenario({ platform: { environment: 'payg-cloud' }, customers: [fixedLine()] });
      expect(issuesOf(s, t)).toEqual([
        error('license-model-not-allowed', 'customers[0].license.model'),
      ]);
    });

    it('a conversion to fixed-term where fixed-term is not allowed → customers[i].license.convertTo', () => {
      const t = table((tb) => {
        tb.platform.environments.push({
          id: 'payg-cloud',
          kind: 'cloud',
          name: 'PAYG Cloud',
          licenseModels: ['payg'],
        });
      });
      const s = scenario({
        platform: { environment: 'payg-cloud' },
        customers: [paygLine({ license: { convertTo: { atMonth: 3, termMonths: 12 } } })],
      });
      expect(issuesOf(s, t)).toEqual([
        error('license-model-not-allowed', 'customers[0].license.convertTo'),
      ]);
    });
  });

  describe('term-not-offered', () => {
    it('termMonths → customers[i].license.termMonths', () => {
      const s = scenario({ customers: [fixedLine({ license: { termMonths: 18 } })] });
      expect(issuesOf(s)).toEqual([error('term-not-offered', 'customers[0].license.termMonths')]);
    });

    it('convertTo.termMonths → customers[i].license.convertTo.termMonths', () => {
      const s = scenario({
        customers: [paygLine({ license: { convertTo: { atMonth: 3, termMonths: 18 } } })],
      });
      expect(issuesOf(s)).toEqual([
        error('term-not-offered', 'customers[0].license.convertTo.termMonths'),
      ]);
    });
  });

  it('vservices-over-maximum → customers[i].license.vServices (200 is the maximum, 201 is over)', () => {
    expect(issuesOf(scenario({ customers: [fixedLine({ license: { vServices: 200 } })] }))).toEqual(
      [],
    );
    expect(issuesOf(scenario({ customers: [fixedLine({ license: { vServices: 201 } })] }))).toEqual(
      [error('vservices-over-maximum', 'customers[0].license.vServices')],
    );
  });

  describe('end-month-on-fixed-term → customers[i].endMonth', () => {
    it('on a fixed-term line', () => {
      const s = scenario({ customers: [fixedLine({ endMonth: 6 })] });
      expect(issuesOf(s)).toEqual([error('end-month-on-fixed-term', 'customers[0].endMonth')]);
    });

    it('on a PAYG line with convertTo', () => {
      const s = scenario({
        customers: [
          paygLine({ endMonth: 6, license: { convertTo: { atMonth: 3, termMonths: 12 } } }),
        ],
      });
      expect(issuesOf(s)).toEqual([error('end-month-on-fixed-term', 'customers[0].endMonth')]);
    });
  });

  describe('month-out-of-range → the field', () => {
    it.each([
      ['startMonth 0', { startMonth: 0 }, 'customers[0].startMonth'],
      ['startMonth > horizon', { startMonth: 13 }, 'customers[0].startMonth'],
      ['endMonth < startMonth', { startMonth: 5, endMonth: 4 }, 'customers[0].endMonth'],
      ['endMonth > horizon', { endMonth: 13 }, 'customers[0].endMonth'],
    ])('%s', (_label, overrides, path) => {
      expect(issuesOf(scenario({ customers: [paygLine(overrides)] }))).toEqual([
        error('month-out-of-range', path),
      ]);
    });

    it('startMonth = horizon and endMonth = horizon are in range', () => {
      expect(
        issuesOf(scenario({ customers: [paygLine({ startMonth: 12, endMonth: 12 })] })),
      ).toEqual([]);
    });

    it.each([
      ['atMonth = startMonth', 3, 3],
      ['atMonth < startMonth', 3, 2],
      ['atMonth > horizon', 1, 13],
    ])('convertTo %s → customers[i].license.convertTo.atMonth', (_label, startMonth, atMonth) => {
      const s = scenario({
        customers: [paygLine({ startMonth, license: { convertTo: { atMonth, termMonths: 12 } } })],
      });
      expect(issuesOf(s)).toEqual([
        error('month-out-of-range', 'customers[0].license.convertTo.atMonth'),
      ]);
    });

    it('convertTo.atMonth = horizon is in range', () => {
      const s = scenario({
        customers: [paygLine({ license: { convertTo: { atMonth: 12, termMonths: 12 } } })],
      });
      expect(issuesOf(s)).toEqual([]);
    });
  });

  describe('child-app-without-main → customers[i].apps[j].provisioning', () => {
    const child = {
      bundle: 'full-feature',
      count: 1,
      usersPerApp: 0,
      provisioning: 'child' as const,
    };

    it('no main apps at all', () => {
      const s = scenario({ customers: [fixedLine(), fixedLine({ apps: [child] })] });
      expect(issuesOf(s)).toEqual([
        error('child-app-without-main', 'customers[1].apps[0].provisioning'),
      ]);
    });

    it('a main white-label entry provisioned as a child does not count', () => {
      const s = scenario({
        mainApps: [{ ...mainWhiteLabel[0]!, provisioning: 'child' }],
        customers: [fixedLine({ apps: [child] })],
      });
      expect(issuesOf(s).map((i) => [i.code, i.path])).toContainEqual([
        'child-app-without-main',
        'customers[0].apps[0].provisioning',
      ]);
    });

    it('a main app that is not white-label does not count', () => {
      const s = scenario({
        mainApps: [{ bundle: 'enterprise', count: 1, usersPerApp: 0, provisioning: 'standalone' }],
        customers: [fixedLine({ apps: [child] })],
      });
      expect(issuesOf(s)).toEqual([
        error('child-app-without-main', 'customers[0].apps[0].provisioning'),
      ]);
    });

    it('a standalone white-label main app is enough', () => {
      const s = scenario({ mainApps: mainWhiteLabel, customers: [fixedLine({ apps: [child] })] });
      expect(issuesOf(s)).toEqual([]);
    });
  });

  it('appliance-required → platform.appliance', () => {
    const s = scenario({ platform: { environment: 'hardware', appliance: null } });
    expect(issuesOf(s)).toEqual([error('appliance-required', 'platform.appliance')]);
  });

  it('appliances-short (warning) → platform.appliance.count', () => {
    const s = scenario({
      platform: {
        environment: 'hardware',
        appliance: { id: 'base', count: 1 },
        highAvailability: true,
      },
    });
    // required: max(…, 1) + 1 = 2 > 1
    expect(issuesOf(s)).toEqual([warning('appliances-short', 'platform.appliance.count')]);
  });

  describe('below-min-margin (warning) → customers[i]', () => {
    // markup 25 %: margin 0.25 / 1.25 = 20.00 % exactly
    const line = fixedLine({ sell: { mode: 'markup', pct: '25' } });

    it('a marginPct equal to the minimum is not below it', () => {
      const q = validQuote(scenario({ pricing: { minMarginPct: '20' }, customers: [line] }));
      expect(q.customers[0]!.totals.marginPct).toBe('20.00');
      expect(q.customers[0]!.belowMinMargin).toBe(false);
      expect(q.issues).toEqual([]);
    });

    it('a marginPct below the minimum flags the line', () => {
      const q = validQuote(
        scenario({ pricing: { minMarginPct: '20.01' }, customers: [fixedLine(), line] }),
      );
      expect(q.customers.map((c) => c.belowMinMargin)).toEqual([false, true]);
      expect(q.issues.map(({ level, code, path }) => ({ level, code, path }))).toEqual([
        warning('below-min-margin', 'customers[1]'),
      ]);
    });

    it('compares the reported 2-decimal marginPct: 19.995 % reports as 20.00 and is not below 20', () => {
      // fixed sell 200, cost 160.01: margin 39.99 / 200 = 19.995 % → 20.00
      const t = table((tb) => {
        tb.service.fixedTerm.monthlyList.core!['100m'] = '160.01';
      });
      const q = validQuote(
        scenario({
          horizonMonths: 1,
          pricing: { minMarginPct: '20' },
          customers: [fixedLine({ sell: { mode: 'fixed', monthly: '200', oneOff: '0' } })],
        }),
        t,
      );
      expect(q.customers[0]!.totals.marginPct).toBe('20.00');
      expect(q.customers[0]!.belowMinMargin).toBe(false);
    });
  });

  describe('table-expired (warning) → priceTable', () => {
    it('today after validUntil', () => {
      expect(issuesOf(scenario(), TABLE, '2027-09-01')).toEqual([
        warning('table-expired', 'priceTable'),
      ]);
    });

    it('not on validUntil itself (the last day is still valid)', () => {
      expect(issuesOf(scenario(), TABLE, '2027-08-31')).toEqual([]);
    });

    it('never when validUntil is null', () => {
      const t = table((tb) => {
        tb.validUntil = null;
      });
      expect(issuesOf(scenario(), t, '2099-01-01')).toEqual([]);
    });

    it('a warning: the quote stays valid', () => {
      const q = quote(scenario({ customers: [fixedLine()] }), TABLE, '2027-09-01');
      expect(q.totals).not.toBeNull();
      expect(q.months).toHaveLength(12);
    });
  });

  it('every issue carries a message a person can act on', () => {
    const q = quote(
      scenario({ customers: [fixedLine({ license: { termMonths: 18, bandwidth: '10g' } })] }),
    );
    expect(q.issues.length).toBeGreaterThan(0);
    for (const issue of q.issues) expect(issue.message.length).toBeGreaterThan(10);
  });
});

// -------------------------------------------------------------------------------------------
// §6 invalid quote
// -------------------------------------------------------------------------------------------
describe('§6 an invalid quote has months [], customers [], platform null, totals null', () => {
  it('any error empties the quote but keeps its header and issues', () => {
    const q = quote(
      scenario({ customers: [fixedLine(), fixedLine({ license: { termMonths: 18 } })] }),
    );
    expect(q.months).toEqual([]);
    expect(q.customers).toEqual([]);
    expect(q.platform).toBeNull();
    expect(q.totals).toBeNull();
    expect(q.priceTable).toEqual({
      product: 'example-sp',
      currency: 'USD',
      version: '2026.09',
      sha256: null,
    });
    expect(q.issues.some((i) => i.level === 'error')).toBe(true);
  });

  it('warnings alone do not', () => {
    const q = quote(
      scenario({
        platform: {
          environment: 'hardware',
          appliance: { id: 'base', count: 1 },
          highAvailability: true,
        },
        customers: [fixedLine()],
      }),
    );
    expect(q.issues.map((i) => i.code)).toEqual(['appliances-short']);
    expect(q.totals).not.toBeNull();
    expect(q.customers).toHaveLength(1);
  });
});

// -------------------------------------------------------------------------------------------
// §6 the engine is pure
// -------------------------------------------------------------------------------------------
describe('§6 the engine is pure', () => {
  const rich = () =>
    scenario({
      horizonMonths: 24,
      mainApps: [{ bundle: 'white-label', count: 1, usersPerApp: 20, provisioning: 'standalone' }],
      channel: {
        distributors: [{ id: 'd1', name: '', commissionPct: '3', partnerCommissionPct: '8' }],
        partners: [{ id: 'p1', name: '', distributorId: 'd1', commissionPct: null }],
      },
      customers: [
        fixedLine({
          count: 3,
          partnerId: 'p1',
          apps: [
            { bundle: 'white-label', count: 1, usersPerApp: 10, provisioning: 'standalone' },
            { bundle: 'full-feature', count: 2, usersPerApp: 60, provisioning: 'child' },
          ],
        }),
        paygLine({
          license: { hoursPerMonth: [744, 500, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744] },
        }),
        paygLine({ license: { convertTo: { atMonth: 5, termMonths: 12 } } }),
      ],
    });

  it('the same inputs twice give deep-equal quotes', () => {
    const t = table();
    const a = calculateQuote(ScenarioSchema.parse(rich()), t, { today: TODAY });
    const b = calculateQuote(ScenarioSchema.parse(rich()), t, { today: TODAY });
    const c = calculateQuote(ScenarioSchema.parse(rich()), table(), { today: TODAY });
    expect(a.totals).not.toBeNull();
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('does not mutate the (deep-frozen) scenario or table', () => {
    const s = ScenarioSchema.parse(rich());
    const t = table();
    const before = structuredClone({ s, t });
    deepFreeze(s);
    deepFreeze(t);
    const q = calculateQuote(s, t, { today: TODAY });
    expect(q.totals).not.toBeNull();
    expect({ s, t }).toEqual(before);
    expect(calculateQuote(s, t, { today: TODAY })).toEqual(q);
  });

  it('“today” is an input: it only decides the expiry warning', () => {
    const s = ScenarioSchema.parse(rich());
    const early = calculateQuote(s, TABLE, { today: '2026-01-01' });
    const late = calculateQuote(s, TABLE, { today: '2030-01-01' });
    expect(late.months).toEqual(early.months);
    expect(late.totals).toEqual(early.totals);
    expect(late.issues.filter((i) => i.code !== 'table-expired')).toEqual(early.issues);
  });

  it('totals add up: months and customers sum to the totals', () => {
    const q = validQuote(rich());
    expect(sum(column(q, (m) => m.revenue))).toBe(q.totals.revenue);
    expect(sum(q.customers.map((c) => c.totals.revenue))).toBe(q.totals.revenue);
  });
});
