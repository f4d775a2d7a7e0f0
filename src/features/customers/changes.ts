import type { CustomerLine, LineChange, PriceTable } from '../../engine/index';
import { LineChangeSchema } from '../../engine/schema/scenario';
import { monthsOf } from '../../engine/calendar';
import { periodLabel } from '../../reports/chart-data';
import { plainSchemaMessage } from '../../reports/issue-text';
import { scenarioStore } from '../../state/app-store';
import { checkLine, replaceLine } from './lines';
import { lastMonthOf } from './growth';

type Service = PriceTable['service'];

/** What the change form holds: text as typed; '' = "unchanged". */
export interface ChangeDraft {
  readonly fromMonth: string;
  readonly count: string;
  readonly bandwidth: string;
  readonly bundle: string;
  readonly vServices: string;
  readonly hoursPerMonth: string;
}

export type ChangeField = keyof ChangeDraft;

export const EMPTY_DRAFT: ChangeDraft = {
  fromMonth: '',
  count: '',
  bandwidth: '',
  bundle: '',
  vServices: '',
  hoursPerMonth: '',
};

/** The form of an existing change (a seasonal profile is kept as it is, not edited here). */
export function draftOf(change: LineChange): ChangeDraft {
  return {
    fromMonth: String(change.fromMonth),
    count: change.count === undefined ? '' : String(change.count),
    bandwidth: change.bandwidth ?? '',
    bundle: change.bundle ?? '',
    vServices: change.vServices === undefined ? '' : String(change.vServices),
    hoursPerMonth:
      change.hoursPerMonth === undefined || Array.isArray(change.hoursPerMonth)
        ? ''
        : String(change.hoursPerMonth),
  };
}

const LABELS: Record<ChangeField, string> = {
  fromMonth: 'From month',
  count: 'Customers',
  bandwidth: 'Bandwidth',
  bundle: 'Bundle',
  vServices: 'vServices',
  hoursPerMonth: 'Hours per month',
};

/** A number when the text is one, else the text (so the schema names what is wrong). */
function numeric(text: string): number | string {
  const t = text.trim();
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

export type ChangeCheck =
  | { readonly ok: true; readonly line: CustomerLine }
  | { readonly ok: false; readonly errors: Partial<Record<ChangeField | 'form', string>> };

/**
 * The line with the draft saved as change `index` (or added when null), checked with the
 * engine's schemas and PRICING.md §7's rules on months that the schema leaves to the quote:
 * after the start month, by the line's last month, one change per month, none on a converting
 * line. The list stays in month order.
 */
export function saveChange(
  line: CustomerLine,
  horizonMonths: number,
  index: number | null,
  draft: ChangeDraft,
): ChangeCheck {
  const errors: Partial<Record<ChangeField | 'form', string>> = {};
  if (line.license.model === 'payg' && line.license.convertTo !== null)
    return {
      ok: false,
      errors: {
        form: 'A line that converts to Fixed-Term cannot change over time: turn the conversion off first.',
      },
    };
  const candidate: Record<string, unknown> = { fromMonth: numeric(draft.fromMonth) };
  if (draft.count.trim() !== '') candidate.count = numeric(draft.count);
  if (draft.bandwidth !== '') candidate.bandwidth = draft.bandwidth;
  if (draft.bundle !== '') candidate.bundle = draft.bundle;
  if (draft.vServices.trim() !== '') candidate.vServices = numeric(draft.vServices);
  const previous = index === null ? undefined : line.changes?.[index];
  if (draft.hoursPerMonth.trim() !== '') candidate.hoursPerMonth = numeric(draft.hoursPerMonth);
  else if (Array.isArray(previous?.hoursPerMonth)) candidate.hoursPerMonth = previous.hoursPerMonth;

  const parsed = LineChangeSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ChangeField | undefined;
      if (field && field in LABELS)
        errors[field] ??= plainSchemaMessage(issue.message, LABELS[field]);
      else
        errors.form ??= plainSchemaMessage(
          issue.message.replace(/ or hoursPerMonth$/, ' or hours'),
        );
    }
  }
  if (line.license.model === 'fixed-term' && candidate.hoursPerMonth !== undefined)
    errors.hoursPerMonth = 'Hours per month apply to PAYG lines only';
  const month = candidate.fromMonth;
  const last = lastMonthOf(line, horizonMonths);
  if (typeof month === 'number' && Number.isInteger(month) && !errors.fromMonth) {
    if (month <= line.startMonth || month > last)
      errors.fromMonth =
        last > line.startMonth
          ? `From month must be a month from ${line.startMonth + 1} to ${last} (after the line's start month${line.license.model === 'payg' && line.endMonth !== null ? ', by its end month' : ''})`
          : `This line has no month after its start month ${line.startMonth} for changes`;
    else if ((line.changes ?? []).some((c, i) => i !== index && c.fromMonth === month))
      errors.fromMonth = `Month ${month} already has a change: edit that one`;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };

  const list = [...(line.changes ?? [])];
  if (index === null) list.push(parsed.data);
  else list[index] = parsed.data;
  list.sort((a, b) => a.fromMonth - b.fromMonth);
  const checked = checkLine({ ...line, changes: list });
  if (!checked.ok) return { ok: false, errors: { form: plainSchemaMessage(checked.message) } };
  return { ok: true, line: checked.line };
}

/** One undoable edit: the line replaced by `next` (already checked by the caller). */
export function commitWholeLine(line: CustomerLine, next: CustomerLine): void {
  scenarioStore.getState().edit((s) => replaceLine(s, line.id, next));
}

/** The line without change `index` (and without `changes` once the list is empty). */
export function removeChange(line: CustomerLine, index: number): CustomerLine {
  const list = (line.changes ?? []).filter((_, i) => i !== index);
  const { changes: _old, ...rest } = line;
  return list.length > 0 ? { ...rest, changes: list } : rest;
}

/** "Jul 2027" for month `month` of a deal starting in `startPeriod`. */
export function monthName(startPeriod: string, month: number): string {
  const info = monthsOf(startPeriod, month).at(-1);
  return info ? periodLabel(info.period, 'en-US') : `month ${month}`;
}

/** "From Jul 2027 (month 7): 25 customers, 1 Gbps, Premium bundle, 12 vServices, 300 hours". */
export function changeSentence(
  change: LineChange,
  startPeriod: string,
  service: Service | null,
): string {
  const parts: string[] = [];
  if (change.count !== undefined)
    parts.push(`${change.count} ${change.count === 1 ? 'customer' : 'customers'}`);
  if (change.bandwidth !== undefined)
    parts.push(
      service?.bandwidthTiers.find((b) => b.id === change.bandwidth)?.label ?? change.bandwidth,
    );
  if (change.bundle !== undefined) {
    const name = service?.bundles.find((b) => b.id === change.bundle)?.name ?? change.bundle;
    parts.push(`${name} bundle`);
  }
  if (change.vServices !== undefined) parts.push(`${change.vServices} vServices`);
  if (change.hoursPerMonth !== undefined)
    parts.push(
      Array.isArray(change.hoursPerMonth)
        ? 'a seasonal profile of hours'
        : `${change.hoursPerMonth} hours a month`,
    );
  return `From ${monthName(startPeriod, change.fromMonth)} (month ${change.fromMonth}): ${parts.join(', ')}`;
}
