import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrateScenarioDocument, ScenarioSchema } from '../../src/engine/index';
import {
  HUGE_TABLE,
  TABLE_VARIANTS,
  todayArb,
  validScenarioArb,
  validScenarioV2Arb,
  type GenScenario,
} from './arbitraries';
import { referenceQuote, type RefQuote } from './reference';

// Properties of the reference on its own: its grouped mode (used only where counts are too
// large to walk copy by copy) agrees exactly with its literal walk, and the identities and
// invariances PRICING.md §7-§8 state hold on random version-2 scenarios.
const RUNS = Math.max(50, Math.round(Number(process.env.ORACLE_RUNS ?? 300) / 3));
const SEED = process.env.ORACLE_SEED === undefined ? undefined : Number(process.env.ORACLE_SEED);
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
const VARIANTS = ['example', 'graduated', 'extraTiersGraduated', 'perUserGraduated', 'jpy'];

const minor = (amount: string): bigint => BigInt(amount.replace('.', ''));

/** A version-2 scenario as the reference reads it (the engine's schema may not know v2 yet). */
const v2 = (scenario: GenScenario): unknown => structuredClone(scenario);

describe('reference: grouped mode ≡ literal walk', () => {
  for (const name of ['example', 'graduated', 'extraTiersGraduated', 'perUserGraduated']) {
    it(`table variant "${name}"`, () => {
      const t = TABLE_VARIANTS[name]!;
      fc.assert(
        fc.property(validScenarioArb(t), todayArb, (scenario, today) => {
          const parsed = ScenarioSchema.parse(migrated(scenario));
          const literal = referenceQuote(parsed, t, today);
          const grouped = referenceQuote(parsed, t, today, null, { grouped: true });
          expect(grouped).toEqual(literal);
        }),
        params,
      );
    });
    it(`table variant "${name}", version-2 scenarios (cohorts)`, () => {
      const t = TABLE_VARIANTS[name]!;
      fc.assert(
        fc.property(validScenarioV2Arb(t), todayArb, (scenario, today) => {
          const literal = referenceQuote(v2(scenario), t, today);
          const grouped = referenceQuote(v2(scenario), t, today, null, { grouped: true });
          expect(grouped).toEqual(literal);
        }),
        params,
      );
    });
  }

  it('the large-magnitude table is a valid table shape', () => {
    expect(HUGE_TABLE.service.maxVServices).toBe(1_000_000);
  });
});

