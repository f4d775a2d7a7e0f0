/**
 * One priced deal per scenario (ADR 024): the quote of a scenario on its table, and the figures
 * derived from it — the price waterfall of the deal and of each line, the white-label volume
 * saving, the PAYG break-even curve of each PAYG line — each computed once, on first use, and
 * shared by every view that shows it (the Results charts, the vendor's proposal and the internal
 * report).
 *
 * The engine computes these figures from the scenario and the table, not from the quote alone:
 * the waterfall and the volume saving are differences of what-if quotes on edited copies of the
 * table (ADR 009, 011), and the PAYG curve plans the line again. So the deal holds the scenario,
 * the table and the options the quote was priced with, and a view asks the deal rather than
 * calling the engine itself: the figures are priced once per scenario change, on the quote's own
 * date and table hash, and no view can price them on another.
 */
import {
  isPriced,
  paygBreakEven,
  priceWaterfall,
  whiteLabelVolume,
  type PaygBreakEven,
  type PricedQuote,
  type PriceTable,
  type PriceWaterfall,
  type Quote,
  type QuoteOptions,
  type Scenario,
  type WhiteLabelVolume,
} from '../engine/index';

export interface PricedDeal {
  readonly scenario: Scenario;
  readonly table: PriceTable;
  /** What the quote was priced with: its date and the table file's hash. */
  readonly options: QuoteOptions;
  readonly quote: PricedQuote;
  /** The waterfall of the whole deal (no id) or of the customer line `customerId`. */
  waterfall(customerId?: string | null): PriceWaterfall | null;
  /** The white-label volume tier reached and what the next one would save. */
  volume(): WhiteLabelVolume | null;
  /** The PAYG line `lineId` against every term; null for a line that is not PAYG. */
  paygCurve(lineId: string): PaygBreakEven | null;
}

/** Computes `compute(key)` once per key. */
function once<K, V>(compute: (key: K) => V): (key: K) => V {
  const values = new Map<K, V>();
  return (key) => {
    if (!values.has(key)) values.set(key, compute(key));
    return values.get(key) as V;
  };
}

const deals = new WeakMap<Quote, PricedDeal>();

/**
 * The priced deal of `quote`, which is `calculateQuote(scenario, table, options)`; null when
 * an error stopped the quote (nothing is priced, so nothing derives from it). The same quote
 * object gives the same deal, so views handed one quote share its derived figures.
 */
export function pricedDeal(
  scenario: Scenario,
  table: PriceTable,
  quote: PricedQuote,
  options: QuoteOptions,
): PricedDeal;
export function pricedDeal(
  scenario: Scenario,
  table: PriceTable,
  quote: Quote,
  options: QuoteOptions,
): PricedDeal | null;
export function pricedDeal(
  scenario: Scenario,
  table: PriceTable,
  quote: Quote,
  options: QuoteOptions,
): PricedDeal | null {
  if (!isPriced(quote)) return null;
  const known = deals.get(quote);
  if (
    known &&
    known.scenario === scenario &&
    known.table === table &&
    known.options.today === options.today &&
    known.options.tableSha256 === options.tableSha256
  ) {
    return known;
  }
  const waterfall = once((id: string | null) => priceWaterfall(scenario, table, options, id));
  const volume = once(() => whiteLabelVolume(scenario, table, options));
  const paygCurve = once((lineId: string) => paygBreakEven(scenario, table, lineId));
  const deal: PricedDeal = {
    scenario,
    table,
    options,
    quote,
    waterfall: (customerId) => waterfall(customerId ?? null),
    volume: () => volume(undefined),
    paygCurve,
  };
  deals.set(quote, deal);
  return deal;
}
