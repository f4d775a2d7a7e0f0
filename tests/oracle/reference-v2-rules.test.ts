import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceQuote } from './reference';
import { examplesUrl } from '../support/examples';

// The rules of PRICING.md §7-§8 that the worked examples 4 and 5 do not reach, each on a small
// scenario priced by hand on the example table (core / 100 Mbps: fixed-term list 149.00 a month,
// 6-month term 2.5 % off, 12-month 7.5 % off; PAYG 0.2450 an hour; Full Feature app: setup
// 900.00, 190.00 a month, 2.50 a user up to 50 users). Start 2027-01, KVM, markup 0 %.
const table: unknown = JSON.parse(readFileSync(new URL('example-table.json', examplesUrl), 'utf8'));
const TODAY = '2026-12-01';

const FIXED = {
  model: 'fixed-term',
  bandwidth: '100m',
  bundle: 'core',
  vServices: 3,
  termMonths: 12,
  renew: false,
};
const PAYG = {
  model: 'payg',
  bandwidth: '100m',
  bundle: 'core',
  vServices: 3,
  hoursPerMonth: 400,
  convertTo: null,
};

function scenario(
  horizonMonths: number,
  customer: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    schemaVersion: 2,
    title: 'Rule',
    preparedBy: { name: '', company: '' },
    preparedFor: { name: '', company: '' },
    brand: { name: 'Rule', primaryColor: '#0b6e4f', logo: null },
    priceTable: { product: 'example-sp', currency: 'USD', version: '2026.09' },
    startPeriod: '2027-01',
    horizonMonths,
    platform: {
      environment: 'kvm',
      appliance: null,
      headroomPct: '0',
      highAvailability: false,
      infraCostMonthly: '0',
    },
    channel: {
      distributors: [],
      partners: [{ id: 'p1', name: 'P', distributorId: null, commissionPct: '10' }],
    },
    pricing: { defaultMarkupPct: '0', minMarginPct: '0' },
    mainApps: [],
    customers: [
      {
        id: 'c1',
        name: 'Line',
        count: 1,
        startMonth: 1,
        endMonth: null,
        partnerId: null,
        sell: null,
        apps: [],
        ...customer,
      },
    ],
    ...extra,
  };
}
const quote = (s: unknown) => referenceQuote(s, table, TODAY);
const codes = (q: ReturnType<typeof quote>) => q.issues.map((i) => `${i.code} ${i.path}`);

