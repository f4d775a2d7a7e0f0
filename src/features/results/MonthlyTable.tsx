import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import type { Quote } from '../../engine/index';
import { resultFeatures, SortableHeader } from './table-kit';
import {
  MONTH_ORDER,
  monthFooter,
  monthMatches,
  MONTH_AMOUNTS,
  type MonthAmountId,
  type MonthColumnId,
  type MonthResultRow,
  type MonthSums,
} from './tables';

type Money = (amount: string) => string;

/** The columns, the period first: it names the row for a screen reader. */
const SPECS: readonly { readonly id: MonthColumnId; readonly label: string }[] = [
  { id: 'period', label: 'Period' },
  { id: 'month', label: 'Month' },
  { id: 'revenue', label: 'Revenue' },
  { id: 'recurringRevenue', label: 'Recurring revenue' },
  { id: 'costFixedTerm', label: 'Fixed-Term cost' },
  { id: 'costPayg', label: 'PAYG cost' },
  { id: 'costApps', label: 'Apps cost' },
  { id: 'costPlatform', label: 'Platform cost' },
  { id: 'cost', label: 'Total cost' },
  { id: 'partnerCommission', label: 'Partner commission' },
  { id: 'distributorCommission', label: 'Distributor commission' },
  { id: 'margin', label: 'Margin' },
  { id: 'cumulativeMargin', label: 'Cumulative margin' },
  { id: 'demandMbps', label: 'Demand (Mbps)' },
];

const LABELS = Object.fromEntries(SPECS.map((s) => [s.id, s.label])) as Record<string, string>;

/** Summed in the foot; cumulative margin and demand are not. */
const SUMMED: ReadonlySet<string> = new Set(MONTH_AMOUNTS);

const helper = createColumnHelper<typeof resultFeatures, MonthResultRow>();
const integer = new Intl.NumberFormat();

function cellOf(row: MonthResultRow, id: MonthColumnId, money: Money): string {
  switch (id) {
    case 'period':
      return row.period;
    case 'month':
      return String(row.month);
    case 'demandMbps':
      return integer.format(row.demandMbps);
    default:
      return money(row[id]);
  }
}

function columnsFor(money: Money) {
  return helper.columns(
    SPECS.map((spec) =>
      helper.accessor((r) => r.period, {
        id: spec.id,
        header: spec.label,
        sortFn: (a, b) => MONTH_ORDER[spec.id](a.original, b.original),
        // months and periods read oldest first; figures largest first
        sortDescFirst: spec.id !== 'period' && spec.id !== 'month',
        enableColumnFilter: spec.id === 'period',
        filterFn: (row, _id, value: unknown) =>
          monthMatches(row.original, typeof value === 'string' ? value : ''),
        cell: ({ row }) => cellOf(row.original, spec.id, money),
      }),
    ),
  );
}

function FootRow(props: {
  readonly label: string;
  readonly sums: MonthSums;
  readonly columns: readonly string[];
  readonly money: Money;
  readonly className: string;
}) {
  const { label, sums, columns, money, className } = props;
  return (
    <tr className={className}>
      {columns.map((id) => {
        if (id === 'period') {
          return (
            <th key={id} scope="row">
              {label}
            </th>
          );
        }
        return (
          <td key={id} className="results-num">
            {id === 'month'
              ? `${sums.months} mo`
              : SUMMED.has(id)
                ? money(sums[id as MonthAmountId])
                : ''}
          </td>
        );
      })}
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
  const columns = useMemo(() => columnsFor(money), [money]);
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
      </div>
      <div className="results-scroll results-scroll-tall">
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
                    label={LABELS[header.column.id] ?? header.column.id}
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
                  columns={columnIds}
                  money={money}
                  className="results-subtotal"
                />
              ) : null}
              <FootRow
                label="Total"
                sums={footer.total}
                columns={columnIds}
                money={money}
                className="results-total"
              />
            </tfoot>
          ) : null}
        </table>
      </div>
    </div>
  );
}
