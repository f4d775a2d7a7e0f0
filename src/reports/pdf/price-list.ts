/**
 * The vendor's price list in the MSP proposal: the unit prices behind the deal's totals, for
 * what the deal uses (each bundle × bandwidth × term of its Fixed-Term lines, each bundle ×
 * bandwidth of its PAYG lines, its appliance, its apps). Net prices are the engine's own
 * (`fixedTermMonthly`, `paygHourlyRate` on the compiled table), so they round as the quote does;
 * list prices and rates are the table's, as written.
 */
import {
  compileTable,
  fixedTermMonthly,
  formatScaled,
  paygHourlyRate,
  type AppEntry,
  type PriceTable,
  type TieredPrice,
} from '../../engine/index';
import type { DocumentFormat } from './format';
import type { DocWriter, Row, TableSpec } from './layout';
import type { DocContext } from './types';

/** Micros: the scale of the engine's exact hourly rates. */
const MICRO_DIGITS = 6;

export interface FixedTermPrice {
  bundle: string;
  bandwidth: string;
  termMonths: number;
  /** The table's monthly list price of the license (included vServices). */
  list: string;
  discountPct: string;
  /** The engine's discounted monthly license, in the currency's minor digits. */
  net: string;
}

export interface PaygPrice {
  bundle: string;
  bandwidth: string;
  /** The engine's hourly rate of the license (included vServices), exact. */
  hourly: string;
}

export interface AppPrice {
  bundle: string;
  provisioning: AppEntry['provisioning'];
  setupFee: string;
  monthlyFee: string;
  perUser: TieredPrice;
}

export interface PriceList {
  fixedTerm: FixedTermPrice[];
  payg: PaygPrice[];
  extraVServiceMonthly: string;
  extraVServiceHourly: string;
  appliance: { name: string; price: string; supportPctPerYear: string } | null;
  apps: AppPrice[];
}

/** The unit prices of what the scenario uses, in the table's order (rank, bandwidth, term). */
export function priceList(ctx: DocContext): PriceList {
  const { scenario, table, quote } = ctx;
  const compiled = compileTable(table);
  const digits = ctx.digits;
  const bundleOrder = new Map(table.service.bundles.map((b, i) => [b.id, i]));
  const bandwidthOrder = new Map(table.service.bandwidthTiers.map((b, i) => [b.id, i]));
  const included = new Map(table.service.bundles.map((b) => [b.id, b.includedVServices]));
  const byTable = (a: { bundle: string; bandwidth: string }, b: typeof a) =>
    (bundleOrder.get(a.bundle) ?? 0) - (bundleOrder.get(b.bundle) ?? 0) ||
    (bandwidthOrder.get(a.bandwidth) ?? 0) - (bandwidthOrder.get(b.bandwidth) ?? 0);

  const terms = new Map<string, { bundle: string; bandwidth: string; termMonths: number }>();
  const hourly = new Map<string, { bundle: string; bandwidth: string }>();
  for (const line of scenario.customers) {
    const l = line.license;
    const key = { bundle: l.bundle, bandwidth: l.bandwidth };
    const term =
      l.model === 'fixed-term'
        ? l.termMonths
        : l.convertTo !== null
          ? l.convertTo.termMonths
          : null;
    if (term !== null) {
      terms.set(`${l.bundle}|${l.bandwidth}|${term}`, { ...key, termMonths: term });
    }
    if (l.model === 'payg') hourly.set(`${l.bundle}|${l.bandwidth}`, key);
  }
  const discount = new Map(table.service.fixedTerm.terms.map((t) => [t.months, t.discountPct]));
  const fixedTerm = [...terms.values()]
    .sort((a, b) => byTable(a, b) || a.termMonths - b.termMonths)
    .map((t) => {
      const license = { ...t, vServices: included.get(t.bundle) ?? 0 };
      return {
        ...t,
        list: table.service.fixedTerm.monthlyList[t.bundle]?.[t.bandwidth] ?? '',
        discountPct: discount.get(t.termMonths) ?? '0',
        net: formatScaled(fixedTermMonthly(compiled, license, t.termMonths), digits),
      };
    });
  const payg = [...hourly.values()].sort(byTable).map((p) => ({
    ...p,
    hourly: formatScaled(
      paygHourlyRate(compiled, { ...p, vServices: included.get(p.bundle) ?? 0 }),
      MICRO_DIGITS,
    ),
  }));

  const applianceId = quote.platform?.appliances?.id ?? null;
  const appliance = table.platform.appliances.find((a) => a.id === applianceId) ?? null;

  const apps = new Map<string, AppPrice>();
  const entries = [...scenario.mainApps, ...scenario.customers.flatMap((c) => c.apps)];
  for (const a of entries) {
    const key = `${a.provisioning}|${a.bundle}`;
    if (apps.has(key)) continue;
    const prices =
      a.provisioning === 'child'
        ? table.apps.childApps[a.bundle]
        : table.apps.bundles.find((b) => b.id === a.bundle);
    if (!prices) continue;
    apps.set(key, {
      bundle: a.bundle,
      provisioning: a.provisioning,
      setupFee: prices.setupFee,
      monthlyFee: prices.monthlyFee,
      perUser: prices.perUser,
    });
  }

  return {
    fixedTerm,
    payg,
    extraVServiceMonthly: table.service.fixedTerm.extraVServiceMonthly,
    extraVServiceHourly: table.service.payg.extraVServiceHourly,
    appliance:
      appliance === null
        ? null
        : {
            name: appliance.name,
            price: appliance.price,
            supportPctPerYear: appliance.supportPctPerYear,
          },
    apps: [...apps.values()],
  };
}

