import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  calculateQuote,
  LOGO_MAX_BYTES,
  parseWith,
  PriceTableSchema,
  problemsOf,
  ScenarioSchema,
  type PriceTable,
  type Scenario,
} from '../../src/engine/index';
import { fixedLine, paygLine, rawTable, scenario, TODAY } from './helpers';

// PRICING.md §1, §3, §4: wrong types, missing fields, malformed strings, negative numbers and a
// customer count below 1 fail the schema, and each problem names its JSON path
// (`customers[0].license.hoursPerMonth[3]`, `service.fixedTerm.terms[4].discountPct`).

type Key = string | number;

/** A deep copy of `value` with the value at `path` replaced (or removed, for `undefined`). */
function changed<T>(value: T, path: readonly Key[], next: unknown): unknown {
  const copy = structuredClone(value) as unknown;
  let node = copy as Record<Key, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<Key, unknown>;
  const last = path[path.length - 1]!;
  if (next === undefined) delete node[last];
  else node[last] = next;
  return copy;
}

/** A valid scenario with one Fixed-Term line (with an app) and one seasonal PAYG line. */
function baseScenario(): Scenario {
  return scenario({
    channel: {
      distributors: [
        { id: 'd1', name: '', commissionPct: '3', partnerCommissionPct: '8' },
        { id: 'd2', name: '', commissionPct: null, partnerCommissionPct: null },
      ],
      partners: [
        { id: 'p1', name: '', distributorId: 'd1', commissionPct: null },
        { id: 'p2', name: '', distributorId: null, commissionPct: '5' },
      ],
    },
    mainApps: [{ bundle: 'white-label', count: 1, usersPerApp: 20, provisioning: 'standalone' }],
    customers: [
      fixedLine({
        id: 'c1',
        partnerId: 'p1',
        sell: { mode: 'margin', pct: '30' },
        apps: [{ bundle: 'full-feature', count: 1, usersPerApp: 60, provisioning: 'child' }],
      }),
      paygLine({
        id: 'c2',
        sell: { mode: 'fixed', monthly: '100.00', oneOff: '10.00' },
        license: { hoursPerMonth: [744, 500, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744] },
      }),
    ],
  });
}

function scenarioProblems(input: unknown) {
  const result = parseWith(ScenarioSchema, input);
  return result.ok ? [] : result.problems;
}

function tableProblems(input: unknown) {
  const result = parseWith(PriceTableSchema, input);
  return result.ok ? [] : result.problems;
}

/** The JSON paths of the problems found in a scenario with one change. */
const scenarioPaths = (path: readonly Key[], next: unknown) =>
  scenarioProblems(changed(baseScenario(), path, next)).map((p) => p.path);

/** Test cases `[label, path, value, expected path]` titled "label → expected path". */
function titled(cases: [string, Key[], unknown, string][]): [string, Key[], unknown, string][] {
  return cases.map(([label, path, next, expected]) => [
    `${label} → ${expected}`,
    path,
    next,
    expected,
  ]);
}

const tablePaths = (path: readonly Key[], next: unknown) =>
  tableProblems(changed(rawTable(), path, next)).map((p) => p.path);

describe('the fixtures themselves are valid', () => {
  it('the base scenario and table parse', () => {
    expect(scenarioProblems(baseScenario())).toEqual([]);
    expect(tableProblems(rawTable())).toEqual([]);
  });

  it('problemsOf turns a zod error into paths and messages', () => {
    const result = ScenarioSchema.safeParse(changed(baseScenario(), ['horizonMonths'], 0));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(problemsOf(result.error)).toEqual([
        { path: 'horizonMonths', message: expect.any(String) },
      ]);
    }
  });
});