describe('§7 cohorts, rules beyond the worked examples', () => {
  it('PAYG: a count of 0 empties the line; rising again starts a new cohort with its setup fees', () => {
    const q = quote(
      scenario(5, {
        count: 2,
        license: PAYG,
        apps: [{ bundle: 'full-feature', count: 1, usersPerApp: 5, provisioning: 'standalone' }],
        changes: [
          { fromMonth: 2, count: 0 },
          { fromMonth: 4, count: 3 },
        ],
      }),
    );
    // one customer a month: license 400 h × 0.2450 = 98.00, app 190.00 + 5 × 2.50 = 12.50;
    // setup 900.00 in the cohort's first month
    expect(q.months.map((m) => m.customers)).toEqual([2, 0, 0, 3, 3]);
    expect(q.months.map((m) => m.cost.payg)).toEqual([
      '196.00', // 2 × 98.00
      '0.00',
      '0.00',
      '294.00', // 3 × 98.00
      '294.00',
    ]);
    expect(q.months.map((m) => m.cost.apps)).toEqual([
      '2205.00', // 2 × (900.00 + 190.00 + 12.50)
      '0.00',
      '0.00',
      '3307.50', // 3 × 1102.50: the newcomers pay their setup fees
      '607.50', // 3 × 202.50
    ]);
    expect(q.totals!.oneOff).toBe('4500.00'); // (2 + 3) × 900.00 at markup 0
    expect(q.customers[0]!.activeFinal).toBe(3);
    expect(q.customers[0]!.count).toBe(2);
    expect(q.customers[0]!.advice).toBeNull(); // a line with changes has no advice
  });

  it('fixed-term renew:false: customers leave as their term ends; restating the count brings a new cohort', () => {
    const q = quote(
      scenario(8, {
        count: 2,
        license: { ...FIXED, termMonths: 6, renew: false },
        sell: { mode: 'fixed', monthly: '100', oneOff: '10' },
        changes: [{ fromMonth: 7, count: 2 }],
      }),
    );
    // first cohort months 1-6, the second from month 7 (its own one-off and 6-month term)
    expect(q.months.map((m) => m.customers)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(q.months.map((m) => m.revenue)).toEqual([
      '220.00',
      '200.00',
      '200.00',
      '200.00',
      '200.00',
      '200.00',
      '220.00',
      '200.00',
    ]);
    // 6-month license: 149.00 × 0.975 = 145.275 → 145.28; the second cohort has 4 months left
    expect(q.totals!.licenseCommittedAfterHorizon).toBe('1162.24'); // 4 × 145.28 × 2
  });

  it('fixed-term: a fall in count waits for the term end, and a sell price of 0 warns no-revenue', () => {
    const q = quote(
      scenario(4, {
        count: 3,
        license: { ...FIXED, termMonths: 3, renew: true },
        sell: { mode: 'fixed', monthly: '0', oneOff: '0' },
        changes: [{ fromMonth: 2, count: 1 }],
      }),
    );
    expect(q.months.map((m) => m.customers)).toEqual([3, 3, 3, 1]);
    expect(codes(q)).toEqual(['no-revenue customers[0].sell']);
    expect(q.customers[0]!.totals.marginPct).toBeNull();
    expect(q.customers[0]!.belowMinMargin).toBe(false);
  });

  it('issues of changes: order, range, ids, vServices, hours on fixed-term, with conversion', () => {
    const bad = quote(
      scenario(6, {
        startMonth: 2,
        license: FIXED,
        changes: [
          { fromMonth: 4, bundle: 'gold' },
          { fromMonth: 3, bandwidth: '40g' },
          { fromMonth: 5, vServices: 201, hoursPerMonth: 10 },
          { fromMonth: 7, count: 1 },
        ],
      }),
    );
    expect(codes(bad).sort()).toEqual(
      [
        'unknown-id customers[0].changes[0].bundle',
        'month-out-of-range customers[0].changes[1].fromMonth',
        'unknown-id customers[0].changes[1].bandwidth',
        'vservices-over-maximum customers[0].changes[2].vServices',
        'hours-on-fixed-term customers[0].changes[2].hoursPerMonth',
        'month-out-of-range customers[0].changes[3].fromMonth',
      ].sort(),
    );
    expect(bad.totals).toBeNull();
    const converted = quote(
      scenario(6, {
        license: { ...PAYG, convertTo: { atMonth: 3, termMonths: 12 } },
        changes: [{ fromMonth: 2, count: 2 }],
      }),
    );
    expect(codes(converted)).toEqual(['changes-with-conversion customers[0].changes']);
    // an empty list of changes is the same as none
    expect(
      quote(
        scenario(6, {
          license: { ...PAYG, convertTo: { atMonth: 3, termMonths: 12 } },
          changes: [],
        }),
      ).issues,
    ).toEqual([]);
  });
});

describe('§8 billing and cash, rules beyond the worked examples', () => {
  it('annual billing of a 6-month term is one block; the horizon bounds the invoice; late payments', () => {
    const q = quote(
      scenario(
        8,
        {
          license: { ...FIXED, termMonths: 6, renew: true },
          sell: { mode: 'fixed', monthly: '200', oneOff: '0' },
        },
        {
          billing: {
            vendor: { fixedTerm: 'upfront', paymentDelayMonths: 1 },
            customers: { fixedTerm: 'annual', paymentDelayMonths: 3 },
          },
        },
      ),
    );
    // customers: months 1-6 invoiced in 1 (1200.00, paid in 4), months 7-8 in 7 (400.00, paid
    // in 10, after the horizon); vendor: 6 × 145.28 = 871.68 invoiced in 1, paid in 2;
    // 2 × 145.28 = 290.56 invoiced in 7, paid in 8
    expect(q.months.map((m) => m.cash.in)).toEqual([
      '0.00',
      '0.00',
      '0.00',
      '1200.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
    expect(q.months.map((m) => m.cash.outVendor)).toEqual([
      '0.00',
      '871.68',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '290.56',
    ]);
    expect(q.months.map((m) => m.cash.cumulative)).toEqual([
      '0.00',
      '-871.68',
      '-871.68',
      '328.32',
      '328.32',
      '328.32',
      '328.32',
      '37.76',
    ]);
    expect(q.totals!.cash).toEqual({
      in: '1200.00',
      out: '1162.24',
      net: '37.76',
      breakEvenMonth: 4,
      peakFunding: '871.68',
      receivableAfterHorizon: '400.00',
      payableAfterHorizon: '0.00',
    });
  });

  it('commissions are paid when the month they belong to is received (annual: a block at once)', () => {
    const q = quote(
      scenario(
        3,
        {
          partnerId: 'p1',
          license: FIXED,
          sell: { mode: 'fixed', monthly: '200', oneOff: '0' },
          billing: 'annual',
        },
        { billing: { customers: { paymentDelayMonths: 1 } } },
      ),
    );
    // months 1-3 of the 12-month term invoiced in 1, received in 2: 600.00 in, 3 × 20.00 out
    expect(q.months.map((m) => m.cash.in)).toEqual(['0.00', '600.00', '0.00']);
    expect(q.months.map((m) => m.cash.outCommissions)).toEqual(['0.00', '60.00', '0.00']);
    // 12-month license 149.00 × 0.925 = 137.825 → 137.83, vendor monthly with no delay
    expect(q.months.map((m) => m.cash.outVendor)).toEqual(['137.83', '137.83', '137.83']);
    expect(q.totals!.licenseCommittedAfterHorizon).toBe('1240.47'); // 9 × 137.83
  });

  it('a converted line: PAYG months in their own month, the fixed-term phase by the line billing', () => {
    const q = quote(
      scenario(
        5,
        {
          license: { ...PAYG, convertTo: { atMonth: 3, termMonths: 12 } },
          sell: { mode: 'fixed', monthly: '300', oneOff: '250' },
          billing: 'upfront',
        },
        { billing: { vendor: { fixedTerm: 'upfront' } } },
      ),
    );
    // in: 300.00 + 250.00 one-off in 1, 300.00 in 2, months 3-5 upfront in 3 (900.00);
    // vendor: PAYG 98.00 in 1 and 2, fixed-term months 3-5 upfront in 3: 3 × 137.83
    expect(q.months.map((m) => m.cash.in)).toEqual(['550.00', '300.00', '900.00', '0.00', '0.00']);
    expect(q.months.map((m) => m.cash.outVendor)).toEqual([
      '98.00',
      '98.00',
      '413.49',
      '0.00',
      '0.00',
    ]);
  });

  it('a PAYG line ignores its billing override', () => {
    const withOverride = quote(
      scenario(
        4,
        { license: PAYG, billing: 'upfront' },
        { billing: { customers: { fixedTerm: 'annual' } } },
      ),
    );
    for (const m of withOverride.months) expect(m.cash.in).toBe(m.revenue);
  });
});
