/**
 * An independent reference implementation of PRICING.md (§1, §2, §4–§8, scenario schemaVersion
 * 1 and 2), written from the contract alone and used as a test oracle for src/engine. It is written for clarity, not
 * speed: every money and percent string becomes an exact BigInt rational, every line amount is
 * rounded exactly once (half away from zero, to the currency's minor unit), and the months,
 * customer lines, customer copies and app instances are walked one by one.
 *
 * It assumes its inputs already passed ScenarioSchema and PriceTableSchema. A version-1 scenario
 * is read as a version-2 scenario without `changes` and `billing` (§4); absent optional version-2
 * fields take the contract's defaults (§7: no changes; §8: `monthly` and 0 months).
 *
 * Readings of the contract where it could be read two ways are marked "READING Rn" below and
 * listed in the report of the work that added §7-§8 (R1-R10).
 */

// ---------------------------------------------------------------------------------------------
// Input shapes (from PRICING.md §3 and §4)
// ---------------------------------------------------------------------------------------------

export interface RefTier {
  upTo: number | null;
  unitAmount: string;
  flatAmount?: string;
}
export interface RefTieredPrice {
  mode: 'graduated' | 'volume';
  tiers: RefTier[];
}
interface RefAppPrice {
  setupFee: string;
  monthlyFee: string;
  perUser: RefTieredPrice;
}
export interface RefTable {
  product: string;
  currency: string;
  version: string;
  validUntil?: string | null;
  platform: {
    environments: { id: string; kind: string; licenseModels: string[] }[];
    appliances: {
      id: string;
      throughputMbps: number;
      maxVServices: number;
      price: string;
      supportPctPerYear: string;
      licenseModels: string[];
    }[];
    virtualSizing: { mbpsPerVcpu: number; gbRamPerVcpu: number; minVcpu: number };
  };
  service: {
    bandwidthTiers: { id: string; mbps: number }[];
    bundles: { id: string; includedVServices: number }[];
    maxVServices: number;
    fixedTerm: {
      monthlyList: Record<string, Record<string, string>>;
      extraVServiceMonthly: string;
      terms: { months: number; discountPct: string }[];
    };
    payg: { hourly: Record<string, Record<string, string>>; extraVServiceHourly: string };
  };
  apps: {
    bundles: ({ id: string } & RefAppPrice)[];
    childApps: Record<string, RefAppPrice>;
    whiteLabelVolume?: {
      mode: 'graduated' | 'volume';
      appliesTo: string[];
      tiers: { upTo: number | null; discountPct: string }[];
    } | null;
  };
}

interface RefApp {
  bundle: string;
  count: number;
  usersPerApp: number;
  provisioning: 'standalone' | 'child';
}
type RefLicense =
  | {
      model: 'fixed-term';
      bandwidth: string;
      bundle: string;
      vServices: number;
      termMonths: number;
      renew: boolean;
    }
  | {
      model: 'payg';
      bandwidth: string;
      bundle: string;
      vServices: number;
      hoursPerMonth: number | number[];
      convertTo: { atMonth: number; termMonths: number } | null;
    };
type RefSell =
  | null
  | { mode: 'markup'; pct: string }
  | { mode: 'margin'; pct: string }
  | { mode: 'fixed'; monthly: string; oneOff: string };
/** §7: a change of a line's plan from `fromMonth` on (absent fields are left as they were). */
export interface RefChange {
  fromMonth: number;
  count?: number;
  bandwidth?: string;
  bundle?: string;
  vServices?: number;
  hoursPerMonth?: number | number[];
}
/** §8: how a fixed-term term is invoiced. */
export type RefBillingMode = 'monthly' | 'annual' | 'upfront';
interface RefBillingSide {
  fixedTerm?: RefBillingMode;
  paymentDelayMonths?: number;
}
interface RefCustomer {
  id: string;
  count: number;
  startMonth: number;
  endMonth: number | null;
  partnerId: string | null;
  license: RefLicense;
  sell: RefSell;
  apps: RefApp[];
  changes?: RefChange[] | null;
  billing?: RefBillingMode | null;
}
export interface RefScenario {
  schemaVersion?: number;
  billing?: { vendor?: RefBillingSide | null; customers?: RefBillingSide | null } | null;
  startPeriod: string;
  horizonMonths: number;
  platform: {
    environment: string;
    appliance: { id: string; count: 'auto' | number } | null;
    headroomPct: string;
    highAvailability: boolean;
    infraCostMonthly: string;
  };
  channel: {
    distributors: {
      id: string;
      commissionPct: string | null;
      partnerCommissionPct: string | null;
    }[];
    partners: { id: string; distributorId: string | null; commissionPct: string | null }[];
  };
  pricing: { defaultMarkupPct: string; minMarginPct: string };
  mainApps: RefApp[];
  customers: RefCustomer[];
}

// ---------------------------------------------------------------------------------------------
// Exact rationals
// ---------------------------------------------------------------------------------------------

interface Rat {
  n: bigint;
  d: bigint; // always > 0
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};
const rat = (n: bigint, d: bigint = 1n): Rat => {
  if (d === 0n) throw new Error('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
};
const ZERO = rat(0n);
const ONE = rat(1n);
const int = (v: number | bigint): Rat => rat(BigInt(v));
const add = (a: Rat, b: Rat): Rat => rat(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Rat, b: Rat): Rat => rat(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Rat, b: Rat): Rat => rat(a.n * b.n, a.d * b.d);
const div = (a: Rat, b: Rat): Rat => rat(a.n * b.d, a.d * b.n);
const cmp = (a: Rat, b: Rat): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** A decimal string ("-12.5", "0.0156") as an exact rational; never through floating point. */
const decCache = new Map<string, Rat>();
function dec(text: string): Rat {
  const cached = decCache.get(text);
  if (cached) return cached;
  const value = parseDecimal(text);
  decCache.set(text, value);
  return value;
}
function parseDecimal(text: string): Rat {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole, frac = ''] = match;
  const n = BigInt(`${whole}${frac}`);
  return rat(sign === '-' ? -n : n, 10n ** BigInt(frac.length));
}
/** A JSON number with at most 2 decimals (Hours) as an exact rational. */
function hoursOf(value: number): Rat {
  const text = value.toFixed(2); // exact for a number with at most 2 decimals
  return dec(text);
}
/** Percent string p → p/100. */
const pct = (text: string): Rat => div(dec(text), int(100));

/** Round half away from zero to an integer. */
function roundHalfAway(r: Rat): bigint {
  const abs = r.n < 0n ? -r.n : r.n;
  const q = (2n * abs + r.d) / (2n * r.d);
  return r.n < 0n ? -q : q;
}
function ceilRat(r: Rat): bigint {
  const q = r.n / r.d; // truncates toward zero
  return r.n > 0n && q * r.d !== r.n ? q + 1n : q;
}
function floorInt(a: number, b: number): number {
  return Math.floor(a / b);
}

