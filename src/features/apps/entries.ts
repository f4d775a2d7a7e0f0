import type { AppEntry, PriceTable, QuoteIssue, Scenario } from '../../engine/index';
import { AppEntrySchema } from '../../engine/schema/scenario';

type Apps = PriceTable['apps'];

/** The bundle every child app is provisioned from (PRICING.md §4). */
export const WHITE_LABEL = 'white-label';

/** Where a list of app entries lives in the scenario: the main apps or one customer line's. */
export interface AppsHolder {
  /** The JSON path of the list, as quote issues name it: `mainApps`, `customers[2].apps`. */
  readonly path: string;
  /** The undo coalescing key's prefix: `mainApps`, `customers.<id>.apps`. */
  readonly key: string;
  /** The list in a scenario, or null when the holder is gone (a removed line). */
  readonly read: (scenario: Scenario) => readonly AppEntry[] | null;
  readonly write: (scenario: Scenario, apps: AppEntry[]) => Scenario;
}

export const MAIN_APPS: AppsHolder = {
  path: 'mainApps',
  key: 'mainApps',
  read: (s) => s.mainApps,
  write: (s, mainApps) => ({ ...s, mainApps }),
};

/** The apps of the customer line of id `id`, found by id (its index may change). */
export function customerApps(id: string, index: number): AppsHolder {
  return {
    path: `customers[${index}].apps`,
    key: `customers.${id}.apps`,
    read: (s) => s.customers.find((c) => c.id === id)?.apps ?? null,
    write: (s, apps) => ({
      ...s,
      customers: s.customers.map((c) => (c.id === id ? { ...c, apps } : c)),
    }),
  };
}

/** A number when the text is one, else the text itself (so the schema reports it). */
export function numberInput(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed === '' || !Number.isFinite(n) ? text : n;
}

export type EntryCheck =
  | { readonly ok: true; readonly entry: AppEntry }
  | { readonly ok: false; readonly message: string };

/** A candidate entry checked against `AppEntrySchema`: the entry, or its first problem. */
export function checkEntry(candidate: unknown): EntryCheck {
  const parsed = AppEntrySchema.safeParse(candidate);
  if (parsed.success) return { ok: true, entry: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'is not valid' };
}

function sameEntry(a: AppEntry, b: AppEntry): boolean {
  return (
    a.bundle === b.bundle &&
    a.count === b.count &&
    a.usersPerApp === b.usersPerApp &&
    a.provisioning === b.provisioning
  );
}

/** The scenario with entry `index` of `holder` replaced; the same scenario when nothing changes. */
export function replaceEntry(
  scenario: Scenario,
  holder: AppsHolder,
  index: number,
  entry: AppEntry,
): Scenario {
  const apps = holder.read(scenario);
  const current = apps?.[index];
  if (!apps || !current || sameEntry(current, entry)) return scenario;
  return holder.write(
    scenario,
    apps.map((e, i) => (i === index ? entry : e)),
  );
}

export function removeEntry(scenario: Scenario, holder: AppsHolder, index: number): Scenario {
  const apps = holder.read(scenario);
  if (!apps?.[index]) return scenario;
  return holder.write(
    scenario,
    apps.filter((_, i) => i !== index),
  );
}

export function appendEntry(scenario: Scenario, holder: AppsHolder, entry: AppEntry): Scenario {
  const apps = holder.read(scenario);
  if (!apps) return scenario;
  return holder.write(scenario, [...apps, entry]);
}

/** The bundles an entry may name: every app bundle standalone, `childApps` ones as a child. */
export function bundleOptions(
  apps: Apps | null,
  provisioning: AppEntry['provisioning'],
): { value: string; label: string }[] {
  if (!apps) return [];
  const name = (id: string) => apps.bundles.find((b) => b.id === id)?.name ?? id;
  if (provisioning === 'child') {
    return Object.keys(apps.childApps).map((id) => ({ value: id, label: name(id) }));
  }
  return apps.bundles.map((b) => ({ value: b.id, label: b.name }));
}

/**
 * The entry on the other provisioning: a child keeps its bundle when the table offers it as a
 * child app, else takes the first child bundle.
 */
export function withProvisioning(
  entry: AppEntry,
  provisioning: AppEntry['provisioning'],
  apps: Apps | null,
): AppEntry {
  if (provisioning === entry.provisioning) return entry;
  if (provisioning === 'standalone' || !apps || Object.hasOwn(apps.childApps, entry.bundle)) {
    return { ...entry, provisioning };
  }
  const first = Object.keys(apps.childApps)[0];
  return { ...entry, provisioning, bundle: first ?? entry.bundle };
}

/** True when the main apps hold a standalone white-label app, which child apps need. */
export function hasMainWhiteLabel(scenario: Scenario): boolean {
  return scenario.mainApps.some(
    (a) => a.bundle === WHITE_LABEL && a.provisioning === 'standalone' && a.count >= 1,
  );
}

export function hasChildApps(scenario: Scenario): boolean {
  return (
    scenario.mainApps.some((a) => a.provisioning === 'child') ||
    scenario.customers.some((c) => c.apps.some((a) => a.provisioning === 'child'))
  );
}

/** A new main app: one standalone White Label app. */
export function newMainApp(apps: Apps | null): AppEntry {
  const bundle = apps?.bundles.some((b) => b.id === WHITE_LABEL)
    ? WHITE_LABEL
    : (apps?.bundles[0]?.id ?? WHITE_LABEL);
  return { bundle, count: 1, usersPerApp: 10, provisioning: 'standalone' };
}

/**
 * A new customer app: a child app on the first child bundle when the main apps can provision
 * it, else a standalone app on the first bundle that is not White Label.
 */
export function newCustomerApp(scenario: Scenario, apps: Apps | null): AppEntry {
  const child = apps ? Object.keys(apps.childApps)[0] : undefined;
  if (child && hasMainWhiteLabel(scenario)) {
    return { bundle: child, count: 1, usersPerApp: 10, provisioning: 'child' };
  }
  const bundle =
    apps?.bundles.find((b) => b.id !== WHITE_LABEL)?.id ?? apps?.bundles[0]?.id ?? WHITE_LABEL;
  return { bundle, count: 1, usersPerApp: 10, provisioning: 'standalone' };
}

/** The quote's issues about entry `index` of the list at `path` (`mainApps[0].bundle`, …). */
export function entryIssues(
  issues: readonly QuoteIssue[],
  path: string,
  index: number,
): QuoteIssue[] {
  const at = `${path}[${index}]`;
  return issues.filter((i) => i.path === at || i.path.startsWith(`${at}.`));
}

/** The quote's issues about the list at `path` as a whole (not one of its entries). */
export function listIssues(issues: readonly QuoteIssue[], path: string): QuoteIssue[] {
  return issues.filter((i) => i.path === path);
}
