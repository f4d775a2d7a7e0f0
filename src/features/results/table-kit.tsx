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
