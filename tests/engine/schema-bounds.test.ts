import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capProblems,
  cleanName,
  MAX_PROBLEMS,
  parseWith,
  PriceTableSchema,
  ScenarioSchema,
  TABLE_LIST_MAX,
  type PriceTable,
} from '../../src/engine/index';
import { hasAtMostTwoDecimals } from '../../src/engine/schema/common';
import { paygLine, rawTable, scenario } from './helpers';

// Issue 11, findings 6, 7 and 8: the schema exact to PRICING.md §4 "Bounds" and §3 (table
// Money at least 0), with the hostile values that got through before.

function tableProblems(change: (t: PriceTable) => void) {
  const t = structuredClone(rawTable());
  change(t);
  const parsed = parseWith(PriceTableSchema, t);
  return parsed.ok ? [] : parsed.problems;
}

function scenarioWithHours(hoursPerMonth: number | number[]) {
  return parseWith(
    ScenarioSchema,
    scenario({ customers: [paygLine({ license: { hoursPerMonth } })] }),
  );
}

describe('Hours: at most 2 decimals, exactly (finding 7)', () => {
  it.each([743.99, 744, 0, 0.01, 730.5, 0.3, 123.45])('accepts %d', (h) => {
    expect(scenarioWithHours(h).ok).toBe(true);
  });

  it.each([743.9999999999, 743.9999999, 0.001, 1e-7, 0.1 + 0.2, 743.995, 5e-324])(
    'refuses %d, which a float tolerance took for 2 decimals',
    (h) => {
      const parsed = scenarioWithHours(h);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.problems).toContainEqual({
          path: 'customers[0].license.hoursPerMonth',
          message: expect.stringContaining('at most 2 decimals'),
        });
      }
    },
  );

  it('refuses such a month in a seasonal profile too', () => {
    const profile = Array.from({ length: 12 }, () => 700);
    profile[5] = 743.9999999999;
    expect(scenarioWithHours(profile).ok).toBe(false);
  });

  it('agrees with the decimal text of every number: n / 100 passes, n / 1000 only when it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 74_400 }), (n) => {
        expect(hasAtMostTwoDecimals(n / 100)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 744_000 }), (n) => {
        expect(hasAtMostTwoDecimals(n / 1000)).toBe(n % 10 === 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a price table (finding 6)', () => {
  it('refuses a negative price anywhere, naming it', () => {
    const problems = tableProblems((t) => {
      t.service.fixedTerm.extraVServiceMonthly = '-1.00';
      t.apps.bundles[0]!.perUser.tiers[0]!.unitAmount = '-0.01';
    });
    expect(problems).toContainEqual({
      path: 'service.fixedTerm.extraVServiceMonthly',
      message: expect.stringContaining('must be at least 0'),
    });
    expect(problems).toContainEqual({
      path: 'apps.bundles[0].perUser.tiers[0].unitAmount',
      message: expect.stringContaining('must be at least 0'),
    });
  });

  it('refuses a negative price in the grid of a bundle and bandwidth', () => {
    const problems = tableProblems((t) => {
      const [bundle, row] = Object.entries(t.service.payg.hourly)[0]!;
      const bandwidth = Object.keys(row)[0]!;
      row[bandwidth] = '-5';
      expect(bundle).toBeTruthy();
    });
    expect(problems.some((p) => p.message.includes('must be at least 0'))).toBe(true);
  });

  it('takes "0" and "-0.00" as zero', () => {
    expect(tableProblems((t) => (t.service.fixedTerm.extraVServiceMonthly = '0'))).toEqual([]);
    expect(tableProblems((t) => (t.service.fixedTerm.extraVServiceMonthly = '-0.00'))).toEqual([]);
  });

  it(`holds at most ${TABLE_LIST_MAX} entries in each list`, () => {
    const problems = tableProblems((t) => {
      const tier = t.service.bandwidthTiers[0]!;
      t.service.bandwidthTiers = Array.from({ length: 10_000 }, (_, i) => ({
        ...tier,
        id: `bw${i}`,
        mbps: i + 1,
      }));
    });
    // counted before a single entry is parsed
    expect(problems).toEqual([
      {
        path: 'service.bandwidthTiers',
        message: `has 10,000 entries; a price table's lists hold at most ${TABLE_LIST_MAX} each`,
      },
    ]);
    for (const change of [
      (t: PriceTable) =>
        (t.service.fixedTerm.terms = Array.from({ length: 201 }, (_, i) => ({
          months: i + 1,
          discountPct: '0',
        }))),
      (t: PriceTable) =>
        (t.platform.environments = Array.from({ length: 201 }, (_, i) => ({
          ...t.platform.environments[0]!,
          id: `e${i}`,
        }))),
      (t: PriceTable) =>
        (t.apps.whiteLabelVolume.tiers = Array.from({ length: 201 }, (_, i) => ({
          upTo: i === 200 ? null : i + 1,
          discountPct: '0',
        }))),
    ]) {
      expect(
        tableProblems(change).some((p) => p.message.startsWith('has 201 entries; a price table')),
      ).toBe(true);
    }
  });

  it('accepts a table with 200 terms (the bound itself)', () => {
    expect(
      tableProblems(
        (t) =>
          (t.service.fixedTerm.terms = Array.from({ length: 200 }, (_, i) => ({
            months: i + 1,
            discountPct: '0',
          }))),
      ),
    ).toEqual([]);
  });

  it(`lists at most ${MAX_PROBLEMS} problems, the last one counting the rest`, () => {
    const problems = tableProblems((t) => {
      t.service.bandwidthTiers = Array.from({ length: 200 }, () => ({
        id: '',
        mbps: -1,
        label: 7 as unknown as string,
      }));
    });
    // 600 problems in the table (3 in each tier): the first 49, then the count of the rest
    expect(problems).toHaveLength(MAX_PROBLEMS);
    expect(problems[MAX_PROBLEMS - 1]!.message).toBe('and 551 more problems (fix these first)');
    expect(problems[MAX_PROBLEMS - 1]!.message).toMatch(/^and [\d,]+ more problems/);
  });
});

