import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  customerSeries,
  PriceTableSchema,
  type CustomerLine,
  type LineChange,
  type Quote,
  type Scenario,
} from '../../src/engine/index';
import {
  mutate,
  mutationsArb,
  TABLE_VARIANTS,
  todayArb,
  validScenarioArb,
} from '../oracle/arbitraries';
import { referenceQuote } from '../oracle/reference';
import { examplesUrl, VERSION_1_EXAMPLES, withoutVersion2Fields } from '../support/examples';
import { parseScenario } from '../support/scenarios';
import { billingArb, billingModeArb, sellArb, v2ScenarioArb } from './arbitraries-v2';
import { fixedLine, minor, paygLine, scenario, table, TABLE, TODAY, validQuote } from './helpers';

// Properties of PRICING.md §7 and §8 over random version-2 scenarios (tests/engine/arbitraries-v2.ts).
// FC_RUNS=2000 npx vitest run tests/engine/version-2-properties.test.ts for a longer search.
const RUNS = Number(process.env.FC_RUNS ?? 150);

type Month = Quote['months'][number];

const modeArb = fc.constantFrom('volume' as const, 'graduated' as const);

/** The fixture table with the white-label volume discount in each mode. */
const WHITE_LABEL_TABLES = {
  volume: table((t) => {
    t.apps.whiteLabelVolume.mode = 'volume';
  }),
  graduated: table((t) => {
    t.apps.whiteLabelVolume.mode = 'graduated';
  }),
};
const sumOf = (values: readonly string[]) => values.reduce((a, v) => a + minor(v), 0n);
const monthCost = (m: Month) =>
  minor(m.cost.fixedTerm) + minor(m.cost.payg) + minor(m.cost.apps) + minor(m.cost.platform);
const monthCommissions = (m: Month) =>
  minor(m.commissions.partner) + minor(m.commissions.distributor);

/** The quote without what §8 adds: its P&L, sizing and customers. */
function profitAndLoss(q: Quote) {
  const copy = structuredClone(q) as Quote;
  for (const m of copy.months) delete (m as Partial<Month>).cash;
  if (copy.totals) delete (copy.totals as Partial<typeof copy.totals>).cash;
  return copy;
}

/** The scenario with no billing anywhere: monthly, paid at once. */
function withoutBilling(s: Scenario): Scenario {
  const { billing: _billing, ...rest } = s;
  return {
    ...rest,
    customers: s.customers.map(({ billing: _b, ...line }) => line),
  };
}

