import { describe, expect, it } from 'vitest';
import {
  CHANGES_MAX,
  migrateScenarioDocument,
  ScenarioSchema,
  SCENARIO_MIGRATION_STEPS,
  type Quote,
} from '../../src/engine/index';
import { column, fixedLine, paygLine, quote, scenario, validQuote } from './helpers';

// Worked examples of PRICING.md §7 (changes over time, cohorts) and §8 (billing and cash) on the
// fixture table (tests/engine/helpers.ts), each with its arithmetic written out:
//   fixed-term core / 100m / 3 vServices: 149.00 a month, 12-month term −7.5 %, 6-month −2.5 %,
//   36-month −15 %; PAYG core / 100m 0.2450 an hour; full-feature app 900 setup, 190 a month.

const PARTNER = {
  distributors: [],
  partners: [{ id: 'p1', name: 'Partner', distributorId: null, commissionPct: '10' }],
};

const cash = (q: Quote, pick: 'in' | 'outVendor' | 'outCommissions' | 'outInfra' | 'net') =>
  column(q, (m) => m.cash[pick]);

describe('§7 PAYG lines: the count in force, new cohorts on rises, newest leave first', () => {
  // 2 customers from month 1, 5 from month 3, 3 from month 5, 4 from month 6. One customer:
  //   license 100 h × 0.2450 = 24.50; app 190.00 a month, 900.00 setup in its cohort's first month
  //   recurring cost 214.50; sell fixed 40.00 a month and 10.00 one-off.
  // Cohorts: A = 2 from month 1; B = 3 from month 3; month 5 falls by 2: B (newest) keeps 1;
  // month 6 rises by 1: C = 1 from month 6, which pays its setup fee.
  const s = scenario({
    horizonMonths: 6,
    customers: [
      paygLine({
        count: 2,
        sell: { mode: 'fixed', monthly: '40.00', oneOff: '10.00' },
        apps: [{ bundle: 'full-feature', count: 1, usersPerApp: 0, provisioning: 'standalone' }],
        changes: [
          { fromMonth: 3, count: 5 },
          { fromMonth: 5, count: 3 },
          { fromMonth: 6, count: 4 },
        ],
      }),
    ],
  });
  const q = validQuote(s);

  it('counts the customers of the month and of the last month', () => {
    expect(column(q, (m) => m.customers)).toEqual([2, 2, 5, 5, 3, 4]);
    expect(q.customers[0]).toMatchObject({ count: 2, activeFinal: 4, advice: null });
  });

  it('prices every cohort as a line of its own: setup fees and one-off in its first month', () => {
    // PAYG: 24.50 × customers
    expect(column(q, (m) => m.cost.payg)).toEqual([
      '49.00',
      '49.00',
      '122.50',
      '122.50',
      '73.50',
      '98.00',
    ]);
    // apps: 190 × customers + 900 × newcomers: m1 380 + 1800; m3 950 + 2700; m6 760 + 900
    expect(column(q, (m) => m.cost.apps)).toEqual([
      '2180.00',
      '380.00',
      '3650.00',
      '950.00',
      '570.00',
      '1660.00',
    ]);
    // revenue: 40 × customers + 10 × newcomers
    expect(column(q, (m) => m.revenue)).toEqual([
      '100.00',
      '80.00',
      '230.00',
      '200.00',
      '120.00',
      '170.00',
    ]);
    expect(q.totals.oneOff).toBe('60.00'); // (2 + 3 + 1) × 10
  });

  it('a count of 0 leaves the line without customers until a rise starts a new cohort', () => {
    const z = validQuote(
      scenario({
        horizonMonths: 4,
        customers: [
          paygLine({
            count: 1,
            changes: [
              { fromMonth: 2, count: 0 },
              { fromMonth: 4, count: 1 },
            ],
          }),
        ],
      }),
    );
    expect(column(z, (m) => m.customers)).toEqual([1, 0, 0, 1]);
    expect(column(z, (m) => m.cost.payg)).toEqual(['24.50', '0.00', '0.00', '24.50']);
  });

  it('capacity and hours in force apply to every customer at once', () => {
    // from month 2: 500m (0.6390 an hour) and 200 hours: 200 × 0.6390 = 127.80 a customer
    const c = validQuote(
      scenario({
        horizonMonths: 2,
        customers: [
          paygLine({
            count: 3,
            changes: [{ fromMonth: 2, bandwidth: '500m', hoursPerMonth: 200 }],
          }),
        ],
      }),
    );
    expect(column(c, (m) => m.cost.payg)).toEqual(['73.50', '383.40']);
    expect(column(c, (m) => m.demandMbps)).toEqual([300, 1500]);
  });
});

