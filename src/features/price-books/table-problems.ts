/**
 * A problem of an uploaded price-table file in the words of a person reading the vendor's
 * price list (issue 13): which entry ("Bundle “Advanced”", "Term of 36 months") and which
 * field ("Included vServices"), and what is wrong, rather than `service.bundles[2].…`. The JSON
 * path is kept for a secondary detail: whoever edits the file needs it to find the spot.
 */
import { plainSchemaMessage } from '../../reports/issue-text';

export interface TableProblemText {
  /** "Bundle “Advanced” · Included vServices", "Currency", "The whole file". */
  readonly where: string;
  readonly message: string;
  /** The JSON path as the checker wrote it; '' for the whole file. */
  readonly path: string;
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  schemaVersion: 'Format version',
  product: 'Product id',
  vendorName: 'Vendor name',
  version: 'Version',
  currency: 'Currency',
  effectiveFrom: 'Effective from',
  validUntil: 'Valid until',
  notes: 'Notes',
  id: 'Id',
  name: 'Name',
  kind: 'Kind',
  label: 'Label',
  licenseModels: 'License models',
  throughputMbps: 'Throughput (Mbps)',
  maxVServices: 'Most vServices',
  price: 'Price',
  supportPctPerYear: 'Support % a year',
  setupFee: 'Setup fee',
  monthlyFee: 'Monthly fee',
  perUser: 'Price per user',
  rank: 'Rank',
  mbps: 'Speed (Mbps)',
  includedVServices: 'Included vServices',
  features: 'Features',
  months: 'Months',
  discountPct: 'Discount %',
  upTo: 'Up to',
  mode: 'Mode',
  appliesTo: 'Applies to',
  tiers: 'Tiers',
  mbpsPerVcpu: 'Mbps per vCPU',
  gbRamPerVcpu: 'GB of RAM per vCPU',
  minVcpu: 'Fewest vCPUs',
  extraVServiceMonthly: 'Extra vService, per month',
  extraVServiceHourly: 'Extra vService, per hour',
  environments: 'Environments',
  appliances: 'Appliances',
  bandwidthTiers: 'Bandwidth tiers',
  bundles: 'Bundles',
  terms: 'Terms',
  monthlyList: 'Fixed-term list prices',
  hourly: 'PAYG hourly prices',
  childApps: 'Child apps',
  whiteLabelVolume: 'White-label volume discount',
  virtualSizing: 'Virtual sizing',
  platform: 'Platform',
  service: 'Service licenses',
  apps: 'Apps',
  fixedTerm: 'Fixed-term licenses',
  payg: 'PAYG licenses',
};

/** What one entry of each list is called, and which of its fields names it. */
const ENTRY: Readonly<Record<string, { readonly what: string; readonly key: string }>> = {
  'platform.environments': { what: 'Environment', key: 'name' },
  'platform.appliances': { what: 'Appliance', key: 'name' },
  'service.bandwidthTiers': { what: 'Bandwidth tier', key: 'label' },
  'service.bundles': { what: 'Bundle', key: 'name' },
  'service.fixedTerm.terms': { what: 'Term', key: 'months' },
  'apps.bundles': { what: 'App bundle', key: 'name' },
  'apps.whiteLabelVolume.tiers': { what: 'Volume tier', key: '' },
};

/** Lists inside entries (a bundle's per-user tiers, an appliance's license models). */
const ENTRY_BY_LAST: Readonly<Record<string, { readonly what: string; readonly key: string }>> = {
  tiers: { what: 'Tier', key: '' },
  licenseModels: { what: 'License model', key: '' },
  features: { what: 'Feature', key: '' },
  appliesTo: { what: 'Fee', key: '' },
};

type Key = string | number;

/** `service.bundles[2].name` → ['service', 'bundles', 2, 'name']. */
function keysOf(path: string): Key[] {
  const keys: Key[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[1] !== undefined) keys.push(m[1]);
  }
  return keys;
}

function childOf(value: unknown, key: Key): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return (value as Record<Key, unknown>)[key];
}

const quoted = (text: string) => `“${text}”`;

/** The entry at `index` of a list, by its name when the file gives one. */
function entryName(list: string, index: number, entry: unknown): string {
  const spec = ENTRY[list] ?? ENTRY_BY_LAST[list.split('.').at(-1) ?? ''];
  const what = spec?.what ?? 'Entry';
  const named = spec?.key ? childOf(entry, spec.key) : undefined;
  if (spec?.key === 'months' && typeof named === 'number') return `${what} of ${named} months`;
  if (typeof named === 'string' && named.trim() !== '') return `${what} ${quoted(named.trim())}`;
  const id = childOf(entry, 'id');
  if (typeof id === 'string' && id.trim() !== '') return `${what} ${quoted(id.trim())}`;
  return `${what} ${index + 1}`;
}

/** The name of a bundle or bandwidth id as the file itself names it, else the id. */
function nameIn(document: unknown, list: 'bundles' | 'bandwidthTiers', id: string): string {
  const entries = childOf(childOf(document, 'service'), list);
  if (Array.isArray(entries)) {
    const entry: unknown = entries.find((e) => childOf(e, 'id') === id);
    const name = childOf(entry, list === 'bundles' ? 'name' : 'label');
    if (typeof name === 'string' && name.trim() !== '') return name.trim();
  }
  return id;
}

/**
 * Where a problem is, in words: the entries walked from the top of the file, then the field.
 * `document` is the file as parsed (null when it is not JSON): entries are named from it.
 */
export function whereInTable(path: string, document: unknown): string {
  if (path === '') return 'The whole file';
  const keys = keysOf(path);
  const parts: string[] = [];
  let value: unknown = document;
  const at: string[] = [];
  let firstEntry = -1;
  const entry = (text: string) => {
    parts.pop(); // the list's own label gives way to the entry's name
    if (firstEntry === -1) firstEntry = parts.length;
    parts.push(text);
  };
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const next = childOf(value, key);
    const list = at.join('.');
    if (typeof key === 'number') {
      entry(entryName(list, key, next));
    } else if (
      (list === 'service.fixedTerm.monthlyList' || list === 'service.payg.hourly') &&
      i + 1 < keys.length
    ) {
      // a price grid: bundle, then bandwidth
      const grid = list.endsWith('monthlyList') ? 'Fixed-term list price' : 'PAYG hourly price';
      const bandwidth = keys[i + 1];
      entry(
        `${grid} of ${quoted(nameIn(document, 'bundles', key))} at ${quoted(nameIn(document, 'bandwidthTiers', String(bandwidth)))}`,
      );
      value = childOf(next, bandwidth!);
      at.push(key, String(bandwidth));
      i += 1;
      continue;
    } else if (list === 'apps.childApps') {
      entry(`Child app ${quoted(key)}`);
    } else {
      parts.push(FIELD_LABELS[key] ?? key);
    }
    value = next;
    if (typeof key === 'string') at.push(key);
  }
  // the sections above the first named entry say little ("Service licenses · Bundles"): the
  // words start at the first entry
  return (firstEntry === -1 ? parts : parts.slice(firstEntry)).join(' · ');
}

/** A problem of a price-table file for the screen. */
export function tableProblemText(
  problem: { readonly path: string; readonly message: string },
  document: unknown,
): TableProblemText {
  return {
    where: whereInTable(problem.path, document),
    // "must be …" after the place and a colon, as the issues list writes it
    message: plainSchemaMessage(problem.message).replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()),
    path: problem.path,
  };
}
