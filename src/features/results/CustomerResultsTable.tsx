import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import type { Quote } from '../../engine/index';
import {
  adviceText,
  columnsFor,
  CUSTOMER_COLUMNS,
  CUSTOMER_ROW_HEADER,
  shownColumns,
  type Cell,
  type Column,
  type CustomerSource,
} from '../../reports/columns';
import {
  ColumnChooser,
  formatCell,
  isNumeric,
  resultFeatures,
  ScrollBox,
  SortableHeader,
  useChosenColumns,
} from './table-kit';
import { CUSTOMER_ORDER, customerFooter, textMatches, type CustomerResultRow } from './tables';

/**
 * Lines shown at first, and added by "Show more". A deal can have 1,000 lines or more: the
 * table shows them a page at a time rather than windowing them (rows here are read-only and
 * of varying height, and every shown row stays a real row for search and screen readers);
 * sorting and the filter apply to all lines, and the foot always sums all of them.
 */
export const CUSTOMER_PAGE = 50;

type Money = (amount: string) => string;
type Spec = Column<CustomerSource>;

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

/** A line's cell: as its format says, but the margin % with its mark and the advice in words. */
function cellOf(row: CustomerResultRow, spec: Spec, money: Money) {
  switch (spec.id) {
    case 'marginPct':
      return <MarginPct row={row} />;
    case 'advice':
      return <span className="results-advice">{adviceText(row.advice, money) || '—'}</span>;
    default:
      return formatCell(spec.format, row[spec.id] as Cell, money);
  }
}

function tableColumns(specs: readonly Spec[], money: Money) {
  return helper.columns(
    specs.map((spec) =>
      helper.accessor((r) => (spec.id === CUSTOMER_ROW_HEADER ? r.name : ''), {
        id: spec.id,
        header: spec.label,
        sortFn: (a, b) => CUSTOMER_ORDER[spec.id]?.(a.original, b.original) ?? 0,
        sortDescFirst: isNumeric(spec.format),
        enableColumnFilter: spec.id === CUSTOMER_ROW_HEADER,
        filterFn: (row, _id, value: unknown) =>
          textMatches(row.original.name, typeof value === 'string' ? value : ''),
        cell: ({ row }) => cellOf(row.original, spec, money),
      }),
    ),
  );
}

/** A foot cell: the column's total, "—" for a margin % of no revenue, empty when it has none. */
function footCell(spec: Spec, cells: Readonly<Record<string, unknown>>, money: Money) {
  if (spec.format === 'percent') return pctText((cells[spec.id] ?? null) as string | null);
  return spec.total === 'none' ? '' : formatCell(spec.format, cells[spec.id] as Cell, money);
}

function FootRow(props: {
  readonly label: string;
  readonly cells: Readonly<Record<string, unknown>>;
  readonly specs: readonly Spec[];
  readonly money: Money;
  readonly className: string;
}) {
  const { label, cells, specs, money, className } = props;
  return (
    <tr className={className}>
      {specs.map((spec) =>
        spec.id === CUSTOMER_ROW_HEADER ? (
          <th key={spec.id} scope="row">
            {label}
          </th>
        ) : (
          <td key={spec.id} className={isNumeric(spec.format) ? 'results-num' : undefined}>
            {footCell(spec, cells, money)}
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
  const all = useMemo(() => columnsFor(CUSTOMER_COLUMNS, quote, 'screen'), [quote]);
  const { chosen, toggle } = useChosenColumns('customers');
  const specs = useMemo(() => shownColumns(all, chosen), [all, chosen]);
  const columns = useMemo(() => tableColumns(specs, money), [specs, money]);
  const numeric = useMemo(
    () => new Set(specs.filter((s) => isNumeric(s.format)).map((s) => s.id)),
    [specs],
  );
  const labels = useMemo(() => new Map(specs.map((s) => [s.id, s.label])), [specs]);
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
        <ColumnChooser
          title="Columns of the customer lines"
          columns={all.filter((c) => c.optional === true)}
          chosen={chosen}
          toggle={toggle}
        />
      </div>
      <ScrollBox className="results-scroll">
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
                    label={labels.get(header.column.id) ?? header.column.id}
                    className={numeric.has(header.column.id) ? 'results-num' : undefined}
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
                      className={numeric.has(cell.column.id) ? 'results-num' : undefined}
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
                  cells={footer.subtotal}
                  specs={specs}
                  money={money}
                  className="results-subtotal"
                />
              ) : null}
              <FootRow
                label="Platform"
                cells={{ ...footer.platform }}
                specs={specs}
                money={money}
                className="results-platform"
              />
              <FootRow
                label="Total"
                cells={footer.total}
                specs={specs}
                money={money}
                className="results-total"
              />
            </tfoot>
          ) : null}
        </table>
      </ScrollBox>
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
