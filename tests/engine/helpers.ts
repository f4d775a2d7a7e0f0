/**
 * Shared fixtures for the engine tests: a small hand-written price table (the figures of
 * tests/fixtures/examples/example-table.json (a copy of the specification's), so the arithmetic in the tests can be checked
 * against that file by eye) and scenario builders that take overrides.
 *
 * Everything here goes through the real schemas (`PriceTableSchema.parse`,
 * `ScenarioSchema.parse`) so a fixture can never be something a user could not save.
 */
import {
  calculateQuote,
  PriceTableSchema,
  ScenarioSchema,
  type CustomerLine,
  type PriceTable,
  type Quote,
  type QuoteMonth,
  type Scenario,
} from '../../src/engine/index';
import type { FixedTermLicense, PaygLicense } from '../../src/engine/schema/scenario';

/** The date every quote in these tests is made on, unless a test says otherwise. */
export const TODAY = '2026-12-01';

/**
 * The example table of the contract, written out by hand.
 *
 * fixed-term monthly list     core: 100m 149 · 500m 389 · 1g 649    plus: 100m 229 · 500m 579 · 1g 949
 * included vServices          core 3 · plus 10;  extra vService 9.50 / month, 0.0156 / hour
 * term discounts              1: 0 · 3: 0 · 6: 2.5 · 12: 7.5 · 24: 12 · 36: 15 · 48: 17.5 · 60: 20
 * PAYG hourly                 core: 0.2450 · 0.6390 · 1.0650        plus: 0.3760 · 0.9510 · 1.5590
 * apps (setup / monthly / per user)
 *   white-label   3900 / 790 / graduated 2.95 (1–100), 2.45 (101+)
 *   enterprise    1900 / 390 / graduated 2.75
 *   full-feature   900 / 190 / volume 2.50 (1–50), 2.10 + flat 15 (51+)
 *   child full-feature 350 / 79 / volume 1.95 (1–50), 1.65 (51+)
 *   child enterprise   750 / 149 / graduated 2.25
 * white-label volume discount (volume mode, on setup and monthly fees)
 *   1–2: 0 % · 3–5: 10 % · 6–10: 25 % · 11+: 50 %
 * appliances   base: 5000 Mbps, 100 vS, 12500.00, support 20 %/yr, fixed-term + PAYG
 *              max: 20000 Mbps, 400 vS, 39900.00, support 18 %/yr, fixed-term only
 * virtual sizing   400 Mbps per vCPU, 4 GB RAM per vCPU, at least 2 vCPU
 */
