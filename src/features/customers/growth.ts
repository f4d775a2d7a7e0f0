import { CHANGES_MAX, type CustomerLine, type LineChange } from '../../engine/index';

/**
 * The growth helper (PRODUCT.md "Plans that change over time"): what an MSP knows about a
 * segment ("start with 10, win 3 a month from month 2 to month 24, lose 2 % a month on PAYG,
 * 10 % do not renew") turned into the `count` changes of a line. The rounding is ADR 032: the
 * expected number of customers is carried exactly (to the millionth of a customer) from month
 * to month, and the count in force each month is that number rounded to the nearest whole
 * customer, halves up; a change is written only in the months whose whole count differs from
 * the month before. The engine then prices whatever the timeline says.
 */
export interface GrowthInput {
  /** Customers in the line's first month: a whole number ≥ 1 (the line's count). */
  readonly start: string;
  /** New customers per month, up to 2 decimals ("0.5" is one every other month). */
  readonly winsPerMonth: string;
  /** First and last month of the wins, inclusive. */
  readonly winsFrom: string;
  readonly winsTo: string;
  /** PAYG lines: % of the customers who leave each month (up to 2 decimals). */
  readonly churnPct: string;
  /** Fixed-term lines: % of a cohort that does not renew when its term ends (up to 2 decimals). */
  readonly nonRenewalPct: string;
}

export type GrowthField = keyof GrowthInput;

export interface GrowthPlan {
  /** The line's count (the first month's customers). */
  readonly count: number;
  /** The count changes, ascending by month. */
  readonly changes: readonly LineChange[];
  /** Customers in force each month, from the line's start month to its last month. */
  readonly curve: readonly { readonly month: number; readonly customers: number }[];
}

export type GrowthResult =
  | { readonly ok: true; readonly plan: GrowthPlan }
  | { readonly ok: false; readonly errors: Partial<Record<GrowthField | 'line', string>> };

/** A millionth of a customer: the helper's exact unit. */
const MICRO = 1_000_000;