describe('§7 fixed-term lines: whole terms, growth, falls at renewal, capacity at renewal', () => {
  it('grows mid-term with its own terms and falls only as terms end', () => {
    // 12-month license: 149 × (1 − 0.075) = 137.825 → 137.83.
    // A = 5 from month 1 (terms 1–12, 13–24); month 5 count 8: B = 3 from month 5 (5–16, 17–28).
    // Month 11 count 6: nobody leaves mid-term. Month 13: A's term ended; C = 8, E = 8 − 6 = 2:
    // 2 of A leave, 3 renew. Month 17: B's term ended; C = 6, E = 0: all 3 renew.
    const q = validQuote(
      scenario({
        horizonMonths: 18,
        customers: [
          fixedLine({
            count: 5,
            license: { termMonths: 12 },
            changes: [
              { fromMonth: 5, count: 8 },
              { fromMonth: 11, count: 6 },
            ],
          }),
        ],
      }),
    );
    const customers = column(q, (m) => m.customers);
    expect(customers).toEqual([5, 5, 5, 5, 8, 8, 8, 8, 8, 8, 8, 8, 6, 6, 6, 6, 6, 6]);
    // 5 × 137.83 = 689.15; 8 × = 1102.64; 6 × = 826.98
    expect(q.months[3]!.cost.fixedTerm).toBe('689.15');
    expect(q.months[11]!.cost.fixedTerm).toBe('1102.64');
    expect(q.months[12]!.cost.fixedTerm).toBe('826.98');
    expect(q.customers[0]!.activeFinal).toBe(6);
    // after month 18: A (3) has 6 months left of 13–24, B (3) 10 months of 17–28:
    // (6 × 3 + 10 × 3) × 137.83 = 48 × 137.83 = 6615.84
    expect(q.totals.licenseCommittedAfterHorizon).toBe('6615.84');
  });

  it('renew: false: customers leave as their one term ends; restating the count brings new ones', () => {
    // 3-month term, 149.00 a month; one-off 25.00 a customer in each cohort's first month.
    // A = 4 in months 1–3, then nobody. Month 6 restates count 4: committed 0 < 4, B = 4 in 6–8.
    // Month 9 count 2: B's term ended and does not renew; C = 2 in months 9–11; month 12 none.
    const q = validQuote(
      scenario({
        horizonMonths: 12,
        customers: [
          fixedLine({
            count: 4,
            license: { termMonths: 3, renew: false },
            sell: { mode: 'fixed', monthly: '200.00', oneOff: '25.00' },
            changes: [
              { fromMonth: 6, count: 4 },
              { fromMonth: 9, count: 2 },
            ],
          }),
        ],
      }),
    );
    expect(column(q, (m) => m.customers)).toEqual([4, 4, 4, 0, 0, 4, 4, 4, 2, 2, 2, 0]);
    expect(column(q, (m) => m.cost.fixedTerm)).toEqual([
      '596.00',
      '596.00',
      '596.00',
      '0.00',
      '0.00',
      '596.00',
      '596.00',
      '596.00',
      '298.00',
      '298.00',
      '298.00',
      '0.00',
    ]);
    expect(q.totals.oneOff).toBe('250.00'); // (4 + 4 + 2) × 25
    expect(q.customers[0]!.activeFinal).toBe(0);
  });

  it('a capacity change reaches new cohorts at once and committed customers at renewal', () => {
    // 6-month term: 100m 149 × 0.975 = 145.275 → 145.28; 500m 389 × 0.975 = 379.275 → 379.28.
    // A = 2 from month 1 at 100m; month 4 moves to 500m and count 3: B = 1 from month 4 at 500m.
    // Month 7 A renews at 500m; month 10 B renews (still 500m).
    const q = validQuote(
      scenario({
        horizonMonths: 12,
        customers: [
          fixedLine({
            count: 2,
            license: { termMonths: 6 },
            changes: [{ fromMonth: 4, count: 3, bandwidth: '500m' }],
          }),
        ],
      }),
    );
    // months 1–3: 2 × 145.28 = 290.56; 4–6: + 379.28 = 669.84; 7–12: 3 × 379.28 = 1137.84
    expect(column(q, (m) => m.cost.fixedTerm)).toEqual([
      ...Array<string>(3).fill('290.56'),
      ...Array<string>(3).fill('669.84'),
      ...Array<string>(6).fill('1137.84'),
    ]);
    // demand: 2 × 100; + 500; 3 × 500
    expect(column(q, (m) => m.demandMbps)).toEqual([
      ...Array<number>(3).fill(200),
      ...Array<number>(3).fill(700),
      ...Array<number>(6).fill(1500),
    ]);
    expect(q.platform.peakVServices).toBe(9);
  });
});

