import { parseScenario } from '../support/scenarios';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  PAYG_MAX_HOURS,
  paygBreakEven,
  PriceTableSchema,
  type PaygBreakEven,
  type PriceTable,
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

// The PAYG break-even curve (ADR 011) on the fixture table (helpers.ts): core / 100m costs
// 149.00 a month fixed-term (less the term discount) or 0.2450 an hour PAYG; each extra
// vService 9.50 a month or 0.0156 an hour. Every figure is checked against the quote's own
// advice, against fixed-term quotes, and against hours × rate computed here in BigInt.

// FC_RUNS=500 npx vitest run tests/engine/payg-curve.test.ts for a longer search.
const RUNS = Number(process.env.FC_RUNS ?? 60);

function curveOf(s: Scenario, id: string, t: PriceTable = TABLE): PaygBreakEven {
  const c = paygBreakEven(parseScenario(s), t, id);
  if (!c) throw new Error('expected a PAYG break-even curve');
  return c;
}

/** A decimal string as an integer numerator over 10^digits. */
function scaled(amount: string): { n: bigint; digits: number } {
  const [int = '0', frac = ''] = amount.replace('-', '').split('.');
  const n = BigInt(int + frac);
  return { n: amount.startsWith('-') ? -n : n, digits: frac.length };
}

/** n / d rounded half away from zero (d > 0), in BigInt. */
function roundHalfAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = 2n * (r < 0n ? -r : r);
  return twice >= d ? q + (n < 0n ? -1n : 1n) : q;
}

/** One month's PAYG license at `hours` for a rate string, in minor units, rounded once. */
function paygAt(hours: number, rate: string, minorDigits: number): bigint {
  const { n, digits } = scaled(rate);
  // hours in hundredths × rate at 10^digits → minor units
  return roundHalfAway(
    BigInt(Math.round(hours * 100)) * n * 10n ** BigInt(minorDigits),
    100n * 10n ** BigInt(digits),
  );
}

/** hours × rate < amount (minor units), exactly. */
function exactlyBelow(hours: number, rate: string, amount: bigint, minorDigits: number): boolean {
  const { n, digits } = scaled(rate);
  return BigInt(hours) * n * 10n ** BigInt(minorDigits) < amount * 10n ** BigInt(digits);
}

/** The invariants every curve keeps, whatever the line and table. */
function expectCurve(c: PaygBreakEven, t: PriceTable, minorDigits: number): void {
  const amount = (v: string) => minor(v);
  expect(c.maxHours).toBe(PAYG_MAX_HOURS);
  // every term the table offers, shortest first
  expect(c.terms.map((x) => x.termMonths)).toEqual(
    t.service.fixedTerm.terms.map((x) => x.months).sort((a, b) => a - b),
  );

  // hours strictly ascending: sorted and unique
  const hours = c.points.map((p) => p.hours);
  for (let i = 1; i < hours.length; i++) expect(hours[i]!).toBeGreaterThan(hours[i - 1]!);
  for (let h = 0; h <= 744; h += 24) expect(hours).toContain(h);
  expect(hours).toContain(c.averageHours);
  expect(hours[0]).toBe(0);
  expect(hours.at(-1)).toBe(744);
  for (const term of c.terms) {
    if (term.breakEvenHours <= 744) expect(hours).toContain(term.breakEvenHours);
  }
  const inRange = new Set([
    ...Array.from({ length: 32 }, (_, i) => i * 24),
    c.averageHours,
    ...c.terms.map((x) => x.breakEvenHours).filter((h) => h <= 744),
  ]);
  expect(hours.length).toBe(inRange.size);

  // each point is hours × rate rounded once; the curve never falls
  c.points.forEach((p, i) => {
    expect(amount(p.payg)).toBe(paygAt(p.hours, c.hourlyRate, minorDigits));
    if (i > 0) expect(amount(p.payg)).toBeGreaterThanOrEqual(amount(c.points[i - 1]!.payg));
  });
  expect(c.points[0]!.payg).toMatch(minorDigits === 0 ? /^0$/ : /^0\.0+$/);

  // break-even: PAYG at breakEvenHours reaches F_T; one hour less is below F_T exactly, and
  // after rounding at most F_T (it can round up to F_T itself: see the extra-vServices test)
  for (const term of c.terms) {
    const fixed = amount(term.monthly);
    const at = term.breakEvenHours;
    expect(paygAt(at, c.hourlyRate, minorDigits)).toBeGreaterThanOrEqual(fixed);
    if (at >= 1) {
      expect(exactlyBelow(at - 1, c.hourlyRate, fixed, minorDigits)).toBe(true);
      expect(paygAt(at - 1, c.hourlyRate, minorDigits)).toBeLessThanOrEqual(fixed);
    }
  }
  // a longer term never costs more a month, so it never breaks even later
  for (let i = 1; i < c.terms.length; i++) {
    expect(c.terms[i]!.breakEvenHours).toBeLessThanOrEqual(c.terms[i - 1]!.breakEvenHours);
  }
}

