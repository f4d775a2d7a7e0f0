import type { Scenario } from '../../engine/index';

type Channel = Scenario['channel'];
type Partner = Channel['partners'][number];
type Distributor = Channel['distributors'][number];

/** Where a partner's commission rate comes from (PRICING.md §5 step 5). */
export type RateSource = 'own' | 'distributor' | 'none';

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
 * A partner's rate exactly as the engine takes it: `partner.commissionPct ??
 * distributor.partnerCommissionPct ?? 0`; its distributor's own rate is
 * `distributor.commissionPct ?? 0`, and only when the partner has a distributor.
 */
export function partnerRate(
  partner: Pick<Partner, 'distributorId' | 'commissionPct'>,
  distributors: readonly Distributor[],
): PartnerRate {
  const distributor =
    partner.distributorId === null
      ? null
      : (distributors.find((d) => d.id === partner.distributorId) ?? null);
  const distributorPct = distributor?.commissionPct ?? null;
  if (partner.commissionPct !== null) {
    return { pct: partner.commissionPct, source: 'own', distributor, distributorPct };
  }
  if (distributor && distributor.partnerCommissionPct !== null) {
    return {
      pct: distributor.partnerCommissionPct,
      source: 'distributor',
      distributor,
      distributorPct,
    };
  }
  return { pct: '0', source: 'none', distributor, distributorPct };
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

/**
 * The exact sum of decimal amounts that share one number of decimals (a
 * quote's amounts all have the currency's minor digits): added as BigInt minor
 * units, never as floats.
 */
export function sumAmounts(amounts: readonly string[], decimals: number): string {
  let total = 0n;
  for (const amount of amounts) {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
    if (!match) throw new Error(`not a decimal amount: ${amount}`);
    const [, sign, whole, fraction = ''] = match;
    if (fraction.length > decimals) throw new Error(`more than ${decimals} decimals: ${amount}`);
    const minor = BigInt(whole! + fraction.padEnd(decimals, '0'));
    total += sign === '-' ? -minor : minor;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}

/** The decimals of a quote amount ("12.50" → 2). */
export function decimalsOf(amount: string): number {
  const dot = amount.indexOf('.');
  return dot === -1 ? 0 : amount.length - dot - 1;
}
