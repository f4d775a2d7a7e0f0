/** Calendar arithmetic on `YYYY-MM` periods, in UTC-free integer form. */

export interface MonthInfo {
  /** 1-based index in the scenario. */
  readonly month: number;
  readonly period: string;
  /** 0 = January. */
  readonly calendarMonth: number;
  readonly days: number;
}

export function daysInMonth(year: number, calendarMonth: number): number {
  if (calendarMonth === 1) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][calendarMonth] ?? 30;
}

/** The months of the horizon: month m is `startPeriod` + (m − 1). */
export function monthsOf(startPeriod: string, horizonMonths: number): MonthInfo[] {
  const year0 = Number(startPeriod.slice(0, 4));
  const month0 = Number(startPeriod.slice(5, 7)) - 1;
  const out: MonthInfo[] = [];
  for (let i = 0; i < horizonMonths; i++) {
    const absolute = month0 + i;
    const year = year0 + Math.floor(absolute / 12);
    const calendarMonth = absolute % 12;
    out.push({
      month: i + 1,
      period: `${String(year).padStart(4, '0')}-${String(calendarMonth + 1).padStart(2, '0')}`,
      calendarMonth,
      days: daysInMonth(year, calendarMonth),
    });
  }
  return out;
}
