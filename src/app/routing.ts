import { useMemo, useSyncExternalStore } from 'react';

/** The wizard's steps, in order (PRODUCT.md, "The wizard"). */
export const STEPS = [
  { id: 'deal', label: 'Deal' },
  { id: 'platform', label: 'Platform' },
  { id: 'customers', label: 'Customers' },
  { id: 'apps', label: 'White-label apps' },
  { id: 'channel', label: 'Channel' },
  { id: 'pricing', label: 'Pricing' },
  { id: 'results', label: 'Results' },
] as const;

export type Step = (typeof STEPS)[number];
export type StepId = Step['id'];

export const FIRST_STEP: StepId = 'deal';

/** Where the app is: the step, and the field to bring into view (a scenario JSON path). */
export interface Route {
  readonly step: StepId;
  readonly field: string | null;
}

export function isStepId(value: string): value is StepId {
  return STEPS.some((s) => s.id === value);
}

export function stepIndex(step: StepId): number {
  return STEPS.findIndex((s) => s.id === step);
}

export function stepLabel(step: StepId): string {
  return STEPS[stepIndex(step)]?.label ?? step;
}

/** The step before and after `step`, or null at either end. */
export function neighbours(step: StepId): { back: StepId | null; next: StepId | null } {
  const i = stepIndex(step);
  return { back: STEPS[i - 1]?.id ?? null, next: STEPS[i + 1]?.id ?? null };
}

/** Reads `#/customers?field=customers%5B2%5D.name`; an unknown or empty hash is the first step. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#/, '').replace(/^\//, '');
  const q = body.indexOf('?');
  const id = q === -1 ? body : body.slice(0, q);
  const step = isStepId(id) ? id : FIRST_STEP;
  if (q === -1) return { step, field: null };
  let field: string | null = null;
  try {
    field = new URLSearchParams(body.slice(q + 1)).get('field');
  } catch {
    field = null;
  }
  return { step, field: field === '' ? null : field };
}

/** The hash of a step, optionally pointing at a field: `#/apps?field=mainApps%5B0%5D.count`. */
export function formatHash(step: StepId, field?: string | null): string {
  return field ? `#/${step}?field=${encodeURIComponent(field)}` : `#/${step}`;
}

/**
 * The step that owns a scenario path (an issue's `path`), so the issues list can link to the
 * field to fix. `customers[2].apps[0].count` belongs to the white-label apps step, the rest of
 * a customer line to the customers step; anything at the top of the document to the deal.
 */
export function stepForPath(path: string): StepId {
  if (/^customers\[\d+\]\.apps(?:[.[]|$)/.test(path)) return 'apps';
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  switch (head) {
    case 'platform':
      return 'platform';
    case 'customers':
      return 'customers';
    case 'mainApps':
      return 'apps';
    case 'channel':
      return 'channel';
    case 'pricing':
      return 'pricing';
    default:
      return 'deal'; // priceTable, title, brand, startPeriod, horizonMonths, …
  }
}

/** The link to the field at `path`, on the step that owns it. */
export function fieldLink(path: string): { href: string; step: string } {
  const step = stepForPath(path);
  return { href: formatHash(step, path), step: stepLabel(step) };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;
const serverHash = () => '';

/** The current route, from the URL hash; re-renders when the hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, readHash, serverHash);
  return useMemo(() => parseHash(hash), [hash]);
}

export function useStep(): StepId {
  return useRoute().step;
}

/** Moves the wizard to a step (the browser's back button goes back). */
export function goTo(step: StepId): void {
  window.location.hash = formatHash(step);
}

/**
 * Pages beside the wizard: the scenario library, price books, comparison, and the page a
 * share link opens. `#/scenarios`, `#/price-books`, `#/compare`, `#/shared?d=…`.
 */
export const PAGES = [
  { id: 'scenarios', label: 'Scenarios', inNav: true },
  { id: 'price-books', label: 'Price books', inNav: true },
  { id: 'compare', label: 'Compare', inNav: true },
  { id: 'shared', label: 'Shared scenario', inNav: false },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

export interface PageRoute {
  readonly page: PageId;
  /** What follows `?` in the hash, undecoded (a share link's payload lives here). */
  readonly query: string;
}

export function isPageId(value: string): value is PageId {
  return PAGES.some((p) => p.id === value);
}

/** The page a hash opens, or null for the wizard. */
export function parsePage(hash: string): PageRoute | null {
  const body = hash.replace(/^#/, '').replace(/^\//, '');
  const q = body.indexOf('?');
  const id = q === -1 ? body : body.slice(0, q);
  return isPageId(id) ? { page: id, query: q === -1 ? '' : body.slice(q + 1) } : null;
}

export function pageLabel(page: PageId): string {
  return PAGES.find((p) => p.id === page)?.label ?? page;
}

/**
 * The route a hash asks for when the app has no such step or page (`#/nowhere`, `#/dea%0Al`),
 * so the step shown in its place can say so; null for a known or empty route. At most 80
 * characters of it, for the message.
 */
export function unknownRoute(hash: string): string | null {
  const body = hash.replace(/^#/, '').replace(/^\//, '');
  const q = body.indexOf('?');
  const id = q === -1 ? body : body.slice(0, q);
  if (id === '' || isStepId(id) || isPageId(id)) return null;
  let shown = id;
  try {
    shown = decodeURIComponent(id);
  } catch {
    // a malformed %-escape: shown as written
  }
  return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
}

/** The unknown route of the current hash (see `unknownRoute`). */
export function useUnknownRoute(): string | null {
  const hash = useSyncExternalStore(subscribe, readHash, serverHash);
  return useMemo(() => unknownRoute(hash), [hash]);
}

/** The current page beside the wizard, or null when a wizard step is shown. */
export function usePage(): PageRoute | null {
  const hash = useSyncExternalStore(subscribe, readHash, serverHash);
  return useMemo(() => parsePage(hash), [hash]);
}