describe('ScenarioSchema rejects bad input, naming the JSON path', () => {
  it.each(
    titled([
      // label, path changed, new value, expected problem path
      [
        'a money given as a JSON number',
        ['platform', 'infraCostMonthly'],
        450,
        'platform.infraCostMonthly',
      ],
      [
        'a money with 7 decimals',
        ['platform', 'infraCostMonthly'],
        '1.1234567',
        'platform.infraCostMonthly',
      ],
      [
        'a money with 7 decimals in a fixed sell',
        ['customers', 1, 'sell', 'monthly'],
        '1.1234567',
        'customers[1].sell.monthly',
      ],
      [
        'a money given as a JSON number in a fixed sell',
        ['customers', 1, 'sell', 'monthly'],
        100,
        'customers[1].sell.monthly',
      ],
      [
        'a money that is not a number',
        ['platform', 'infraCostMonthly'],
        '12,50',
        'platform.infraCostMonthly',
      ],
      ['a percent over 100', ['pricing', 'minMarginPct'], '100.01', 'pricing.minMarginPct'],
      [
        'a commission over 100',
        ['channel', 'distributors', 0, 'commissionPct'],
        '101',
        'channel.distributors[0].commissionPct',
      ],
      [
        'a percent with 5 decimals',
        ['platform', 'headroomPct'],
        '12.12345',
        'platform.headroomPct',
      ],
      [
        'a percent as a JSON number',
        ['channel', 'partners', 1, 'commissionPct'],
        5,
        'channel.partners[1].commissionPct',
      ],
      ['a markup of 1000', ['pricing', 'defaultMarkupPct'], '1000', 'pricing.defaultMarkupPct'],
      ['a margin sell pct of 100', ['customers', 0, 'sell', 'pct'], '100', 'customers[0].sell.pct'],
      [
        'a negative app count',
        ['customers', 0, 'apps', 0, 'count'],
        -1,
        'customers[0].apps[0].count',
      ],
      ['a negative main app count', ['mainApps', 0, 'count'], -1, 'mainApps[0].count'],
      ['a fractional count', ['customers', 0, 'count'], 1.5, 'customers[0].count'],
      ['count 0 on a customer', ['customers', 0, 'count'], 0, 'customers[0].count'],
      [
        'count 0 on an app (§4: count < 1 fails the schema)',
        ['customers', 0, 'apps', 0, 'count'],
        0,
        'customers[0].apps[0].count',
      ],
      ['count 0 on a main app', ['mainApps', 0, 'count'], 0, 'mainApps[0].count'],
      [
        'a money past 9,000,000,000',
        ['platform', 'infraCostMonthly'],
        '9000000000.01',
        'platform.infraCostMonthly',
      ],
      [
        'negative vServices',
        ['customers', 0, 'license', 'vServices'],
        -1,
        'customers[0].license.vServices',
      ],
      [
        'hours 745',
        ['customers', 1, 'license', 'hoursPerMonth'],
        745,
        'customers[1].license.hoursPerMonth',
      ],
      [
        'hours with 3 decimals',
        ['customers', 1, 'license', 'hoursPerMonth'],
        100.125,
        'customers[1].license.hoursPerMonth',
      ],
      [
        'negative hours',
        ['customers', 1, 'license', 'hoursPerMonth'],
        -1,
        'customers[1].license.hoursPerMonth',
      ],
      [
        '745 hours in a seasonal profile',
        ['customers', 1, 'license', 'hoursPerMonth', 3],
        745,
        'customers[1].license.hoursPerMonth[3]',
      ],
      [
        '3 decimals in a seasonal profile',
        ['customers', 1, 'license', 'hoursPerMonth', 3],
        1.234,
        'customers[1].license.hoursPerMonth[3]',
      ],
      [
        'a seasonal profile of 11 values',
        ['customers', 1, 'license', 'hoursPerMonth'],
        Array(11).fill(100),
        'customers[1].license.hoursPerMonth',
      ],
      [
        'a seasonal profile of 13 values',
        ['customers', 1, 'license', 'hoursPerMonth'],
        Array(13).fill(100),
        'customers[1].license.hoursPerMonth',
      ],
      [
        'an unknown license model',
        ['customers', 0, 'license', 'model'],
        'perpetual',
        'customers[0].license.model',
      ],
      [
        'a missing renew',
        ['customers', 0, 'license', 'renew'],
        undefined,
        'customers[0].license.renew',
      ],
      ['a missing title', ['title'], undefined, 'title'],
      [
        'a missing convertTo',
        ['customers', 1, 'license', 'convertTo'],
        undefined,
        'customers[1].license.convertTo',
      ],
      ['a bad period "2027-13"', ['startPeriod'], '2027-13', 'startPeriod'],
      ['a bad period "2027-00"', ['startPeriod'], '2027-00', 'startPeriod'],
      ['a bad period "2027-1"', ['startPeriod'], '2027-1', 'startPeriod'],
      ['horizon 0', ['horizonMonths'], 0, 'horizonMonths'],
      ['horizon 121', ['horizonMonths'], 121, 'horizonMonths'],
      ['a fractional horizon', ['horizonMonths'], 12.5, 'horizonMonths'],
      ['a negative start month', ['customers', 0, 'startMonth'], -1, 'customers[0].startMonth'],
      ['a bad colour', ['brand', 'primaryColor'], '#12345g', 'brand.primaryColor'],
      ['a short colour', ['brand', 'primaryColor'], '#fff', 'brand.primaryColor'],
      ['a colour name', ['brand', 'primaryColor'], 'green', 'brand.primaryColor'],
      ['a GIF logo', ['brand', 'logo'], 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', 'brand.logo'],
      ['a logo URL', ['brand', 'logo'], 'https://example.com/logo.png', 'brand.logo'],
      [
        'an appliance count of 0',
        ['platform', 'appliance'],
        { id: 'base', count: 0 },
        'platform.appliance.count',
      ],
      [
        'an unknown provisioning',
        ['customers', 0, 'apps', 0, 'provisioning'],
        'shared',
        'customers[0].apps[0].provisioning',
      ],
      [
        'a boolean as a string',
        ['platform', 'highAvailability'],
        'true',
        'platform.highAvailability',
      ],
    ]),
  )('%s', (_title, path, next, expectedPath) => {
    const paths = scenarioPaths(path, next);
    expect(paths).toContain(expectedPath);
  });

  it('gives a message a person can act on', () => {
    const [problem] = scenarioProblems(changed(baseScenario(), ['horizonMonths'], 121));
    expect(problem?.message).toMatch(/120/);
    const [hours] = scenarioProblems(
      changed(baseScenario(), ['customers', 1, 'license', 'hoursPerMonth', 3], 745),
    );
    expect(hours?.message).toMatch(/744/);
  });

  it.each<[string, Key[], unknown]>([
    ['a markup of 999.9999', ['pricing', 'defaultMarkupPct'], '999.9999'],
    ['a margin sell pct of 99.9999', ['customers', 0, 'sell', 'pct'], '99.9999'],
    ['a percent of exactly 100', ['pricing', 'minMarginPct'], '100'],
    ['hours 744 and 0', ['customers', 1, 'license', 'hoursPerMonth'], 744],
    ['hours with 2 decimals', ['customers', 1, 'license', 'hoursPerMonth'], 333.33],
    ['horizon 1', ['horizonMonths'], 1],
    ['horizon 120', ['horizonMonths'], 120],
    ['a money with 6 decimals', ['platform', 'infraCostMonthly'], '1.123456'],
    ['a negative money (§1 allows a minus: a credit)', ['platform', 'infraCostMonthly'], '-100'],
    ['a money of 9,000,000,000', ['platform', 'infraCostMonthly'], '9000000000'],
    ['a title of 300 characters', ['title'], 'x'.repeat(300)],
    [
      'vServices far over the maximum (a quote issue)',
      ['customers', 0, 'license', 'vServices'],
      2_000_000,
    ],
    ['an upper-case colour', ['brand', 'primaryColor'], '#0B6E4F'],
    ['a PNG logo', ['brand', 'logo'], 'data:image/png;base64,iVBORw0KGgo='],
    ['a JPEG logo', ['brand', 'logo'], 'data:image/jpeg;base64,/9j/4AAQSkZJRg=='],
    ['an appliance count "auto"', ['platform', 'appliance'], { id: 'base', count: 'auto' }],
    [
      'start month 0 (range is a quote issue, not a schema error)',
      ['customers', 0, 'startMonth'],
      0,
    ],
  ])('accepts %s', (_label, path, next) => {
    expect(scenarioProblems(changed(baseScenario(), path, next))).toEqual([]);
  });

  describe('the logo is at most 512 KB of image bytes', () => {
    const logoOf = (bytes: number) =>
      `data:image/png;base64,${Buffer.alloc(bytes, 7).toString('base64')}`;

    // LOGO_MAX_BYTES is documented as "512 KB of image bytes; the base64 text is 4/3 of that".
    // Base64 pads the last group with "=": an image of 3k + 1 or 3k + 2 bytes has 1 or 2 padding
    // characters that carry no image bytes.
    it('LOGO_MAX_BYTES is 512 KB', () => {
      expect(LOGO_MAX_BYTES).toBe(512 * 1024);
    });

    it('accepts an image of exactly 512 KB (524,288 bytes; its base64 ends in one "=")', () => {
      expect(logoOf(512 * 1024).endsWith('=')).toBe(true);
      expect(scenarioPaths(['brand', 'logo'], logoOf(512 * 1024))).toEqual([]);
    });

    it('accepts an image of 512 KB − 1 byte (its base64 ends in "==")', () => {
      expect(scenarioPaths(['brand', 'logo'], logoOf(512 * 1024 - 1))).toEqual([]);
    });

    it('accepts 512 KB − 2 bytes (no padding)', () => {
      expect(scenarioPaths(['brand', 'logo'], logoOf(512 * 1024 - 2))).toEqual([]);
    });

    it('rejects one byte over 512 KB', () => {
      expect(scenarioPaths(['brand', 'logo'], logoOf(512 * 1024 + 1))).toEqual(['brand.logo']);
    });

    it('rejects a much larger logo', () => {
      expect(scenarioPaths(['brand', 'logo'], logoOf(2 * 512 * 1024))).toEqual(['brand.logo']);
    });
  });

  describe('ids are unique within their lists', () => {
    it('duplicate customer ids → customers[1].id', () => {
      expect(scenarioPaths(['customers', 1, 'id'], 'c1')).toEqual(['customers[1].id']);
    });

    it('duplicate partner ids → channel.partners[1].id', () => {
      expect(scenarioPaths(['channel', 'partners', 1, 'id'], 'p1')).toEqual([
        'channel.partners[1].id',
      ]);
    });

    it('duplicate distributor ids → channel.distributors[1].id', () => {
      expect(scenarioPaths(['channel', 'distributors', 1, 'id'], 'd1')).toEqual([
        'channel.distributors[1].id',
      ]);
    });
  });

  it('reports every problem of a document, not only the first', () => {
    let input = changed(baseScenario(), ['horizonMonths'], 0);
    input = changed(input, ['brand', 'primaryColor'], 'red');
    input = changed(input, ['customers', 0, 'count'], 0);
    expect(scenarioProblems(input).map((p) => p.path)).toEqual(
      expect.arrayContaining(['horizonMonths', 'brand.primaryColor', 'customers[0].count']),
    );
  });
});

describe('PriceTableSchema rejects bad tables, naming the JSON path', () => {
  it.each(
    titled([
      [
        'a money given as a JSON number',
        ['service', 'fixedTerm', 'extraVServiceMonthly'],
        9.5,
        'service.fixedTerm.extraVServiceMonthly',
      ],
      [
        'a money with 7 decimals',
        ['service', 'payg', 'extraVServiceHourly'],
        '0.0156001',
        'service.payg.extraVServiceHourly',
      ],
      [
        'a grid price as a number',
        ['service', 'payg', 'hourly', 'core', '1g'],
        1.065,
        'service.payg.hourly.core.1g',
      ],
      [
        'a discount over 100',
        ['service', 'fixedTerm', 'terms', 7, 'discountPct'],
        '100.5',
        'service.fixedTerm.terms[7].discountPct',
      ],
      [
        'a bundle × bandwidth pair missing its PAYG price',
        ['service', 'payg', 'hourly', 'plus', '1g'],
        undefined,
        'service.payg.hourly.plus.1g',
      ],
      [
        'a bundle × bandwidth pair missing its fixed-term price',
        ['service', 'fixedTerm', 'monthlyList', 'core', '500m'],
        undefined,
        'service.fixedTerm.monthlyList.core.500m',
      ],
      [
        'duplicate term months',
        ['service', 'fixedTerm', 'terms', 3, 'months'],
        6,
        'service.fixedTerm.terms[3].months',
      ],
      [
        'a discount falling as terms grow',
        ['service', 'fixedTerm', 'terms', 4, 'discountPct'],
        '5',
        'service.fixedTerm.terms[4].discountPct',
      ],
      [
        'per-user tiers not ascending',
        ['apps', 'bundles', 0, 'perUser', 'tiers'],
        [
          { upTo: 100, unitAmount: '2.95' },
          { upTo: 50, unitAmount: '2.45' },
          { upTo: null, unitAmount: '2.00' },
        ],
        'apps.bundles[0].perUser.tiers[1].upTo',
      ],
      [
        'equal upTo in two tiers',
        ['apps', 'bundles', 2, 'perUser', 'tiers', 1],
        { upTo: 50, unitAmount: '2.10' },
        'apps.bundles[2].perUser.tiers[1].upTo',
      ],
      [
        'white-label volume tiers not ascending',
        ['apps', 'whiteLabelVolume', 'tiers', 2, 'upTo'],
        4,
        'apps.whiteLabelVolume.tiers[2].upTo',
      ],
      [
        'a non-last tier with upTo null',
        ['apps', 'bundles', 2, 'perUser', 'tiers', 0, 'upTo'],
        null,
        'apps.bundles[2].perUser.tiers[0].upTo',
      ],
      [
        'a last tier with an upper bound',
        ['apps', 'bundles', 1, 'perUser', 'tiers', 0, 'upTo'],
        100,
        'apps.bundles[1].perUser.tiers[0].upTo',
      ],
      [
        'a childApps bundle of the white-label rank',
        ['apps', 'bundles', 1, 'rank'],
        3,
        'apps.childApps.enterprise',
      ],
      [
        'white-label itself as a child app',
        ['apps', 'childApps', 'white-label'],
        {
          setupFee: '1',
          monthlyFee: '1',
          perUser: { mode: 'graduated', tiers: [{ upTo: null, unitAmount: '1' }] },
        },
        'apps.childApps.white-label',
      ],
      [
        'duplicate environment ids',
        ['platform', 'environments', 1, 'id'],
        'kvm',
        'platform.environments[1].id',
      ],
      [
        'duplicate appliance ids',
        ['platform', 'appliances', 1, 'id'],
        'base',
        'platform.appliances[1].id',
      ],
      [
        'duplicate bandwidth ids',
        ['service', 'bandwidthTiers', 2, 'id'],
        '500m',
        'service.bandwidthTiers[2].id',
      ],
      ['duplicate bundle ids', ['service', 'bundles', 1, 'id'], 'core', 'service.bundles[1].id'],
      ['validUntil before effectiveFrom', ['validUntil'], '2026-08-31', 'validUntil'],
      ['an impossible date', ['effectiveFrom'], '2026-02-30', 'effectiveFrom'],
      ['a lower-case currency', ['currency'], 'usd', 'currency'],
      [
        'an unknown environment kind',
        ['platform', 'environments', 0, 'kind'],
        'container',
        'platform.environments[0].kind',
      ],
      [
        'an unknown tier mode',
        ['apps', 'bundles', 0, 'perUser', 'mode'],
        'stairstep',
        'apps.bundles[0].perUser.mode',
      ],
      [
        'an unknown appliesTo fee',
        ['apps', 'whiteLabelVolume', 'appliesTo', 0],
        'support',
        'apps.whiteLabelVolume.appliesTo[0]',
      ],
      ['a missing field', ['service', 'maxVServices'], undefined, 'service.maxVServices'],
    ]),
  )('%s', (_title, path, next, expectedPath) => {
    expect(tablePaths(path, next)).toContain(expectedPath);
  });

  it('accepts validUntil equal to effectiveFrom, and null', () => {
    expect(tablePaths(['validUntil'], '2026-09-01')).toEqual([]);
    expect(tablePaths(['validUntil'], null)).toEqual([]);
  });

  it('accepts equal discounts for longer terms (they must not fall, they may stay)', () => {
    expect(tablePaths(['service', 'fixedTerm', 'terms', 1, 'discountPct'], '0')).toEqual([]);
    expect(tablePaths(['service', 'fixedTerm', 'terms', 5, 'discountPct'], '12')).toEqual([]);
  });

  it('the message names what is wrong', () => {
    const problems = tableProblems(
      changed(rawTable(), ['service', 'payg', 'hourly', 'plus', '1g'], undefined),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/plus/);
    expect(problems[0]!.message).toMatch(/1g/);
  });
});

// ---------------------------------------------------------------------------------------------
// The project's own sample data must parse (and the sample plan must price on its table).
// ---------------------------------------------------------------------------------------------
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFilesUnder(path);
    // pricing-data/price-table.schema.json is the generated JSON Schema, not a table
    return entry.name.endsWith('.json') && !entry.name.endsWith('.schema.json') ? [path] : [];
  });
}

