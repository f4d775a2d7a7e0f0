import type { Scenario } from '../engine/index';

/**
 * An issue of the quote, or a field's schema message, said in the words of the screens:
 * where (the line's name and the field's label, as the step shows them) and what is wrong.
 * JSON paths stay in the quote JSON and the CLI; the screen and the internal PDF report read
 * these (issue 13, "Plain language everywhere on screen").
 */
export interface IssueText {
  /** "Müller GmbH · Start month", "Platform · Headroom %", "Deal · Horizon (months)". */
  readonly where: string;
  /** The message in plain words, without ids or paths. */
  readonly message: string;
}

/** The labels the steps put on the fields, by the path below a section. */
const DEAL_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  'preparedBy.name': 'Prepared by: name',
  'preparedBy.company': 'Prepared by: company',
  'preparedFor.name': 'Prepared for: name',
  'preparedFor.company': 'Prepared for: company',
  'brand.name': 'Brand name',
  'brand.primaryColor': 'Primary colour',
  'brand.logo': 'Logo',
  priceTable: 'Price table',
  'priceTable.version': 'Price table',
  startPeriod: 'Start month',
  horizonMonths: 'Horizon (months)',
};

const PLATFORM_LABELS: Readonly<Record<string, string>> = {
  environment: 'Environment',
  appliance: 'Appliance model',
  'appliance.id': 'Appliance model',
  'appliance.count': 'Number of appliances',
  headroomPct: 'Headroom %',
  highAvailability: 'High availability',
  infraCostMonthly: 'Own infrastructure cost per month',
};

const LINE_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  count: 'Count',
  startMonth: 'Start month',
  endMonth: 'End month',
  partnerId: 'Partner',
  'license.model': 'Model',
  'license.bandwidth': 'Bandwidth',
  'license.bundle': 'Bundle',
  'license.vServices': 'vServices',
  'license.termMonths': 'Term',
  'license.renew': 'Renew',
  'license.hoursPerMonth': 'Hours per month',
  'license.convertTo': 'Convert to Fixed-Term',
  'license.convertTo.atMonth': 'Converts at month',
  'license.convertTo.termMonths': 'Term after converting',
  sell: 'Sell mode',
  'sell.mode': 'Sell mode',
  'sell.pct': 'Markup or margin %',
  'sell.monthly': 'Monthly price',
  'sell.oneOff': 'One-off price',
  changes: 'Changes over time',
  billing: 'Invoicing of the term',
};

const BILLING_LABELS: Readonly<Record<string, string>> = {
  'vendor.fixedTerm': "Vendor's invoicing of terms",
  'vendor.paymentDelayMonths': 'Payment delay to the vendor',
  'customers.fixedTerm': "Customers' invoicing of terms",
  'customers.paymentDelayMonths': "Customers' payment delay",
};

/** The labels of a change's fields in the timeline's form (Customers step, line details). */
const CHANGE_LABELS: Readonly<Record<string, string>> = {
  fromMonth: 'From month',
  count: 'Customers',
  bandwidth: 'Bandwidth',
  bundle: 'Bundle',
  vServices: 'vServices',
  hoursPerMonth: 'Hours per month',
};

const APP_LABELS: Readonly<Record<string, string>> = {
  bundle: 'Bundle',
  count: 'Count',
  usersPerApp: 'Users per app',
  provisioning: 'Provisioning',
};

const PARTY_LABELS: Readonly<Record<string, string>> = {
  id: 'Id',
  name: 'Name',
  commissionPct: 'Commission %',
  partnerCommissionPct: 'Partner commission %',
  distributorId: 'Distributor',
};

const PRICING_LABELS: Readonly<Record<string, string>> = {
  defaultMarkupPct: 'Default markup %',
  minMarginPct: 'Minimum margin %',
};

/** The label of `rest` in `labels`, or of its nearest parent path, or null. */
function labelIn(labels: Readonly<Record<string, string>>, rest: string): string | null {
  let key = rest.replace(/\[\d+\]/g, '');
  for (;;) {
    const hit = labels[key];
    if (hit) return hit;
    const dot = key.lastIndexOf('.');
    if (dot === -1) return null;
    key = key.slice(0, dot);
  }
}

/** A line's name as the Customers step shows it. */
function lineName(scenario: Scenario | null, index: number): string {
  const line = scenario?.customers[index];
  return line ? line.name || `Line ${index + 1}` : `Customer line ${index + 1}`;
}

function appWhere(owner: string | null, index: number, rest: string): string {
  const label = labelIn(APP_LABELS, rest);
  const app = owner === null ? `Main app ${index + 1}` : `${owner} · app ${index + 1}`;
  return label ? `${app} · ${label}` : app;
}

/**
 * Where a scenario path is on screen: "Müller GmbH · Start month" for `customers[1].startMonth`.
 * An empty path is the whole deal.
 */