/** `text` as a whole number of hundredths (up to 2 decimals, ≥ 0), or null. */
function hundredths(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

/** a × b / c rounded half up, for non-negative integers; BigInt inside, so exact at any size. */
function mulDiv(a: number, b: number, c: number): number {
  const C = BigInt(c);
  return Number((BigInt(a) * BigInt(b) * 2n + C) / (2n * C));
}

/** The nearest whole customer, halves up. */
const nearest = (micro: number) => Math.floor((micro + MICRO / 2) / MICRO);

/** The line's last active month: its end month on PAYG, else the horizon. */
export function lastMonthOf(line: CustomerLine, horizonMonths: number): number {
  return line.license.model === 'payg' && line.endMonth !== null
    ? Math.min(line.endMonth, horizonMonths)
    : horizonMonths;
}

/** The helper's form filled from the line: its count, no wins, no churn. */
export function growthDefaults(line: CustomerLine, horizonMonths: number): GrowthInput {
  const last = lastMonthOf(line, horizonMonths);
  return {
    start: String(line.count),
    winsPerMonth: '0',
    winsFrom: String(Math.min(line.startMonth + 1, last)),
    winsTo: String(last),
    churnPct: '0',
    nonRenewalPct: '0',
  };
}

/** The customer curve and the changes of `input` on `line`, or a message per bad field. */
export function planGrowth(
  line: CustomerLine,
  horizonMonths: number,
  input: GrowthInput,
): GrowthResult {
  const errors: Partial<Record<GrowthField | 'line', string>> = {};
  const first = line.startMonth;
  const last = lastMonthOf(line, horizonMonths);
  if (line.license.model === 'payg' && line.license.convertTo !== null)
    errors.line =
      'A line that converts to Fixed-Term cannot change over time: turn the conversion off first.';
  if (last <= first)
    errors.line = `This line has no month after its start month ${first} for changes.`;

  const start = wholeNumber(input.start);
  if (start === null) errors.start = 'Start customers must be a whole number, like 10';
  else if (start < 1) errors.start = 'Start customers must be at least 1';

  const wins = hundredths(input.winsPerMonth);
  if (wins === null)
    errors.winsPerMonth = 'Wins per month must be a number of at least 0, like 3 or 0.5';

  const from = wholeNumber(input.winsFrom);
  const to = wholeNumber(input.winsTo);
  // without wins the period says nothing: it is checked only when there are wins
  const checkPeriod = wins !== null && wins > 0;
  if (!checkPeriod) {
    // nothing to check
  } else if (from === null || from <= first || from > last)
    errors.winsFrom = `Wins from month must be a month from ${first + 1} to ${last}`;
  if (!checkPeriod) {
    // nothing to check
  } else if (to === null || to <= first || to > last)
    errors.winsTo = `Wins to month must be a month from ${first + 1} to ${last}`;
  else if (from !== null && to < from)
    errors.winsTo = 'Wins to month must not be before Wins from month';

  const payg = line.license.model === 'payg';
  const churn = payg ? hundredths(input.churnPct) : 0;
  if (churn === null || churn > 10000)
    errors.churnPct = 'Churn per month must be a percentage from 0 to 100, like 2';
  const nonRenewal = payg ? 0 : hundredths(input.nonRenewalPct);
  if (nonRenewal === null || nonRenewal > 10000)
    errors.nonRenewalPct = 'Not renewing must be a percentage from 0 to 100, like 10';

  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const winsMicro = mulDiv(wins!, MICRO, 100);
  const inWins = (m: number) => wins! > 0 && m >= from! && m <= to!;
  const curve: { month: number; customers: number }[] = [{ month: first, customers: start! }];

  if (payg) {
    // PAYG customers leave at any month: the churn applies to last month's exact count
    let x = start! * MICRO;
    for (let m = first + 1; m <= last; m += 1) {
      x = x - mulDiv(x, churn!, 10000) + (inWins(m) ? winsMicro : 0);
      curve.push({ month: m, customers: nearest(x) });
    }
  } else {
    // committed customers leave only when their cohort's term ends (PRICING.md §7)
    const license = line.license as Extract<CustomerLine['license'], { model: 'fixed-term' }>;
    const term = license.termMonths;
    const leaving = license.renew ? nonRenewal! : 10000;
    let cohorts: { start: number; micro: number }[] = [{ start: first, micro: start! * MICRO }];
    for (let m = first + 1; m <= last; m += 1) {
      cohorts = cohorts
        .map((c) =>
          (m - c.start) % term === 0
            ? { ...c, micro: c.micro - mulDiv(c.micro, leaving, 10000) }
            : c,
        )
        .filter((c) => c.micro > 0);
      if (inWins(m) && winsMicro > 0) cohorts.push({ start: m, micro: winsMicro });
      curve.push({ month: m, customers: nearest(cohorts.reduce((s, c) => s + c.micro, 0)) });
    }
  }

  const changes: LineChange[] = [];
  for (let i = 1; i < curve.length; i += 1) {
    const now = curve[i]!;
    if (now.customers !== curve[i - 1]!.customers)
      changes.push({ fromMonth: now.month, count: now.customers });
  }
  if (changes.length > CHANGES_MAX)
    return {
      ok: false,
      errors: {
        line: `This plan needs ${changes.length} changes; a line holds at most ${CHANGES_MAX}.`,
      },
    };
  return { ok: true, plan: { count: start!, changes, curve } };
}

/**
 * The line with the plan's count changes in place of its own count changes; its capacity and
 * hours changes are kept (a change that only set `count` goes, one that set more keeps the rest).
 */
export function applyGrowth(line: CustomerLine, plan: GrowthPlan): CustomerLine {
  const byMonth = new Map<number, LineChange>();
  for (const change of line.changes ?? []) {
    const { count: _dropped, ...rest } = change;
    if (Object.keys(rest).length > 1) byMonth.set(change.fromMonth, rest as LineChange);
  }
  for (const change of plan.changes) {
    const kept = byMonth.get(change.fromMonth);
    byMonth.set(change.fromMonth, kept ? { ...kept, count: change.count } : change);
  }
  const changes = [...byMonth.values()].sort((a, b) => a.fromMonth - b.fromMonth);
  const { changes: _old, ...rest } = line;
  return changes.length > 0
    ? { ...rest, count: plan.count, changes }
    : { ...rest, count: plan.count };
}