// ---------------------------------------------------------------------------------------------
// Money in minor units
// ---------------------------------------------------------------------------------------------

class Money {
  readonly scale: bigint;
  constructor(readonly digits: number) {
    this.scale = 10n ** BigInt(digits);
  }
  /** The one rounding rule: half away from zero, to the minor unit. Returns minor units. */
  round(r: Rat): bigint {
    return roundHalfAway(mul(r, int(this.scale)));
  }
  toRat(minor: bigint): Rat {
    return rat(minor, this.scale);
  }
  format(minor: bigint): string {
    const negative = minor < 0n;
    const abs = negative ? -minor : minor;
    const whole = abs / this.scale;
    const frac = abs % this.scale;
    const text =
      this.digits === 0 ? `${whole}` : `${whole}.${frac.toString().padStart(this.digits, '0')}`;
    return negative ? `-${text}` : text;
  }
}

function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** A rational rounded half away from zero to 2 decimals, as a string with exactly 2 decimals. */
function twoDecimals(r: Rat): string {
  const hundredths = roundHalfAway(mul(r, int(100)));
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

// ---------------------------------------------------------------------------------------------
// §2 Tiered price
// ---------------------------------------------------------------------------------------------

/** The exact amount of a tiered price for `quantity` units (PRICING.md §2). */
export function referenceTiered(quantity: number, price: RefTieredPrice): Rat {
  if (quantity <= 0) return ZERO;
  let total = ZERO;
  let lower = 1;
  for (const tier of price.tiers) {
    const upper = tier.upTo ?? Number.POSITIVE_INFINITY;
    const unit = dec(tier.unitAmount);
    const flat = dec(tier.flatAmount ?? '0');
    if (price.mode === 'graduated') {
      if (quantity >= lower) {
        const units = Math.min(quantity, upper) - lower + 1;
        total = add(total, add(mul(int(units), unit), flat));
      }
    } else if (quantity >= lower && quantity <= upper) {
      return add(mul(int(quantity), unit), flat);
    }
    lower = upper + 1;
  }
  return total;
}

/** The discount (as a fraction, 12.5 % → 1/8) of the volume tier `quantity` falls in. */
function volumeTierDiscount(
  quantity: number,
  tiers: { upTo: number | null; discountPct: string }[],
): Rat {
  for (const tier of tiers) {
    if (tier.upTo === null || quantity <= tier.upTo) return pct(tier.discountPct);
  }
  return ZERO;
}

// ---------------------------------------------------------------------------------------------
// Quote shapes (§6)
// ---------------------------------------------------------------------------------------------

export interface RefIssue {
  level: 'error' | 'warning';
  code: string;
  path: string;
  message: string;
}

export interface RefQuote {
  priceTable: { product: string; currency: string; version: string; sha256: string | null };
  currency: string;
  months: {
    month: number;
    period: string;
    revenue: string;
    recurringRevenue: string;
    cost: { fixedTerm: string; payg: string; apps: string; platform: string };
    commissions: { partner: string; distributor: string };
    margin: string;
    cumulativeMargin: string;
    demandMbps: number;
    customers: number;
    cash: {
      in: string;
      outVendor: string;
      outCommissions: string;
      outInfra: string;
      net: string;
      cumulative: string;
    };
  }[];
  customers: {
    id: string;
    count: number;
    activeFinal: number;
    totals: {
      revenue: string;
      cost: string;
      commissions: string;
      margin: string;
      marginPct: string | null;
    };
    belowMinMargin: boolean;
    advice: {
      termMonths: number;
      breakEvenHours: number;
      averageHours: number;
      saving: string;
    } | null;
  }[];
  platform: {
    appliances: { id: string; count: number; required: number } | null;
    vcpu: number | null;
    ramGb: number | null;
    peakMbps: number;
    peakVServices: number;
  } | null;
  totals: {
    revenue: string;
    cost: string;
    commissions: string;
    margin: string;
    marginPct: string | null;
    oneOff: string;
    mrrFinal: string;
    arr: string;
    breakEvenMonth: number | null;
    licenseCommittedAfterHorizon: string;
    cash: {
      in: string;
      out: string;
      net: string;
      breakEvenMonth: number | null;
      peakFunding: string;
      receivableAfterHorizon: string;
      payableAfterHorizon: string;
    };
  } | null;
  issues: RefIssue[];
}

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------

function periodOf(
  startPeriod: string,
  month: number,
): { year: number; month: number; text: string } {
  const [y, m] = startPeriod.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + (month - 1);
  const year = Math.floor(index / 12);
  const calendarMonth = (index % 12) + 1;
  return {
    year,
    month: calendarMonth,
    text: `${String(year).padStart(4, '0')}-${String(calendarMonth).padStart(2, '0')}`,
  };
}
function daysIn(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// ---------------------------------------------------------------------------------------------
// Validation (§4 cross-field rules, §6 issue table)
// ---------------------------------------------------------------------------------------------

const WHITE_LABEL = 'white-label';

/** A change's field is set (a parser may give an absent field as undefined or as null). */
const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

function validate(s: RefScenario, t: RefTable, today: string): RefIssue[] {
  const issues: RefIssue[] = [];
  const error = (code: string, path: string, message: string) =>
    issues.push({ level: 'error', code, path, message });

  const H = s.horizonMonths;
  const env = t.platform.environments.find((e) => e.id === s.platform.environment);
  if (!env)
    error('unknown-id', 'platform.environment', `Unknown environment '${s.platform.environment}'.`);
  let appliance: RefTable['platform']['appliances'][number] | undefined;
  if (env?.kind === 'hardware') {
    if (s.platform.appliance === null) {
      error('appliance-required', 'platform.appliance', 'A hardware platform needs an appliance.');
    } else {
      const id = s.platform.appliance.id;
      appliance = t.platform.appliances.find((a) => a.id === id);
      if (!appliance) error('unknown-id', 'platform.appliance.id', `Unknown appliance '${id}'.`);
    }
  }
  // Both the environment and (on hardware) the chosen appliance must allow the model. Where the
  // environment or appliance is unknown, that is reported above and not judged again here.
  const allowed = (model: string): boolean =>
    (env ? env.licenseModels.includes(model) : true) &&
    (appliance ? appliance.licenseModels.includes(model) : true);

  s.channel.partners.forEach((p, j) => {
    if (p.distributorId !== null && !s.channel.distributors.some((d) => d.id === p.distributorId)) {
      error(
        'unknown-id',
        `channel.partners[${j}].distributorId`,
        `Unknown distributor '${p.distributorId}'.`,
      );
    }
  });

  const hasMainWhiteLabel = s.mainApps.some(
    (a) => a.provisioning === 'standalone' && a.bundle === WHITE_LABEL && a.count >= 1,
  );
  const checkApp = (app: RefApp, path: string) => {
    if (app.provisioning === 'standalone') {
      if (!t.apps.bundles.some((b) => b.id === app.bundle)) {
        error('unknown-id', `${path}.bundle`, `Unknown app bundle '${app.bundle}'.`);
      }
    } else {
      if (!Object.hasOwn(t.apps.childApps, app.bundle)) {
        error('unknown-id', `${path}.bundle`, `No child app price for '${app.bundle}'.`);
      }
      if (!hasMainWhiteLabel) {
        error(
          'child-app-without-main',
          `${path}.provisioning`,
          'A child app needs a standalone white-label app in mainApps.',
        );
      }
    }
  };
  s.mainApps.forEach((app, j) => checkApp(app, `mainApps[${j}]`));

  const terms = t.service.fixedTerm.terms.map((term) => term.months);
  s.customers.forEach((c, i) => {
    const at = `customers[${i}]`;
    const lic = c.license;
    if (c.partnerId !== null && !s.channel.partners.some((p) => p.id === c.partnerId)) {
      error('unknown-id', `${at}.partnerId`, `Unknown partner '${c.partnerId}'.`);
    }
    if (!t.service.bundles.some((b) => b.id === lic.bundle)) {
      error('unknown-id', `${at}.license.bundle`, `Unknown bundle '${lic.bundle}'.`);
    }
    if (!t.service.bandwidthTiers.some((b) => b.id === lic.bandwidth)) {
      error('unknown-id', `${at}.license.bandwidth`, `Unknown bandwidth '${lic.bandwidth}'.`);
    }
    if (lic.vServices > t.service.maxVServices) {
      error('vservices-over-maximum', `${at}.license.vServices`, 'Too many vServices.');
    }
    if (lic.model === 'fixed-term') {
      if (!allowed('fixed-term')) {
        error(
          'license-model-not-allowed',
          `${at}.license.model`,
          'Fixed-term is not offered here.',
        );
      }
      if (!terms.includes(lic.termMonths)) {
        error(
          'term-not-offered',
          `${at}.license.termMonths`,
          `A ${lic.termMonths}-month term is not offered.`,
        );
      }
      if (c.endMonth !== null) {
        error('end-month-on-fixed-term', `${at}.endMonth`, 'A fixed term cannot end early.');
      }
    } else {
      if (!allowed('payg')) {
        error('license-model-not-allowed', `${at}.license.model`, 'PAYG is not offered here.');
      }
      if (lic.convertTo !== null) {
        if (!allowed('fixed-term')) {
          error(
            'license-model-not-allowed',
            `${at}.license.convertTo`,
            'Fixed-term is not offered here.',
          );
        }
        if (!terms.includes(lic.convertTo.termMonths)) {
          error(
            'term-not-offered',
            `${at}.license.convertTo.termMonths`,
            `A ${lic.convertTo.termMonths}-month term is not offered.`,
          );
        }
        if (c.endMonth !== null) {
          error('end-month-on-fixed-term', `${at}.endMonth`, 'A converted line cannot end early.');
        }
        const a = lic.convertTo.atMonth;
        if (!(c.startMonth < a && a <= H)) {
          error(
            'month-out-of-range',
            `${at}.license.convertTo.atMonth`,
            'atMonth is out of range.',
          );
        }
      }
    }
    if (!(1 <= c.startMonth && c.startMonth <= H)) {
      error('month-out-of-range', `${at}.startMonth`, 'startMonth is out of range.');
    }
    // §4 states this rule for every endMonth given, so an endMonth outside it is reported even
    // when it is already an end-month-on-fixed-term error (a literal reading; see D1).
    if (c.endMonth !== null && !(c.startMonth <= c.endMonth && c.endMonth <= H)) {
      error('month-out-of-range', `${at}.endMonth`, 'endMonth is out of range.');
    }
    c.apps.forEach((app, j) => checkApp(app, `${at}.apps[${j}]`));

    // §7: the line's changes. Every rule is checked on its own (like D1), so a line with both
    // changes and convertTo also has its changes' ids, vServices and months judged (READING R1).
    const changes = c.changes ?? [];
    if (changes.length > 0 && lic.model === 'payg' && lic.convertTo !== null) {
      error(
        'changes-with-conversion',
        `${at}.changes`,
        'A line converting to a fixed term cannot also change over time.',
      );
    }
    changes.forEach((ch, j) => {
      const cat = `${at}.changes[${j}]`;
      // One issue per entry even when it is both out of range and out of order (READING R2).
      // The endMonth bound applies to a PAYG line with endMonth, converted or not (READING R3).
      const outOfRange =
        !(c.startMonth < ch.fromMonth && ch.fromMonth <= H) ||
        (lic.model === 'payg' && c.endMonth !== null && ch.fromMonth > c.endMonth);
      const outOfOrder = j > 0 && ch.fromMonth <= changes[j - 1]!.fromMonth;
      if (outOfRange || outOfOrder) {
        error('month-out-of-range', `${cat}.fromMonth`, 'A change falls outside the line.');
      }
      if (given(ch.bundle) && !t.service.bundles.some((b) => b.id === ch.bundle)) {
        error('unknown-id', `${cat}.bundle`, `Unknown bundle '${ch.bundle}'.`);
      }
      if (given(ch.bandwidth) && !t.service.bandwidthTiers.some((b) => b.id === ch.bandwidth)) {
        error('unknown-id', `${cat}.bandwidth`, `Unknown bandwidth '${ch.bandwidth}'.`);
      }
      if (given(ch.vServices) && ch.vServices > t.service.maxVServices) {
        error('vservices-over-maximum', `${cat}.vServices`, 'Too many vServices.');
      }
      if (given(ch.hoursPerMonth) && lic.model === 'fixed-term') {
        error('hours-on-fixed-term', `${cat}.hoursPerMonth`, 'A fixed term has no hours.');
      }
    });
  });

  if (t.validUntil && today > t.validUntil) {
    issues.push({
      level: 'warning',
      code: 'table-expired',
      path: 'priceTable',
      message: `The price table expired on ${t.validUntil}.`,
    });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Computation (§5, §7): cohorts
// ---------------------------------------------------------------------------------------------

interface Capacity {
  bandwidth: string;
  bundle: string;
  vServices: number;
}
type HoursSpec = number | number[];
/** §7: the plan in force in a month (the line's own fields overridden by its changes). */
interface Plan extends Capacity {
  count: number;
  hoursPerMonth: HoursSpec | null;
}

/** One cohort of a line in one month in which it is active. */
interface CohortMonth {
  /** The cohort's own first month: its setup fees and one-off sell fall there. */
  start: number;
  size: number;
  cap: Capacity;
  /** The hours in force, in a PAYG month; null in a fixed-term month. */
  hours: HoursSpec | null;
  /** The term in force (its length and first month) in a fixed-term month; null in PAYG. */
  fixed: { termMonths: number; termStart: number } | null;
}

const capOf = (p: Capacity): Capacity => ({
  bandwidth: p.bandwidth,
  bundle: p.bundle,
  vServices: p.vServices,
});

/** §7: "the line's own fields overridden, field by field, by every change with fromMonth ≤ m". */
function planAt(c: RefCustomer, m: number): Plan {
  const lic = c.license;
  const plan: Plan = {
    count: c.count,
    bandwidth: lic.bandwidth,
    bundle: lic.bundle,
    vServices: lic.vServices,
    hoursPerMonth: lic.model === 'payg' ? lic.hoursPerMonth : null,
  };
  for (const ch of c.changes ?? []) {
    if (ch.fromMonth > m) continue;
    if (given(ch.count)) plan.count = ch.count;
    if (given(ch.bandwidth)) plan.bandwidth = ch.bandwidth;
    if (given(ch.bundle)) plan.bundle = ch.bundle;
    if (given(ch.vServices)) plan.vServices = ch.vServices;
    if (given(ch.hoursPerMonth)) plan.hoursPerMonth = ch.hoursPerMonth;
  }
  return plan;
}

/**
 * The cohorts of a line month by month (index m = 1..H; an empty list where the line has no
 * customers), oldest first, following §7. A line without changes is one cohort, as in §5.
 */
function cohortsOf(c: RefCustomer, H: number): CohortMonth[][] {
  const out: CohortMonth[][] = Array.from({ length: H + 1 }, () => []);
  const lic = c.license;
  if (lic.model === 'payg' && lic.convertTo !== null) {
    // A converted line has no changes (changes-with-conversion): one cohort, PAYG until
    // atMonth − 1, then fixed-term with its terms counted from atMonth.
    const { atMonth, termMonths } = lic.convertTo;
    for (let m = c.startMonth; m <= H; m++) {
      const fixed =
        m >= atMonth
          ? { termMonths, termStart: atMonth + termMonths * floorInt(m - atMonth, termMonths) }
          : null;
      out[m] = [
        {
          start: c.startMonth,
          size: c.count,
          cap: capOf(lic),
          hours: fixed ? null : lic.hoursPerMonth,
          fixed,
        },
      ];
    }
    return out;
  }
  if (lic.model === 'payg') {
    // PAYG: the count in force is the line's customers; a rise starts a cohort of the
    // difference, a fall takes customers from the newest cohorts first, at the start of m.
    const cohorts: { start: number; size: number }[] = [];
    const last = c.endMonth ?? H;
    for (let m = c.startMonth; m <= last; m++) {
      const plan = planAt(c, m);
      const before = cohorts.reduce((n, k) => n + k.size, 0);
      if (m === c.startMonth || plan.count > before) {
        if (plan.count - before > 0) cohorts.push({ start: m, size: plan.count - before });
      } else {
        let d = before - plan.count;
        for (let k = cohorts.length - 1; k >= 0 && d > 0; k--) {
          const take = Math.min(cohorts[k]!.size, d);
          cohorts[k]!.size -= take;
          d -= take;
        }
        for (let k = cohorts.length - 1; k >= 0; k--)
          if (cohorts[k]!.size === 0) cohorts.splice(k, 1);
      }
      // READING R4: "a customer with 0 hours in a month still counts" and so does a line whose
      // count in force is 0: it is active with no cohorts, prices nothing and counts 0.
      out[m] = cohorts.map((k) => ({
        start: k.start,
        size: k.size,
        cap: capOf(plan),
        hours: plan.hoursPerMonth,
        fixed: null,
      }));
    }
    return out;
  }
  // Fixed-term: whole terms; customers leave only as their term ends, capacity reaches a cohort
  // when its current term starts.
  const T = lic.termMonths;
  const cohorts: { start: number; size: number; termStart: number; cap: Capacity }[] = [];
  for (let m = c.startMonth; m <= H; m++) {
    const plan = planAt(c, m);
    // 1. term ends. READING R7: E is counted once per month and shared, oldest cohort first,
    // among the cohorts whose term ended with m − 1; a renewing cohort takes the capacity of
    // the plan in force in m (its new term's first month).
    const C = cohorts.reduce((n, k) => n + k.size, 0);
    let E = Math.max(0, C - plan.count);
    for (const k of [...cohorts]) {
      if (k.termStart + T - 1 !== m - 1) continue;
      if (!lic.renew) {
        cohorts.splice(cohorts.indexOf(k), 1);
        continue;
      }
      const leave = Math.min(k.size, E);
      E -= leave;
      k.size -= leave;
      if (k.size === 0) {
        cohorts.splice(cohorts.indexOf(k), 1);
      } else {
        k.termStart = m;
        k.cap = capOf(plan);
      }
    }
    // 2. growth. READING R6: "a month that a change sets count for" is a month m with a change
    // whose fromMonth is m and which has a `count` field; so on a renew:false line whose
    // customers have left, restating the count starts a new cohort of the whole count.
    if (m === c.startMonth) {
      cohorts.push({ start: m, size: c.count, termStart: m, cap: capOf(plan) });
    } else if ((c.changes ?? []).some((ch) => ch.fromMonth === m && given(ch.count))) {
      const committed = cohorts.reduce((n, k) => n + k.size, 0);
      if (plan.count > committed) {
        cohorts.push({ start: m, size: plan.count - committed, termStart: m, cap: capOf(plan) });
      }
    }
    out[m] = cohorts.map((k) => ({
      start: k.start,
      size: k.size,
      cap: k.cap,
      hours: null,
      fixed: { termMonths: T, termStart: k.termStart },
    }));
  }
  return out;
}

/** §8: the month in which the amount of month m of a term starting in t is invoiced. */
function invoiceMonth(mode: RefBillingMode, termStart: number, m: number): number {
  if (mode === 'upfront') return termStart;
  if (mode === 'annual') return termStart + 12 * floorInt(m - termStart, 12);
  return m;
}

export interface ReferenceOptions {
  /**
   * Price provably identical copies and app instances once and multiply (PRICING.md §5: "all
   * per-customer amounts are computed for one customer, rounded, then multiplied by count").
   * Off by default: the reference then walks every copy and every instance. Only for very large
   * counts; a test checks that both modes agree.
   */
  grouped?: boolean;
}

export function referenceQuote(
  scenarioInput: unknown,
  tableInput: unknown,
  today: string,
  sha256: string | null = null,
  options: ReferenceOptions = {},
): RefQuote {
  const s = scenarioInput as RefScenario;
  const t = tableInput as RefTable;
  const money = new Money(minorDigits(t.currency));
  const fmt = (minor: bigint) => money.format(minor);
  const H = s.horizonMonths;

  const issues = validate(s, t, today);
  const head = {
    priceTable: { product: t.product, currency: t.currency, version: t.version, sha256 },
    currency: t.currency,
  };
  if (issues.some((i) => i.level === 'error')) {
    return { ...head, months: [], customers: [], platform: null, totals: null, issues };
  }

  const env = t.platform.environments.find((e) => e.id === s.platform.environment)!;
  const isHardware = env.kind === 'hardware';
  const headroom = dec(s.platform.headroomPct);

  // §8 billing, absent parts meaning `monthly` and 0 months.
  const vendorMode: RefBillingMode = s.billing?.vendor?.fixedTerm ?? 'monthly';
  const vendorDelay = s.billing?.vendor?.paymentDelayMonths ?? 0;
  const customerDelay = s.billing?.customers?.paymentDelayMonths ?? 0;
  const customerMode = (c: RefCustomer): RefBillingMode =>
    c.billing ?? s.billing?.customers?.fixedTerm ?? 'monthly';

  // Pure per-line amounts are remembered (by their inputs) to keep the walk quick.
  const memo = new Map<string, bigint>();
  const remember = (key: string, compute: () => bigint): bigint => {
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = compute()));
    return value;
  };
  const capKey = (cap: Capacity) => `${cap.bundle}|${cap.bandwidth}|${cap.vServices}`;

  // ----- price lookups -----
  const termDiscount = (months: number): Rat =>
    pct(t.service.fixedTerm.terms.find((term) => term.months === months)!.discountPct);
  const extraVS = (cap: Capacity): number => {
    const bundle = t.service.bundles.find((b) => b.id === cap.bundle)!;
    return Math.max(0, cap.vServices - bundle.includedVServices);
  };
  /** Step 1, fixed-term: the rounded monthly license of one customer on a `months` term. */
  const fixedMonthly = (cap: Capacity, months: number): bigint =>
    remember(`fixed ${capKey(cap)} ${months}`, () => {
      const list = dec(t.service.fixedTerm.monthlyList[cap.bundle]![cap.bandwidth]!);
      const extra = mul(int(extraVS(cap)), dec(t.service.fixedTerm.extraVServiceMonthly));
      return money.round(mul(add(list, extra), sub(ONE, termDiscount(months))));
    });
  /** The PAYG hourly rate including extra vServices. */
  const hourlyRate = (cap: Capacity): Rat => {
    const hourly = dec(t.service.payg.hourly[cap.bundle]![cap.bandwidth]!);
    return add(hourly, mul(int(extraVS(cap)), dec(t.service.payg.extraVServiceHourly)));
  };
  const hoursIn = (spec: HoursSpec, m: number): Rat => {
    const p = periodOf(s.startPeriod, m);
    const given = Array.isArray(spec) ? spec[p.month - 1]! : spec;
    const cap = int(daysIn(p.year, p.month) * 24);
    const h = hoursOf(given);
    return cmp(h, cap) <= 0 ? h : cap;
  };
  /** Step 1, PAYG: the rounded license of one customer in month m. */
  const paygMonthly = (cap: Capacity, spec: HoursSpec, m: number): bigint =>
    remember(`payg ${capKey(cap)} ${JSON.stringify(spec)} ${m}`, () =>
      money.round(mul(hoursIn(spec, m), hourlyRate(cap))),
    );

  // ----- apps -----
  const volume = t.apps.whiteLabelVolume ?? null;
  const isWhiteLabelStandalone = (app: RefApp) =>
    app.provisioning === 'standalone' && app.bundle === WHITE_LABEL;
  const appPrice = (app: RefApp): RefAppPrice =>
    app.provisioning === 'standalone'
      ? t.apps.bundles.find((b) => b.id === app.bundle)!
      : t.apps.childApps[app.bundle]!;
  /** One app instance in one month: rounded setup (first month only), monthly fee and users. */
  const priceInstanceOnce = (
    app: RefApp,
    discount: Rat,
    firstMonth: boolean,
  ): { setup: bigint; monthly: bigint; users: bigint } => {
    const price = appPrice(app);
    const applies = (fee: string) =>
      isWhiteLabelStandalone(app) && volume !== null && volume.appliesTo.includes(fee);
    const factor = (fee: string) => (applies(fee) ? sub(ONE, discount) : ONE);
    return {
      setup: firstMonth ? money.round(mul(dec(price.setupFee), factor('setupFee'))) : 0n,
      monthly: money.round(mul(dec(price.monthlyFee), factor('monthlyFee'))),
      users: money.round(mul(referenceTiered(app.usersPerApp, price.perUser), factor('perUser'))),
    };
  };
  // A pure function of its arguments, remembered so that walking every instance stays quick.
  const instanceCache = new Map<
    RefApp,
    Map<string, { setup: bigint; monthly: bigint; users: bigint }>
  >();
  const priceInstance = (
    app: RefApp,
    discount: Rat,
    firstMonth: boolean,
  ): { setup: bigint; monthly: bigint; users: bigint } => {
    let byKey = instanceCache.get(app);
    if (!byKey) instanceCache.set(app, (byKey = new Map()));
    const key = `${discount.n}/${discount.d}/${firstMonth}`;
    let priced = byKey.get(key);
    if (!priced) byKey.set(key, (priced = priceInstanceOnce(app, discount, firstMonth)));
    return priced;
  };

  // ----- cohorts and the white-label ranking -----
  const cohorts = s.customers.map((c) => cohortsOf(c, H));
  const wlPerCopy = (apps: RefApp[]) =>
    apps.reduce((n, app) => n + (isWhiteLabelStandalone(app) ? app.count : 0), 0);

  /**
   * The ranking of month m: the active standalone white-label instances, main apps first, then
   * customer lines in order; within a line its cohorts oldest first (§7), within a cohort copy by
   * copy, within a copy its app entries in order, instance by instance, are ranked 1..N.
   * `bases[i][k]` is the rank before the first instance of cohort k of line i (the ranks of a
   * cohort's instances follow one another, so they are counted rather than listed), and
   * `discountOfRank` the discount a rank gets: the tier of N in `volume` mode, the tier of the
   * rank itself in `graduated` mode.
   */
  const rankingOf = (m: number) => {
    let n = wlPerCopy(s.mainApps);
    const bases = s.customers.map((c, i) =>
      cohorts[i]![m]!.map((k) => {
        const base = n;
        n += k.size * wlPerCopy(c.apps);
        return base;
      }),
    );
    const N = n;
    const discountOfRank = (rank: number): Rat =>
      volume === null
        ? ZERO
        : volumeTierDiscount(volume.mode === 'volume' ? N : rank, volume.tiers);
    return { N, bases, discountOfRank };
  };

  /**
   * Runs of consecutive ranks [from, to] that certainly share one discount. Literal mode: one
   * rank per run. Grouped mode (for very large counts): in `volume` mode all ranks share the
   * discount of N; in `graduated` mode the ranks within one tier share that tier's discount.
   */
  const rankRuns = (from: number, to: number): [number, number][] => {
    if (!options.grouped || volume === null || volume.mode === 'volume') {
      if (options.grouped) return from <= to ? [[from, to]] : [];
      const runs: [number, number][] = [];
      for (let r = from; r <= to; r++) runs.push([r, r]);
      return runs;
    }
    const runs: [number, number][] = [];
    let r = from;
    while (r <= to) {
      let upper = Number.POSITIVE_INFINITY;
      for (const tier of volume.tiers) {
        upper = tier.upTo ?? Number.POSITIVE_INFINITY;
        if (r <= upper) break;
      }
      const end = Math.min(to, upper);
      runs.push([r, end]);
      r = end + 1;
    }
    return runs;
  };

  /**
   * The copies of a cohort (of `size` copies, its ranks after `base`) as runs [from, to] of
   * copies that are certainly priced alike. Literal mode: every copy on its own. Grouped mode:
   * copies whose white-label instances all fall in one run of `rankRuns` are alike.
   */
  const copyRuns = (base: number, size: number, perCopy: number): [number, number][] => {
    const runs: [number, number][] = [];
    if (!options.grouped) {
      for (let copy = 0; copy < size; copy++) runs.push([copy, copy]);
      return runs;
    }
    if (perCopy === 0) return [[0, size - 1]];
    const lastRank = base + size * perCopy;
    let copy = 0;
    while (copy < size) {
      const lo = base + copy * perCopy + 1; // the first rank of this copy
      const [, runEnd] = rankRuns(lo, lastRank)[0]!;
      // the copies whose ranks all lie in the run holding this copy's first rank
      const lastCopy = Math.min(size - 1, Math.floor((runEnd - base) / perCopy) - 1);
      const to = Math.max(copy, lastCopy);
      runs.push([copy, to]);
      copy = to + 1;
    }
    return runs;
  };

  /** One app entry's instances, priced instance by instance (or run by run when grouped). */
  const priceEntry = (
    apps: RefApp[],
    j: number,
    base: number,
    copy: number,
    ranking: ReturnType<typeof rankingOf>,
    firstMonth: boolean,
  ): { setup: bigint; monthly: bigint; users: bigint } => {
    const app = apps[j]!;
    const total = { setup: 0n, monthly: 0n, users: 0n };
    const addRun = (inst: { setup: bigint; monthly: bigint; users: bigint }, times: number) => {
      total.setup += inst.setup * BigInt(times);
      total.monthly += inst.monthly * BigInt(times);
      total.users += inst.users * BigInt(times);
    };
    if (!isWhiteLabelStandalone(app)) {
      if (options.grouped) addRun(priceInstance(app, ZERO, firstMonth), app.count);
      else for (let k = 0; k < app.count; k++) addRun(priceInstance(app, ZERO, firstMonth), 1);
      return total;
    }
    const first = base + copy * wlPerCopy(apps) + wlPerCopy(apps.slice(0, j)) + 1;
    for (const [from, to] of rankRuns(first, first + app.count - 1)) {
      addRun(priceInstance(app, ranking.discountOfRank(from), firstMonth), to - from + 1);
    }
    return total;
  };

  // ----- channel -----
  const commissionRates = (c: RefCustomer): { partner: Rat; distributor: Rat } => {
    if (c.partnerId === null) return { partner: ZERO, distributor: ZERO };
    const partner = s.channel.partners.find((p) => p.id === c.partnerId)!;
    const distributor =
      partner.distributorId === null
        ? undefined
        : s.channel.distributors.find((d) => d.id === partner.distributorId);
    const partnerPct = partner.commissionPct ?? distributor?.partnerCommissionPct ?? '0';
    const distributorPct = distributor ? (distributor.commissionPct ?? '0') : '0';
    return { partner: pct(partnerPct), distributor: pct(distributorPct) };
  };

  // ----- cash (§8): payments by the month they fall in; index > H is after the horizon -----
  const cashIn: bigint[] = new Array<bigint>(H + 5).fill(0n);
  const outVendor: bigint[] = new Array<bigint>(H + 5).fill(0n);
  const outCommissions: bigint[] = new Array<bigint>(H + 5).fill(0n);
  const outInfra: bigint[] = new Array<bigint>(H + 5).fill(0n);
  const pay = (series: bigint[], month: number, amount: bigint) => {
    series[month] = series[month]! + amount;
  };

  // ----- month by month -----
  interface MonthAcc {
    revenue: bigint;
    recurring: bigint;
    oneOff: bigint;
    fixedTerm: bigint;
    payg: bigint;
    apps: bigint;
    platform: bigint;
    partner: bigint;
    distributor: bigint;
    demandMbps: number;
    demandVS: number;
    customers: number;
  }
  interface LineAcc {
    revenue: bigint;
    cost: bigint;
    commissions: bigint;
  }
  const lines: LineAcc[] = s.customers.map(() => ({ revenue: 0n, cost: 0n, commissions: 0n }));
  const monthsAcc: MonthAcc[] = [];

  for (let m = 1; m <= H; m++) {
    const acc: MonthAcc = {
      revenue: 0n,
      recurring: 0n,
      oneOff: 0n,
      fixedTerm: 0n,
      payg: 0n,
      apps: 0n,
      platform: 0n,
      partner: 0n,
      distributor: 0n,
      demandMbps: 0,
      demandVS: 0,
      customers: 0,
    };
    const ranking = rankingOf(m);

    // main apps: platform cost (a vendor invoice of its own month), month 1 their first month
    s.mainApps.forEach((_app, j) => {
      const entry = priceEntry(s.mainApps, j, 0, 0, ranking, m === 1);
      const amount = entry.setup + entry.monthly + entry.users;
      acc.platform += amount;
      pay(outVendor, m + vendorDelay, amount);
    });

    s.customers.forEach((c, i) => {
      const rates = commissionRates(c);
      const perCopy = wlPerCopy(c.apps);
      cohorts[i]![m]!.forEach((k, ki) => {
        const first = m === k.start;
        const mbps = t.service.bandwidthTiers.find((b) => b.id === k.cap.bandwidth)!.mbps;
        acc.demandMbps += mbps * k.size;
        acc.demandVS += k.cap.vServices * k.size;
        acc.customers += k.size;
        const fixed = k.fixed;
        // §8 invoice months of this cohort's amounts of month m
        const licenseInvoice = fixed ? invoiceMonth(vendorMode, fixed.termStart, m) : m;
        const recurringInvoice = fixed ? invoiceMonth(customerMode(c), fixed.termStart, m) : m;
        const base = ranking.bases[i]![ki]!;

        // copy by copy (a run of copies priced alike counts as one copy times the run's length)
        for (const [fromCopy, toCopy] of copyRuns(base, k.size, perCopy)) {
          const copies = BigInt(toCopy - fromCopy + 1);
          // 1. license
          const license = fixed
            ? fixedMonthly(k.cap, fixed.termMonths)
            : paygMonthly(k.cap, k.hours!, m);
          // 2. apps, entry by entry, instance by instance
          let appsRecurring = 0n;
          let appsOneOff = 0n;
          c.apps.forEach((_app, j) => {
            const entry = priceEntry(c.apps, j, base, fromCopy, ranking, first);
            appsRecurring += entry.monthly + entry.users;
            appsOneOff += entry.setup;
          });
          // 3. cost
          const recurringCost = license + appsRecurring;
          const oneOffCost = appsOneOff;
          // 4. revenue
          let recurringRevenue: bigint;
          let oneOffRevenue: bigint;
          const sell = c.sell ?? { mode: 'markup' as const, pct: s.pricing.defaultMarkupPct };
          if (sell.mode === 'markup') {
            const factor = add(ONE, pct(sell.pct));
            recurringRevenue = money.round(mul(money.toRat(recurringCost), factor));
            oneOffRevenue = money.round(mul(money.toRat(oneOffCost), factor));
          } else if (sell.mode === 'margin') {
            const factor = div(int(100), sub(int(100), dec(sell.pct)));
            recurringRevenue = money.round(mul(money.toRat(recurringCost), factor));
            oneOffRevenue = money.round(mul(money.toRat(oneOffCost), factor));
          } else {
            recurringRevenue = money.round(dec(sell.monthly));
            oneOffRevenue = first ? money.round(dec(sell.oneOff)) : 0n;
          }
          const revenue = recurringRevenue + oneOffRevenue;
          // 5. commissions
          const partner = money.round(mul(money.toRat(revenue), rates.partner));
          const distributor = money.round(mul(money.toRat(revenue), rates.distributor));

          if (fixed) acc.fixedTerm += license * copies;
          else acc.payg += license * copies;
          acc.apps += (appsRecurring + appsOneOff) * copies;
          acc.revenue += revenue * copies;
          acc.recurring += recurringRevenue * copies;
          acc.oneOff += oneOffRevenue * copies;
          acc.partner += partner * copies;
          acc.distributor += distributor * copies;
          const line = lines[i]!;
          line.revenue += revenue * copies;
          line.cost += (recurringCost + oneOffCost) * copies;
          line.commissions += (partner + distributor) * copies;

          // READING R8. §8: vendor license by the vendor's term billing, app fees and users in
          // their month;
          // the customers' recurring revenue by the line's term billing, one-off in its month
          // (a cohort's first month is always the first month of a term, so "invoiced with it"
          // and "in its own month" agree); commissions when that month's recurring revenue is
          // received.
          pay(outVendor, licenseInvoice + vendorDelay, license * copies);
          pay(outVendor, m + vendorDelay, (appsRecurring + appsOneOff) * copies);
          pay(cashIn, recurringInvoice + customerDelay, recurringRevenue * copies);
          pay(cashIn, m + customerDelay, oneOffRevenue * copies);
          pay(outCommissions, recurringInvoice + customerDelay, (partner + distributor) * copies);
        }
      });
    });
    monthsAcc.push(acc);
  }

  // ----- sizing -----
  const peakMbps = Math.max(0, ...monthsAcc.map((a) => a.demandMbps));
  const peakVS = Math.max(0, ...monthsAcc.map((a) => a.demandVS));
  const withHeadroom = (p: number) => div(mul(int(p), add(int(100), headroom)), int(100));
  let platformOut: NonNullable<RefQuote['platform']>;
  let applianceCount = 0;
  let applianceRecord: RefTable['platform']['appliances'][number] | null = null;
  if (isHardware) {
    const sel = s.platform.appliance!;
    const a = t.platform.appliances.find((x) => x.id === sel.id)!;
    applianceRecord = a;
    let required = Number(
      [
        ceilRat(div(withHeadroom(peakMbps), int(a.throughputMbps))),
        ceilRat(div(withHeadroom(peakVS), int(a.maxVServices))),
        1n,
      ].reduce((x, y) => (x > y ? x : y)),
    );
    if (s.platform.highAvailability) required += 1;
    applianceCount = sel.count === 'auto' ? required : sel.count;
    if (sel.count !== 'auto' && sel.count < required) {
      issues.push({
        level: 'warning',
        code: 'appliances-short',
        path: 'platform.appliance.count',
        message: `${sel.count} appliances are fewer than the ${required} required.`,
      });
    }
    platformOut = {
      appliances: { id: a.id, count: applianceCount, required },
      vcpu: null,
      ramGb: null,
      peakMbps,
      peakVServices: peakVS,
    };
  } else {
    const vs = t.platform.virtualSizing;
    const vcpu = Math.max(
      vs.minVcpu,
      Number(ceilRat(div(withHeadroom(peakMbps), int(vs.mbpsPerVcpu)))),
    );
    platformOut = {
      appliances: null,
      vcpu,
      ramGb: vcpu * vs.gbRamPerVcpu,
      peakMbps,
      peakVServices: peakVS,
    };
  }

  // ----- platform amounts: appliances and support are vendor invoices, infrastructure is paid
  // in its month -----
  const infra = money.round(dec(s.platform.infraCostMonthly));
  monthsAcc.forEach((acc, index) => {
    const m = index + 1;
    acc.platform += infra;
    pay(outInfra, m, infra);
    if (applianceRecord) {
      if (m === 1) {
        const amount = BigInt(applianceCount) * money.round(dec(applianceRecord.price));
        acc.platform += amount;
        pay(outVendor, m + vendorDelay, amount);
      }
      if ((m - 1) % 12 === 0) {
        const amount =
          BigInt(applianceCount) *
          money.round(mul(dec(applianceRecord.price), pct(applianceRecord.supportPctPerYear)));
        acc.platform += amount;
        pay(outVendor, m + vendorDelay, amount);
      }
    }
  });

  /** First month from which a cumulative series is ≥ 0 and stays so; null if none. */
  const breakEven = (cumulatives: bigint[]): number | null => {
    let month: number | null = null;
    for (let m = H; m >= 1; m--) {
      if (cumulatives[m - 1]! >= 0n) month = m;
      else break;
    }
    return month;
  };

  // ----- months out -----
  let cumulative = 0n;
  let cumulativeCash = 0n;
  const cumulatives: bigint[] = [];
  const cashCumulatives: bigint[] = [];
  const monthsOut = monthsAcc.map((acc, index) => {
    const m = index + 1;
    const cost = acc.fixedTerm + acc.payg + acc.apps + acc.platform;
    const margin = acc.revenue - cost - acc.partner - acc.distributor;
    cumulative += margin;
    cumulatives.push(cumulative);
    const net = cashIn[m]! - outVendor[m]! - outCommissions[m]! - outInfra[m]!;
    cumulativeCash += net;
    cashCumulatives.push(cumulativeCash);
    return {
      month: m,
      period: periodOf(s.startPeriod, m).text,
      revenue: fmt(acc.revenue),
      recurringRevenue: fmt(acc.recurring),
      cost: {
        fixedTerm: fmt(acc.fixedTerm),
        payg: fmt(acc.payg),
        apps: fmt(acc.apps),
        platform: fmt(acc.platform),
      },
      commissions: { partner: fmt(acc.partner), distributor: fmt(acc.distributor) },
      margin: fmt(margin),
      cumulativeMargin: fmt(cumulative),
      demandMbps: acc.demandMbps,
      customers: acc.customers,
      cash: {
        in: fmt(cashIn[m]!),
        outVendor: fmt(outVendor[m]!),
        outCommissions: fmt(outCommissions[m]!),
        outInfra: fmt(outInfra[m]!),
        net: fmt(net),
        cumulative: fmt(cumulativeCash),
      },
    };
  });

  const marginPctOf = (margin: bigint, revenue: bigint): string | null =>
    revenue === 0n ? null : twoDecimals(div(mul(int(margin), int(100)), int(revenue)));

  // ----- customers out -----
  const minMargin = dec(s.pricing.minMarginPct);
  const customersOut = s.customers.map((c, i) => {
    const line = lines[i]!;
    const margin = line.revenue - line.cost - line.commissions;
    const marginPct = marginPctOf(margin, line.revenue);
    const below = marginPct !== null && cmp(dec(marginPct), minMargin) < 0;
    if (below) {
      issues.push({
        level: 'warning',
        code: 'below-min-margin',
        path: `customers[${i}]`,
        message: `Line '${c.id}' margin ${marginPct} % is below the minimum ${s.pricing.minMarginPct} %.`,
      });
    }
    // READING R5: "cost is not 0" is the line's total cost over the horizon (customers[].totals
    // .cost); commissions are not cost. READING R9: like the other version-2 quote fields, it
    // applies to version-1 documents too (after migration).
    if (line.revenue === 0n && line.cost !== 0n) {
      issues.push({
        level: 'warning',
        code: 'no-revenue',
        path: `customers[${i}].sell`,
        message: `Line '${c.id}' costs money but earns nothing: set its sell price.`,
      });
    }
    return {
      id: c.id,
      count: c.count,
      activeFinal: cohorts[i]![H]!.reduce((n, k) => n + k.size, 0),
      totals: {
        revenue: fmt(line.revenue),
        cost: fmt(line.cost),
        commissions: fmt(line.commissions),
        margin: fmt(margin),
        marginPct,
      },
      belowMinMargin: below,
      advice: adviceFor(c),
    };
  });

  /**
   * §5 PAYG advice, for every PAYG line without convertTo and (§7) without changes, over every
   * term the table offers (whether or not the platform allows fixed-term: the contract sets no
   * such condition; see D3).
   */
  function adviceFor(c: RefCustomer): RefQuote['customers'][number]['advice'] {
    const lic = c.license;
    if (lic.model !== 'payg' || lic.convertTo !== null) return null;
    if ((c.changes ?? []).length > 0) return null;
    const first = c.startMonth;
    const last = c.endMonth ?? H;
    const A = last - first + 1;
    if (A <= 0) return null;
    const cap = capOf(lic);
    let paygSum = 0n;
    let hoursSum = ZERO;
    for (let m = first; m <= last; m++) {
      paygSum += paygMonthly(cap, lic.hoursPerMonth, m);
      hoursSum = add(hoursSum, hoursIn(lic.hoursPerMonth, m));
    }
    let best: { T: number; F: bigint; saving: bigint } | null = null;
    for (const term of t.service.fixedTerm.terms) {
      const T = term.months;
      const F = fixedMonthly(cap, T);
      const commit = BigInt(Math.ceil(A / T) * T) * F;
      const saving = (paygSum - commit) * BigInt(c.count);
      if (saving <= 0n) continue;
      if (best === null || saving > best.saving || (saving === best.saving && T < best.T)) {
        best = { T, F, saving };
      }
    }
    if (best === null) return null;
    return {
      termMonths: best.T,
      breakEvenHours: Number(ceilRat(div(money.toRat(best.F), hourlyRate(cap)))),
      averageHours: Number(twoDecimals(div(hoursSum, int(A)))),
      saving: fmt(best.saving),
    };
  }

  // ----- totals -----
  const sum = (f: (a: MonthAcc) => bigint) => monthsAcc.reduce((x, a) => x + f(a), 0n);
  const revenue = sum((a) => a.revenue);
  const cost = sum((a) => a.fixedTerm + a.payg + a.apps + a.platform);
  const commissions = sum((a) => a.partner + a.distributor);
  const margin = revenue - cost - commissions;
  const mrrFinal = monthsAcc[H - 1]!.recurring;

  // §6/§7: over the fixed-term cohorts active in the last month, the months left in the term in
  // force × that cohort's monthly license × its size. READING R10: "that cohort's monthly
  // license" is at the capacity of its current term (not the plan in force in the last month).
  let committed = 0n;
  for (const byMonth of cohorts) {
    for (const k of byMonth[H]!) {
      if (!k.fixed) continue;
      const left = k.fixed.termStart + k.fixed.termMonths - 1 - H;
      committed += BigInt(left) * fixedMonthly(k.cap, k.fixed.termMonths) * BigInt(k.size);
    }
  }

  // §8 totals
  const sumRange = (series: bigint[], from: number, to: number) => {
    let total = 0n;
    for (let m = from; m <= to && m < series.length; m++) total += series[m]!;
    return total;
  };
  const inTotal = sumRange(cashIn, 1, H);
  const outTotal =
    sumRange(outVendor, 1, H) + sumRange(outCommissions, 1, H) + sumRange(outInfra, 1, H);
  const lowest = cashCumulatives.reduce((lo, v) => (v < lo ? v : lo), 0n);
  const last = cashIn.length - 1;

  return {
    ...head,
    months: monthsOut,
    customers: customersOut,
    platform: platformOut,
    totals: {
      revenue: fmt(revenue),
      cost: fmt(cost),
      commissions: fmt(commissions),
      margin: fmt(margin),
      marginPct: marginPctOf(margin, revenue),
      oneOff: fmt(sum((a) => a.oneOff)),
      mrrFinal: fmt(mrrFinal),
      arr: fmt(12n * mrrFinal),
      breakEvenMonth: breakEven(cumulatives),
      licenseCommittedAfterHorizon: fmt(committed),
      cash: {
        in: fmt(inTotal),
        out: fmt(outTotal),
        net: fmt(inTotal - outTotal),
        breakEvenMonth: breakEven(cashCumulatives),
        peakFunding: fmt(-lowest),
        receivableAfterHorizon: fmt(sumRange(cashIn, H + 1, last)),
        payableAfterHorizon: fmt(
          sumRange(outVendor, H + 1, last) + sumRange(outCommissions, H + 1, last),
        ),
      },
    },
    issues,
  };
}
