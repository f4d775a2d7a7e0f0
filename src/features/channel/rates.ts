import { effectiveCommission, type CommissionSource, type Scenario } from '../../engine/index';

type Channel = Scenario['channel'];
type Partner = Channel['partners'][number];
type Distributor = Channel['distributors'][number];

/** Where a partner's commission rate comes from (PRICING.md §5 step 5). */
export type RateSource = CommissionSource;

export interface PartnerRate {
  /** The partner's effective commission %, a decimal string ("0" when no rate is set). */
  readonly pct: string;
  readonly source: RateSource;
  /** The partner's distributor, when it has one in the list. */
  readonly distributor: Distributor | null;
  /** The distributor's own commission % on the same revenue; null without one. */
  readonly distributorPct: string | null;
}

/** How a distributor or partner is called: its name, else its id. */
export function displayName(party: { id: string; name: string }): string {
  return party.name.trim() === '' ? party.id : party.name;
}

/**
 * A partner's rate exactly as the engine takes it: the engine's own resolution
 * (`effectiveCommission`), with "0" for no rate, as the quote takes it.
 */
export function partnerRate(
  partner: Pick<Partner, 'distributorId' | 'commissionPct'>,
  distributors: readonly Distributor[],
): PartnerRate {
  const rates = effectiveCommission(partner, distributors);
  return {
    pct: rates.partnerPct ?? '0',
    source: rates.source,
    distributor: rates.distributor,
    distributorPct: rates.distributorPct,
  };
}

/** "11.5 % — its own rate", "8 % — inherited from Northern Distribution", "0 % — no rate set". */
export function describeRate(rate: PartnerRate): string {
  const where =
    rate.source === 'own'
      ? 'its own rate'
      : rate.source === 'distributor' && rate.distributor
        ? `inherited from ${displayName(rate.distributor)}`
        : 'no rate set';
  return `${rate.pct} % — ${where}`;
}

/** "plus 3 % to Northern Distribution", when the partner's distributor takes a commission. */
export function describeDistributorRate(rate: PartnerRate): string | null {
  if (rate.distributor === null || rate.distributorPct === null) return null;
  return `plus ${rate.distributorPct} % to ${displayName(rate.distributor)}`;
}
