/**
 * What names a document: its proposal number, how long it is valid and its file name
 * (docs/decisions/013-pdf-documents.md). Pure and deterministic: the same scenario, table
 * version, date and kind always give the same number and name, in the browser and the CLI.
 */
import type { PriceTable, Scenario } from '../../engine/index';

export type DocumentKind =
  'msp-proposal' | 'customer-proposal' | 'internal-report' | 'partner-statement';

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'msp-proposal',
  'customer-proposal',
  'internal-report',
  'partner-statement',
];

/** The days a proposal is valid for at most (PRODUCT.md: "the earlier of 30 days and …"). */
export const VALIDITY_DAYS = 30;

/**
 * JSON with object keys sorted at every depth: two scenarios that differ only in key order (the
 * store's and the CLI's parse) hash alike.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** FNV-1a, 32 bits, over the UTF-16 code units of `text`, from `seed`: a hash, not a secret. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

export interface NumberedDocument {
  readonly kind: DocumentKind;
  readonly scenario: Scenario;
  /** The table's identity; versions are never edited once published (ADR 002). */
  readonly table: Pick<PriceTable, 'product' | 'currency' | 'version'>;
  readonly today: string;
  readonly customerId?: string | undefined;
  readonly partyId?: string | undefined;
}

function documentKey(d: NumberedDocument): string {
  return [
    d.kind,
    d.today,
    d.table.product,
    d.table.currency,
    d.table.version,
    d.kind === 'customer-proposal' ? (d.customerId ?? '') : '',
    // a statement's party; appended only for statements, so other documents keep their numbers
    ...(d.kind === 'partner-statement' ? [d.partyId ?? ''] : []),
    canonicalJson(d.scenario),
  ].join('\n');
}

/**
 * "Q-20261122-3fa9c1": the date, then the first 6 hex digits of FNV-1a over the kind, the date,
 * the table identity, the customer (customer proposals) and the scenario in canonical JSON.
 */
export function proposalNumber(d: NumberedDocument): string {
  return `Q-${d.today.replace(/-/g, '')}-${hex8(fnv1a(documentKey(d))).slice(0, 6)}`;
}

/** 32 hex digits for the PDF's /ID, from the same key (jsPDF would draw them at random). */
export function documentFileId(d: NumberedDocument): string {
  const key = documentKey(d);
  return [0x811c9dc5, 0x01000193, 0x2545f491, 0x9e3779b9].map((s) => hex8(fnv1a(key, s))).join('');
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The last day the proposal's prices hold: today + 30 days, or the table's `validUntil` when
 * that is earlier (it may even be past: an expired table's quote carries a warning).
 */
export function validUntil(today: string, tableValidUntil: string | null): string {
  const days = addDays(today, VALIDITY_DAYS);
  return tableValidUntil !== null && tableValidUntil < days ? tableValidUntil : days;
}

const FOLD: Record<string, string> = {
  ł: 'l',
  đ: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
  ı: 'i',
};

/** A file-name part: ASCII letters, digits and dashes ("Łódź Telekom" → "lodz-telekom"). */
export function slug(text: string, maxLength = 48): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđøßæœþðı]/g, (c) => FOLD[c] ?? c);
  return ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

/**
 * The PDF's file name: `<title>-msp-proposal-<date>.pdf`, `<title>-internal-report-<date>.pdf`,
 * and for a customer `<brand>-proposal-<customer>-<date>.pdf` (the MSP's brand, never the plan's
 * title, which is internal). Names in scripts with no ASCII letters fall back to the id.
 */
export function documentFileName(d: {
  kind: DocumentKind;
  scenario: Scenario;
  customerId?: string | undefined;
  partyId?: string | undefined;
  today: string;
}): string {
  if (d.kind === 'partner-statement') {
    const { distributors, partners } = d.scenario.channel;
    const party = [...distributors, ...partners].find((p) => p.id === d.partyId);
    const who = slug(party?.name ?? '') || slug(d.partyId ?? '') || 'party';
    const title = slug(d.scenario.title) || 'scenario';
    return `${title}-commission-statement-${who}-${d.today}.pdf`;
  }
  if (d.kind === 'customer-proposal') {
    const line = d.scenario.customers.find((c) => c.id === d.customerId);
    const brand = slug(d.scenario.brand.name) || 'proposal';
    const customer = slug(line?.name ?? '') || slug(d.customerId ?? '') || 'customer';
    return `${brand}-proposal-${customer}-${d.today}.pdf`;
  }
  const title = slug(d.scenario.title) || 'scenario';
  return `${title}-${d.kind}-${d.today}.pdf`;
}
