import { createContext, useContext, useEffect, useId, useSyncExternalStore } from 'react';

/**
 * One rule for bad input on every field (ADR 026). A control whose text the schema refuses
 * keeps that text and its message on screen, and the store keeps the last valid value; so
 * that the live summary never shows figures of a value the screen no longer shows, each such
 * control reports itself here while it is invalid, and the summary reads the list.
 */
export interface PendingInput {
  /** The scenario path the control edits (`customers[1].count`), for the link and the name. */
  readonly path: string | undefined;
  /** The control's label, used when it has no path. */
  readonly label: string;
  /** The schema's message, as the control shows it. */
  readonly message: string;
}

const pending = new Map<string, PendingInput>();
let snapshot: readonly PendingInput[] = [];
const listeners = new Set<() => void>();

function publish(): void {
  snapshot = [...pending.values()];
  for (const listener of listeners) listener();
}

/** Records (or, with null, clears) the invalid input of the control `key`. */
export function setPendingInput(key: string, entry: PendingInput | null): void {
  const had = pending.get(key);
  if (entry === null) {
    if (!had) return;
    pending.delete(key);
  } else {
    if (
      had &&
      had.path === entry.path &&
      had.label === entry.label &&
      had.message === entry.message
    ) {
      return;
    }
    pending.set(key, entry);
  }
  publish();
}

/** Every input the screen shows that the store does not hold, in the order they went bad. */
export function pendingInputs(): readonly PendingInput[] {
  return snapshot;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The pending invalid inputs; re-renders when one is added, changed or fixed. */
export function usePendingInputs(): readonly PendingInput[] {
  return useSyncExternalStore(subscribe, pendingInputs, pendingInputs);
}

/**
 * Reports this control's invalid input while `message` is set; clears it when the input is
 * valid again or the control goes away (its text goes with it: the store's value shows again).
 */
export function usePendingInput(
  message: string | null | undefined,
  path: string | undefined,
  label: string,
): void {
  const key = useId();
  useEffect(() => {
    setPendingInput(key, message ? { path, label, message } : null);
  }, [key, message, path, label]);
  useEffect(() => () => setPendingInput(key, null), [key]);
}

/**
 * The quote's error at a scenario path, in plain words: the shell provides it, so a field
 * shows a cross-field error (a start month past the horizon, too many vServices) where it is
 * typed, not only in the summary. Components may not read the store, hence a context.
 */
export type FieldIssueLookup = (paths: string | undefined) => string | null;

export const FieldIssuesContext = createContext<FieldIssueLookup>(() => null);

/** The quote's error message for the control editing `paths` (space-separated), or null. */
export function useFieldIssue(paths: string | undefined): string | null {
  return useContext(FieldIssuesContext)(paths);
}
