/**
 * The channel as the documents show it: each distributor and partner with its commission rate,
 * where the rate comes from, and what it earns by month and by customer line. The amounts are
 * the engine's: `customerSeries` records each line's partner and distributor commissions from
 * the quote's own month loop, so a party's total is a sum of the quote's own figures.
 */
import { customerSeries, type CustomerLine, type CustomerSeries } from '../../engine/index';
import { sumDecimals } from '../decimal';
import type { DocContext } from './types';

export type PartyRole = 'distributor' | 'partner';

export interface PartyLine {
  readonly line: CustomerLine;
  readonly series: CustomerSeries;
  /** The partner the line is sold through (a distributor's statement names it). */
  readonly partnerName: string;
  /** The party's commission on this line over the horizon. */
  readonly commission: string;
  /** The party's commission on this line, month by month (index 0 = month 1). */
  readonly monthly: readonly string[];
}

export interface Party {
  readonly id: string;
  readonly name: string;
  readonly role: PartyRole;
  /** A partner's distributor (null for a distributor or a partner without one). */
  readonly distributorName: string | null;
  /** The rate applied, as the scenario writes percents ("10"), or null when none is set. */
  readonly ratePct: string | null;
  /** Where the rate comes from, in words. */
  readonly source: string;
  readonly lines: readonly PartyLine[];
  /** Commission by month of the horizon, summed over the party's lines. */
  readonly byMonth: readonly string[];
  readonly total: string;
}

/** The rate and its source, as the engine applies them (lines.ts `commissionRates`). */
function rateOf(
  ctx: DocContext,
  role: PartyRole,
  id: string,
): { ratePct: string | null; source: string; distributorName: string | null } {
  const { distributors, partners } = ctx.scenario.channel;
  if (role === 'distributor') {
    const d = distributors.find((x) => x.id === id)!;
    return d.commissionPct === null
      ? { ratePct: null, source: 'No rate set: no commission', distributorName: null }
      : { ratePct: d.commissionPct, source: "The distributor's own rate", distributorName: null };
  }
  const p = partners.find((x) => x.id === id)!;
  const d =
    p.distributorId === null ? undefined : distributors.find((x) => x.id === p.distributorId);
  const distributorName = d?.name ?? null;
  if (p.commissionPct !== null) {
    return { ratePct: p.commissionPct, source: "The partner's own rate", distributorName };
  }
  if (d && d.partnerCommissionPct !== null) {
    return {
      ratePct: d.partnerCommissionPct,
      source: `${d.name}'s rate for its partners`,
      distributorName,
    };
  }
  return { ratePct: null, source: 'No rate set: no commission', distributorName };
}

/**
 * Every distributor and partner of the scenario with its commissions (distributors first, in
 * the scenario's order, then partners). `only` limits it to one party (a statement).
 */
export function channelParties(ctx: DocContext, only?: string): Party[] {
  const { scenario, table, options, digits } = ctx;
  const { distributors, partners } = scenario.channel;
  const partnerById = new Map(partners.map((p) => [p.id, p]));
  const wanted = [
    ...distributors.map((d) => ({ id: d.id, name: d.name, role: 'distributor' as const })),
    ...partners.map((p) => ({ id: p.id, name: p.name, role: 'partner' as const })),
  ].filter((p) => only === undefined || p.id === only);
  if (wanted.length === 0) return [];

  const serves = (party: { id: string; role: PartyRole }, line: CustomerLine) => {
    if (line.partnerId === null) return false;
    if (party.role === 'partner') return line.partnerId === party.id;
    return partnerById.get(line.partnerId)?.distributorId === party.id;
  };
  const lineIds = scenario.customers
    .filter((line) => wanted.some((p) => serves(p, line)))
    .map((line) => line.id);
  const series =
    lineIds.length === 0 ? [] : (customerSeries(scenario, table, options, lineIds) ?? []);
  const seriesById = new Map(series.map((s) => [s.customerId, s]));
  const zero = sumDecimals([], digits);

  return wanted.map((party) => {
    const lines = scenario.customers.flatMap((line): PartyLine[] => {
      const s = seriesById.get(line.id);
      if (!s || !serves(party, line)) return [];
      const pick = (m: CustomerSeries['months'][number]) =>
        party.role === 'partner' ? m.partnerCommission : m.distributorCommission;
      return [
        {
          line,
          series: s,
          partnerName: partnerById.get(line.partnerId ?? '')?.name ?? '',
          commission:
            party.role === 'partner' ? s.totals.partnerCommission : s.totals.distributorCommission,
          monthly: s.months.map(pick),
        },
      ];
    });
    const byMonth = scenario.customers.length
      ? Array.from({ length: scenario.horizonMonths }, (_, i) =>
          sumDecimals(
            lines.map((l) => l.monthly[i] ?? zero),
            digits,
          ),
        )
      : [];
    return {
      ...party,
      ...rateOf(ctx, party.role, party.id),
      lines,
      byMonth,
      total: sumDecimals(
        lines.map((l) => l.commission),
        digits,
      ),
    };
  });
}

/** "Bluepeak Distribution (distributor)", "Harbourline IT (partner of Bluepeak Distribution)". */
export function partyLabel(p: Pick<Party, 'name' | 'role' | 'distributorName'>): string {
  if (p.role === 'distributor') return `${p.name} (distributor)`;
  return p.distributorName === null
    ? `${p.name} (partner)`
    : `${p.name} (partner of ${p.distributorName})`;
}
