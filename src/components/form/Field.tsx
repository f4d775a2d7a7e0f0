import { useId, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { plainSchemaMessage } from '../../reports/issue-text';
import { useFieldIssue, usePendingInput } from './input-status';

/** What a control needs to be tied to its label, hint and message. */
export interface ControlProps {
  id: string;
  /** The scenario paths the control edits, for links to the field to fix (field-focus.ts). */
  'data-field': string | undefined;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  /** Shown under the label, read with the control. */
  hint?: string | undefined;
  /** The inline message for bad input; the field keeps what was typed. */
  error?: string | undefined;
  /** The scenario path(s) the control edits, space-separated: `platform.headroomPct`. */
  path?: string | undefined;
  /** The unit or currency shown beside the control: "USD / month", "%", "months". */
  unit?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

/**
 * A visible label, the control, a hint and an inline error message, all tied together.
 * The message is the schema's, said for people ("Headroom % must be a percentage from 0 to
 * 100"), or else the quote's error at the field's path; bad input is reported to the live
 * summary while it is on screen (ADR 026).
 */
export function Field({ label, hint, error: schemaError, path, unit, children }: FieldProps) {
  const id = useId();
  usePendingInput(schemaError, path?.split(' ')[0], label);
  const issue = useFieldIssue(path);
  const error = schemaError ? plainSchemaMessage(schemaError, label) : (issue ?? undefined);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  // a label that already names the unit ("Headroom %") is not read twice
  const unitRead = unit !== undefined && !label.includes(unit);
  const unitId = unitRead ? `${id}-unit` : undefined;
  const describedBy = [unitId, hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {unit ? (
        <div className="input-with-unit">
          {children({
            id,
            'data-field': path,
            'aria-invalid': Boolean(error),
            'aria-describedby': describedBy,
          })}
          <span id={unitId} className="input-unit" aria-hidden={unitRead ? undefined : true}>
            {unit}
          </span>
        </div>
      ) : (
        children({
          id,
          'data-field': path,
          'aria-invalid': Boolean(error),
          'aria-describedby': describedBy,
        })
      )}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** `decimal` for amounts and percents typed as text (they are decimal strings). */
  inputMode?: 'text' | 'decimal' | 'numeric';
  /** What react-hook-form's `register(name)` returns. */
  registration: UseFormRegisterReturn;
  /** The scenario path(s) the control edits, for links to the field to fix. */
  path?: string | undefined;
  /** The unit beside the input: "USD / month", "%", "months". */
  unit?: string | undefined;
}

/** The common case: a labelled text input registered with react-hook-form. */
export function TextField({
  label,
  hint,
  error,
  inputMode = 'text',
  registration,
  path,
  unit,
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} path={path} unit={unit}>
      {(control) => (
        <input
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          {...control}
          {...registration}
        />
      )}
    </Field>
  );
}
