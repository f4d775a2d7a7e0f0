import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import type { Quote } from '../../engine/index';
import { resultFeatures, SortableHeader } from './table-kit';
import {
  adviceText,
  CUSTOMER_ORDER,
  customerFooter,
  textMatches,
  type CustomerColumnId,
  type CustomerResultRow,
  type RowAmounts,
} from './tables';

/**
 * Lines shown at first, and added by "Show more". A deal can have 1,000 lines or more: the
 * table shows them a page at a time rather than windowing them (rows here are read-only and
 * of varying height, and every shown row stays a real row for search and screen readers);
 * sorting and the filter apply to all lines, and the foot always sums all of them.
 */
export const CUSTOMER_PAGE = 50;

type Money = (amount: string) => string;

interface Spec {
  readonly id: CustomerColumnId;
  readonly label: string;
  /** Right-aligned figures, sorted largest first on the first click. */
  readonly numeric: boolean;
}

const SPECS: readonly Spec[] = [
  { id: 'name', label: 'Customer line', numeric: false },
  { id: 'count', label: 'Count', numeric: true },
  { id: 'model', label: 'Model', numeric: false },
  { id: 'bundle', label: 'Bundle', numeric: false },
  { id: 'bandwidth', label: 'Bandwidth', numeric: false },
  { id: 'partner', label: 'Partner', numeric: false },
  { id: 'revenue', label: 'Revenue', numeric: true },
  { id: 'cost', label: 'Cost', numeric: true },
  { id: 'commissions', label: 'Commissions', numeric: true },
  { id: 'margin', label: 'Margin', numeric: true },
  { id: 'marginPct', label: 'Margin %', numeric: true },
  { id: 'advice', label: 'PAYG advice', numeric: false },
];

const LABELS = Object.fromEntries(SPECS.map((s) => [s.id, s.label])) as Record<string, string>;
const NUMERIC = new Set(SPECS.filter((s) => s.numeric).map((s) => s.id as string));

const helper = createColumnHelper<typeof resultFeatures, CustomerResultRow>();

const pctText = (pct: string | null) => (pct === null ? '—' : `${pct} %`);

function MarginPct({ row }: { row: CustomerResultRow }) {
  return (
    <>
      {pctText(row.marginPct)}
      {row.belowMinMargin ? <span className="results-below">Below minimum</span> : null}
    </>
  );
}

function cellOf(row: CustomerResultRow, id: CustomerColumnId, money: Money) {
  switch (id) {
    case 'revenue':
    case 'cost':
    case 'commissions':
    case 'margin':
      return money(row[id]);
    case 'marginPct':
      return <MarginPct row={row} />;
    case 'advice':
      return adviceText(row.advice, money) || '—';
    case 'count':
      return String(row.count);
    default:
      return row[id];
  }
}

function columnsFor(money: Money) {
  return helper.columns(
    SPECS.map((spec) =>
      helper.accessor((r) => (spec.id === 'name' ? r.name : ''), {
        id: spec.id,
        header: spec.label,
        sortFn: (a, b) => CUSTOMER_ORDER[spec.id](a.original, b.original),
        sortDescFirst: spec.numeric,
        enableColumnFilter: spec.id === 'name',
        filterFn: (row, _id, value: unknown) =>
          textMatches(row.original.name, typeof value === 'string' ? value : ''),
        cell: ({ row }) => cellOf(row.original, spec.id, money),
      }),
    ),
  );
}

function amountCell(id: string, amounts: RowAmounts, count: number | null, money: Money) {
  switch (id) {
    case 'count':
      return count === null ? '' : String(count);
    case 'revenue':
    case 'cost':
    case 'commissions':
    case 'margin':
      return money(amounts[id]);
    case 'marginPct':
      return pctText(amounts.marginPct);
    default:
      return '';
  }
}

function FootRow(props: {
  readonly label: string;
  readonly amounts: RowAmounts;
  readonly count: number | null;
  readonly columns: readonly string[];
  readonly money: Money;
  readonly className: string;
}) {
  const { label, amounts, count, columns, money, className } = props;
  return (
    <tr className={className}>
      {columns.map((id) =>
        id === 'name' ? (
          <th key={id} scope="row">
            {label}
          </th>
        ) : (
          <td key={id} className={NUMERIC.has(id) ? 'results-num' : undefined}>
            {amountCell(id, amounts, count, money)}
          </td>
        ),
      )}
    </tr>
  );
}