/** "1–100: $3.50 · 101–1,000: $2.90 · over 1,000: $2.20" and how the tiers apply. */
export function tiersText(price: TieredPrice, fmt: DocumentFormat): string {
  let from = 1;
  const parts = price.tiers.map((t) => {
    const range =
      t.upTo === null ? `from ${fmt.count(from)}` : `${fmt.count(from)}–${fmt.count(t.upTo)}`;
    if (t.upTo !== null) from = t.upTo + 1;
    const flat =
      t.flatAmount !== null && t.flatAmount !== undefined ? ` + ${fmt.unit(t.flatAmount)}` : '';
    return `${range}: ${fmt.unit(t.unitAmount)}${flat}`;
  });
  const how =
    price.mode === 'graduated' ? 'each tier priced at its rate' : 'all users at the reached tier';
  return `${parts.join(' · ')} (${how})`;
}

function appName(table: PriceTable, app: AppPrice, name: (id: string) => string): string {
  const bundle = name(app.bundle);
  return app.provisioning === 'child'
    ? `${bundle}, child of the main app`
    : table.apps.bundles.some((b) => b.id === app.bundle)
      ? bundle
      : app.bundle;
}

export async function priceListSection(w: DocWriter, ctx: DocContext): Promise<void> {
  const { fmt, names, table } = ctx;
  const list = priceList(ctx);
  const fixed: TableSpec = {
    stage: 'Price list',
    columns: [
      { header: 'Bundle', weight: 1.6 },
      { header: 'Bandwidth', weight: 1.3 },
      { header: 'Term', weight: 1.2, align: 'right' },
      { header: 'Monthly list', weight: 1.5, align: 'right' },
      { header: 'Term discount', weight: 1.3, align: 'right' },
      { header: 'Net monthly', weight: 1.5, align: 'right' },
    ],
    body: list.fixedTerm.map((p): Row => [
      names.bundle(p.bundle),
      names.bandwidth(p.bandwidth),
      `${fmt.count(p.termMonths)} months`,
      fmt.unit(p.list),
      fmt.rate(p.discountPct),
      fmt.money(p.net),
    ]),
  };
  const payg: TableSpec = {
    stage: 'Price list',
    columns: [
      { header: 'Bundle', weight: 1.6 },
      { header: 'Bandwidth', weight: 1.3 },
      { header: 'Hourly rate', weight: 1.5, align: 'right' },
    ],
    body: list.payg.map((p): Row => [
      names.bundle(p.bundle),
      names.bandwidth(p.bandwidth),
      fmt.unit(p.hourly),
    ]),
  };
  const apps: TableSpec = {
    stage: 'Price list',
    columns: [
      { header: 'App', weight: 1.8 },
      { header: 'Setup fee', weight: 1.1, align: 'right' },
      { header: 'Monthly fee', weight: 1.1, align: 'right' },
      { header: 'Per user, a month', weight: 3.6 },
    ],
    body: list.apps.map((a): Row => [
      appName(table, a, names.appBundle),
      fmt.unit(a.setupFee),
      fmt.unit(a.monthlyFee),
      tiersText(a.perUser, fmt),
    ]),
  };
  const first = [fixed, payg, apps].find((t) => t.body.length > 0);
  // the heading, its paragraph and the first table move to a new page together
  w.h1('Price list', first ? w.keepWith(first, 22) : 40);
  w.para(
    `The unit prices of price book ${table.version} behind this proposal, for the licenses, appliance and apps the deal uses. Licenses include the bundle's vServices; each further vService is priced below.`,
  );
  if (fixed.body.length > 0) {
    w.h2('Fixed-Term licenses, a month each', w.keepWith(fixed));
    await w.table(fixed);
    w.note(
      `Each vService beyond those included: ${fmt.unit(list.extraVServiceMonthly)} a month at list price, with the term's discount.`,
    );
  }
  if (payg.body.length > 0) {
    w.h2('PAYG licenses, an hour each', w.keepWith(payg));
    await w.table(payg);
    w.note(
      `Each vService beyond those included: ${fmt.unit(list.extraVServiceHourly)} an hour. Hours are billed as used, up to the hours of the month.`,
    );
  }
  if (list.appliance !== null) {
    w.h2('Appliance', 30);
    w.keyValues([
      ['Appliance', list.appliance.name],
      ['Price, each', fmt.unit(list.appliance.price)],
      ['Support', `${fmt.rate(list.appliance.supportPctPerYear)} of the price a year`],
    ]);
  }
  if (apps.body.length > 0) {
    w.h2('Apps', w.keepWith(apps));
    await w.table(apps);
  }
}
