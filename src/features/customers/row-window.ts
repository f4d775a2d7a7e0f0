/**
 * Row windowing for the customers table: only the rows in view (plus an overscan) are
 * rendered, with spacer rows standing in for the others so the scroll height is right.
 * A pinned row (the one holding the keyboard focus) stays rendered wherever it is, so
 * scrolling it out of view keeps the focus and what was typed in it.
 */

/** Every row is this tall (px): the windowing works out which rows are in view from it. */
export const ROW_HEIGHT = 44;
/** The height of the scroll container (px). */
export const VIEWPORT_HEIGHT = 480;
/** Rows rendered above and below the ones in view. */
const OVERSCAN = 6;

/** Which rows are rendered: those in view plus the overscan, `start` ≤ i < `end`. */
export function windowOf(scrollTop: number, rows: number): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT);
  const inView = Math.ceil(VIEWPORT_HEIGHT / ROW_HEIGHT);
  const start = Math.max(0, Math.min(rows, first) - OVERSCAN);
  const end = Math.min(rows, first + inView + OVERSCAN);
  return { start, end: Math.max(start, end) };
}

/** What the table body renders, top to bottom: runs of rows and the gaps between them. */
export type WindowPart =
  | { readonly kind: 'rows'; readonly start: number; readonly end: number }
  | { readonly kind: 'gap'; readonly rows: number };

/**
 * The body of a table of `rows` rows scrolled to `scrollTop`, keeping row `pinned`
 * (or none, -1) rendered even when it is out of the window.
 */
export function windowParts(scrollTop: number, rows: number, pinned = -1): WindowPart[] {
  const { start, end } = windowOf(scrollTop, rows);
  const runs: { start: number; end: number }[] = [];
  if (pinned >= 0 && pinned < rows && pinned < start) runs.push({ start: pinned, end: pinned + 1 });
  if (end > start) runs.push({ start, end });
  if (pinned >= 0 && pinned < rows && pinned >= end) runs.push({ start: pinned, end: pinned + 1 });
  const parts: WindowPart[] = [];
  let at = 0;
  for (const run of runs) {
    if (run.start > at) parts.push({ kind: 'gap', rows: run.start - at });
    parts.push({ kind: 'rows', start: run.start, end: run.end });
    at = run.end;
  }
  if (rows > at) parts.push({ kind: 'gap', rows: rows - at });
  return parts;
}