describe('sample data', () => {
  const tableFiles = jsonFilesUnder(join(repoRoot, 'pricing-data'));

  it('there are sample tables to check', () => {
    expect(tableFiles.length).toBeGreaterThan(0);
  });

  it.each(tableFiles.map((file) => [file.slice(repoRoot.length)]))('%s parses', (file) => {
    const result = parseWith(
      PriceTableSchema,
      JSON.parse(readFileSync(join(repoRoot, file), 'utf8')),
    );
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('scenarios/sample-msp-plan.json parses and prices without errors on its table', () => {
    const plan = ScenarioSchema.parse(
      JSON.parse(readFileSync(join(repoRoot, 'scenarios/sample-msp-plan.json'), 'utf8')),
    );
    const tables: PriceTable[] = tableFiles.map((file) =>
      PriceTableSchema.parse(JSON.parse(readFileSync(file, 'utf8'))),
    );
    const own = tables.find(
      (t) =>
        t.product === plan.priceTable.product &&
        t.currency === plan.priceTable.currency &&
        t.version === plan.priceTable.version,
    );
    expect(own, 'the plan names a table in pricing-data/').toBeDefined();
    const q = calculateQuote(plan, own!, { today: TODAY });
    expect(q.issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(q.totals).not.toBeNull();
  });
});
