import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMarkup } from '../../src/engine/markup-edit';
import {
  goalSeek,
  hundredthsToPct,
  targetHolds,
  type GoalTarget,
  type GoalVary,
} from '../../src/engine/goal-seek';
import {
  calculateQuote,
  PriceTableSchema,
  type PriceTable,
  type Scenario,
} from '../../src/engine/index';
import { parseScenario } from '../support/scenarios';
import { TABLE_VARIANTS, validScenarioArb } from '../oracle/arbitraries';
import { examplesUrl } from '../support/examples';
import { fixedLine, paygLine, scenario, TABLE, TODAY } from './helpers';

const OPTIONS = { today: TODAY };
const RUNS = Number(process.env.FC_RUNS ?? 25);

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(name, examplesUrl), 'utf8'));
const exampleTable = PriceTableSchema.parse(read('example-table.json'));

/** The markup as hundredths of a percent: "31.25" → 3125. */
const hundredths = (pct: string) => Math.round(Number(pct) * 100);

/**
 * What a user checking the answer would do: price the deal at the answer and one hundredth
 * below it, with the engine alone.
 */
function expectBoundary(
  s: Scenario,
  t: PriceTable,
  target: GoalTarget,
  vary: GoalVary,
  value: string,
): void {
  const at = calculateQuote(applyMarkup(s, vary, value), t, OPTIONS);
  expect(targetHolds(target, at)).toBe(true);
  const h = hundredths(value);
  if (h > 0) {
    const below = calculateQuote(applyMarkup(s, vary, hundredthsToPct(h - 1)), t, OPTIONS);
    expect(targetHolds(target, below)).toBe(false);
  }
}

