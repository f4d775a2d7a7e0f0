import {
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
  type Column,
  type RowData,
} from '@tanstack/react-table';

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
