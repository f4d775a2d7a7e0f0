import type { Quote, Scenario } from '../engine/index';
import { fractionDigits, subtractDecimals } from './decimal';
import { resultKpis, type Kpi, type KpiValue } from './kpis';

/** One KPI of two scenarios side by side, with B − A where that is a number. */
export interface KpiComparison {
  readonly id: Kpi['id'];
  readonly label: string;
  readonly a: KpiValue;
  readonly b: KpiValue;
  /**
   * B − A: an exact decimal amount for money, percentage points for a percent, months for the
   * break-even; null when either side has no value or the currencies differ.
   */
  readonly difference: string | null;
}

export interface QuoteComparison {
  /** False when the two quotes are in different currencies: amounts are not subtracted. */
  readonly sameCurrency: boolean;
  readonly kpis: readonly KpiComparison[];
  /** Monthly margin of each, aligned on the calendar month (a period either may lack). */
  readonly margins: readonly { period: string; a: string | null; b: string | null }[];
}

function difference(a: KpiValue, b: KpiValue, sameCurrency: boolean): string | null {
  if (a.kind === 'money' && b.kind === 'money') {
    if (!sameCurrency) return null;
    const digits = Math.max(fractionDigits(a.amount), fractionDigits(b.amount));
    return subtractDecimals(b.amount, a.amount, digits);
  }
  if (a.kind === 'percent' && b.kind === 'percent') {
    if (a.pct === null || b.pct === null) return null;
    return subtractDecimals(b.pct, a.pct, 2);
  }
  if (a.kind === 'month' && b.kind === 'month') {
    return a.month === null || b.month === null ? null : String(b.month - a.month);
  }
  return null;
}

/** The KPIs of two quotes and their differences, and their monthly margins; null if either has no totals. */
export function compareQuotes(a: Quote, b: Quote): QuoteComparison | null {
  const ka = resultKpis(a);
  const kb = resultKpis(b);
  if (!ka || !kb) return null;
  const sameCurrency = a.currency === b.currency;
  const kpis = ka.map((kpi, i) => {
    const other = kb[i]!;
    return {
      id: kpi.id,
      label: kpi.label,
      a: kpi.value,
      b: other.value,
      difference: difference(kpi.value, other.value, sameCurrency),
    };
  });
  const byPeriod = new Map<string, { a: string | null; b: string | null }>();
  for (const m of a.months) byPeriod.set(m.period, { a: m.margin, b: null });
  for (const m of b.months) {
    const row = byPeriod.get(m.period);
    if (row) row.b = m.margin;
    else byPeriod.set(m.period, { a: null, b: m.margin });
  }
  const margins = [...byPeriod.entries()]
    .sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))
    .map(([period, v]) => ({ period, ...v }));
  return { sameCurrency, kpis, margins };
}

/** One difference between two scenarios' inputs, in words a sales engineer reads. */
export interface InputDifference {
  /** What differs: "Horizon", "Customer line Müller GmbH: count". */
  readonly what: string;
  readonly a: string;
  readonly b: string;
}

const show = (value: unknown): string =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/**
 * How two scenarios' inputs differ: the deal's settings, the platform, the channel and pricing,
 * and the customer lines matched by id (added, removed, or which fields changed).
 */
export function scenarioDifferences(a: Scenario, b: Scenario): InputDifference[] {
  const out: InputDifference[] = [];
  const field = (what: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ what, a: show(x), b: show(y) });
  };
  field('Title', a.title, b.title);
  field(
    'Price table',
    `${a.priceTable.product} ${a.priceTable.currency} ${a.priceTable.version}`,
    `${b.priceTable.product} ${b.priceTable.currency} ${b.priceTable.version}`,
  );
  field('Start month', a.startPeriod, b.startPeriod);
  field('Horizon (months)', a.horizonMonths, b.horizonMonths);
  field('Environment', a.platform.environment, b.platform.environment);
  field('Appliance', a.platform.appliance, b.platform.appliance);
  field('High availability', a.platform.highAvailability, b.platform.highAvailability);
  field('Headroom %', a.platform.headroomPct, b.platform.headroomPct);
  field('Own infrastructure cost', a.platform.infraCostMonthly, b.platform.infraCostMonthly);
  field('Default markup %', a.pricing.defaultMarkupPct, b.pricing.defaultMarkupPct);
  field('Minimum margin %', a.pricing.minMarginPct, b.pricing.minMarginPct);
  field('Main apps', a.mainApps, b.mainApps);
  field(
    'Distributors',
    a.channel.distributors.map((d) => d.name || d.id).join(', '),
    b.channel.distributors.map((d) => d.name || d.id).join(', '),
  );
  field(
    'Partners',
    a.channel.partners.map((p) => p.name || p.id).join(', '),
    b.channel.partners.map((p) => p.name || p.id).join(', '),
  );
  const inB = new Map(b.customers.map((c) => [c.id, c]));
  const inA = new Set(a.customers.map((c) => c.id));
  for (const line of a.customers) {
    const other = inB.get(line.id);
    const name = line.name || line.id;
    if (!other) {
      out.push({ what: `Customer line ${name}`, a: 'present', b: 'absent' });
      continue;
    }
    for (const key of [
      'name',
      'count',
      'startMonth',
      'endMonth',
      'partnerId',
      'license',
      'sell',
      'apps',
    ] as const) {
      field(`Customer line ${name}: ${key}`, line[key], other[key]);
    }
  }
  for (const line of b.customers) {
    if (!inA.has(line.id)) {
      out.push({ what: `Customer line ${line.name || line.id}`, a: 'absent', b: 'present' });
    }
  }
  return out;
}
