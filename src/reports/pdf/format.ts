/**
 * How the PDF documents write numbers and dates: one fixed locale, `en-US`, whoever builds
 * them. The CLI has no browser locale, and a document must read the same whether it was built
 * in a browser in Warsaw or by `npm run quote` on a build server (docs/decisions/013).
 *
 * Amounts are the quote's exact decimal strings; `Intl.NumberFormat` formats a decimal string
 * exactly (no float parse), in the quote's currency with its minor digits.
 */

export const DOCUMENT_LOCALE = 'en-US';

export interface DocumentFormat {
  /** "1234.50" → "$1,234.50"; "-12.00" → "-$12.00"; JPY "1234" → "¥1,234". */
  money(amount: string): string;
  /**
   * A unit price from the price table, to its last significant digit (at least the currency's):
   * "$0.262" an hour, "$12.00" a month. Intl formats the decimal string exactly.
   */
  unit(amount: string): string;
  /** A plot number on a chart axis: "$1.2M", "-$350K". For reading a scale, never a figure. */
  axis(value: number): string;
  /** A two-decimal percent string from the quote: "20.00" → "20.00 %" (as on screen); null → "—". */
  pct(pct: string | null): string;
  /** A table percent ("12.5") as written: "12.5 %". */
  rate(pct: string): string;
  /** "2026-11-22" → "November 22, 2026". */
  date(iso: string): string;
  /** "2027-01" → "Jan 2027". */
  period(period: string): string;
  /** "2027-01" → "January 2027". */
  periodLong(period: string): string;
  /** 12345 → "12,345". */
  count(n: number): string;
}

/**
 * The document's formats in `locale`: `en-US` for every document but a customer proposal
 * written in another language (`lang`), whose amounts read "78.946,44 $" in German.
 */
export function documentFormat(currency: string, locale: string = DOCUMENT_LOCALE): DocumentFormat {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const axis = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    // "$0", "$10K", "$1.2M": no trailing ".0" (the currency's digits would otherwise be the minimum)
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const unit = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    maximumFractionDigits: 6,
  });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const utc = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m - 1, d));
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const period = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const periodLong = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const ym = (p: string) => p.split('-').map(Number) as [number, number, number?];
  return {
    // Intl formats a decimal string exactly; the cast only satisfies the DOM typings
    money: (amount) => money.format(amount as unknown as number),
    unit: (amount) => unit.format(amount as unknown as number),
    axis: (value) => axis.format(value),
    pct: (pct) => (pct === null ? '—' : `${pct} %`),
    rate: (pct) => `${pct} %`,
    date: (iso) => {
      const [y, m, d] = ym(iso);
      return date.format(utc(y, m, d));
    },
    period: (p) => {
      const [y, m] = ym(p);
      return period.format(utc(y, m));
    },
    periodLong: (p) => {
      const [y, m] = ym(p);
      return periodLong.format(utc(y, m));
    },
    count: (n) => count.format(n),
  };
}
