import { describe, expect, it } from 'vitest';
import { priceTiered, TieredPriceSchema, type TieredPrice } from '../../src/engine/index';

// PRICING.md §2: tiers ascend, `upTo` is inclusive, the last tier is unbounded; graduated prices
// each unit at its tier and adds the flat amount of every tier reached; volume prices the whole
// quantity at the tier the quantity falls in plus that tier's flat amount; quantity 0 costs 0.
// `priceTiered` returns the exact, unrounded amount (trailing zeros dropped).

/** Builds a tiered price and checks it is one the table schema accepts. */
function tiers(
  mode: TieredPrice['mode'],
  list: [upTo: number | null, unit: string, flat?: string][],
): TieredPrice {
  return TieredPriceSchema.parse({
    mode,
    tiers: list.map(([upTo, unitAmount, flatAmount]) =>
      flatAmount === undefined ? { upTo, unitAmount } : { upTo, unitAmount, flatAmount },
    ),
  });
}

describe('a single unbounded tier is a plain per-unit price', () => {
  for (const mode of ['graduated', 'volume'] as const) {
    it(`${mode}: 40 × 2.75 = 110, 1 × 2.75 = 2.75, 0 → 0`, () => {
      const perUnit = tiers(mode, [[null, '2.75']]);
      expect(priceTiered(40, perUnit)).toBe('110');
      expect(priceTiered(1, perUnit)).toBe('2.75');
      expect(priceTiered(0, perUnit)).toBe('0');
    });
  }

  it('keeps sub-cent unit prices exact (no rounding: 3 × 0.0156 = 0.0468)', () => {
    expect(priceTiered(3, tiers('graduated', [[null, '0.0156']]))).toBe('0.0468');
    expect(priceTiered(7, tiers('volume', [[null, '0.000001']]))).toBe('0.000007');
  });
});

describe('graduated', () => {
  // the white-label per-user price of the example table: 2.95 for users 1–100, 2.45 beyond
  const whiteLabelUsers = tiers('graduated', [
    [100, '2.95'],
    [null, '2.45'],
  ]);

  it('prices each unit at the tier it falls in', () => {
    expect(priceTiered(20, whiteLabelUsers)).toBe('59'); // 20 × 2.95
    expect(priceTiered(120, whiteLabelUsers)).toBe('344'); // 100 × 2.95 + 20 × 2.45 = 295 + 49
  });

  it('upTo is inclusive: unit 100 is still in the first tier, unit 101 is not', () => {
    expect(priceTiered(100, whiteLabelUsers)).toBe('295'); // 100 × 2.95
    expect(priceTiered(101, whiteLabelUsers)).toBe('297.45'); // 295 + 1 × 2.45
  });

  it('adds the flat amount of every tier reached, once each', () => {
    const withFlats = tiers('graduated', [
      [10, '1', '100'],
      [20, '0.5', '50'],
      [null, '0.25', '25'],
    ]);
    expect(priceTiered(1, withFlats)).toBe('101'); // 1 × 1 + 100
    expect(priceTiered(10, withFlats)).toBe('110'); // 10 × 1 + 100 (tier 2 not reached)
    expect(priceTiered(11, withFlats)).toBe('160.5'); // 10 + 100 + 1 × 0.5 + 50
    expect(priceTiered(20, withFlats)).toBe('165'); // 10 + 100 + 10 × 0.5 + 50
    expect(priceTiered(21, withFlats)).toBe('190.25'); // 165 + 1 × 0.25 + 25
  });

  it('quantity 0 costs 0, even with a flat amount on the first tier', () => {
    expect(priceTiered(0, tiers('graduated', [[null, '1', '100']]))).toBe('0');
    expect(priceTiered(0, whiteLabelUsers)).toBe('0');
  });

  it('a tier with only a flat amount charges the flat amount when reached', () => {
    const flatOnly = tiers('graduated', [
      [5, '0', '20'],
      [null, '3'],
    ]);
    expect(priceTiered(3, flatOnly)).toBe('20');
    expect(priceTiered(5, flatOnly)).toBe('20');
    expect(priceTiered(6, flatOnly)).toBe('23');
  });
});

