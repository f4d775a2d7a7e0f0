import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useMemo, useState, type ReactNode } from 'react';
import type { CustomerLine, PriceTable, QuoteCustomer, Scenario } from '../../engine/index';
import { scenarioStore, useQuote, useScenarioStore } from '../../state/app-store';
import { moneyFormatter } from '../summary/figures';
import {
  checkLine,
  duplicateLine,
  moveLine,
  newLine,
  numberInput,
  removeLine,
  replaceLine,
  withModel,
} from './lines';

type Service = PriceTable['service'];

/** One table row: a customer line with what the cells need to show it. */
interface LineRow {
  readonly line: CustomerLine;
  readonly index: number;
  readonly count: number;
  readonly result: QuoteCustomer | null;
  readonly service: Service | null;
  readonly money: ((amount: string) => string) | null;
}

/** Every row is this tall (px): the windowing works out which rows are in view from it. */
export const ROW_HEIGHT = 44;
/** The height of the scroll container (px). */
const VIEWPORT_HEIGHT = 480;
/** Rows rendered above and below the ones in view. */
const OVERSCAN = 6;

const nameOf = (line: CustomerLine) => line.name || line.id;
const labelOf = (column: string, line: CustomerLine) => `${column} of ${nameOf(line)}`;

/**
 * Validates the edited line with the schema: a valid one replaces the line in the
 * store (one undo step per cell while typing); otherwise the message, and the store
 * is left as it is.
 */
function commit(line: CustomerLine, candidate: unknown, column: string): string | null {
  const checked = checkLine(candidate);
  if (!checked.ok) return checked.message;
  scenarioStore.getState().edit((s) => replaceLine(s, line.id, checked.line), {
    coalesceKey: `customers.${line.id}.${column}`,
  });
  return null;
}

function edit(change: (s: Scenario) => Scenario) {
  scenarioStore.getState().edit(change);
}

/** An inline message under a cell's control. */
function CellError({ id, message }: { id: string; message: string | null }) {
  return message ? (
    <span id={id} className="customers-error" role="alert">
      {message}
    </span>
  ) : null;
}

interface TextCellProps {
  line: CustomerLine;
  column: string;
  /** The key of the column, for the undo step: `customers.<id>.<key>`. */
  field: string;
  value: string;
  numeric?: boolean;
  toLine: (text: string) => unknown;
}

/** A text box that keeps what was typed and shows why it is not valid yet. */
function TextCell({ line, column, field, value, numeric = false, toLine }: TextCellProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = `customers-${line.id}-${field}-error`;
  return (
    <>
      <input
        type="text"
        inputMode={numeric ? 'numeric' : undefined}
        autoComplete="off"
        className={numeric ? 'customers-number' : undefined}
        aria-label={labelOf(column, line)}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        value={draft ?? value}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          setError(commit(line, toLine(text), field));
        }}
        onBlur={() => {
          // valid input is in the store: show the store's value again
          if (error === null) setDraft(null);
        }}
      />
      <CellError id={errorId} message={error} />
    </>
  );
}

interface SelectCellProps {
  line: CustomerLine;
  column: string;
  field: string;
  value: string;
  options: readonly { value: string; label: string }[];
  toLine: (value: string) => unknown;
}