describe('§8 invoices and payments', () => {
  it('an annual block never spans two terms, and the horizon bounds the last one', () => {
    // 6-month term renewing, billed annually: each block is the term (6 months × 100.00 = 600.00)
    // invoiced in months 1, 7 and 13; the horizon ends in month 14, so the third is 2 × 100.
    const q = validQuote(
      scenario({
        horizonMonths: 14,
        customers: [
          fixedLine({
            license: { termMonths: 6 },
            billing: 'annual',
            sell: { mode: 'fixed', monthly: '100.00', oneOff: '0' },
          }),
        ],
      }),
    );
    const paid = cash(q, 'in');
    expect(paid[0]).toBe('600.00');
    expect(paid[6]).toBe('600.00');
    expect(paid[12]).toBe('200.00');
    expect(paid.filter((a) => a !== '0.00')).toHaveLength(3);
    // vendor monthly: 145.28 paid every month
    expect(cash(q, 'outVendor')).toEqual(Array<string>(14).fill('145.28'));
    expect(q.totals.cash.receivableAfterHorizon).toBe('0.00');
  });

  it('a 24-month term billed annually has two 12-month blocks', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 24,
        customers: [
          fixedLine({
            license: { termMonths: 24 },
            billing: 'annual',
            sell: { mode: 'fixed', monthly: '100.00', oneOff: '0' },
          }),
        ],
      }),
    );
    const paid = cash(q, 'in');
    expect(paid[0]).toBe('1200.00');
    expect(paid[12]).toBe('1200.00');
    expect(paid.filter((a) => a !== '0.00')).toHaveLength(2);
  });

  it('upfront on both sides, bounded by the horizon, each side paid after its own delay', () => {
    // 2 customers from month 7 on a 36-month term that does not renew, horizon 24: months 7–24.
    // Customers (upfront, 1 month late): 18 × 260.00 × 2 + 2 × 500.00 one-off = 10,360.00 in m8.
    // Vendor (upfront, 2 months late): 36-month license 149 × 0.85 = 126.65;
    // 18 × 126.65 × 2 = 4,559.40 paid in month 9.
    const q = validQuote(
      scenario({
        horizonMonths: 24,
        billing: {
          vendor: { fixedTerm: 'upfront', paymentDelayMonths: 2 },
          customers: { fixedTerm: 'upfront', paymentDelayMonths: 1 },
        },
        customers: [
          fixedLine({
            count: 2,
            startMonth: 7,
            license: { termMonths: 36, renew: false },
            sell: { mode: 'fixed', monthly: '260.00', oneOff: '500.00' },
          }),
        ],
      }),
    );
    expect(cash(q, 'in').filter((a) => a !== '0.00')).toEqual(['10360.00']);
    expect(q.months[7]!.cash.in).toBe('10360.00');
    expect(cash(q, 'outVendor').filter((a) => a !== '0.00')).toEqual(['4559.40']);
    expect(q.months[8]!.cash.outVendor).toBe('4559.40');
    expect(q.totals.cash).toMatchObject({
      in: '10360.00',
      out: '4559.40',
      net: '5800.60',
      receivableAfterHorizon: '0.00',
      payableAfterHorizon: '0.00',
      breakEvenMonth: 1,
      peakFunding: '0.00',
    });
    expect(q.totals.licenseCommittedAfterHorizon).toBe('4559.40'); // 18 months left × 126.65 × 2
  });

  it('payment delays move money past the horizon; infrastructure is paid in its month', () => {
    // PAYG, 100 h × 0.2450 = 24.50 a month, sold at 40.00; infrastructure 100.00 a month.
    // Customers pay 2 months late: 40.00 in months 3 and 4, 80.00 after the horizon.
    // The vendor is paid 1 month late: 24.50 in months 2–4, 24.50 after the horizon.
    const q = validQuote(
      scenario({
        horizonMonths: 4,
        platform: { infraCostMonthly: '100' },
        billing: {
          vendor: { paymentDelayMonths: 1 },
          customers: { paymentDelayMonths: 2 },
        },
        customers: [paygLine({ sell: { mode: 'fixed', monthly: '40.00', oneOff: '0' } })],
      }),
    );
    expect(cash(q, 'in')).toEqual(['0.00', '0.00', '40.00', '40.00']);
    expect(cash(q, 'outVendor')).toEqual(['0.00', '24.50', '24.50', '24.50']);
    expect(cash(q, 'outInfra')).toEqual(['100.00', '100.00', '100.00', '100.00']);
    // net: −100; −124.50; 40 − 124.50 = −84.50 twice → cumulative −100, −224.50, −309, −393.50
    expect(cash(q, 'net')).toEqual(['-100.00', '-124.50', '-84.50', '-84.50']);
    expect(column(q, (m) => m.cash.cumulative)).toEqual([
      '-100.00',
      '-224.50',
      '-309.00',
      '-393.50',
    ]);
    expect(q.totals.cash).toEqual({
      in: '80.00',
      out: '473.50',
      net: '-393.50',
      breakEvenMonth: null,
      peakFunding: '393.50',
      receivableAfterHorizon: '80.00', // 80 + 80 = 160.00 revenue
      payableAfterHorizon: '24.50', // 473.50 + 24.50 = 498.00 = cost 98 + 400
    });
    expect(q.totals.revenue).toBe('160.00');
    expect(q.totals.cost).toBe('498.00');
  });

  it('commissions are paid when the customer pays: 12 months at once on annual billing', () => {
    // 12-month term billed annually, 100.00 a month, partner 10 %: 10.00 a month of commission.
    // The block of months 1–12 (1,200.00) is paid in month 2 with its 120.00 of commissions;
    // month 13's block (100.00, bounded by the horizon) would be paid in month 14, after it.
    const q = validQuote(
      scenario({
        horizonMonths: 13,
        channel: PARTNER,
        billing: { customers: { fixedTerm: 'annual', paymentDelayMonths: 1 } },
        customers: [
          fixedLine({
            partnerId: 'p1',
            license: { termMonths: 12 },
            sell: { mode: 'fixed', monthly: '100.00', oneOff: '0' },
          }),
        ],
      }),
    );
    expect(q.months[1]!.cash.in).toBe('1200.00');
    expect(q.months[1]!.cash.outCommissions).toBe('120.00');
    expect(cash(q, 'outCommissions').filter((a) => a !== '0.00')).toEqual(['120.00']);
    expect(q.totals.cash.receivableAfterHorizon).toBe('100.00');
    expect(q.totals.cash.payableAfterHorizon).toBe('10.00');
    // the P&L does not move: 10.00 of commission in every month
    expect(column(q, (m) => m.commissions.partner)).toEqual(Array<string>(13).fill('10.00'));
  });

  it('a line billing override has no effect on a PAYG line, and follows a conversion from atMonth', () => {
    const q = validQuote(
      scenario({
        horizonMonths: 6,
        customers: [
          paygLine({ billing: 'upfront', sell: { mode: 'fixed', monthly: '40.00', oneOff: '0' } }),
          paygLine({
            id: 'conv',
            billing: 'upfront',
            license: { convertTo: { atMonth: 3, termMonths: 3 } },
            sell: { mode: 'fixed', monthly: '50.00', oneOff: '0' },
          }),
        ],
      }),
    );
    // month 1, 2: 40 + 50 each; month 3: 40 + the converted term 3–5 upfront (150); month 6:
    // 40 + the next term (months 6–8) bounded by the horizon (50)
    expect(cash(q, 'in')).toEqual(['90.00', '90.00', '190.00', '40.00', '40.00', '90.00']);
  });
});

