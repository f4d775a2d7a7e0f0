/**
 * An independent reference implementation of PRICING.md (§1, §2, §4–§6), written from the
 * contract alone and used as a test oracle for src/engine. It is written for clarity, not
 * speed: every money and percent string becomes an exact BigInt rational, every line amount is
 * rounded exactly once (half away from zero, to the currency's minor unit), and the months,
 * customer lines, customer copies and app instances are walked one by one.
 *
 * It assumes its inputs already passed ScenarioSchema and PriceTableSchema.
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
interface RefCustomer {
  id: string;
  count: number;
  startMonth: number;
  endMonth: number | null;
  partnerId: string | null;
  license: RefLicense;
  sell: RefSell;
  apps: RefApp[];
}
export interface RefScenario {
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
  }[];
  customers: {
    id: string;
    count: number;
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
// Computation (§5)
// ---------------------------------------------------------------------------------------------

/** The active months and the license phase of a customer line. */
interface LineShape {
  first: number;
  last: number;
  /** null in a PAYG month; the term (and where it started) in a fixed-term month. */
  fixedAt(m: number): { termMonths: number; termStart: number } | null;
}
function shapeOf(c: RefCustomer, H: number): LineShape {
  const lic = c.license;
  if (lic.model === 'fixed-term') {
    return {
      first: c.startMonth,
      last: lic.renew ? H : Math.min(H, c.startMonth + lic.termMonths - 1),
      fixedAt: () => ({ termMonths: lic.termMonths, termStart: c.startMonth }),
    };
  }
  const convert = lic.convertTo;
  if (convert === null) {
    return { first: c.startMonth, last: c.endMonth ?? H, fixedAt: () => null };
  }
  return {
    first: c.startMonth,
    last: H,
    fixedAt: (m) =>
      m >= convert.atMonth ? { termMonths: convert.termMonths, termStart: convert.atMonth } : null,
  };
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

  // Pure per-line amounts are remembered (by line and month or term) to keep the walk quick.
  const memo = new Map<string, bigint>();
  const remember = (key: string, compute: () => bigint): bigint => {
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = compute()));
    return value;
  };

  // ----- price lookups -----
  const termDiscount = (months: number): Rat =>
    pct(t.service.fixedTerm.terms.find((term) => term.months === months)!.discountPct);
  const extraVS = (c: RefCustomer): number => {
    const bundle = t.service.bundles.find((b) => b.id === c.license.bundle)!;
    return Math.max(0, c.license.vServices - bundle.includedVServices);
  };
  /** Step 1, fixed-term: the rounded monthly license of one customer on a `months` term. */
  const fixedMonthly = (c: RefCustomer, months: number): bigint =>
    remember(`fixed ${s.customers.indexOf(c)} ${months}`, () => fixedMonthlyOnce(c, months));
  const fixedMonthlyOnce = (c: RefCustomer, months: number): bigint => {
    const list = dec(t.service.fixedTerm.monthlyList[c.license.bundle]![c.license.bandwidth]!);
    const extra = mul(int(extraVS(c)), dec(t.service.fixedTerm.extraVServiceMonthly));
    return money.round(mul(add(list, extra), sub(ONE, termDiscount(months))));
  };
  /** The PAYG hourly rate including extra vServices. */
  const hourlyRate = (c: RefCustomer): Rat => {
    const hourly = dec(t.service.payg.hourly[c.license.bundle]![c.license.bandwidth]!);
    return add(hourly, mul(int(extraVS(c)), dec(t.service.payg.extraVServiceHourly)));
  };
  const hoursIn = (c: RefCustomer, m: number): Rat => {
    const lic = c.license;
    if (lic.model !== 'payg') throw new Error('hours of a fixed-term line');
    const p = periodOf(s.startPeriod, m);
    const given = Array.isArray(lic.hoursPerMonth)
      ? lic.hoursPerMonth[p.month - 1]!
      : lic.hoursPerMonth;
    const cap = int(daysIn(p.year, p.month) * 24);
    const h = hoursOf(given);
    return cmp(h, cap) <= 0 ? h : cap;
  };
  /** Step 1, PAYG: the rounded license of one customer in month m. */
  const paygMonthly = (c: RefCustomer, m: number): bigint =>
    remember(`payg ${s.customers.indexOf(c)} ${m}`, () => paygMonthlyOnce(c, m));
  const paygMonthlyOnce = (c: RefCustomer, m: number): bigint =>
    money.round(mul(hoursIn(c, m), hourlyRate(c)));

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

  // ----- active lines and the white-label ranking -----
  const shapes = s.customers.map((c) => shapeOf(c, H));
  const activeIn = (i: number, m: number) => shapes[i]!.first <= m && m <= shapes[i]!.last;
  const wlPerCopy = (apps: RefApp[]) =>
    apps.reduce((n, app) => n + (isWhiteLabelStandalone(app) ? app.count : 0), 0);

  /**
   * The ranking of month m: the active standalone white-label instances, main apps first, then
   * customer lines in order; within a line copy by copy, within a copy its app entries in order,
   * instance by instance, are ranked 1..N. `rankOf` gives an instance's rank (the ranks of a
   * line's instances follow one another, so they are counted rather than listed), and
   * `discountOfRank` the discount that rank gets: the tier of N in `volume` mode, the tier of the
   * rank itself in `graduated` mode.
   */
  const rankingOf = (m: number) => {
    const lineBase = new Map<number, number>();
    let n = wlPerCopy(s.mainApps);
    s.customers.forEach((c, i) => {
      if (!activeIn(i, m)) return;
      lineBase.set(i, n);
      n += c.count * wlPerCopy(c.apps);
    });
    const N = n;
    /** Rank of instance k of entry j in copy `copy` of line `where` (or of the main apps). */
    const rankOf = (where: 'main' | number, copy: number, j: number, k: number): number => {
      const apps = where === 'main' ? s.mainApps : s.customers[where]!.apps;
      const base = where === 'main' ? 0 : lineBase.get(where)!;
      const perCopy = where === 'main' ? 0 : wlPerCopy(apps);
      return base + copy * perCopy + wlPerCopy(apps.slice(0, j)) + k + 1;
    };
    const discountOfRank = (rank: number): Rat =>
      volume === null
        ? ZERO
        : volumeTierDiscount(volume.mode === 'volume' ? N : rank, volume.tiers);
    return { N, rankOf, discountOfRank, lineBase: (i: number) => lineBase.get(i)! };
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
   * The copies of a line in month m as runs [from, to] of copies that are certainly priced
   * alike. Literal mode: every copy on its own. Grouped mode: copies whose white-label
   * instances all fall in one run of `rankRuns` are alike.
   */
  const copyRuns = (i: number, ranking: ReturnType<typeof rankingOf>): [number, number][] => {
    const c = s.customers[i]!;
    const runs: [number, number][] = [];
    if (!options.grouped) {
      for (let copy = 0; copy < c.count; copy++) runs.push([copy, copy]);
      return runs;
    }
    const perCopy = wlPerCopy(c.apps);
    if (perCopy === 0) return [[0, c.count - 1]];
    const base = ranking.lineBase(i);
    const lastRank = base + c.count * perCopy;
    let copy = 0;
    while (copy < c.count) {
      const lo = base + copy * perCopy + 1; // the first rank of this copy
      const [, runEnd] = rankRuns(lo, lastRank)[0]!;
      // the copies whose ranks all lie in the run holding this copy's first rank
      const lastCopy = Math.min(c.count - 1, Math.floor((runEnd - base) / perCopy) - 1);
      const to = Math.max(copy, lastCopy);
      runs.push([copy, to]);
      copy = to + 1;
    }
    return runs;
  };

  /** One app entry's instances, priced instance by instance (or run by run when grouped). */
  const priceEntry = (
    app: RefApp,
    where: 'main' | number,
    copy: number,
    j: number,
    ranking: ReturnType<typeof rankingOf>,
    firstMonth: boolean,
  ): { setup: bigint; monthly: bigint; users: bigint } => {
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
    const first = ranking.rankOf(where, copy, j, 0);
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
    };
    const ranking = rankingOf(m);

    // main apps: platform cost, month 1 is their first month
    s.mainApps.forEach((app, j) => {
      const entry = priceEntry(app, 'main', 0, j, ranking, m === 1);
      acc.platform += entry.setup + entry.monthly + entry.users;
    });

    s.customers.forEach((c, i) => {
      if (!activeIn(i, m)) return;
      const first = m === shapes[i]!.first;
      const mbps = t.service.bandwidthTiers.find((b) => b.id === c.license.bandwidth)!.mbps;
      acc.demandMbps += mbps * c.count;
      acc.demandVS += c.license.vServices * c.count;
      const fixed = shapes[i]!.fixedAt(m);
      const rates = commissionRates(c);

      // copy by copy (a run of copies priced alike counts as one copy times the run's length)
      for (const [fromCopy, toCopy] of copyRuns(i, ranking)) {
        const copies = BigInt(toCopy - fromCopy + 1);
        // 1. license
        const license = fixed ? fixedMonthly(c, fixed.termMonths) : paygMonthly(c, m);
        // 2. apps, entry by entry, instance by instance
        let appsRecurring = 0n;
        let appsOneOff = 0n;
        c.apps.forEach((app, j) => {
          const entry = priceEntry(app, i, fromCopy, j, ranking, first);
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
      }
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

  // ----- platform amounts -----
  const infra = money.round(dec(s.platform.infraCostMonthly));
  monthsAcc.forEach((acc, index) => {
    const m = index + 1;
    acc.platform += infra;
    if (applianceRecord) {
      if (m === 1) acc.platform += BigInt(applianceCount) * money.round(dec(applianceRecord.price));
      if ((m - 1) % 12 === 0) {
        acc.platform +=
          BigInt(applianceCount) *
          money.round(mul(dec(applianceRecord.price), pct(applianceRecord.supportPctPerYear)));
      }
    }
  });

  // ----- months out -----
  let cumulative = 0n;
  const cumulatives: bigint[] = [];
  const monthsOut = monthsAcc.map((acc, index) => {
    const m = index + 1;
    const cost = acc.fixedTerm + acc.payg + acc.apps + acc.platform;
    const margin = acc.revenue - cost - acc.partner - acc.distributor;
    cumulative += margin;
    cumulatives.push(cumulative);
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
    return {
      id: c.id,
      count: c.count,
      totals: {
        revenue: fmt(line.revenue),
        cost: fmt(line.cost),
        commissions: fmt(line.commissions),
        margin: fmt(margin),
        marginPct,
      },
      belowMinMargin: below,
      advice: adviceFor(c, shapes[i]!),
    };
  });

  /**
   * §5 PAYG advice, for every PAYG line without convertTo, over every term the table offers
   * (whether or not the platform allows fixed-term: the contract sets no such condition; see D3).
   */
  function adviceFor(c: RefCustomer, shape: LineShape): RefQuote['customers'][number]['advice'] {
    const lic = c.license;
    if (lic.model !== 'payg' || lic.convertTo !== null) return null;
    const A = shape.last - shape.first + 1;
    if (A <= 0) return null;
    let paygSum = 0n;
    let hoursSum = ZERO;
    for (let m = shape.first; m <= shape.last; m++) {
      paygSum += paygMonthly(c, m);
      hoursSum = add(hoursSum, hoursIn(c, m));
    }
    let best: { T: number; F: bigint; saving: bigint } | null = null;
    for (const term of t.service.fixedTerm.terms) {
      const T = term.months;
      const F = fixedMonthly(c, T);
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
      breakEvenHours: Number(ceilRat(div(money.toRat(best.F), hourlyRate(c)))),
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

  let breakEvenMonth: number | null = null;
  for (let m = H; m >= 1; m--) {
    if (cumulatives[m - 1]! >= 0n) breakEvenMonth = m;
    else break;
  }

  let committed = 0n;
  s.customers.forEach((c, i) => {
    if (!activeIn(i, H)) return;
    const fixed = shapes[i]!.fixedAt(H);
    if (!fixed) return;
    const k = floorInt(H - fixed.termStart, fixed.termMonths);
    const termEnd = fixed.termStart + (k + 1) * fixed.termMonths - 1;
    const left = termEnd - H;
    committed += BigInt(left) * fixedMonthly(c, fixed.termMonths) * BigInt(c.count);
  });

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
      breakEvenMonth,
      licenseCommittedAfterHorizon: fmt(committed),
    },
    issues,
  };
}
