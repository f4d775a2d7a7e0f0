import type { Scenario } from '../engine/index';

/** How many edits undo can reach back. */
export const HISTORY_LIMIT = 100;
/** Edits of the same field closer together than this are one step of undo (typing a name). */
export const COALESCE_MS = 1000;

export interface History {
  readonly past: readonly Scenario[];
  readonly future: readonly Scenario[];
  /** The field the last edit touched and when, to merge keystrokes into one step. */
  readonly last: { readonly key: string; readonly at: number } | null;
}

export const EMPTY_HISTORY: History = { past: [], future: [], last: null };

/**
 * Records `before` as an undo step for an edit, unless the edit continues the
 * previous one (same `coalesceKey`, within COALESCE_MS). A new edit clears redo.
 */
export function record(
  history: History,
  before: Scenario,
  coalesceKey: string | undefined,
  now: number,
): History {
  const continues =
    coalesceKey !== undefined &&
    history.last !== null &&
    history.last.key === coalesceKey &&
    now - history.last.at < COALESCE_MS &&
    history.future.length === 0;
  const last = coalesceKey === undefined ? null : { key: coalesceKey, at: now };
  if (continues) return { ...history, last };
  const past = [...history.past, before];
  return {
    past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past,
    future: [],
    last,
  };
}

export function undo(
  history: History,
  current: Scenario,
): { history: History; scenario: Scenario } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    scenario: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], last: null },
  };
}

export function redo(
  history: History,
  current: Scenario,
): { history: History; scenario: Scenario } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    scenario: next,
    history: { past: [...history.past, current], future: history.future.slice(1), last: null },
  };
}
