import type { CustomerLine, License, PriceTable, Scenario } from '../../engine/index';
import { CustomerLineSchema } from '../../engine/schema/scenario';

type Service = PriceTable['service'];

/** The calendar months, January first: the order of a seasonal profile (PRICING.md §4). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The first id `prefix`1, `prefix`2, … not taken by a line. */
export function freshLineId(lines: readonly { id: string }[], prefix = 'c'): string {
  const ids = new Set(lines.map((l) => l.id));
  let n = lines.length + 1;
  while (ids.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/** A number when the text is one, else the text itself (so the schema reports it). */
export function numberInput(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed === '' || !Number.isFinite(n) ? text : n;
}

/**
 * The same line on the other license model: fixed-term on a 12-month term that
 * renews (and no end month, which fixed-term lines cannot have), or PAYG at 730
 * hours a month with no conversion.
 */
export function withModel(line: CustomerLine, model: License['model']): CustomerLine {
  const { bandwidth, bundle, vServices } = line.license;
  if (model === line.license.model) return line;
  return model === 'fixed-term'
    ? {
        ...line,
        endMonth: null,
        license: { model, bandwidth, bundle, vServices, termMonths: 12, renew: true },
      }
    : {
        ...line,
        license: { model, bandwidth, bundle, vServices, hoursPerMonth: 730, convertTo: null },
      };
}

/** A new fixed-term line on the table's first bundle and bandwidth. */
export function newLine(lines: readonly CustomerLine[], service: Service | null): CustomerLine {
  const bundle = service?.bundles[0];
  const id = freshLineId(lines);
  return {
    id,
    name: `Customer ${lines.length + 1}`,
    count: 1,
    startMonth: 1,
    endMonth: null,
    partnerId: null,
    license: {
      model: 'fixed-term',
      bandwidth: service?.bandwidthTiers[0]?.id ?? '',
      bundle: bundle?.id ?? '',
      vServices: bundle?.includedVServices ?? 0,
      termMonths: service?.fixedTerm.terms.some((t) => t.months === 12)
        ? 12
        : (service?.fixedTerm.terms[0]?.months ?? 12),
      renew: true,
    },
    sell: null,
    apps: [],
  };
}

/** The scenario with line `index` duplicated right after it (a new id, name + " (copy)"). */
export function duplicateLine(scenario: Scenario, index: number): Scenario {
  const source = scenario.customers[index];
  if (!source) return scenario;
  const copy: CustomerLine = {
    ...structuredClone(source),
    id: freshLineId(scenario.customers),
    name: `${source.name} (copy)`.slice(0, 1000),
  };
  const customers = [...scenario.customers];
  customers.splice(index + 1, 0, copy);
  return { ...scenario, customers };
}

export function removeLine(scenario: Scenario, index: number): Scenario {
  if (!scenario.customers[index]) return scenario;
  return { ...scenario, customers: scenario.customers.filter((_, i) => i !== index) };
}

/** The scenario with line `index` swapped with its neighbour `index + by` (by = ±1). */
export function moveLine(scenario: Scenario, index: number, by: -1 | 1): Scenario {
  const target = index + by;
  const a = scenario.customers[index];
  const b = scenario.customers[target];
  if (!a || !b) return scenario;
  const customers = [...scenario.customers];
  customers[index] = b;
  customers[target] = a;
  return { ...scenario, customers };
}

export type LineCheck =
  | { readonly ok: true; readonly line: CustomerLine }
  | { readonly ok: false; readonly message: string };

/** A candidate line checked against `CustomerLineSchema`: the line, or its first problem. */
export function checkLine(candidate: unknown): LineCheck {
  const parsed = CustomerLineSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, line: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'is not valid' };
}

/** The scenario with the line of id `id` replaced. */
export function replaceLine(scenario: Scenario, id: string, line: CustomerLine): Scenario {
  return {
    ...scenario,
    customers: scenario.customers.map((c) => (c.id === id ? line : c)),
  };
}
