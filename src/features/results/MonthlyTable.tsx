import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import type { Quote } from '../../engine/index';
import {
  columnsFor,
  shownColumns,
  MONTH_COLUMNS,
  MONTH_ROW_HEADER,
  type Column,
  type MonthSource,
} from '../../reports/columns';
import {
  ColumnChooser,
  formatCell,
  resultFeatures,
  ScrollBox,
  SortableHeader,
  useChosenColumns,
} from './table-kit';
import {
  MONTH_ORDER,
  monthFooter,
  monthMatches,
  type MonthResultRow,
  type MonthSums,
} from './tables';

type Money = (amount: string) => string;

/** The columns of the quote (src/reports/columns.ts), the period first: it names the row. */
function specsOf(quote: Quote): Column<MonthSource>[] {
  const columns = columnsFor(MONTH_COLUMNS, quote, 'screen');
  return [
    ...columns.filter((c) => c.id === MONTH_ROW_HEADER),
    ...columns.filter((c) => c.id !== MONTH_ROW_HEADER),
  ];
}

const helper = createColumnHelper<typeof resultFeatures, MonthResultRow>();

function tableColumns(specs: readonly Column<MonthSource>[], money: Money) {
  return helper.columns(
    specs.map((spec) =>
      helper.accessor((r) => r.period, {
        id: spec.id,
        header: spec.label,
        sortFn: (a, b) => MONTH_ORDER[spec.id]?.(a.original, b.original) ?? 0,
        // months and periods read oldest first; figures largest first
        sortDescFirst: spec.id !== 'period' && spec.id !== 'month',
        enableColumnFilter: spec.id === MONTH_ROW_HEADER,
        filterFn: (row, _id, value: unknown) =>
          monthMatches(row.original, typeof value === 'string' ? value : ''),
        cell: ({ row }) => formatCell(spec.format, row.original[spec.id], money),
      }),
    ),
  );
}

/** A foot cell: the column's total as it says it totals ("36 mo" for the months counted). */
function footCell(spec: Column<MonthSource>, sums: MonthSums, money: Money): string {
  if (spec.total === 'rows') return `${sums.months} mo`;
  return spec.total === 'none' ? '' : formatCell(spec.format, sums[spec.id], money);
}

function FootRow(props: {
  readonly label: string;
  readonly sums: MonthSums;
  readonly specs: readonly Column<MonthSource>[];
  readonly money: Money;
  readonly className: string;
}) {
  const { label, sums, specs, money, className } = props;
  return (
    <tr className={className}>
      {specs.map((spec) =>
        spec.id === MONTH_ROW_HEADER ? (
          <th key={spec.id} scope="row">
            {label}
          </th>
        ) : (
          <td key={spec.id} className="results-num">
            {footCell(spec, sums, money)}
          </td>
        ),
      )}
    </tr>
  );
}

export interface MonthlyTableProps {
  readonly quote: Quote;
  readonly rows: readonly MonthResultRow[];
  readonly money: Money;
}

/**
 * The monthly series (36 to 120 rows, all rendered) in a scroll box with a sticky header:
 * sortable by any column, filtered by period, with a total that equals the quote's and a
 * filtered subtotal when the filter hides months. Cumulative margin and demand are not summed.
 */
export function MonthlyTable({ quote, rows, money }: MonthlyTableProps) {
  const filterId = useId();
  const hintId = useId();
  const all = useMemo(() => specsOf(quote), [quote]);
  const { chosen, toggle } = useChosenColumns('monthly');
  const specs = useMemo(() => shownColumns(all, chosen), [all, chosen]);
  const columns = useMemo(() => tableColumns(specs, money), [specs, money]);
  const labels = useMemo(() => new Map(specs.map((s) => [s.id, s.label])), [specs]);
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({
    features: resultFeatures,
    columns,
    data,
    getRowId: (r) => String(r.month),
  });

  const periodColumn = table.getColumn('period');
  const value = periodColumn?.getFilterValue();
  const shownRows = table.getRowModel().rows;
  const footer = monthFooter(
    quote,
    rows,
    shownRows.map((r) => r.original),
  );
  const columnIds = table.getAllLeafColumns().map((c) => c.id);

  return (
    <div className="results-table-block">
      <div className="results-filter">
        <label htmlFor={filterId}>Filter months by period</label>
        <input
          id={filterId}
          type="search"
          inputMode="numeric"
          aria-describedby={hintId}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => periodColumn?.setFilterValue(e.target.value)}
        />
        <span id={hintId} className="field-hint">
          The start of a period: 2027 for a year, 2027-03 for a month.
        </span>
        <ColumnChooser
          title="Columns of the monthly series"
          columns={all.filter((c) => c.optional === true)}
          chosen={chosen}
          toggle={toggle}
        />
      </div>
      <ScrollBox className="results-scroll results-scroll-tall">
        <table className="results-table">
          <caption>
            <span className="results-caption">
              Monthly series
              {shownRows.length === rows.length
                ? ` (${rows.length} months)`
                : ` (${shownRows.length} of ${rows.length} months shown by the filter)`}
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
                    className={header.column.id === 'period' ? undefined : 'results-num'}
                  />
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {shownRows.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) =>
                  cell.column.id === 'period' ? (
                    <th key={cell.id} scope="row">
                      <table.FlexRender cell={cell} />
                    </th>
                  ) : (
                    <td key={cell.id} className="results-num">
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            ))}
            {shownRows.length === 0 ? (
              <tr>
                <td colSpan={columnIds.length}>No month matches the filter.</td>
              </tr>
            ) : null}
          </tbody>
          {footer ? (
            <tfoot>
              {footer.subtotal ? (
                <FootRow
                  label="Filtered subtotal"
                  sums={footer.subtotal}
                  specs={specs}
                  money={money}
                  className="results-subtotal"
                />
              ) : null}
              <FootRow
                label="Total"
                sums={footer.total}
                specs={specs}
                money={money}
                className="results-total"
              />
            </tfoot>
          ) : null}
        </table>
      </ScrollBox>
    </div>
  );
}
