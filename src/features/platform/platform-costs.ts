import {
  platformSeries,
  type PlatformSeriesMonth,
  type PriceTable,
  type QuoteOptions,
  type Scenario,
} from '../../engine/index';
import { sumDecimals } from '../../reports/decimal';

export type PlatformCostMonth = PlatformSeriesMonth;

export interface PlatformCosts {
  readonly months: readonly PlatformCostMonth[];
  /** The sums over the horizon, by part. */
  readonly totals: Omit<PlatformCostMonth, 'month' | 'period'>;
}

const PARTS = ['appliances', 'support', 'infrastructure', 'mainApps', 'total'] as const;

/**
 * The platform's cost by month and part, as the engine adds it into the quote's
 * `months[].cost.platform` (`platformSeries`), with the sums over the horizon. Null when the
 * quote has errors.
 */
export function platformCosts(
  scenario: Scenario,
  table: PriceTable,
  options: QuoteOptions,
  digits: number,
): PlatformCosts | null {
  const months = platformSeries(scenario, table, options);
  if (months === null) return null;
  const totals = Object.fromEntries(
    PARTS.map((part) => [
      part,
      sumDecimals(
        months.map((m) => m[part]),
        digits,
      ),
    ]),
  ) as PlatformCosts['totals'];
  return { months, totals };
}
