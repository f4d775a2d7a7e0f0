import { useId, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

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
  children: (control: ControlProps) => ReactNode;
}

/** A visible label, the control, a hint and an inline error message, all tied together. */
export function Field({ label, hint, error, path, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'data-field': path,
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy,
      })}
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
}

/** The common case: a labelled text input registered with react-hook-form. */
export function TextField({
  label,
  hint,
  error,
  inputMode = 'text',
  registration,
  path,
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} path={path}>
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
