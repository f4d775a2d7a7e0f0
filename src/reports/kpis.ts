import { isPriced, type PricedQuote, type Quote } from '../engine/index';

/** What a KPI card shows: an amount, a percent, or a month of the horizon. */
export type KpiValue =
  | { readonly kind: 'money'; readonly amount: string }
  | { readonly kind: 'percent'; readonly pct: string | null }
  | { readonly kind: 'month'; readonly month: number | null; readonly period: string | null };

export type KpiId =
  | 'tcv'
  | 'cost'
  | 'commissions'
  | 'margin'
  | 'marginPct'
  | 'oneOff'
  | 'mrr'
  | 'arr'
  | 'breakEven'
  | 'committed'
  | 'peakFunding'
  | 'cashBreakEven'
  | 'receivable'
  | 'payable';

export interface Kpi {
  readonly id: KpiId;
  readonly label: string;
  /** One line saying what the figure is. */
  readonly hint: string;
  readonly value: KpiValue;
}

/**
 * The KPI cards of the Results step (PRODUCT.md, step 7) and the key figures of the PDFs, in
 * order, from the quote's totals; amounts stay the quote's exact decimal strings. Null when an
 * error stopped the quote.
 */
export function resultKpis(quote: PricedQuote): Kpi[];
export function resultKpis(quote: Quote): Kpi[] | null;
export function resultKpis(quote: Quote): Kpi[] | null {
  if (!isPriced(quote)) return null;
  const t = quote.totals;
  const money = (amount: string) => ({ kind: 'money', amount }) as const;
  const breakEvenPeriod =
    t.breakEvenMonth === null
      ? null
      : (quote.months.find((m) => m.month === t.breakEvenMonth)?.period ?? null);
  return [
    { id: 'tcv', label: 'TCV', hint: 'Revenue over the horizon', value: money(t.revenue) },
    {
      id: 'cost',
      label: 'Total cost',
      hint: 'Licenses, apps and platform',
      value: money(t.cost),
    },
    {
      id: 'commissions',
      label: 'Commissions',
      hint: 'Partners and distributors',
      value: money(t.commissions),
    },
    { id: 'margin', label: 'Margin', hint: 'After cost and commissions', value: money(t.margin) },
    {
      id: 'marginPct',
      label: 'Margin %',
      hint: 'Margin over revenue',
      value: { kind: 'percent', pct: t.marginPct },
    },
    { id: 'oneOff', label: 'One-off', hint: 'One-off revenue', value: money(t.oneOff) },
    { id: 'mrr', label: 'MRR', hint: 'Recurring revenue, last month', value: money(t.mrrFinal) },
    { id: 'arr', label: 'ARR', hint: '12 × MRR', value: money(t.arr) },
    {
      id: 'breakEven',
      label: 'Break-even month',
      hint: 'Cumulative margin stays ≥ 0 from here',
      value: { kind: 'month', month: t.breakEvenMonth, period: breakEvenPeriod },
    },
    {
      id: 'committed',
      label: 'License committed after the horizon',
      hint: 'Fixed terms still running at the end',
      value: money(t.licenseCommittedAfterHorizon),
    },
  ];
}

/**
 * The cash KPI cards (PRICING.md §8, PRODUCT.md "Cash"), shown after `resultKpis` on the
 * Results step. Kept apart so the PDFs' key figures, which list `resultKpis`, are unchanged.
 */
export function cashKpis(quote: PricedQuote): Kpi[] {
  const cash = quote.totals.cash;
  const money = (amount: string) => ({ kind: 'money', amount }) as const;
  return [
    {
      id: 'peakFunding',
      label: 'Peak funding',
      hint: 'The most cash the deal needs at once',
      value: money(cash.peakFunding),
    },
    {
      id: 'cashBreakEven',
      label: 'Cash break-even month',
      hint: 'Cumulative cash stays ≥ 0 from here',
      value: {
        kind: 'month',
        month: cash.breakEvenMonth,
        period:
          cash.breakEvenMonth === null
            ? null
            : (quote.months.find((m) => m.month === cash.breakEvenMonth)?.period ?? null),
      },
    },
    {
      id: 'receivable',
      label: 'Receivable after the horizon',
      hint: 'Customer payments still to come',
      value: money(cash.receivableAfterHorizon),
    },
    {
      id: 'payable',
      label: 'Payable after the horizon',
      hint: 'Vendor and commission payments still due',
      value: money(cash.payableAfterHorizon),
    },
  ];
}

/** A KPI value as the card shows it, amounts through `money` (the quote's currency). */
export function formatKpi(value: KpiValue, money: (amount: string) => string): string {
  switch (value.kind) {
    case 'money':
      return money(value.amount);
    case 'percent':
      return value.pct === null ? '—' : `${value.pct} %`;
    case 'month':
      if (value.month === null) return 'Not within the horizon';
      return value.period ? `Month ${value.month} (${value.period})` : `Month ${value.month}`;
  }
}
