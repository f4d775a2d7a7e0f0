import { useState } from 'react';
import type { CustomerLine, Scenario } from '../../engine/index';
import { scenarioStore } from '../../state/app-store';
import { checkLine, replaceLine } from './lines';
import { useFieldIssue, usePendingInput } from '../../components/form/input-status';
import { labelOfPath, plainSchemaMessage } from '../../reports/issue-text';

/**
 * The message a cell shows: the schema's refusal of what was typed, in plain words with the
 * column's label ("Count must be a whole number"), or else the quote's error at the cell's
 * path (a start month past the horizon); bad input is reported to the summary (ADR 026).
 */
function useCellMessage(error: string | null, paths: string): string | null {
  const path = paths.split(' ')[0];
  const label = path ? (labelOfPath(path, null) ?? 'This field') : 'This field';
  usePendingInput(error, path, label);
  const issue = useFieldIssue(paths);
  return error ? plainSchemaMessage(error, label) : issue;
}

/** A line's name as the user knows it (its id when it has none). */
export const nameOf = (line: CustomerLine) => line.name || line.id;

/**
 * Validates the edited line with the schema: a valid one replaces the line in the
 * store (one undo step per field while typing); otherwise the message, and the store
 * is left as it is.
 */
export function commitLine(line: CustomerLine, candidate: unknown, field: string): string | null {
  const checked = checkLine(candidate);
  if (!checked.ok) return checked.message;
  scenarioStore.getState().edit((s) => replaceLine(s, line.id, checked.line), {
    coalesceKey: `customers.${line.id}.${field}`,
  });
  return null;
}

/** One undoable edit of the whole scenario. */
export function editScenario(change: (s: Scenario) => Scenario): void {
  scenarioStore.getState().edit(change);
}

/** An inline message under a control. */
export function CellError({ id, message }: { id: string; message: string | null }) {
  return message ? (
    <span id={id} className="customers-error" role="alert">
      {message}
    </span>
  ) : null;
}

/** How a control is named: by a visible `<label htmlFor={id}>`, or by `aria-label`. */
export type ControlName = { readonly id: string } | { readonly label: string };

interface LineControlProps {
  line: CustomerLine;
  /** The key of the field, for the undo step and the ids: `customers.<id>.<field>`. */
  field: string;
  /**
   * Scenario paths this control edits (`customers[2].startMonth`), space-separated, for
   * links to the field to fix (`?field=`).
   */
  paths: string;
  name: ControlName;
}

interface LineTextInputProps extends LineControlProps {
  value: string;
  /** `numeric` for whole numbers, `decimal` for hours; right-aligned either way. */
  inputMode?: 'numeric' | 'decimal';
  toLine: (text: string) => unknown;
  /** The unit or currency shown after the box: "USD / month", "%", "month". */
  unit?: string;
}

const namingOf = (name: ControlName) =>
  'id' in name ? { id: name.id } : { 'aria-label': name.label };

/** A text box that keeps what was typed and shows why it is not valid yet. */
export function LineTextInput({
  line,
  field,
  paths,
  name,
  value,
  inputMode,
  toLine,
  unit,
}: LineTextInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const message = useCellMessage(error, paths);
  const errorId = `customers-${line.id}-${field}-error`;
  return (
    <>
      <input
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        className={inputMode ? 'customers-number' : undefined}
        {...namingOf(name)}
        data-field={paths}
        aria-invalid={message !== null}
        aria-describedby={message ? errorId : undefined}
        value={draft ?? value}
        // a long name is cut by the column's width: the whole text on hover
        title={inputMode ? undefined : (draft ?? value) || undefined}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          setError(commitLine(line, toLine(text), field));
        }}
        onBlur={() => {
          // valid input is in the store: show the store's value again
          if (error === null) setDraft(null);
        }}
      />
      {unit ? (
        <span className="input-unit" aria-hidden="true">
          {' '}
          {unit}
        </span>
      ) : null}
      <CellError id={errorId} message={message} />
    </>
  );
}

interface LineSelectProps extends LineControlProps {
  value: string;
  options: readonly { value: string; label: string }[];
  toLine: (value: string) => unknown;
}

/** A choice among the table's ids; a value the table lacks is shown as such. */
export function LineSelect({ line, field, paths, name, value, options, toLine }: LineSelectProps) {
  const [error, setError] = useState<string | null>(null);
  const message = useCellMessage(error, paths);
  const errorId = `customers-${line.id}-${field}-error`;
  const known = options.some((o) => o.value === value);
  return (
    <>
      <select
        {...namingOf(name)}
        data-field={paths}
        aria-invalid={message !== null}
        aria-describedby={message ? errorId : undefined}
        value={value}
        onChange={(e) => setError(commitLine(line, toLine(e.target.value), field))}
      >
        {known ? null : <option value={value}>{`${value} (not in the price table)`}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <CellError id={errorId} message={message} />
    </>
  );
}