describe('§7 issues of changes', () => {
  const codes = (q: Quote) => q.issues.map((i) => `${i.level} ${i.code} ${i.path}`);

  it('fromMonth must ascend strictly: only the entry not above the one before it', () => {
    const q = quote(
      scenario({
        horizonMonths: 12,
        customers: [
          paygLine({
            changes: [
              { fromMonth: 5, count: 2 },
              { fromMonth: 3, count: 3 },
              { fromMonth: 4, count: 4 },
            ],
          }),
        ],
      }),
    );
    expect(codes(q)).toEqual(['error month-out-of-range customers[0].changes[1].fromMonth']);
  });

  it('fromMonth after the start, within the horizon and, on a PAYG line, by its endMonth', () => {
    const q = quote(
      scenario({
        horizonMonths: 12,
        customers: [
          paygLine({ startMonth: 3, changes: [{ fromMonth: 3, count: 2 }] }),
          fixedLine({ changes: [{ fromMonth: 13, count: 2 }] }),
          paygLine({ endMonth: 6, changes: [{ fromMonth: 7, count: 2 }] }),
          paygLine({ endMonth: 6, changes: [{ fromMonth: 6, count: 2 }] }),
        ],
      }),
    );
    expect(codes(q)).toEqual([
      'error month-out-of-range customers[0].changes[0].fromMonth',
      'error month-out-of-range customers[1].changes[0].fromMonth',
      'error month-out-of-range customers[2].changes[0].fromMonth',
    ]);
  });

  it('ids and vServices of a change are checked like the line’s own; hours on a fixed term, changes with a conversion', () => {
    const q = quote(
      scenario({
        customers: [
          fixedLine({
            changes: [
              { fromMonth: 2, bandwidth: '40g', bundle: 'gold', vServices: 501, hoursPerMonth: 10 },
            ],
          }),
          paygLine({
            license: { convertTo: { atMonth: 4, termMonths: 12 } },
            changes: [{ fromMonth: 2, count: 2 }],
          }),
        ],
      }),
    );
    expect(codes(q)).toEqual([
      'error unknown-id customers[0].changes[0].bandwidth',
      'error unknown-id customers[0].changes[0].bundle',
      'error vservices-over-maximum customers[0].changes[0].vServices',
      'error hours-on-fixed-term customers[0].changes[0].hoursPerMonth',
      'error changes-with-conversion customers[1].changes',
    ]);
    expect(q.totals).toBeNull();
  });

  it('no-revenue: a line that costs something and earns nothing (a fixed price left at 0)', () => {
    const q = validQuote(
      scenario({
        customers: [
          fixedLine({ sell: { mode: 'fixed', monthly: '0', oneOff: '0' } }),
          fixedLine({ id: 'paid', sell: { mode: 'fixed', monthly: '1000', oneOff: '0' } }),
        ],
      }),
    );
    expect(codes(q)).toEqual(['warning no-revenue customers[0].sell']);
    expect(q.customers[0]!.totals.marginPct).toBeNull();
  });

  it('an empty list of changes is the same as none (advice included)', () => {
    const without = validQuote(
      scenario({ customers: [paygLine({ license: { hoursPerMonth: 700 } })] }),
    );
    const empty = validQuote(
      scenario({ customers: [paygLine({ license: { hoursPerMonth: 700 }, changes: [] })] }),
    );
    expect(empty).toEqual(without);
    expect(without.customers[0]!.advice).not.toBeNull();
    const changed = validQuote(
      scenario({
        customers: [
          paygLine({ license: { hoursPerMonth: 700 }, changes: [{ fromMonth: 2, count: 1 }] }),
        ],
      }),
    );
    // the same figures, but a line with changes has no advice (§7)
    expect(changed.totals).toEqual(without.totals);
    expect(changed.customers[0]!.advice).toBeNull();
  });
});

