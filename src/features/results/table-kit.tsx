import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
  type Column,
  type RowData,
} from '@tanstack/react-table';
import type { Cell, ColumnFormat } from '../../reports/columns';

/** The Results tables: sortable by a header click, filtered by a text field. */
export const resultFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
});

export type ResultFeatures = typeof resultFeatures;

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * A column header that sorts its column: a button in the `th`, and `aria-sort` on the `th`
 * of the sorted column (only that one, as the ARIA practices advise).
 */
export function SortableHeader<TData extends RowData>({
  column,
  label,
  className,
}: {
  readonly column: Column<ResultFeatures, TData, unknown>;
  readonly label: string;
  readonly className?: string;
}) {
  const sorted = column.getIsSorted();
  return (
    <th scope="col" className={className} aria-sort={sorted ? ARIA_SORT[sorted] : undefined}>
      <button type="button" className="results-sort" onClick={column.getToggleSortingHandler()}>
        {label}
        <span aria-hidden="true" className="results-sort-mark">
          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

const integer = new Intl.NumberFormat();

/**
 * A cell as the screen writes its format (the description in src/reports/columns.ts says what
 * the value is): amounts through `money`, percents with " %", counts grouped; empty for none.
 */
export function formatCell(
  format: ColumnFormat,
  value: Cell | undefined,
  money: (amount: string) => string,
): string {
  if (value === null || value === undefined) return '';
  switch (format) {
    case 'money':
      return money(String(value));
    case 'percent':
      return `${value} %`;
    case 'integer':
      return integer.format(Number(value));
    case 'period':
    case 'text':
      return String(value);
  }
}

/** Right-aligned on screen: figures, not words. */
export const isNumeric = (format: ColumnFormat) => format !== 'text' && format !== 'period';

// ------------------------------------------------------------------------------------------
// Optional columns (ADR 037): chosen in a "Columns" menu, remembered in this browser
// ------------------------------------------------------------------------------------------

const CHOICE_KEY = (table: string) => `spc.results-columns.${table}`;

function readChoice(table: string): Set<string> {
  try {
    const raw = window.localStorage.getItem(CHOICE_KEY(table));
    const ids: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set(); // storage blocked or a bad value: the default columns
  }
}

/**
 * The optional columns a user chose for a table (by id), remembered in this browser: a view
 * preference, not part of the scenario, so it is not saved with the scenario nor shared.
 */
export function useChosenColumns(table: string) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => readChoice(table));
  const toggle = useCallback(
    (id: string, on: boolean) => {
      setChosen((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        try {
          window.localStorage.setItem(CHOICE_KEY(table), JSON.stringify([...next]));
        } catch {
          // not remembered; the choice still holds on this page
        }
        return next;
      });
    },
    [table],
  );
  return { chosen, toggle };
}

/** The "Columns" menu: a checkbox per optional column, saying how many are shown. */
export function ColumnChooser({
  title,
  columns,
  chosen,
  toggle,
}: {
  /** Names the table: "Columns of the monthly series". */
  readonly title: string;
  readonly columns: readonly { readonly id: string; readonly label: string }[];
  readonly chosen: ReadonlySet<string>;
  readonly toggle: (id: string, on: boolean) => void;
}) {
  if (columns.length === 0) return null;
  const on = columns.filter((c) => chosen.has(c.id)).length;
  return (
    <details className="results-columns">
      <summary>
        More columns{' '}
        <span className="results-columns-count">
          ({on === 0 ? columns.length : `${on} of ${columns.length} shown`})
        </span>
      </summary>
      <fieldset>
        <legend>{title}</legend>
        {columns.map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              checked={chosen.has(c.id)}
              onChange={(e) => toggle(c.id, e.target.checked)}
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/**
 * The box a table scrolls in, when it must (at 768 px, or with many columns chosen), with a
 * visible cue that there is more to the side (DESIGN.md: no sideways scroll without a cue).
 */
export function ScrollBox({
  className,
  children,
}: {
  readonly className: string;
  readonly children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [wide, setWide] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const measure = () => setWide(box.scrollWidth > box.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, []);
  return (
    <>
      <div ref={ref} className={className}>
        {children}
      </div>
      {wide ? (
        <p className="results-scroll-cue">
          Scroll the table sideways to see its columns on the right.
        </p>
      ) : null}
    </>
  );
}