export interface CustomerResultsTableProps {
  readonly quote: Quote;
  readonly rows: readonly CustomerResultRow[];
  readonly money: Money;
}

/**
 * Per-customer results over the horizon: sortable by any column, filtered by name, with a
 * foot that adds up: a filtered subtotal when the filter hides lines, the platform (cost,
 * no revenue) and the total, which is the quote's.
 */
export function CustomerResultsTable({ quote, rows, money }: CustomerResultsTableProps) {
  const filterId = useId();
  const [limit, setLimit] = useState(CUSTOMER_PAGE);
  const columns = useMemo(() => columnsFor(money), [money]);
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({
    features: resultFeatures,
    columns,
    data,
    getRowId: (r) => r.id,
  });

  const nameColumn = table.getColumn('name');
  const query = typeof nameColumn?.getFilterValue() === 'string' ? nameColumn.getFilterValue() : '';
  const shownRows = table.getRowModel().rows;
  const filtered = useMemo(() => shownRows.map((r) => r.original), [shownRows]);
  const footer = customerFooter(quote, rows, filtered);
  const visible = shownRows.slice(0, limit);
  const columnIds = table.getAllLeafColumns().map((c) => c.id);

  return (
    <div className="results-table-block">
      <div className="results-filter">
        <label htmlFor={filterId}>Filter customer lines by name</label>
        <input
          id={filterId}
          type="search"
          value={String(query)}
          onChange={(e) => {
            nameColumn?.setFilterValue(e.target.value);
            setLimit(CUSTOMER_PAGE);
          }}
        />
      </div>
      <div className="results-scroll">
        <table className="results-table">
          <caption>
            <span className="results-caption">
              Results per customer line
              {filtered.length === rows.length
                ? ` (${rows.length})`
                : ` (${filtered.length} of ${rows.length} shown by the filter)`}
            </span>
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <SortableHeader
                    key={header.id}
                    column={header.column}
                    label={LABELS[header.column.id] ?? header.column.id}
                    className={NUMERIC.has(header.column.id) ? 'results-num' : undefined}
                  />
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) =>
                  cell.column.id === 'name' ? (
                    <th key={cell.id} scope="row">
                      <table.FlexRender cell={cell} />
                    </th>
                  ) : (
                    <td
                      key={cell.id}
                      className={NUMERIC.has(cell.column.id) ? 'results-num' : undefined}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            ))}
            {filtered.length === 0 ? (
              <tr>
                <td colSpan={columnIds.length}>No customer line matches the filter.</td>
              </tr>
            ) : null}
          </tbody>
          {footer ? (
            <tfoot>
              {footer.subtotal ? (
                <FootRow
                  label={`Filtered subtotal (${footer.subtotal.lines} of ${footer.total.lines} lines)`}
                  amounts={footer.subtotal}
                  count={footer.subtotal.count}
                  columns={columnIds}
                  money={money}
                  className="results-subtotal"
                />
              ) : null}
              <FootRow
                label="Platform"
                amounts={footer.platform}
                count={null}
                columns={columnIds}
                money={money}
                className="results-platform"
              />
              <FootRow
                label="Total"
                amounts={footer.total}
                count={footer.total.count}
                columns={columnIds}
                money={money}
                className="results-total"
              />
            </tfoot>
          ) : null}
        </table>
      </div>
      {shownRows.length > visible.length ? (
        <div className="button-row">
          <p className="results-paging" aria-live="polite">
            Showing {visible.length} of {shownRows.length} lines.
          </p>
          <button type="button" onClick={() => setLimit((n) => n + CUSTOMER_PAGE)}>
            Show {Math.min(CUSTOMER_PAGE, shownRows.length - visible.length)} more
          </button>
          <button type="button" onClick={() => setLimit(shownRows.length)}>
            Show all {shownRows.length}
          </button>
        </div>
      ) : null}
    </div>
  );
}