describe('scenario schemaVersion 2', () => {
  const base = () => JSON.parse(JSON.stringify(scenario({ customers: [paygLine()] }))) as never;
  const problems = (doc: unknown) =>
    ScenarioSchema.safeParse(doc).error?.issues.map((i) => i.path.join('.')) ?? [];

  it('parses version 2 only; the migration from 1 sets the version and nothing else', () => {
    const doc = base() as Record<string, unknown>;
    const v1 = { ...doc, schemaVersion: 1 };
    expect(problems(v1)).toEqual(['schemaVersion']);
    expect(SCENARIO_MIGRATION_STEPS.map((s) => [s.from, s.to])).toEqual([[1, 2]]);
    const migrated = migrateScenarioDocument(v1);
    expect(migrated).toEqual({ ok: true, document: doc, migratedFrom: 1 });
    expect(migrateScenarioDocument({ ...doc, schemaVersion: 3 })).toMatchObject({
      ok: false,
      path: 'schemaVersion',
    });
  });

  it('a change sets at least one field; at most 120 changes; counts ≥ 0', () => {
    const withChanges = (changes: unknown) => {
      const doc = base() as { customers: Record<string, unknown>[] };
      doc.customers[0]!.changes = changes;
      return doc;
    };
    expect(problems(withChanges([{ fromMonth: 2 }]))).toEqual(['customers.0.changes.0']);
    expect(problems(withChanges([{ fromMonth: 2, count: 0 }]))).toEqual([]);
    expect(problems(withChanges([{ fromMonth: 2, count: -1 }]))).toEqual([
      'customers.0.changes.0.count',
    ]);
    expect(problems(withChanges([{ fromMonth: 2, count: 1.5 }]))).toEqual([
      'customers.0.changes.0.count',
    ]);
    expect(problems(withChanges([{ fromMonth: 2, hoursPerMonth: [1, 2] }]))).toEqual([
      'customers.0.changes.0.hoursPerMonth',
    ]);
    const many = Array.from({ length: CHANGES_MAX + 1 }, (_, i) => ({
      fromMonth: i + 2,
      count: 1,
    }));
    expect(problems(withChanges(many))).toEqual(['customers.0.changes']);
    expect(problems(withChanges(many.slice(0, CHANGES_MAX)))).toEqual([]);
  });

  it('billing: each side and field optional; modes by name; delays whole months 0 to 3', () => {
    const withBilling = (billing: unknown, line?: unknown) => {
      const doc = base() as Record<string, unknown> & { customers: Record<string, unknown>[] };
      doc.billing = billing;
      if (line !== undefined) doc.customers[0]!.billing = line;
      return doc;
    };
    expect(problems(withBilling({}))).toEqual([]);
    expect(problems(withBilling({ vendor: { fixedTerm: 'upfront' } }, 'annual'))).toEqual([]);
    expect(problems(withBilling({ customers: { paymentDelayMonths: 3 } }))).toEqual([]);
    expect(problems(withBilling({ customers: { paymentDelayMonths: 4 } }))).toEqual([
      'billing.customers.paymentDelayMonths',
    ]);
    expect(problems(withBilling({ vendor: { paymentDelayMonths: 0.5 } }))).toEqual([
      'billing.vendor.paymentDelayMonths',
    ]);
    expect(problems(withBilling({ vendor: { fixedTerm: 'weekly' } }))).toEqual([
      'billing.vendor.fixedTerm',
    ]);
    expect(problems(withBilling({}, 'quarterly'))).toEqual(['customers.0.billing']);
  });
});