describe('capProblems', () => {
  it('keeps a short list as it is and counts what it leaves out of a long one', () => {
    const list = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ path: `p${i}`, message: 'x' }));
    expect(capProblems(list(50))).toHaveLength(50);
    const capped = capProblems(list(60_036));
    expect(capped).toHaveLength(50);
    expect(capped[49]).toEqual({ path: '', message: 'and 59,987 more problems (fix these first)' });
  });
});

describe('names (finding 8)', () => {
  it('are cleaned of NUL and control characters, line breaks becoming a space', () => {
    expect(cleanName('Glo\u0000bex\u001b[31m')).toBe('Globex[31m');
    expect(cleanName('a\r\nb\tc\u0085d\u007f')).toBe('a b cd');
    expect(cleanName('Ünïcødé — ok')).toBe('Ünïcødé — ok');
  });

  it('come out of the scenario schema clean, while price-table notes keep their lines', () => {
    const s = scenario({ title: 'Plan\u0000 2027\u0007' });
    const parsed = parseWith(ScenarioSchema, s);
    expect(parsed.ok && parsed.value.title).toBe('Plan 2027');
    const t = structuredClone(rawTable());
    t.notes = 'line one\nline two\u0000';
    const table = parseWith(PriceTableSchema, t);
    expect(table.ok && table.value.notes).toBe('line one\nline two');
  });

  it('never carry a control character out of the schema, whatever was typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const parsed = parseWith(ScenarioSchema, scenario({ title: name }));
        if (parsed.ok) {
          // eslint-disable-next-line no-control-regex
          expect(parsed.value.title).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('scenario bounds (PRICING.md §4)', () => {
  it('refuses Money past 9,000,000,000, counts past 1,000,000,000, ids past 500 and names past 1,000', () => {
    const over = [
      scenario({
        customers: [paygLine({ sell: { mode: 'fixed', monthly: '9000000000.01', oneOff: '0' } })],
      }),
      scenario({ customers: [paygLine({ count: 1_000_000_001 })] }),
      scenario({ customers: [paygLine({ id: 'x'.repeat(501) })] }),
      scenario({ title: 'x'.repeat(1001) }),
    ];
    for (const s of over) expect(parseWith(ScenarioSchema, s).ok).toBe(false);
    const at = [
      scenario({
        customers: [paygLine({ sell: { mode: 'fixed', monthly: '9000000000', oneOff: '0' } })],
      }),
      scenario({ customers: [paygLine({ id: 'x'.repeat(500) })] }),
      scenario({ title: 'x'.repeat(1000) }),
    ];
    for (const s of at) expect(parseWith(ScenarioSchema, s).ok).toBe(true);
  });
});