describe('goal seek: the smallest markup that meets a target', () => {
  // One fixed-term customer on core / 100m / 3 vServices, 1-month term, 12 months: the licence
  // costs 149.00 a month (the example table's monthly list). Markup p gives revenue
  // round(149.00 × (1 + p/100)) and no commissions, so margin % = margin / revenue.
  const one = scenario({ customers: [fixedLine()] });

  it('answers the exact markup for a margin % on one line, worked by hand', () => {
    // margin % ≥ 25 needs revenue R with (R − 149.00) / R ≥ 0.25, i.e. R ≥ 198.666…, so the
    // revenue must reach 198.67. 149.00 × (1 + p/100) ≥ 198.665 (rounded half up to 198.67):
    // p ≥ 33.3322…; at p = 33.33, 149 × 1.3333 = 198.6617 → 198.66, margin % = 49.66 / 198.66
    // = 24.997… → "25.00". The quote's 2-decimal figure is what the target reads, so 33.33 already
    // shows 25.00 %; at 33.32, 198.6468 → 198.65 → 49.65 / 198.65 = 24.994 → "24.99".
    const r = goalSeek(one, TABLE, OPTIONS, { kind: 'marginPct', atLeast: '25' }, vary());
    expect(r.status).toBe('met');
    if (r.status !== 'met') return;
    expect(r.value).toBe('33.33');
    expect(r.quote.totals.marginPct).toBe('25.00');
    expect(r.scenario.pricing.defaultMarkupPct).toBe('33.33');
    expect(r.path).toBe('pricing.defaultMarkupPct');
    expectBoundary(one, TABLE, { kind: 'marginPct', atLeast: '25' }, vary(), r.value);
  });

  it('answers 0.00 when the target is already met without markup', () => {
    const r = goalSeek(one, TABLE, OPTIONS, { kind: 'marginPct', atLeast: '0' }, vary());
    expect(r.status === 'met' && r.value).toBe('0.00');
    expect(r.calls).toBe(1);
  });

  it('says a target is out of reach when even 999.99 % does not meet it', () => {
    // margin % tends to 100 − 100/(1 + p/100): 999.99 % gives 90.91 %, never 95 %.
    const r = goalSeek(one, TABLE, OPTIONS, { kind: 'marginPct', atLeast: '95' }, vary());
    expect(r.status).toBe('unreachable');
    if (r.status !== 'unreachable') return;
    expect(r.reason).toBe('not-met-at-max');
    expect(r.message).toContain('999.99');
    expect(r.quote?.totals?.marginPct).toBe('90.91');
  });

  it('says why when every line has its own price', () => {
    const own = scenario({
      customers: [fixedLine({ sell: { mode: 'fixed', monthly: '300', oneOff: '0' } })],
    });
    const r = goalSeek(own, TABLE, OPTIONS, { kind: 'marginPct', atLeast: '25' }, vary());
    expect(r.status === 'unreachable' && r.reason).toBe('no-line-uses-default');
    expect(r.status === 'unreachable' && r.message).toMatch(/own sell price/);
  });

  it('varies one line’s own markup, which becomes a markup sell price', () => {
    const two = scenario({
      customers: [
        fixedLine({ sell: { mode: 'fixed', monthly: '100', oneOff: '0' } }),
        paygLine({ sell: { mode: 'margin', pct: '10' } }),
      ],
    });
    const target: GoalTarget = { kind: 'marginPct', atLeast: '20' };
    const lineVary: GoalVary = { kind: 'lineMarkup', lineIndex: 1 };
    const r = goalSeek(two, TABLE, OPTIONS, target, lineVary);
    expect(r.status).toBe('met');
    if (r.status !== 'met') return;
    expect(r.path).toBe('customers[1].sell.pct');
    expect(r.scenario.customers[1]!.sell).toEqual({ mode: 'markup', pct: r.value });
    expect(r.scenario.customers[0]!.sell).toEqual(two.customers[0]!.sell);
    expectBoundary(two, TABLE, target, lineVary, r.value);
  });

  it('refuses a line index the scenario does not have', () => {
    expect(() =>
      goalSeek(one, TABLE, OPTIONS, { kind: 'marginPct', atLeast: '1' }, lineAt(3)),
    ).toThrow(RangeError);
  });

  it('reports a deal with errors instead of searching', () => {
    const broken = scenario({ customers: [fixedLine({ license: { termMonths: 7 } })] });
    const r = goalSeek(broken, TABLE, OPTIONS, { kind: 'marginPct', atLeast: '10' }, vary());
    expect(r.status === 'unreachable' && r.reason).toBe('invalid-quote');
  });

  it('meets a break-even month on example 1 at the boundary, in at most 20 engine calls', () => {
    const s = parseScenario(read('example-1-mixed.json'));
    const target: GoalTarget = { kind: 'breakEvenMonth', atMost: 2 };
    const r = goalSeek(s, exampleTable, OPTIONS, target, vary());
    expect(r.status).toBe('met');
    if (r.status !== 'met') return;
    expect(r.quote.totals.breakEvenMonth).toBeLessThanOrEqual(2);
    expect(r.calls).toBeLessThanOrEqual(20);
    expectBoundary(s, exampleTable, target, vary(), r.value);
  });

  it('reads a target percent with more decimals than the quote shows, rounding up', () => {
    // 25.001 % can only be met by a quote showing 25.01 % or more
    const q = calculateQuote(applyMarkup(one, vary(), '33.33'), TABLE, OPTIONS);
    expect(q.totals?.marginPct).toBe('25.00');
    expect(targetHolds({ kind: 'marginPct', atLeast: '25.001' }, q)).toBe(false);
    expect(targetHolds({ kind: 'marginPct', atLeast: '25.000' }, q)).toBe(true);
  });

  describe('properties over generated scenarios', () => {
    for (const name of ['example', 'jpyFractional']) {
      const raw = TABLE_VARIANTS[name]!;
      const t = PriceTableSchema.parse(structuredClone(raw));
      it(`${name}: a margin % target holds at the answer and fails one hundredth below`, () => {
        fc.assert(
          fc.property(
            validScenarioArb(raw, 3),
            fc.integer({ min: -20, max: 80 }),
            (generated, pct) => {
              const s = parseScenario(generated);
              const target: GoalTarget = { kind: 'marginPct', atLeast: String(pct) };
              const r = goalSeek(s, t, OPTIONS, target, vary());
              if (r.status === 'met') {
                expectBoundary(s, t, target, vary(), r.value);
                expect(r.calls).toBeLessThanOrEqual(20);
              } else if (r.reason === 'not-met-at-max') {
                expect(targetHolds(target, r.quote!)).toBe(false);
              }
            },
          ),
          { numRuns: RUNS },
        );
      });

      // Monotonicity (ADR 030): revenue never falls as the markup rises, on any deal. Margin %
      // and the break-even month follow whenever no commission is paid (margin % is then
      // 1 − cost / revenue over the lines that move, with fixed-price lines only adding cost and
      // revenue that do not move). With commissions, lines at their own price paying a lower
      // rate than the marked-up lines can make margin % fall (a worked case is in the ADR), and
      // the solver then still answers a boundary: met at the value, not one hundredth below.
      it(`${name}: revenue never falls, and without commissions margin % and break-even never worsen`, () => {
        fc.assert(
          fc.property(
            validScenarioArb(raw, 3),
            fc.integer({ min: 0, max: 99_998 }),
            fc.integer({ min: 1, max: 5_000 }),
            (generated, low, step) => {
              const s = parseScenario(generated);
              const high = Math.min(99_999, low + step);
              const at = (scn: Scenario, h: number) =>
                calculateQuote(applyMarkup(scn, vary(), hundredthsToPct(h)), t, OPTIONS).totals;
              const a = at(s, low);
              const b = at(s, high);
              if (a === null || b === null) return;
              expect(BigInt(b.revenue.replace('.', ''))).toBeGreaterThanOrEqual(
                BigInt(a.revenue.replace('.', '')),
              );
              const direct = {
                ...s,
                customers: s.customers.map((c) => ({ ...c, partnerId: null })),
              };
              const da = at(direct, low);
              const db = at(direct, high);
              if (da === null || db === null) return;
              if (da.marginPct !== null && db.marginPct !== null) {
                expect(Number(db.marginPct)).toBeGreaterThanOrEqual(Number(da.marginPct));
              }
              if (da.breakEvenMonth !== null) {
                expect(db.breakEvenMonth).not.toBeNull();
                expect(db.breakEvenMonth!).toBeLessThanOrEqual(da.breakEvenMonth);
              }
            },
          ),
          { numRuns: RUNS },
        );
      });
    }
  });
});

function vary(): GoalVary {
  return { kind: 'defaultMarkup' };
}

function lineAt(lineIndex: number): GoalVary {
  return { kind: 'lineMarkup', lineIndex };
}
