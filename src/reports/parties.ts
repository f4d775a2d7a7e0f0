/**
 * What every party earns from one deal (docs/decisions/034-party-split.md): the deal's revenue
 * split into the vendor, the MSP's own infrastructure, each distributor, each partner and the
 * MSP's margin, for the deal and month by month.
 *
 * Every figure is taken from the quote or from the engine's line series, never re-priced: the
 * vendor's part is the month's cost less the MSP's infrastructure (`cash.outInfra`, which the
 * engine books in the same month as the cost), each partner's and distributor's part the sum of
 * their lines' commissions, and the MSP keeps the month's margin. Since the engine's margin is
 * revenue − cost − commissions, the parts add up to the revenue to the minor unit, with no
 * rounding of their own.
 */
import {
  formatScaled,
  minorDigitsOf,
  type CustomerSeries,
  type PricedQuote,
  type Scenario,
} from '../engine/index';

export type PartyKind = 'vendor' | 'infrastructure' | 'distributor' | 'partner' | 'msp';

/** One customer line a channel party earns on. */
export interface PartyLine {
  readonly customerId: string;
  readonly name: string;
  /** The line's index in `scenario.customers`. */
  readonly index: number;
  readonly revenue: string;
  /** What this party earns on the line over the horizon. */
  readonly earns: string;
}

export interface PartyShare {
  readonly kind: PartyKind;
  /** The party's id (a distributor's or partner's); the kind for the others. */
  readonly id: string;
  readonly name: string;
  /** Over the horizon, in the currency's minor digits. */
  readonly total: string;
  /** Month 1 first, one per month of the horizon. */
  readonly months: string[];
  /** The customer lines a partner or distributor earns on (empty for the others). */
  readonly lines: PartyLine[];
  /** A distributor's partners (ids); empty for the others. */
  readonly partnerIds: string[];
  /** A partner's distributor (id), or null. */
  readonly distributorId: string | null;
}

export interface PartySplit {
  readonly currency: string;
  /** The deal's revenue: the sum of every part's total. */
  readonly revenue: string;
  /** Each month's revenue: the sum of every part's month. */
  readonly months: string[];
  /** Vendor, infrastructure, the distributors, the partners (scenario order), the MSP. */
  readonly parts: PartyShare[];
}

/** A money string in minor units, as a bigint (exact whatever the sum). */
function minor(text: string, digits: number): bigint {
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(int + frac.padEnd(digits, '0').slice(0, digits));
  return negative ? -value : value;
}

/**
 * The party split of a priced quote. `series` is `customerSeries` of every line of the same
 * scenario, table and options as the quote.
 */
export function partySplit(
  scenario: Scenario,
  quote: PricedQuote,
  series: readonly CustomerSeries[],
): PartySplit {
  const digits = minorDigitsOf(quote.currency);
  const money = (v: bigint) => formatScaled(v, digits);
  const m = (t: string) => minor(t, digits);
  const H = quote.months.length;
  const zeros = () => Array.from({ length: H }, () => 0n);

  const vendor = zeros();
  const infra = zeros();
  const msp = zeros();
  const revenue = zeros();
  quote.months.forEach((month, i) => {
    const c = month.cost;
    const cost = m(c.fixedTerm) + m(c.payg) + m(c.apps) + m(c.platform);
    infra[i] = m(month.cash.outInfra);
    vendor[i] = cost - infra[i]!;
    msp[i] = m(month.margin);
    revenue[i] = m(month.revenue);
  });

  const { partners, distributors } = scenario.channel;
  const partnerMonths = new Map(partners.map((p) => [p.id, zeros()]));
  const distributorMonths = new Map(distributors.map((d) => [d.id, zeros()]));
  const partnerLines = new Map<string, PartyLine[]>(partners.map((p) => [p.id, []]));
  const distributorLines = new Map<string, PartyLine[]>(distributors.map((d) => [d.id, []]));
  const distributorOf = new Map(partners.map((p) => [p.id, p.distributorId]));

  for (const line of series) {
    const scenarioLine = scenario.customers[line.index]!;
    const partnerId = scenarioLine.partnerId;
    if (partnerId === null) continue;
    const pMonths = partnerMonths.get(partnerId);
    const distributorId = distributorOf.get(partnerId) ?? null;
    const dMonths = distributorId === null ? undefined : distributorMonths.get(distributorId);
    let pSum = 0n;
    let dSum = 0n;
    line.months.forEach((month, i) => {
      const p = m(month.partnerCommission);
      const d = m(month.distributorCommission);
      pSum += p;
      dSum += d;
      if (pMonths) pMonths[i]! += p;
      if (dMonths) dMonths[i]! += d;
    });
    const base = {
      customerId: line.customerId,
      name: scenarioLine.name,
      index: line.index,
      revenue: line.totals.revenue,
    };
    partnerLines.get(partnerId)?.push({ ...base, earns: money(pSum) });
    if (distributorId !== null) {
      distributorLines.get(distributorId)?.push({ ...base, earns: money(dSum) });
    }
  }

  const share = (
    kind: PartyKind,
    id: string,
    name: string,
    months: readonly bigint[],
    extra: Partial<Pick<PartyShare, 'lines' | 'partnerIds' | 'distributorId'>> = {},
  ): PartyShare => ({
    kind,
    id,
    name,
    total: money(months.reduce((a, b) => a + b, 0n)),
    months: months.map(money),
    lines: extra.lines ?? [],
    partnerIds: extra.partnerIds ?? [],
    distributorId: extra.distributorId ?? null,
  });

  const parts: PartyShare[] = [
    share('vendor', 'vendor', 'Vendor (licenses, apps, platform)', vendor),
    share('infrastructure', 'infrastructure', 'Infrastructure (the MSP’s own cost)', infra),
    ...distributors.map((d) =>
      share('distributor', d.id, d.name, distributorMonths.get(d.id)!, {
        lines: distributorLines.get(d.id)!,
        partnerIds: partners.filter((p) => p.distributorId === d.id).map((p) => p.id),
      }),
    ),
    ...partners.map((p) =>
      share('partner', p.id, p.name, partnerMonths.get(p.id)!, {
        lines: partnerLines.get(p.id)!,
        distributorId: p.distributorId,
      }),
    ),
    share('msp', 'msp', 'MSP margin', msp),
  ];
  return {
    currency: quote.currency,
    revenue: money(revenue.reduce((a, b) => a + b, 0n)),
    months: revenue.map(money),
    parts,
  };
}