export function whereOf(fullPath: string, scenario: Scenario | null): string {
  // a library entry's problems are under `scenario.`
  const path = fullPath.replace(/^scenario\./, '');
  if (path === '') return 'Deal';
  const customer = /^customers\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (customer) {
    const index = Number(customer[1]);
    const name = lineName(scenario, index);
    const rest = customer[2] ?? '';
    const app = /^apps\[(\d+)\](?:\.(.*))?$/.exec(rest);
    if (app) return appWhere(name, Number(app[1]), app[2] ?? '');
    const change = /^changes\[(\d+)\](?:\.(.*))?$/.exec(rest);
    if (change) {
      const label = change[2] ? labelIn(CHANGE_LABELS, change[2]) : null;
      const which = `${name} · change ${Number(change[1]) + 1}`;
      return label ? `${which} · ${label}` : which;
    }
    const label = rest ? labelIn(LINE_LABELS, rest) : null;
    return label ? `${name} · ${label}` : name;
  }
  const main = /^mainApps\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (main) return appWhere(null, Number(main[1]), main[2] ?? '');
  const party = /^channel\.(partners|distributors)\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (party) {
    const kind = party[1] === 'partners' ? 'Partner' : 'Distributor';
    const index = Number(party[2]);
    const list =
      party[1] === 'partners' ? scenario?.channel.partners : scenario?.channel.distributors;
    const who = list?.[index]?.name || String(index + 1);
    const label = party[3] ? labelIn(PARTY_LABELS, party[3]) : null;
    return label ? `${kind} ${who} · ${label}` : `${kind} ${who}`;
  }
  const [head, ...tail] = path.split('.');
  const rest = tail.join('.');
  if (head === 'platform')
    return ['Platform', labelIn(PLATFORM_LABELS, rest)].filter(Boolean).join(' · ');
  if (head === 'pricing')
    return ['Pricing', labelIn(PRICING_LABELS, rest)].filter(Boolean).join(' · ');
  if (head === 'billing')
    return ['Billing', labelIn(BILLING_LABELS, rest)].filter(Boolean).join(' · ');
  if (head === 'channel') return 'Channel';
  if (head === 'customers') return 'Customers';
  if (head === 'mainApps') return 'Main apps';
  return ['Deal', labelIn(DEAL_LABELS, path)].filter(Boolean).join(' · ');
}

/** The bare label of the field at `path` ("Start month"), for sentences; null when unknown. */
export function labelOfPath(path: string, scenario: Scenario | null): string | null {
  const where = whereOf(path, scenario);
  const parts = where.split(' · ');
  return parts.length > 1 ? (parts[parts.length - 1] ?? null) : null;
}

/**
 * A schema message for people: drops how JSON stores the value ("written as a string"),
 * quotes around examples and the path names a few messages start with, and says
 * "percentage" for a percent. `label` starts the sentence when given:
 * "Headroom % must be a percentage from 0 to 100".
 */
export function plainSchemaMessage(message: string, label?: string | null): string {
  let text = message.trim();
  // the path names some schema messages begin with ("count must be …", "license.model must …")
  text = text.replace(/^[A-Za-z.]+ (must|is) /, '$1 ');
  if (/^must be a percent( written as a string)?(, like "[^"]*")?$/.test(text)) {
    text = 'must be a percentage from 0 to 100, like 12.5';
  } else if (/^must be a percent written as a string with at most 4 decimals/.test(text)) {
    text = 'must be a percentage from 0 to 100 with at most 4 decimals, like 12.5';
  } else if (/^must be a percent from 0 to 999\.9999/.test(text)) {
    text = 'must be a percentage from 0 to 999.9999, like 40';
  } else if (/^must be a percent from 0 to 100$/.test(text)) {
    text = 'must be a percentage from 0 to 100';
  } else if (/^must be an amount written as a string with at most 6 decimals/.test(text)) {
    text = 'must be an amount with at most 6 decimals, like 12.50';
  } else if (/^must be an amount written as a string/.test(text)) {
    text = 'must be an amount, like 12.50';
  } else if (/^must be a colour written "#rrggbb"/.test(text)) {
    text = 'must be a colour written #rrggbb, like #0b5d46';
  } else if (/^must be a calendar month written "YYYY-MM"$/.test(text)) {
    text = 'must be a month written YYYY-MM, like 2026-01';
  } else if (/^must be a date written "YYYY-MM-DD"$/.test(text)) {
    text = 'must be a date written YYYY-MM-DD, like 2026-01-31';
  } else if (/^must be "auto" or a whole number/.test(text)) {
    text = 'must be Auto or a whole number of at least 1';
  } else if (/^Invalid input: expected number, received NaN$/i.test(text)) {
    text = 'must be a number';
  }
  // quotes stay around what the user typed ("p1"); only the storage phrase goes
  text = text.replace(/ written as a string/g, '');
  if (!label) return text.charAt(0).toUpperCase() + text.slice(1);
  return /^(must|is) /.test(text) ? `${label} ${text}` : `${label}: ${text}`;
}

/**
 * An engine issue in the screens' words: `Line 'c2' starts in month 99…` names the line
 * ("Müller GmbH starts in month 99…"), `mainApps` reads "the main apps".
 */
export function issueText(
  issue: { readonly code: string; readonly path: string; readonly message: string },
  scenario: Scenario | null,
): IssueText {
  const byId = new Map((scenario?.customers ?? []).map((l, i) => [l.id, lineName(scenario, i)]));
  const message = issue.message
    .replace(/Line '([^']+)'/g, (_, id: string) => byId.get(id) ?? `Line ${id}`)
    .replace(/\bin mainApps\b/g, 'in the main apps')
    .replace(/\bmainApps\b/g, 'main apps')
    .replace(/\bset renew to false\b/g, 'turn Renew off');
  return { where: whereOf(issue.path, scenario), message };
}