export function rawTable(): PriceTable {
  return {
    schemaVersion: 1,
    product: 'example-sp',
    vendorName: 'ExampleVendor',
    version: '2026.09',
    currency: 'USD',
    effectiveFrom: '2026-09-01',
    validUntil: '2027-08-31',
    notes: 'Test fixture: the worked-example table of PRICING.md.',
    platform: {
      environments: [
        { id: 'kvm', kind: 'virtual', name: 'KVM', licenseModels: ['fixed-term', 'payg'] },
        { id: 'azure', kind: 'cloud', name: 'Azure', licenseModels: ['fixed-term', 'payg'] },
        {
          id: 'hardware',
          kind: 'hardware',
          name: 'Bare-metal appliance',
          licenseModels: ['fixed-term', 'payg'],
        },
      ],
      appliances: [
        {
          id: 'base',
          name: 'Base appliance',
          throughputMbps: 5000,
          maxVServices: 100,
          price: '12500.00',
          supportPctPerYear: '20',
          licenseModels: ['fixed-term', 'payg'],
        },
        {
          id: 'max',
          name: 'Max appliance',
          throughputMbps: 20000,
          maxVServices: 400,
          price: '39900.00',
          supportPctPerYear: '18',
          licenseModels: ['fixed-term'],
        },
      ],
      virtualSizing: { mbpsPerVcpu: 400, gbRamPerVcpu: 4, minVcpu: 2 },
    },
    service: {
      bandwidthTiers: [
        { id: '100m', mbps: 100, label: '100 Mbps' },
        { id: '500m', mbps: 500, label: '500 Mbps' },
        { id: '1g', mbps: 1000, label: '1 Gbps' },
      ],
      bundles: [
        { id: 'core', name: 'Core', rank: 1, includedVServices: 3, features: ['WAF'] },
        { id: 'plus', name: 'Plus', rank: 2, includedVServices: 10, features: ['WAF', 'Bot'] },
      ],
      maxVServices: 200,
      fixedTerm: {
        monthlyList: {
          core: { '100m': '149.00', '500m': '389.00', '1g': '649.00' },
          plus: { '100m': '229.00', '500m': '579.00', '1g': '949.00' },
        },
        extraVServiceMonthly: '9.50',
        terms: [
          { months: 1, discountPct: '0' },
          { months: 3, discountPct: '0' },
          { months: 6, discountPct: '2.5' },
          { months: 12, discountPct: '7.5' },
          { months: 24, discountPct: '12' },
          { months: 36, discountPct: '15' },
          { months: 48, discountPct: '17.5' },
          { months: 60, discountPct: '20' },
        ],
      },
      payg: {
        hourly: {
          core: { '100m': '0.2450', '500m': '0.6390', '1g': '1.0650' },
          plus: { '100m': '0.3760', '500m': '0.9510', '1g': '1.5590' },
        },
        extraVServiceHourly: '0.0156',
      },
    },
    apps: {
      bundles: [
        {
          id: 'white-label',
          name: 'White Label',
          rank: 3,
          setupFee: '3900.00',
          monthlyFee: '790.00',
          perUser: {
            mode: 'graduated',
            tiers: [
              { upTo: 100, unitAmount: '2.95' },
              { upTo: null, unitAmount: '2.45' },
            ],
          },
        },
        {
          id: 'enterprise',
          name: 'Enterprise',
          rank: 2,
          setupFee: '1900.00',
          monthlyFee: '390.00',
          perUser: { mode: 'graduated', tiers: [{ upTo: null, unitAmount: '2.75' }] },
        },
        {
          id: 'full-feature',
          name: 'Full Feature',
          rank: 1,
          setupFee: '900.00',
          monthlyFee: '190.00',
          perUser: {
            mode: 'volume',
            tiers: [
              { upTo: 50, unitAmount: '2.50' },
              { upTo: null, unitAmount: '2.10', flatAmount: '15.00' },
            ],
          },
        },
      ],
      childApps: {
        'full-feature': {
          setupFee: '350.00',
          monthlyFee: '79.00',
          perUser: {
            mode: 'volume',
            tiers: [
              { upTo: 50, unitAmount: '1.95' },
              { upTo: null, unitAmount: '1.65' },
            ],
          },
        },
        enterprise: {
          setupFee: '750.00',
          monthlyFee: '149.00',
          perUser: { mode: 'graduated', tiers: [{ upTo: null, unitAmount: '2.25' }] },
        },
      },
      whiteLabelVolume: {
        mode: 'volume',
        appliesTo: ['setupFee', 'monthlyFee'],
        tiers: [
          { upTo: 2, discountPct: '0' },
          { upTo: 5, discountPct: '10' },
          { upTo: 10, discountPct: '25' },
          { upTo: null, discountPct: '50' },
        ],
      },
    },
  };
}

/** The fixture table, optionally changed first, parsed by `PriceTableSchema`. */
export function table(change?: (t: PriceTable) => void): PriceTable {
  const t = rawTable();
  change?.(t);
  return PriceTableSchema.parse(t);
}

/** One parsed copy shared by tests that do not change the table. */
export const TABLE = table();

type LineOverrides<L> = Partial<Omit<CustomerLine, 'license'>> & { license?: Partial<L> };

/** A Fixed-Term line: 1 customer on core / 100m / 3 vServices, 1-month term, renewing. */
export function fixedLine(o: LineOverrides<FixedTermLicense> = {}): CustomerLine {
  const { license, ...rest } = o;
  return {
    id: 'c',
    name: 'Customer',
    count: 1,
    startMonth: 1,
    endMonth: null,
    partnerId: null,
    sell: null,
    apps: [],
    ...rest,
    license: {
      model: 'fixed-term',
      bandwidth: '100m',
      bundle: 'core',
      vServices: 3,
      termMonths: 1,
      renew: true,
      ...license,
    },
  };
}