describe('reference: PRICING.md §8 on random version-2 scenarios', () => {
  for (const name of VARIANTS) {
    it(`the two identities hold exactly (table variant "${name}")`, () => {
      const t = TABLE_VARIANTS[name]!;
      fc.assert(
        fc.property(validScenarioV2Arb(t), todayArb, (scenario, today) => {
          const q = referenceQuote(v2(scenario), t, today);
          expect(q.issues.filter((i) => i.level === 'error')).toEqual([]);
          const totals = q.totals!;
          const cash = totals.cash;
          // cash.in + receivableAfterHorizon = totals.revenue
          expect(minor(cash.in) + minor(cash.receivableAfterHorizon)).toBe(minor(totals.revenue));
          // cash.out + payableAfterHorizon = totals.cost + totals.commissions
          expect(minor(cash.out) + minor(cash.payableAfterHorizon)).toBe(
            minor(totals.cost) + minor(totals.commissions),
          );
          // the month series add up to the totals, and net is the last cumulative
          const sum = (f: (m: RefQuote['months'][number]) => string) =>
            q.months.reduce((x, m) => x + minor(f(m)), 0n);
          expect(sum((m) => m.cash.in)).toBe(minor(cash.in));
          expect(
            sum((m) => m.cash.outVendor) +
              sum((m) => m.cash.outCommissions) +
              sum((m) => m.cash.outInfra),
          ).toBe(minor(cash.out));
          expect(minor(cash.net)).toBe(minor(q.months.at(-1)!.cash.cumulative));
          const lowest = q.months.reduce((lo, m) => {
            const c = minor(m.cash.cumulative);
            return c < lo ? c : lo;
          }, 0n);
          expect(minor(cash.peakFunding)).toBe(-lowest);
        }),
        params,
      );
    });
  }

  it('billing settings move cash and never the P&L; without them cash is the margin', () => {
    const t = TABLE_VARIANTS['example']!;
    fc.assert(
      fc.property(validScenarioV2Arb(t), todayArb, (scenario, today) => {
        const withBilling = referenceQuote(v2(scenario), t, today);
        const plain = structuredClone(scenario);
        delete plain.billing;
        for (const c of plain.customers) delete c.billing;
        const without = referenceQuote(plain, t, today);
        const pnl = (q: RefQuote) => ({
          months: q.months.map(({ cash: _cash, ...rest }) => rest),
          customers: q.customers,
          platform: q.platform,
          totals: q.totals && { ...q.totals, cash: null },
          issues: q.issues,
        });
        expect(pnl(withBilling)).toEqual(pnl(without));
        // §8 with every invoice in its month and paid at once: cash is the margin, month by month
        for (const m of without.months) {
          expect(m.cash.net).toBe(m.margin);
          expect(m.cash.cumulative).toBe(m.cumulativeMargin);
        }
        expect(without.totals!.cash.receivableAfterHorizon).toMatch(/^0(\.0+)?$/);
        expect(without.totals!.cash.payableAfterHorizon).toMatch(/^0(\.0+)?$/);
      }),
      params,
    );
  });

  it('a version-1 scenario prices the same read as version 2 (with or without empty changes)', () => {
    const t = TABLE_VARIANTS['graduated']!;
    fc.assert(
      fc.property(validScenarioArb(t), todayArb, fc.boolean(), (scenario, today, empty) => {
        const asV2 = structuredClone(scenario);
        asV2.schemaVersion = 2;
        if (empty) for (const c of asV2.customers) c.changes = [];
        expect(referenceQuote(asV2, t, today)).toEqual(referenceQuote(scenario, t, today));
      }),
      params,
    );
  });
});

describe('reference: §7 a cohort is priced as a line of its own', () => {
  it('a line whose count rises once prices like the two lines of its cohorts (months and totals)', () => {
    const t = TABLE_VARIANTS['graduated']!;
    fc.assert(
      fc.property(
        validScenarioV2Arb(t),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 6 })), {
          minLength: 5,
          maxLength: 5,
        }),
        todayArb,
        (base, picks, today) => {
          const H = base.horizonMonths;
          const grown = structuredClone(base);
          const split = structuredClone(base);
          split.customers = [];
          grown.customers.forEach((c, i) => {
            delete c.changes;
            const lic = c.license;
            const converted = lic['model'] === 'payg' && lic['convertTo'] !== null;
            // the cohort must start while the first one still holds its customers
            const last =
              lic['model'] === 'payg'
                ? (c.endMonth ?? H)
                : lic['renew']
                  ? H
                  : Math.min(H, c.startMonth + Number(lic['termMonths']) - 1);
            const [pick, d] = picks[i % picks.length]!;
            split.customers.push(structuredClone(c));
            if (converted || last <= c.startMonth) return;
            const s = c.startMonth + 1 + (pick % (last - c.startMonth));
            c.changes = [{ fromMonth: s, count: c.count + d }];
            split.customers.push({
              ...structuredClone(c),
              id: `${c.id}-b`,
              count: d,
              startMonth: s,
            });
            delete split.customers.at(-1)!.changes;
          });
          const a = referenceQuote(v2(grown), t, today);
          const b = referenceQuote(v2(split), t, today);
          expect(b.months).toEqual(a.months);
          expect(b.platform).toEqual(a.platform);
          expect(b.totals).toEqual(a.totals);
        },
      ),
      params,
    );
  });
});

/** The document as the app and the CLI read it: migrated to the current version (PRICING.md §4). */
function migrated(document: unknown): unknown {
  const result = migrateScenarioDocument(document);
  return result.ok ? result.document : document;
}
