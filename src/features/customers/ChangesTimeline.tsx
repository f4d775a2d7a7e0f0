import { useId, useState } from 'react';
import type { CustomerLine, PriceTable } from '../../engine/index';
import {
  EMPTY_DRAFT,
  commitWholeLine,
  changeSentence,
  draftOf,
  removeChange,
  saveChange,
  type ChangeDraft,
  type ChangeField,
} from './changes';
import { lastMonthOf } from './growth';
import { GrowthHelper } from './GrowthHelper';
import './changes.css';

type Service = PriceTable['service'];

/** The paths below a change that its Edit button stands for. */
const CHANGE_PATHS = [
  '',
  '.fromMonth',
  '.count',
  '.bandwidth',
  '.bundle',
  '.vServices',
  '.hoursPerMonth',
] as const;

interface ChangesTimelineProps {
  line: CustomerLine;
  /** The line's place in the scenario, for links to a change to fix (`?field=`). */
  index: number;
  service: Service | null;
  horizonMonths: number;
  startPeriod: string;
}

/**
 * A line's timeline of changes (PRICING.md §7): each change in words, added, edited and
 * removed; every edit checked before it reaches the store, so bad input leaves the scenario
 * as it was.
 */
export function ChangesTimeline({
  line,
  index,
  service,
  horizonMonths,
  startPeriod,
}: ChangesTimelineProps) {
  const headingId = useId();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const changes = line.changes ?? [];
  const converting = line.license.model === 'payg' && line.license.convertTo !== null;
  const last = lastMonthOf(line, horizonMonths);
  return (
    <fieldset className="changes-timeline">
      <legend id={headingId}>Changes over time</legend>
      <p className="field-hint">
        {line.license.model === 'payg'
          ? 'PAYG changes apply from their month to every customer of the line.'
          : 'Committed customers leave only when their term ends; a capacity change reaches them at renewal, new customers at once.'}{' '}
        {`Months ${line.startMonth + 1} to ${last}.`}
      </p>
      {converting ? (
        <p className="field-hint">
          A line that converts to Fixed-Term cannot change over time: turn the conversion off to
          plan changes.
        </p>
      ) : null}
      {changes.length === 0 ? (
        <p>No changes: the line keeps its count and capacity for the whole horizon.</p>
      ) : (
        <ol className="changes-list" aria-labelledby={headingId}>
          {changes.map((change, i) => {
            const text = changeSentence(change, startPeriod, service);
            return (
              <li key={`${change.fromMonth}-${i}`}>
                {editing === i ? (
                  <ChangeForm
                    line={line}
                    service={service}
                    horizonMonths={horizonMonths}
                    index={i}
                    initial={draftOf(change)}
                    onDone={() => setEditing(null)}
                  />
                ) : (
                  <>
                    <span>{text}</span>{' '}
                    <button
                      type="button"
                      // a quote issue at this change (its month, an unknown id) links here
                      data-field={CHANGE_PATHS.map(
                        (f) => `customers[${index}].changes[${i}]${f}`,
                      ).join(' ')}
                      aria-label={`Edit change: ${text}`}
                      onClick={() => setEditing(i)}
                    >
                      Edit
                    </button>{' '}
                    <button
                      type="button"
                      // on a converting line the fix of "changes with a conversion" is removing
                      data-field={converting && i === 0 ? `customers[${index}].changes` : undefined}
                      aria-label={`Remove change: ${text}`}
                      onClick={() => commitWholeLine(line, removeChange(line, i))}
                    >
                      Remove
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {editing === 'new' ? (
        <ChangeForm
          line={line}
          service={service}
          horizonMonths={horizonMonths}
          index={null}
          initial={EMPTY_DRAFT}
          onDone={() => setEditing(null)}
        />
      ) : (
        <div className="button-row">
          <button
            type="button"
            data-field={converting ? undefined : `customers[${index}].changes`}
            disabled={converting}
            onClick={() => setEditing('new')}
          >
            Add a change
          </button>
        </div>
      )}
      {converting ? null : (
        <GrowthHelper line={line} horizonMonths={horizonMonths} startPeriod={startPeriod} />
      )}
    </fieldset>
  );
}

function ChangeForm({
  line,
  service,
  horizonMonths,
  index,
  initial,
  onDone,
}: {
  line: CustomerLine;
  service: Service | null;
  horizonMonths: number;
  index: number | null;
  initial: ChangeDraft;
  onDone: () => void;
}) {
  const base = useId();
  const [draft, setDraft] = useState<ChangeDraft>(initial);
  const [errors, setErrors] = useState<Partial<Record<ChangeField | 'form', string>>>({});
  const payg = line.license.model === 'payg';
  const set = (field: ChangeField) => (value: string) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const save = () => {
    const result = saveChange(line, horizonMonths, index, draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    commitWholeLine(line, result.line);
    onDone();
  };
  const text = (field: ChangeField, label: string, hint: string) => {
    const id = `${base}-${field}`;
    const error = errors[field];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
        <input
          id={id}
          type="text"
          inputMode={field === 'hoursPerMonth' ? 'decimal' : 'numeric'}
          className="customers-number"
          autoComplete="off"
          value={draft[field]}
          aria-invalid={error !== undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(e) => set(field)(e.target.value)}
          onKeyDown={(e) => {
            // Enter saves, Escape cancels, as in the table's cells
            if (e.key === 'Enter') {
              e.preventDefault();
              save();
            } else if (e.key === 'Escape') onDone();
          }}
        />
        {error ? (
          <span id={`${id}-error`} className="customers-error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
    );
  };
  const choice = (
    field: 'bandwidth' | 'bundle',
    label: string,
    options: readonly { value: string; label: string }[],
  ) => {
    const id = `${base}-${field}`;
    const error = errors[field];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select
          id={id}
          value={draft[field]}
          aria-invalid={error !== undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => set(field)(e.target.value)}
        >
          <option value="">Unchanged</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {error ? (
          <span id={`${id}-error`} className="customers-error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
    );
  };
  return (
    <div
      className="change-form"
      role="group"
      aria-label={index === null ? 'New change' : `Change ${index + 1}`}
    >
      {text(
        'fromMonth',
        'From month',
        'The first month the change applies, after the start month.',
      )}
      {text('count', 'Customers', 'Blank: unchanged. 0 is allowed (the segment stops).')}
      {choice(
        'bandwidth',
        'Bandwidth',
        (service?.bandwidthTiers ?? []).map((b) => ({ value: b.id, label: b.label })),
      )}
      {choice(
        'bundle',
        'Bundle',
        (service?.bundles ?? []).map((b) => ({ value: b.id, label: b.name })),
      )}
      {text('vServices', 'vServices', 'Blank: unchanged.')}
      {payg ? text('hoursPerMonth', 'Hours per month', 'Blank: unchanged.') : null}
      {errors.form ? (
        <p className="customers-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={save}>
          {index === null ? 'Add change' : 'Save change'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