describe('§8: the two identities and the cash series', () => {
  it('cash.in + receivableAfterHorizon = revenue; cash.out + payableAfterHorizon = cost + commissions', () => {
    fc.assert(
      fc.property(v2ScenarioArb(), modeArb, (s, mode) => {
        const q = validQuote(s, WHITE_LABEL_TABLES[mode]);
        const t = q.totals;
        const c = t.cash;
        expect(minor(c.in) + minor(c.receivableAfterHorizon)).toBe(minor(t.revenue));
        expect(minor(c.out) + minor(c.payableAfterHorizon)).toBe(
          minor(t.cost) + minor(t.commissions),
        );
        // the months: net = in − outs, cumulative, sums, break-even and peak funding
        let cumulative = 0n;
        let lowest = 0n;
        let lastNegative = 0;
        for (const m of q.months) {
          const { in: paid, outVendor, outCommissions, outInfra, net } = m.cash;
          expect(minor(net)).toBe(
            minor(paid) - minor(outVendor) - minor(outCommissions) - minor(outInfra),
          );
          cumulative += minor(net);
          expect(minor(m.cash.cumulative)).toBe(cumulative);
          if (cumulative < lowest) lowest = cumulative;
          if (cumulative < 0n) lastNegative = m.month;
        }
        expect(sumOf(q.months.map((m) => m.cash.in))).toBe(minor(c.in));
        expect(
          q.months.reduce(
            (a, m) =>
              a + minor(m.cash.outVendor) + minor(m.cash.outCommissions) + minor(m.cash.outInfra),
            0n,
          ),
        ).toBe(minor(c.out));
        expect(minor(c.net)).toBe(minor(c.in) - minor(c.out));
        expect(minor(c.net)).toBe(cumulative);
        expect(minor(c.peakFunding)).toBe(-lowest);
        expect(c.breakEvenMonth).toBe(lastNegative === q.months.length ? null : lastNegative + 1);
        // infrastructure is paid in its month; nothing is received before anything is earned
        expect(minor(c.receivableAfterHorizon)).toBeGreaterThanOrEqual(0n);
      }),
      { numRuns: RUNS },
    );
  });

  it('without billing settings, cash is the margin month by month', () => {
    fc.assert(
      fc.property(v2ScenarioArb(), (s) => {
        const q = validQuote(withoutBilling(s));
        for (const m of q.months) {
          expect(m.cash.net).toBe(m.margin);
          expect(m.cash.cumulative).toBe(m.cumulativeMargin);
        }
        expect(q.totals.cash.receivableAfterHorizon).toBe('0.00');
        expect(q.totals.cash.payableAfterHorizon).toBe('0.00');
        expect(q.totals.cash.breakEvenMonth).toBe(q.totals.breakEvenMonth);
      }),
      { numRuns: RUNS },
    );
  });

  it('billing settings change cash, never the P&L', () => {
    fc.assert(
      fc.property(
        v2ScenarioArb(),
        billingArb,
        fc.array(fc.option(billingModeArb, { nil: undefined }), {
          minLength: 5,
          maxLength: 5,
        }),
        (s, billing, lineModes) => {
          const plain = validQuote(withoutBilling(s));
          const billed = validQuote({
            ...withoutBilling(s),
            ...(billing === undefined ? {} : { billing }),
            customers: withoutBilling(s).customers.map((line, i) =>
              lineModes[i] === undefined ? line : { ...line, billing: lineModes[i] },
            ),
          });
          expect(profitAndLoss(billed)).toEqual(profitAndLoss(plain));
          expect(profitAndLoss(validQuote(s))).toEqual(profitAndLoss(plain));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('§7: the quote follows the cohorts', () => {
  it('totals are the sums of months and of lines; customers add up; activeFinal is the last month', () => {
    fc.assert(
      fc.property(v2ScenarioArb(), modeArb, (s, mode) => {
        const q = validQuote(s, WHITE_LABEL_TABLES[mode]);
        const t = q.totals;
        expect(sumOf(q.months.map((m) => m.revenue))).toBe(minor(t.revenue));
        expect(sumOf(q.customers.map((c) => c.totals.revenue))).toBe(minor(t.revenue));
        const platform = sumOf(q.months.map((m) => m.cost.platform));
        expect(q.months.reduce((a, m) => a + monthCost(m), 0n)).toBe(minor(t.cost));
        expect(sumOf(q.customers.map((c) => c.totals.cost)) + platform).toBe(minor(t.cost));
        expect(q.months.reduce((a, m) => a + monthCommissions(m), 0n)).toBe(minor(t.commissions));
        expect(q.customers.reduce((a, c) => a + c.activeFinal, 0)).toBe(
          q.months[q.months.length - 1]!.customers,
        );
        s.customers.forEach((line, i) => {
          expect(q.customers[i]!.count).toBe(line.count);
          if ((line.changes ?? []).length > 0) expect(q.customers[i]!.advice).toBeNull();
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('customerSeries adds up to the quote’s lines and months, customers included', () => {
    fc.assert(
      fc.property(v2ScenarioArb({ maxHorizon: 18 }), (s) => {
        const q = validQuote(s);
        const series = customerSeries(s, TABLE, { today: TODAY })!;
        expect(series).toHaveLength(s.customers.length);
        series.forEach((line, i) => {
          const c = q.customers[i]!;
          expect(line.totals.revenue).toBe(c.totals.revenue);
          expect(line.totals.cost).toBe(c.totals.cost);
          expect(line.totals.commissions).toBe(c.totals.commissions);
          expect(line.months[line.months.length - 1]!.customers).toBe(c.activeFinal);
        });
        q.months.forEach((m, k) => {
          expect(sumOf(series.map((l) => l.months[k]!.revenue))).toBe(minor(m.revenue));
          expect(series.reduce((a, l) => a + l.months[k]!.customers, 0)).toBe(m.customers);
          expect(sumOf(series.map((l) => l.months[k]!.cost)) + minor(m.cost.platform)).toBe(
            monthCost(m),
          );
        });
      }),
      { numRuns: Math.max(30, Math.round(RUNS / 3)) },
    );
  });

  it('a PAYG line that only grows prices as separate lines starting at each rise', () => {
    const arb = fc
      .record({
        horizon: fc.integer({ min: 2, max: 24 }),
        count: fc.integer({ min: 1, max: 10 }),
        sell: sellArb,
        hours: fc.integer({ min: 0, max: 74_400 }).map((h) => h / 100),
        whiteLabel: fc.boolean(),
        partnerId: fc.constantFrom(null, 'p1'),
        // graduated: each copy's discount depends on its rank, cohorts oldest first (§7)
        mode: fc.constantFrom('volume' as const, 'graduated' as const),
      })
      .chain((r) =>
        fc
          .record({
            rises: fc.uniqueArray(fc.integer({ min: 2, max: r.horizon }), { maxLength: 4 }),
            sizes: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 4, maxLength: 4 }),
            endMonth: fc.option(fc.integer({ min: r.horizon - 1, max: r.horizon }), {
              nil: null,
            }),
          })
          .map((g) => ({ ...r, ...g, rises: [...g.rises].sort((a, b) => a - b) })),
      );
    fc.assert(
      fc.property(arb, (g) => {
        const channel = {
          distributors: [],
          partners: [{ id: 'p1', name: '', distributorId: null, commissionPct: '7.5' }],
        };
        const apps: CustomerLine['apps'] = g.whiteLabel
          ? [{ bundle: 'white-label', count: 2, usersPerApp: 30, provisioning: 'standalone' }]
          : [{ bundle: 'full-feature', count: 1, usersPerApp: 30, provisioning: 'standalone' }];
        const rises = g.rises.filter((m) => g.endMonth === null || m <= g.endMonth);
        const common = {
          sell: g.sell,
          apps,
          partnerId: g.partnerId,
          endMonth: g.endMonth,
          license: { hoursPerMonth: g.hours, bandwidth: '500m' },
        };
        let count = g.count;
        const changes: LineChange[] = rises.map((fromMonth, k) => {
          count += g.sizes[k]!;
          return { fromMonth, count };
        });
        const one = scenario({
          horizonMonths: g.horizon,
          channel,
          customers: [paygLine({ ...common, id: 'all', count: g.count, changes })],
        });
        const split = scenario({
          horizonMonths: g.horizon,
          channel,
          customers: [
            paygLine({ ...common, id: 'first', count: g.count }),
            ...rises.map((startMonth, k) =>
              paygLine({ ...common, id: `rise${k}`, count: g.sizes[k]!, startMonth }),
            ),
          ],
        });
        const a = validQuote(one, WHITE_LABEL_TABLES[g.mode]);
        const b = validQuote(split, WHITE_LABEL_TABLES[g.mode]);
        expect(a.months).toEqual(b.months);
        expect(a.totals).toEqual(b.totals);
        expect(a.platform).toEqual(b.platform);
        expect(a.customers[0]!.activeFinal).toBe(
          b.customers.reduce((n, c) => n + c.activeFinal, 0),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('a fixed-term line that only grows prices as separate lines starting at each rise', () => {
    const arb = fc
      .record({
        horizon: fc.integer({ min: 2, max: 30 }),
        count: fc.integer({ min: 1, max: 10 }),
        termMonths: fc.constantFrom(1, 3, 6, 12, 24),
        renew: fc.boolean(),
        billing: fc.option(billingModeArb, { nil: undefined }),
        scenarioBilling: billingArb,
        sell: sellArb,
      })
      .chain((r) =>
        fc
          .record({
            rises: fc.uniqueArray(fc.integer({ min: 2, max: r.horizon }), { maxLength: 4 }),
            sizes: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 4, maxLength: 4 }),
          })
          .map((g) => ({ ...r, ...g, rises: [...g.rises].sort((a, b) => a - b) })),
      );
    fc.assert(
      fc.property(arb, (g) => {
        const common = {
          sell: g.sell,
          license: { termMonths: g.termMonths, renew: g.renew, bundle: 'plus' },
          apps: [
            {
              bundle: 'enterprise',
              count: 1,
              usersPerApp: 12,
              provisioning: 'standalone' as const,
            },
          ],
          ...(g.billing === undefined ? {} : { billing: g.billing }),
        };
        const billing = g.scenarioBilling === undefined ? {} : { billing: g.scenarioBilling };
        // on a renewing line every customer stays, so the count in force is the running sum; on
        // a `renew: false` line each rise restates the count above the customers still there
        let count = g.count;
        const changes: LineChange[] = g.rises.map((fromMonth, k) => {
          count += g.sizes[k]!;
          return { fromMonth, count };
        });
        if (!g.renew) {
          // keep the count in force equal to the customers a split would have
          const active = (m: number) =>
            (m <= g.termMonths ? g.count : 0) +
            g.rises.reduce(
              (n, start, k) => n + (m >= start && m < start + g.termMonths ? g.sizes[k]! : 0),
              0,
            );
          changes.forEach((c) => (c.count = active(c.fromMonth)));
        }
        const one = scenario({
          horizonMonths: g.horizon,
          ...billing,
          customers: [fixedLine({ ...common, id: 'all', count: g.count, changes })],
        });
        const split = scenario({
          horizonMonths: g.horizon,
          ...billing,
          customers: [
            fixedLine({ ...common, id: 'first', count: g.count }),
            ...g.rises.map((startMonth, k) =>
              fixedLine({ ...common, id: `rise${k}`, count: g.sizes[k]!, startMonth }),
            ),
          ],
        });
        const a = validQuote(one);
        const b = validQuote(split);
        expect(a.months).toEqual(b.months);
        expect(a.totals).toEqual(b.totals);
        expect(a.platform).toEqual(b.platform);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a line without changes prices the same as in version 1', () => {
  const read = (name: string): unknown =>
    JSON.parse(readFileSync(new URL(name, examplesUrl), 'utf8'));
  const exampleTable = PriceTableSchema.parse(read('example-table.json'));

  it('every version-1 fixture gives the same version-1 fields after migration', () => {
    const fixtures: [string, unknown][] = [
      ...VERSION_1_EXAMPLES.map((n): [string, unknown] => [n, read(`${n}.json`)]),
      [
        'v1-sample',
        JSON.parse(
          readFileSync(new URL('../fixtures/scenarios/v1-sample.json', import.meta.url), 'utf8'),
        ),
      ],
      [
        'sample plan',
        {
          ...(JSON.parse(
            readFileSync(new URL('../../scenarios/sample-msp-plan.json', import.meta.url), 'utf8'),
          ) as object),
          schemaVersion: 1,
        },
      ],
    ];
    for (const [name, document] of fixtures) {
      expect((document as { schemaVersion: number }).schemaVersion, name).toBe(1);
      const quote = calculateQuote(parseScenario(document), exampleTable, { today: TODAY });
      // the independent version-1 reference reads the version-1 document as it is
      const reference = referenceQuote(document, exampleTable, TODAY, null);
      const strip = (q: unknown) => {
        const {
          issues: _issues,
          priceTable: _table,
          ...rest
        } = withoutVersion2Fields(JSON.parse(JSON.stringify(q)) as Quote);
        return rest;
      };
      expect(strip(quote), name).toEqual(strip(reference));
    }
  });

  for (const name of ['example', 'graduated', 'perUserGraduated', 'jpyFractional']) {
    it(`random version-1 scenarios on table "${name}": the engine equals the version-1 reference`, () => {
      const refTable = TABLE_VARIANTS[name]!;
      const engineTable = PriceTableSchema.parse(structuredClone(refTable));
      fc.assert(
        fc.property(validScenarioArb(refTable), todayArb, (document, today) => {
          const quote = calculateQuote(parseScenario(structuredClone(document)), engineTable, {
            today,
          });
          const reference = referenceQuote(document, engineTable, today, null);
          const plain = (q: unknown) => {
            const { issues, ...rest } = withoutVersion2Fields(
              JSON.parse(JSON.stringify(q)) as Quote,
            );
            return {
              ...rest,
              // `no-revenue` is a warning version 2 adds (§6): the version-1 reference has none
              issues: issues
                .filter((i) => i.code !== 'no-revenue')
                .map((i) => `${i.level} ${i.code} ${i.path}`)
                .sort(),
            };
          };
          expect(plain(quote)).toEqual(plain(reference));
          if (quote.totals) {
            // and the version-2 fields of a version-1 document: one cohort, monthly, paid at once
            quote.months.forEach((m) => expect(m.cash.net).toBe(m.margin));
          }
        }),
        { numRuns: Math.max(40, Math.round(RUNS / 2)) },
      );
    });
  }

  it('version-1 scenarios that break table or cross-field rules: the same issues after migration', () => {
    const refTable = TABLE_VARIANTS['example']!;
    const engineTable = PriceTableSchema.parse(structuredClone(refTable));
    fc.assert(
      fc.property(
        validScenarioArb(refTable, 3),
        mutationsArb,
        todayArb,
        (document, breaks, today) => {
          const broken = structuredClone(document);
          for (const [mutation, pick] of breaks) mutate(broken, refTable, mutation, pick);
          const quote = calculateQuote(parseScenario(structuredClone(broken)), engineTable, {
            today,
          });
          const reference = referenceQuote(broken, engineTable, today, null);
          const keys = (q: { issues: readonly { level: string; code: string; path: string }[] }) =>
            q.issues
              .filter((i) => i.code !== 'no-revenue')
              .map((i) => `${i.level} ${i.code} ${i.path}`)
              .sort();
          expect(keys(quote)).toEqual(keys(reference));
          expect(quote.totals === null).toBe(reference.totals === null);
        },
      ),
      { numRuns: Math.max(40, Math.round(RUNS / 2)) },
    );
  });
});