/** The curve agrees with the quote's advice for the line (when there is one). */
function expectAdvice(c: PaygBreakEven, s: Scenario, t: PriceTable): void {
  const q = calculateQuote(parseScenario(s), t, { today: TODAY });
  const advice = q.customers.find((x) => x.id === c.lineId)!.advice;
  expect(c.advice).toEqual(advice);
  if (advice === null) return;
  const term = c.terms.find((x) => x.termMonths === advice.termMonths)!;
  expect(term.breakEvenHours).toBe(advice.breakEvenHours);
  expect(c.averageHours).toBe(advice.averageHours);
  const [line, ...others] = s.customers;
  if (line && others.length === 0 && line.license.model === 'payg') {
    // the line alone: saving = (Σ PAYG license − ceil(A/T) × T × F_T) × count (§5), so the
    // advised term's F_T follows from the quote's PAYG cost and the saving
    const payg = q.months.reduce((acc, m) => acc + minor(m.cost.payg), 0n);
    const end = line.endMonth ?? s.horizonMonths;
    const active = end - line.startMonth + 1;
    const T = advice.termMonths;
    const months = BigInt(Math.ceil(active / T) * T * line.count);
    expect(months * minor(term.monthly)).toBe(payg - minor(advice.saving));
  }
}

describe('paygBreakEven', () => {
  it('one core / 100m line at 100 hours: the rate, every term, the points', () => {
    const s = scenario({ customers: [paygLine()] });
    const c = curveOf(s, 'p');
    expect(c.currency).toBe('USD');
    expect(c.lineId).toBe('p');
    expect(c.hourlyRate).toBe('0.2450');
    // F_T = 149.00 × (1 − d/100) rounded once; break-even ceil(F_T / 0.2450)
    expect(c.terms).toEqual([
      { termMonths: 1, monthly: '149.00', breakEvenHours: 609 }, // 608.16…
      { termMonths: 3, monthly: '149.00', breakEvenHours: 609 },
      { termMonths: 6, monthly: '145.28', breakEvenHours: 593 }, // 145.275 → 145.28
      { termMonths: 12, monthly: '137.83', breakEvenHours: 563 }, // 137.825 → 137.83
      { termMonths: 24, monthly: '131.12', breakEvenHours: 536 },
      { termMonths: 36, monthly: '126.65', breakEvenHours: 517 },
      { termMonths: 48, monthly: '122.93', breakEvenHours: 502 }, // 122.925 → 122.93
      { termMonths: 60, monthly: '119.20', breakEvenHours: 487 },
    ]);
    expect(c.averageHours).toBe(100);
    // 100 × 0.2450 = 24.50 a month against 149.00 at best: no saving, no advice
    expect(c.advice).toBeNull();
    // 0, 24, … 744 (32 points), 7 distinct break-evens and the average, none a multiple of 24
    expect(c.points).toHaveLength(40);
    const at = (h: number) => c.points.find((p) => p.hours === h)?.payg;
    expect(at(0)).toBe('0.00');
    expect(at(100)).toBe('24.50');
    expect(at(487)).toBe('119.32'); // 119.315 → 119.32 ≥ 119.20
    expect(at(609)).toBe('149.21'); // 149.205 → 149.21 ≥ 149.00; 608 h: 148.96
    expect(at(744)).toBe('182.28');
    expectCurve(c, TABLE, 2);
  });

  it('F_T of every term is what a fixed-term line on that term is billed', () => {
    const license = { bandwidth: '500m', bundle: 'plus', vServices: 13 };
    const c = curveOf(scenario({ customers: [paygLine({ license })] }), 'p');
    for (const term of c.terms) {
      const fixed = fixedLine({ license: { ...license, termMonths: term.termMonths } });
      const q = validQuote(scenario({ horizonMonths: 1, customers: [fixed] }));
      expect(term.monthly).toBe(q.months[0]!.cost.fixedTerm);
    }
  });

  it('extra vServices raise the rate; PAYG one hour before break-even can round up to F_T', () => {
    // 5 vServices on core (3 included): 0.2450 + 2 × 0.0156 = 0.2762 an hour,
    // 149.00 + 2 × 9.50 = 168.00 a month list
    const s = scenario({ customers: [paygLine({ license: { vServices: 5 } })] });
    const c = curveOf(s, 'p');
    expect(c.hourlyRate).toBe('0.2762');
    expect(c.terms[0]).toEqual({ termMonths: 1, monthly: '168.00', breakEvenHours: 609 });
    // 36 months at 15 %: 168.00 × 0.85 = 142.80; 142.80 / 0.2762 = 517.02 → 518 hours.
    // At 517 hours PAYG is 142.7954 exactly, below F_T, but it rounds to 142.80 = F_T: the
    // break-even is ceil(F_T / rate) as PAYG advice defines it, on the exact product.
    const term36 = c.terms.find((x) => x.termMonths === 36)!;
    expect(term36).toEqual({ termMonths: 36, monthly: '142.80', breakEvenHours: 518 });
    expect(paygAt(517, c.hourlyRate, 2)).toBe(14280n);
    expect(exactlyBelow(517, c.hourlyRate, 14280n, 2)).toBe(true);
    expect(c.points.find((p) => p.hours === 518)?.payg).toBe('143.07'); // 143.0716
    expectCurve(c, TABLE, 2);
  });

  it('a seasonal line: hours capped to each month, the average and the advice', () => {
    // January first; February holds 672 hours, April, June, September and November 720
    const hoursPerMonth = [744, 744, 744, 744, 560, 500, 480, 520, 744, 744, 744, 744];
    const s = scenario({ customers: [paygLine({ license: { hoursPerMonth } })] });
    const c = curveOf(s, 'p');
    // 744 + 672 + 744 + 720 + 560 + 500 + 480 + 520 + 720 + 744 + 720 + 744 = 7868; / 12
    expect(c.averageHours).toBe(655.67);
    expect(c.points.find((p) => p.hours === 655.67)?.payg).toBe('160.64'); // 160.63915
    // PAYG 1927.66 over the year against 12 × 137.83 = 1653.96 on a 12-month term
    expect(c.advice).toEqual({
      termMonths: 12,
      breakEvenHours: 563,
      averageHours: 655.67,
      saving: '273.70',
    });
    expectAdvice(c, s, TABLE);
    expectCurve(c, TABLE, 2);
  });

  it('one customer, not the line: a segment of 40 has the same curve; its advice is × 40', () => {
    const hoursPerMonth = 700;
    const one = curveOf(scenario({ customers: [paygLine({ license: { hoursPerMonth } })] }), 'p');
    const s = scenario({ customers: [paygLine({ count: 40, license: { hoursPerMonth } })] });
    const forty = curveOf(s, 'p');
    expect({ ...forty, advice: null }).toEqual({ ...one, advice: null });
    expect(minor(forty.advice!.saving)).toBe(40n * minor(one.advice!.saving));
    expectAdvice(forty, s, TABLE);
  });

  it('a converting line: its PAYG months only, and no advice (the quote gives none)', () => {
    const hoursPerMonth = [100, 200, 300, 400, 500, 600, 744, 744, 744, 744, 744, 744];
    const line = paygLine({
      license: { hoursPerMonth, convertTo: { atMonth: 7, termMonths: 12 } },
    });
    const c = curveOf(scenario({ customers: [line] }), 'p');
    expect(c.averageHours).toBe(350); // (100 + 200 + … + 600) / 6
    expect(c.advice).toBeNull();
    expectCurve(c, TABLE, 2);
  });

  it('a line that starts late and ends early: the average over its active months', () => {
    const hoursPerMonth = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120];
    const line = paygLine({ startMonth: 3, endMonth: 5, license: { hoursPerMonth } });
    expect(curveOf(scenario({ customers: [line] }), 'p').averageHours).toBe(40);
  });

  it('in a currency without minor digits: whole yen, the rate still at 4 decimals', () => {
    const yen = table((t) => {
      t.currency = 'JPY';
    });
    const c = curveOf(scenario({ customers: [paygLine()] }), 'p', yen);
    expect(c.currency).toBe('JPY');
    expect(c.hourlyRate).toBe('0.2450');
    expect(c.terms[0]).toEqual({ termMonths: 1, monthly: '149', breakEvenHours: 609 });
    expect(c.points.find((p) => p.hours === 744)?.payg).toBe('182'); // 182.28
    expectCurve(c, yen, 0);
  });

  it('the rate at the most decimals the table uses', () => {
    const fine = table((t) => {
      t.service.payg.hourly['core']!['100m'] = '0.245001';
    });
    expect(curveOf(scenario({ customers: [paygLine()] }), 'p', fine).hourlyRate).toBe('0.245001');
    const coarse = table((t) => {
      for (const row of Object.values(t.service.payg.hourly)) {
        for (const bw of Object.keys(row)) row[bw] = '1';
      }
      t.service.payg.extraVServiceHourly = '0.5';
    });
    const c = curveOf(
      scenario({ customers: [paygLine({ license: { vServices: 4 } })] }),
      'p',
      coarse,
    );
    expect(c.hourlyRate).toBe('1.50'); // at least the currency's minor digits
    expectCurve(c, coarse, 2);
  });

  it('a break-even past 744 hours is listed with its term but not drawn', () => {
    const cheap = table((t) => {
      t.service.payg.hourly['core']!['100m'] = '0.1000';
    });
    const c = curveOf(scenario({ customers: [paygLine()] }), 'p', cheap);
    expect(c.terms[0]!.breakEvenHours).toBe(1490); // 149.00 / 0.10
    expect(c.points.at(-1)).toEqual({ hours: 744, payg: '74.40' });
    expectCurve(c, cheap, 2);
  });

  describe('the sample plan (scenarios/sample-msp-plan.json on USD 2026.11)', () => {
    const root = new URL('../../', import.meta.url);
    const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
    const sampleTable = PriceTableSchema.parse(
      read('pricing-data/tr7-service-provider/USD/2026.11.json'),
    );
    const plan = parseScenario(read('scenarios/sample-msp-plan.json'));

    it('every PAYG line: the invariants and the advice', () => {
      const payg = plan.customers.filter((c) => c.license.model === 'payg').map((c) => c.id);
      expect(payg).toEqual(['c3', 'c4', 'c5', 'c6', 'c8']);
      for (const id of payg) {
        const c = paygBreakEven(plan, sampleTable, id)!;
        expectCurve(c, sampleTable, 2);
        expectAdvice(c, plan, sampleTable);
      }
    });

    it('c3: essential / 100m at 0.3840 an hour', () => {
      const c = paygBreakEven(plan, sampleTable, 'c3')!;
      expect(c.hourlyRate).toBe('0.3840');
      expect(c.averageHours).toBe(300);
    });

    it('c4: a seasonal advanced / 500m line with 12 vServices (none extra)', () => {
      const c = paygBreakEven(plan, sampleTable, 'c4')!;
      expect(c.hourlyRate).toBe('1.4330');
      // 744 + 672 + 620 + 360 + 120 + 120 + 240 + 240 + 150 + 200 + 480 + 744 = 4690 a year
      expect(c.averageHours).toBe(390.83);
      expect(c.advice).toBeNull();
    });

    it('c8: 2 customers at 700 hours; the advice on 36 months', () => {
      const c = paygBreakEven(plan, sampleTable, 'c8')!;
      expect(c.hourlyRate).toBe('1.4540'); // essential / 1g 1.4330 + 1 × 0.0210
      expect(c.advice?.termMonths).toBe(36);
      expect(c.terms.find((x) => x.termMonths === 36)).toEqual({
        termMonths: 36,
        monthly: '698.88',
        breakEvenHours: c.advice!.breakEvenHours,
      });
      expect(c.averageHours).toBe(c.advice!.averageHours);
    });

    it('c6: premium / 500m with 5 extra vServices: 2.1840 + 5 × 0.0210', () => {
      const c = paygBreakEven(plan, sampleTable, 'c6')!;
      expect(c.hourlyRate).toBe('2.2890');
      expect(c.advice).toBeNull(); // it converts at month 7
    });
  });

  describe('the spec examples (tests/fixtures/examples)', () => {
    const examples = examplesUrl;
    const read = (name: string): unknown =>
      JSON.parse(readFileSync(new URL(name, examples), 'utf8'));
    const exampleTable = PriceTableSchema.parse(read('example-table.json'));

    it("example 1, c2: a seasonal segment of 4; the golden quote's advice", () => {
      const s = parseScenario(read('example-1-mixed.json'));
      const golden = read('example-1-mixed.quote.json') as {
        customers: { id: string; advice: unknown }[];
      };
      const c = paygBreakEven(s, exampleTable, 'c2')!;
      const expected = golden.customers.find((x) => x.id === 'c2')!.advice as {
        termMonths: number;
        breakEvenHours: number;
      };
      expect(c.terms.find((x) => x.termMonths === expected.termMonths)!.breakEvenHours).toBe(
        expected.breakEvenHours,
      );
      expectCurve(c, exampleTable, 2);
      expectAdvice(c, s, exampleTable);
    });

    it('example 2, g2: a PAYG line with an end month', () => {
      const s = parseScenario(read('example-2-hardware.json'));
      const c = paygBreakEven(s, exampleTable, 'g2')!;
      expectCurve(c, exampleTable, 2);
      expectAdvice(c, s, exampleTable);
    });

    it('example 3 (errors): null', () => {
      const s = parseScenario(read('example-3-errors.json'));
      for (const line of s.customers) expect(paygBreakEven(s, exampleTable, line.id)).toBeNull();
    });
  });

  describe('properties over generated scenarios (tests/oracle/arbitraries)', () => {
    for (const name of ['example', 'jpyFractional', 'extraTiers']) {
      const t = PriceTableSchema.parse(structuredClone(TABLE_VARIANTS[name]!));
      const digits = t.currency === 'JPY' ? 0 : 2;
      it(`${name}: every PAYG line keeps the invariants and agrees with its advice`, () => {
        fc.assert(
          fc.property(validScenarioArb(TABLE_VARIANTS[name]!, 4), (generated) => {
            const s = parseScenario(generated);
            const valid = calculateQuote(s, t, { today: TODAY }).totals !== null;
            for (const line of s.customers) {
              const c = paygBreakEven(s, t, line.id);
              if (!valid || line.license.model !== 'payg') {
                expect(c).toBeNull();
                continue;
              }
              expect(c).not.toBeNull();
              expectCurve(c!, t, digits);
              expectAdvice(c!, s, t);
            }
          }),
          { numRuns: RUNS },
        );
      });
    }
  });

  describe('null cases', () => {
    const s = scenario({ customers: [fixedLine({ id: 'f' }), paygLine({ id: 'p' })] });

    it('null for a fixed-term line and for an unknown id', () => {
      expect(paygBreakEven(parseScenario(s), TABLE, 'f')).toBeNull();
      expect(paygBreakEven(parseScenario(s), TABLE, 'nobody')).toBeNull();
      expect(paygBreakEven(parseScenario(s), TABLE, 'p')).not.toBeNull();
    });

    it('null when the quote has errors, even for a PAYG line that has none itself', () => {
      const broken = scenario({
        customers: [fixedLine({ id: 'f', license: { termMonths: 5 } }), paygLine({ id: 'p' })],
      });
      expect(paygBreakEven(parseScenario(broken), TABLE, 'p')).toBeNull();
    });

    it('null when the hourly rate is 0: PAYG never reaches a fixed term', () => {
      const free = table((t) => {
        t.service.payg.hourly['core']!['100m'] = '0';
      });
      expect(paygBreakEven(parseScenario(s), free, 'p')).toBeNull();
    });
  });

  it('is pure: frozen inputs, the same answer twice', () => {
    const frozen = deepFreeze(
      parseScenario(scenario({ customers: [paygLine({ license: { vServices: 9 } })] })),
    );
    const t = deepFreeze(table());
    const first = paygBreakEven(frozen, t, 'p');
    expect(paygBreakEven(frozen, t, 'p')).toEqual(first);
    expect(first?.hourlyRate).toBe('0.3386'); // 0.2450 + 6 × 0.0156
  });
});