function SelectCell({ line, column, field, value, options, toLine }: SelectCellProps) {
  const [error, setError] = useState<string | null>(null);
  const errorId = `customers-${line.id}-${field}-error`;
  const known = options.some((o) => o.value === value);
  return (
    <>
      <select
        aria-label={labelOf(column, line)}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        value={value}
        onChange={(e) => setError(commit(line, toLine(e.target.value), field))}
      >
        {known ? null : <option value={value}>{`${value} (not in the price table)`}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <CellError id={errorId} message={error} />
    </>
  );
}

const notApplicable = (
  <span className="customers-na" title="Not for this license model">
    —
  </span>
);

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, LineRow>();

const MODEL_OPTIONS = [
  { value: 'fixed-term', label: 'Fixed-Term' },
  { value: 'payg', label: 'PAYG' },
] as const;

const columns = helper.columns([
  helper.display({
    id: 'name',
    header: 'Name',
    cell: ({ row: { original: r } }) => (
      <TextCell
        line={r.line}
        column="Name"
        field="name"
        value={r.line.name}
        toLine={(name) => ({ ...r.line, name })}
      />
    ),
  }),
  helper.display({
    id: 'count',
    header: 'Count',
    cell: ({ row: { original: r } }) => (
      <TextCell
        line={r.line}
        column="Count"
        field="count"
        numeric
        value={String(r.line.count)}
        toLine={(text) => ({ ...r.line, count: numberInput(text) })}
      />
    ),
  }),
  helper.display({
    id: 'model',
    header: 'Model',
    cell: ({ row: { original: r } }) => (
      <SelectCell
        line={r.line}
        column="Model"
        field="model"
        value={r.line.license.model}
        options={MODEL_OPTIONS}
        toLine={(model) => withModel(r.line, model === 'payg' ? 'payg' : 'fixed-term')}
      />
    ),
  }),
  helper.display({
    id: 'bundle',
    header: 'Bundle',
    cell: ({ row: { original: r } }) => (
      <SelectCell
        line={r.line}
        column="Bundle"
        field="bundle"
        value={r.line.license.bundle}
        options={(r.service?.bundles ?? []).map((b) => ({ value: b.id, label: b.name }))}
        toLine={(bundle) => ({ ...r.line, license: { ...r.line.license, bundle } })}
      />
    ),
  }),
  helper.display({
    id: 'bandwidth',
    header: 'Bandwidth',
    cell: ({ row: { original: r } }) => (
      <SelectCell
        line={r.line}
        column="Bandwidth"
        field="bandwidth"
        value={r.line.license.bandwidth}
        options={(r.service?.bandwidthTiers ?? []).map((b) => ({ value: b.id, label: b.label }))}
        toLine={(bandwidth) => ({ ...r.line, license: { ...r.line.license, bandwidth } })}
      />
    ),
  }),
  helper.display({
    id: 'vServices',
    header: 'vServices',
    cell: ({ row: { original: r } }) => (
      <TextCell
        line={r.line}
        column="vServices"
        field="vServices"
        numeric
        value={String(r.line.license.vServices)}
        toLine={(text) => ({
          ...r.line,
          license: { ...r.line.license, vServices: numberInput(text) },
        })}
      />
    ),
  }),
  helper.display({
    id: 'term',
    header: 'Term',
    cell: ({ row: { original: r } }) => {
      const license = r.line.license;
      if (license.model !== 'fixed-term') return notApplicable;
      return (
        <SelectCell
          line={r.line}
          column="Term"
          field="term"
          value={String(license.termMonths)}
          options={(r.service?.fixedTerm.terms ?? []).map((t) => ({
            value: String(t.months),
            label: `${t.months} months`,
          }))}
          toLine={(months) => ({ ...r.line, license: { ...license, termMonths: Number(months) } })}
        />
      );
    },
  }),
  helper.display({
    id: 'renew',
    header: 'Renew',
    cell: ({ row: { original: r } }) => {
      const license = r.line.license;
      if (license.model !== 'fixed-term') return notApplicable;
      return (
        <input
          type="checkbox"
          aria-label={labelOf('Renew', r.line)}
          checked={license.renew}
          onChange={(e) =>
            void commit(
              r.line,
              { ...r.line, license: { ...license, renew: e.target.checked } },
              'renew',
            )
          }
        />
      );
    },
  }),
  helper.display({
    id: 'hours',
    header: 'Hours per month',
    cell: ({ row: { original: r } }) => {
      const license = r.line.license;
      if (license.model !== 'payg') return notApplicable;
      if (Array.isArray(license.hoursPerMonth)) {
        return (
          <input
            type="text"
            readOnly
            className="customers-number"
            aria-label={labelOf('Hours per month', r.line)}
            title="A seasonal profile: 12 months, January first"
            value="seasonal"
          />
        );
      }
      return (
        <TextCell
          line={r.line}
          column="Hours per month"
          field="hours"
          numeric
          value={String(license.hoursPerMonth)}
          toLine={(text) => ({
            ...r.line,
            license: { ...license, hoursPerMonth: numberInput(text) },
          })}
        />
      );
    },
  }),
  helper.display({
    id: 'startMonth',
    header: 'Start month',
    cell: ({ row: { original: r } }) => (
      <TextCell
        line={r.line}
        column="Start month"
        field="startMonth"
        numeric
        value={String(r.line.startMonth)}
        toLine={(text) => ({ ...r.line, startMonth: numberInput(text) })}
      />
    ),
  }),
  helper.display({
    id: 'revenue',
    header: 'Revenue',
    cell: ({ row: { original: r } }) => (
      <span className="customers-figure">
        {r.result && r.money ? r.money(r.result.totals.revenue) : '—'}
      </span>
    ),
  }),
  helper.display({
    id: 'marginPct',
    header: 'Margin %',
    cell: ({ row: { original: r } }) => (
      <span
        className={r.result?.belowMinMargin ? 'customers-figure customers-low' : 'customers-figure'}
      >
        {r.result && r.result.totals.marginPct !== null ? `${r.result.totals.marginPct} %` : '—'}
      </span>
    ),
  }),
  helper.display({
    id: 'actions',
    header: 'Actions',
    cell: ({ row: { original: r } }) => {
      const name = nameOf(r.line);
      return (
        <span className="customers-actions">
          <button
            type="button"
            aria-label={`Duplicate ${name}`}
            onClick={() => edit((s) => duplicateLine(s, r.index))}
          >
            Duplicate
          </button>
          <button
            type="button"
            aria-label={`Remove ${name}`}
            onClick={() => edit((s) => removeLine(s, r.index))}
          >
            Remove
          </button>
          <button
            type="button"
            aria-label={`Move up ${name}`}
            disabled={r.index === 0}
            onClick={() => edit((s) => moveLine(s, r.index, -1))}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move down ${name}`}
            disabled={r.index === r.count - 1}
            onClick={() => edit((s) => moveLine(s, r.index, 1))}
          >
            ↓
          </button>
        </span>
      );
    },
  }),
]);

/** Which rows are rendered: those in view plus the overscan. */
export function windowOf(scrollTop: number, rows: number): { start: number; end: number } {
  const first = Math.floor(scrollTop / ROW_HEIGHT);
  const inView = Math.ceil(VIEWPORT_HEIGHT / ROW_HEIGHT);
  const start = Math.max(0, Math.min(rows, first) - OVERSCAN);
  const end = Math.min(rows, first + inView + OVERSCAN);
  return { start, end: Math.max(start, end) };
}

function Spacer({ height, columns: span }: { height: number; columns: number }): ReactNode {
  return height > 0 ? (
    <tr aria-hidden="true" className="customers-spacer" style={{ height }}>
      <td colSpan={span} />
    </tr>
  ) : null;
}

/** Step 3 of the wizard: the customer lines, edited in a table. */
export function CustomersStep() {
  const customers = useScenarioStore((s) => s.scenario.customers);
  const result = useQuote();
  const service = result.ok ? result.table.table.service : null;
  const currency = result.ok ? result.quote.currency : null;
  const quoteCustomers = result.ok ? result.quote.customers : null;

  const data = useMemo<LineRow[]>(() => {
    const byId = new Map((quoteCustomers ?? []).map((c) => [c.id, c]));
    const money = currency ? moneyFormatter(currency) : null;
    return customers.map((line, index) => ({
      line,
      index,
      count: customers.length,
      result: byId.get(line.id) ?? null,
      service,
      money,
    }));
  }, [customers, quoteCustomers, service, currency]);

  const table = useTable({ features, columns, data, getRowId: (r) => r.line.id });
  const rows = table.getRowModel().rows;
  const headers = table.getHeaderGroups();
  const columnCount = columns.length;

  const [scrollTop, setScrollTop] = useState(0);
  const { start, end } = windowOf(scrollTop, rows.length);

  return (
    <div className="customers-step">
      {result.ok ? null : <p className="summary-problem">{result.message}</p>}
      <div
        className="customers-scroll"
        style={{ maxHeight: VIEWPORT_HEIGHT }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <table className="customers-table" aria-rowcount={rows.length + 1}>
          <caption>
            {`Customer lines (${rows.length})`}
            <span className="field-hint">
              {' '}
              — each row is one line; edits are checked as you type and priced at once.
            </span>
          </caption>
          <thead>
            {headers.map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col">
                    <table.FlexRender header={header} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            <Spacer height={start * ROW_HEIGHT} columns={columnCount} />
            {rows.slice(start, end).map((row, k) => (
              <tr key={row.id} aria-rowindex={start + k + 2} className="customers-row">
                {row.getAllCells().map((cell) => (
                  <td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            <Spacer height={(rows.length - end) * ROW_HEIGHT} columns={columnCount} />
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p>No customer lines yet.</p> : null}
      <button
        type="button"
        onClick={() =>
          edit((s) => ({ ...s, customers: [...s.customers, newLine(s.customers, service)] }))
        }
      >
        Add customer line
      </button>
    </div>
  );
}
