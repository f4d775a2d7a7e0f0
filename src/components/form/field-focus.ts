import { useEffect, useRef } from 'react';

/**
 * Links to the field to fix (`#/customers?field=customers[2].endMonth`): each control
 * names the scenario paths it edits in `data-field` (space-separated), and `focusField`
 * finds the control of the longest matching path and focuses it. A control that is not
 * rendered yet (a lazy step still loading, a row scrolled out of a windowed table, a
 * panel that is closed) gets there through `useFieldReveal`: the view that can bring
 * the path into the DOM is asked to, and the focus follows once it appears.
 */

/**
 * The longest path looked for. A real one is an id (at most 500 characters) and a few keys;
 * a link of `.a` repeated a million times would otherwise cost a million candidates, each a
 * scan of the whole text.
 */
export const MAX_FIELD_PATH = 2000;

/** The path, then each shorter path above it: `a[2].b.c`, `a[2].b`, `a[2]`, `a`. */
export function pathCandidates(path: string): string[] {
  const out: string[] = [];
  if (path.length > MAX_FIELD_PATH) return out;
  let rest = path.trim();
  while (rest !== '') {
    out.push(rest);
    const cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
    if (cut <= 0) break;
    rest = rest.slice(0, cut);
  }
  return out;
}

/**
 * The control of `path` itself, or with `orAbove`, of the longest path above it
 * (`customers[2]` for `customers[2].license.convertTo` when that has no control), or null.
 *
 * The path comes from the URL (`#/deal?field=…`), so it is anyone's text: it is compared with
 * each control's `data-field` words, never put into a CSS selector, where a line break, a quote
 * or a bracket made `querySelector` throw and the app crash (issue 11).
 */
export function findField(root: ParentNode, path: string, orAbove = true): HTMLElement | null {
  const candidates = pathCandidates(path);
  const wanted = orAbove ? candidates : candidates.slice(0, 1);
  if (wanted.length === 0) return null;
  // the first control, in document order, of each path (as `[data-field~=…]` would find it)
  const byPath = new Map<string, HTMLElement>();
  for (const el of root.querySelectorAll<HTMLElement>('[data-field]')) {
    for (const word of (el.getAttribute('data-field') ?? '').split(/\s+/)) {
      if (word !== '' && !byPath.has(word)) byPath.set(word, el);
    }
  }
  for (const candidate of wanted) {
    const found = byPath.get(candidate);
    if (found) return found;
  }
  return null;
}

/** How long the exact control may take to appear before a control above it is taken. */
const EXACT_GRACE_MS = 400;

type RevealHandler = (path: string) => void;

const handlers = new Set<RevealHandler>();
/** The path still being looked for, so a view that mounts late can reveal it. */
let pending: string | null = null;

/**
 * Moves the focus to the control of `path`, waiting up to `timeoutMs` for it to be
 * rendered; `onMissing` is called when no control of it (or above it) appeared by then, so a
 * link to a field the scenario does not have can say so. Returns a function that stops waiting.
 */
export function focusField(path: string, timeoutMs = 3000, onMissing?: () => void): () => void {
  pending = path;
  for (const reveal of handlers) reveal(path);
  const started = Date.now();
  const attempt = (): boolean => {
    // A view asked to reveal the path renders it on its next commit: wait a moment for the
    // exact control before settling for the line or section above it.
    const el = findField(document, path, Date.now() - started >= EXACT_GRACE_MS);
    if (!el) return false;
    el.focus();
    el.scrollIntoView?.({ block: 'nearest' });
    return true;
  };
  if (attempt()) {
    pending = null;
    return () => undefined;
  }
  const observer = new MutationObserver(() => {
    if (attempt()) stop();
  });
  const grace = window.setTimeout(() => {
    if (attempt()) stop();
  }, EXACT_GRACE_MS);
  const timer = window.setTimeout(() => {
    stop();
    onMissing?.();
  }, timeoutMs);
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
    window.clearTimeout(grace);
    if (pending === path) pending = null;
  }
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}

/**
 * Registers a view that can bring a path's control into the DOM (scroll a row into the
 * window, open a panel). Called at once if a path is being looked for when it mounts.
 */
export function useFieldReveal(reveal: RevealHandler): void {
  const latest = useRef(reveal);
  useEffect(() => {
    latest.current = reveal;
  });
  useEffect(() => {
    const handler: RevealHandler = (path) => latest.current(path);
    handlers.add(handler);
    if (pending !== null) handler(pending);
    return () => {
      handlers.delete(handler);
    };
  }, []);
}
