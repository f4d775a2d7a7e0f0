/**
 * Where a quote's warning points, in the words of the screens: "Müller GmbH · Start month"
 * instead of `customers[83].startMonth`, and the message with line ids replaced by names. The
 * internal report lists warnings this way (issue 14); the quote JSON and the CLI keep the paths.
 *
 * A local formatter: src/reports/issue-text.ts (`issueText`, being written on another branch)
 * does the same for the screens, and the internal report can read that once it is merged.
 */
import type { Scenario } from '../../engine/index';

const LINE_FIELDS: Readonly<Record<string, string>> = {
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
  apps: 'Apps',
};

const SECTIONS: Readonly<Record<string, string>> = {
  platform: 'Platform',
  channel: 'Channel',
  pricing: 'Pricing',
  mainApps: 'Main apps',
  priceTable: 'Price table',
  startPeriod: 'Deal · Start month',
  horizonMonths: 'Deal · Horizon (months)',
};

const words = (field: string) =>
  field
    .replace(/\[\d+\]/g, '')
    .split('.')
    .map((part) => part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ')
    .replace(/^./, (c) => c.toUpperCase());

export interface IssuePlace {
  /** "Müller GmbH · Start month", "Platform · Headroom pct", "Quote". */
  readonly where: string;
  readonly message: string;
}

/** A quote issue placed by line name and field label; its message with ids made names. */
export function issuePlace(
  issue: { readonly path: string; readonly message: string },
  scenario: Scenario,
): IssuePlace {
  const names = new Map(scenario.customers.map((l) => [l.id, l.name.trim() || l.id]));
  const message = issue.message.replace(
    /Line '([^']+)'/g,
    (whole, id: string) => names.get(id) ?? whole,
  );
  const path = issue.path;
  const line = /^customers\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (line) {
    const c = scenario.customers[Number(line[1])];
    const name = c ? c.name.trim() || c.id : `Customer line ${Number(line[1]) + 1}`;
    const field = line[2];
    if (field === undefined) return { where: name, message };
    const app = /^apps\[(\d+)\](?:\.(.+))?$/.exec(field);
    const label = app
      ? `App ${Number(app[1]) + 1}${app[2] ? ` · ${words(app[2])}` : ''}`
      : (LINE_FIELDS[field] ?? words(field));
    return { where: `${name} · ${label}`, message };
  }
  if (path === '') return { where: 'Quote', message };
  const [head, ...rest] = path.split('.');
  const section = SECTIONS[head!.replace(/\[\d+\]$/, '')];
  if (section !== undefined) {
    return { where: rest.length > 0 ? `${section} · ${words(rest.join('.'))}` : section, message };
  }
  return { where: words(path), message };
}