/** A PAYG line: 1 customer on core / 100m / 3 vServices, 100 hours a month, no conversion. */
export function paygLine(o: LineOverrides<PaygLicense> = {}): CustomerLine {
  const { license, ...rest } = o;
  return {
    id: 'p',
    name: 'PAYG customer',
    count: 1,
    startMonth: 1,
    endMonth: null,
    partnerId: null,
    sell: null,
    apps: [],
    ...rest,
    license: {
      model: 'payg',
      bandwidth: '100m',
      bundle: 'core',
      vServices: 3,
      hoursPerMonth: 100,
      convertTo: null,
      ...license,
    },
  };
}

type ScenarioOverrides = Partial<Omit<Scenario, 'platform' | 'pricing'>> & {
  platform?: Partial<Scenario['platform']>;
  pricing?: Partial<Scenario['pricing']>;
};

/**
 * A scenario on the fixture table: KVM, no headroom, no infrastructure cost, no channel, no
 * main apps, default markup 35 %, minimum margin 0 %, 12 months from 2027-01.
 * Customer ids are made unique (`c0`, `c1`, …) unless the test sets them.
 */
export function scenario(o: ScenarioOverrides = {}): Scenario {
  const { platform, pricing, customers = [], ...rest } = o;
  const seen = new Set<string>();
  return {
    schemaVersion: 2,
    title: 'Test scenario',
    preparedBy: { name: '', company: '' },
    preparedFor: { name: '', company: '' },
    brand: { name: 'Test', primaryColor: '#0b6e4f', logo: null },
    priceTable: { product: 'example-sp', currency: 'USD', version: '2026.09' },
    startPeriod: '2027-01',
    horizonMonths: 12,
    channel: { distributors: [], partners: [] },
    mainApps: [],
    ...rest,
    customers: customers.map((line, i) => {
      const id = seen.has(line.id) ? `c${i}` : line.id;
      seen.add(id);
      return { ...line, id };
    }),
    platform: {
      environment: 'kvm',
      appliance: null,
      headroomPct: '0',
      highAvailability: false,
      infraCostMonthly: '0',
      ...platform,
    },
    pricing: { defaultMarkupPct: '35', minMarginPct: '0', ...pricing },
  };
}

/** Parses the scenario (it must be schema-valid) and prices it. */
export function quote(s: Scenario, t: PriceTable = TABLE, today: string = TODAY): Quote {
  return calculateQuote(ScenarioSchema.parse(s), t, { today });
}

/** A priced quote that must be valid: no error issues, totals present. */
export function validQuote(s: Scenario, t: PriceTable = TABLE, today: string = TODAY) {
  const q = quote(s, t, today);
  const errors = q.issues.filter((i) => i.level === 'error');
  if (errors.length > 0 || q.totals === null || q.platform === null) {
    throw new Error(`expected a valid quote, got ${JSON.stringify(q.issues)}`);
  }
  return { ...q, totals: q.totals, platform: q.platform };
}

/** Month m (1-based) of a quote. */
export function month(q: Quote, m: number): QuoteMonth {
  const found = q.months[m - 1];
  if (!found) throw new Error(`the quote has no month ${m}`);
  return found;
}

/** A column of the quote's months, e.g. `column(q, (m) => m.cost.payg)`. */
export function column<T>(q: Quote, pick: (m: QuoteMonth) => T): T[] {
  return q.months.map(pick);
}

/** A money string as integer minor units (exact, no floats). */
export function minor(amount: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!m) throw new Error(`not an amount: ${amount}`);
  const value = BigInt(`${m[2]}${m[3] ?? ''}`);
  return m[1] === '-' ? -value : value;
}

/** Formats integer cents as a 2-decimal amount string. */
export function money2(cents: bigint): string {
  const negative = cents < 0n;
  const abs = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/** Sums 2-decimal amount strings exactly. */
export function sum(amounts: readonly string[]): string {
  return money2(amounts.reduce((acc, a) => acc + minor(a), 0n));
}

/** Deep-freezes an object graph (for purity tests). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