describe('volume', () => {
  // the full-feature per-user price of the example table: 2.50 for 1–50 users; from 51 users
  // every user at 2.10 plus a flat 15
  const fullFeatureUsers = tiers('volume', [
    [50, '2.50'],
    [null, '2.10', '15.00'],
  ]);

  it('prices the whole quantity at the tier the quantity falls in, plus that tier’s flat', () => {
    expect(priceTiered(40, fullFeatureUsers)).toBe('100'); // 40 × 2.50
    expect(priceTiered(60, fullFeatureUsers)).toBe('141'); // 60 × 2.10 + 15
  });

  it('upTo is inclusive: 50 users are at 2.50, 51 users all at 2.10 + 15', () => {
    expect(priceTiered(50, fullFeatureUsers)).toBe('125'); // 50 × 2.50
    expect(priceTiered(51, fullFeatureUsers)).toBe('122.1'); // 51 × 2.10 + 15 (cheaper than 50)
  });

  it('adds only the flat amount of the tier the quantity falls in', () => {
    const withFlats = tiers('volume', [
      [10, '1', '100'],
      [20, '0.5', '50'],
      [null, '0.25', '25'],
    ]);
    expect(priceTiered(10, withFlats)).toBe('110'); // 10 × 1 + 100
    expect(priceTiered(11, withFlats)).toBe('55.5'); // 11 × 0.5 + 50
    expect(priceTiered(21, withFlats)).toBe('30.25'); // 21 × 0.25 + 25
  });

  it('quantity 0 costs 0, even with a flat amount on the first tier', () => {
    expect(priceTiered(0, tiers('volume', [[null, '1', '100']]))).toBe('0');
    expect(priceTiered(0, fullFeatureUsers)).toBe('0');
  });
});

describe('input checks', () => {
  it('rejects a fractional or negative quantity', () => {
    const perUnit = tiers('graduated', [[null, '1']]);
    expect(() => priceTiered(1.5, perUnit)).toThrow(RangeError);
    expect(() => priceTiered(-1, perUnit)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// The worked examples Stripe and Lago publish, reproduced with our tiers. Stripe and Lago start
// their first tier at unit 1 (Stripe) or 0 (Lago); ours covers 1..upTo, which prices the same
// for every quantity ≥ 1.
// ---------------------------------------------------------------------------------------------

describe('Stripe’s published examples', () => {
  // https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing
  // "Typographic": fonts 1–5 at 7 USD, 6–10 at 6.5 USD, 11+ at 6 USD.
  const typographic = (mode: TieredPrice['mode']) =>
    tiers(mode, [
      [5, '7'],
      [10, '6.5'],
      [null, '6'],
    ]);

  // https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing#volume-based-pricing
  // Volume table: 1 → 7, 5 → 35, 6 → 39 (6 × 6.5), 20 → 120 (20 × 6), 25 → 150 (25 × 6).
  it.each([
    [1, '7'],
    [5, '35'],
    [6, '39'],
    [20, '120'],
    [25, '150'],
  ])('volume (tiers_mode=volume): %i fonts cost %s USD', (quantity, total) => {
    expect(priceTiered(quantity, typographic('volume'))).toBe(total);
  });

  // https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing#graduated-pricing
  // Graduated table: 1 → 7, 5 → 35, 6 → 41.5 (35 + 6.5), 20 → 127.5 (35 + 32.5 + 10 × 6),
  // 25 → 157.5 (35 + 32.5 + 15 × 6).
  it.each([
    [1, '7'],
    [5, '35'],
    [6, '41.5'],
    [20, '127.5'],
    [25, '157.5'],
  ])('graduated (tiers_mode=graduated): %i fonts cost %s USD', (quantity, total) => {
    expect(priceTiered(quantity, typographic('graduated'))).toBe(total);
  });

  // https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing (section "Add a flat rate")
  // 1–5: 5 USD + flat 10 · 6–10: 4 USD + flat 20 · 11–15: 3 USD + flat 30 · 16–20: 2 USD + flat 40
  // · 21+: 1 USD + flat 50.
  const flatRate = (mode: TieredPrice['mode']) =>
    tiers(mode, [
      [5, '5', '10'],
      [10, '4', '20'],
      [15, '3', '30'],
      [20, '2', '40'],
      [null, '1', '50'],
    ]);

  it('flat rate, volume: quantity 12 → 12 × 3 USD + 30 USD = 66 USD', () => {
    expect(priceTiered(12, flatRate('volume'))).toBe('66');
  });

  it('flat rate, graduated: quantity 12 → (5 × 5 + 10) + (5 × 4 + 20) + (2 × 3 + 30) = 111 USD', () => {
    expect(priceTiered(12, flatRate('graduated'))).toBe('111');
  });

  it('quantity 0: Stripe bills the first flat rate (10 USD); our contract bills 0', () => {
    // Stripe: "If quantity is 0, the total amount is 10 USD regardless of the tiered pricing
    // model used." PRICING.md §2 deliberately differs: quantity 0 costs 0 in both modes.
    expect(priceTiered(0, flatRate('volume'))).toBe('0');
    expect(priceTiered(0, flatRate('graduated'))).toBe('0');
    // From quantity 1 the first flat rate is billed as Stripe does: 1 × 5 + 10 = 15
    expect(priceTiered(1, flatRate('volume'))).toBe('15');
    expect(priceTiered(1, flatRate('graduated'))).toBe('15');
  });
});

describe('Lago’s published examples', () => {
  // https://getlago.com/docs/guide/plans/charges/charge-models/volume
  // Tier 1: 0–10,000 at 0.0010 + 10 · Tier 2: 10,001–50,000 at 0.0008 + 10 ·
  // Tier 3: 50,001–100,000 at 0.0006 + 10 · Tier 4: 100,001+ at 0.0004 + 10.
  // "65,000 API calls would cost 65,000 x $0.0006 + $10 = $49."
  it('volume: 65,000 API calls cost 65,000 × 0.0006 + 10 = 49', () => {
    const lagoVolume = tiers('volume', [
      [10_000, '0.0010', '10'],
      [50_000, '0.0008', '10'],
      [100_000, '0.0006', '10'],
      [null, '0.0004', '10'],
    ]);
    expect(priceTiered(65_000, lagoVolume)).toBe('49');
    // and at the tier boundaries (upTo inclusive): 50,000 × 0.0008 + 10 = 50; 50,001 × 0.0006 + 10
    expect(priceTiered(50_000, lagoVolume)).toBe('50');
    expect(priceTiered(50_001, lagoVolume)).toBe('40.0006');
  });

  // https://getlago.com/docs/guide/plans/charges/charge-models/graduated
  // "You could charge $1 per unit for the first 100 units (first 100 API calls), then $0.50 per
  // unit for the next 100 calls and finally, $0.10 for any additional unit." The page gives the
  // tiers without totals; the totals below are that rule applied.
  it('graduated: 1 per unit for 1–100, 0.50 for 101–200, 0.10 beyond', () => {
    const lagoGraduated = tiers('graduated', [
      [100, '1'],
      [200, '0.50'],
      [null, '0.10'],
    ]);
    expect(priceTiered(100, lagoGraduated)).toBe('100'); // 100 × 1
    expect(priceTiered(150, lagoGraduated)).toBe('125'); // 100 + 50 × 0.50
    expect(priceTiered(250, lagoGraduated)).toBe('155'); // 100 + 100 × 0.50 + 50 × 0.10
  });

  // https://getlago.com/docs/guide/plans/charges/charge-models/graduated-percentage
  // Tier 1: 0–1,000 at 1 % + flat 200 · Tier 2: 1,001–10,000 at 2 % + flat 300 ·
  // Tier 3: 10,001+ at 3 % + flat 400. Three transactions of 500, 550 and 4,000 cost 205.00,
  // 306.00 and 80.00: each is the increase of the graduated price of the running total
  // (a unit is one currency unit of volume, priced at the tier's rate).
  it('graduated with flat fees: Lago’s 205 / 306 / 80 are increments of the running total', () => {
    const lagoPercentage = tiers('graduated', [
      [1000, '0.01', '200'],
      [10_000, '0.02', '300'],
      [null, '0.03', '400'],
    ]);
    // running totals 500, 1,050, 5,050
    expect(priceTiered(500, lagoPercentage)).toBe('205'); // 500 × 1 % + 200
    expect(priceTiered(1050, lagoPercentage)).toBe('511'); // 1000 × 1 % + 50 × 2 % + 200 + 300
    expect(priceTiered(5050, lagoPercentage)).toBe('591'); // 10 + 4050 × 2 % + 500
    // 205 − 0 = 205.00 · 511 − 205 = 306.00 · 591 − 511 = 80.00, as Lago publishes
    const at = (q: number) => Number(priceTiered(q, lagoPercentage));
    expect([at(500) - at(0), at(1050) - at(500), at(5050) - at(1050)]).toEqual([205, 306, 80]);
  });
});
