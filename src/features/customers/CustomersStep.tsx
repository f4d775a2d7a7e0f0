import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useFieldReveal } from '../../components/form/field-focus';
import type { CustomerLine, PriceTable, QuoteCustomer, QuoteIssue } from '../../engine/index';
import { scenarioStore, useQuote, useScenarioStore } from '../../state/app-store';
import { moneyFormatter } from '../../components/format';
import { editScenario, LineSelect, LineTextInput, nameOf } from './cells';
import { ImportLines } from './ImportLines';
import { LineDetails } from './LineDetails';
import { duplicateLine, moveLine, newLine, numberInput, removeLine, withModel } from './lines';
import { ROW_HEIGHT, VIEWPORT_HEIGHT, windowParts } from './row-window';

export { ROW_HEIGHT } from './row-window';

type Service = PriceTable['service'];

/** One table row: a customer line with what the cells need to show it. */
interface LineRow {
  readonly line: CustomerLine;
  readonly index: number;
  readonly count: number;
  readonly result: QuoteCustomer | null;
  readonly service: Service | null;
  readonly money: ((amount: string) => string) | null;
  /** Its details panel is open. */
  readonly selected: boolean;
  readonly toggleDetails: (id: string) => void;
}

const labelOf = (column: string, line: CustomerLine) => `${column} of ${nameOf(line)}`;
/** `customers[3]`: the scenario path of line `index`. */
const at = (index: number) => `customers[${index}]`;

/** Paths edited in the table itself; any other path of a line is in its details panel. */
const TABLE_PATHS =
  /^\.(name|count|startMonth|license(\.(model|bundle|bandwidth|vServices|termMonths))?)?$/;

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, LineRow>();

const MODEL_OPTIONS = [
  { value: 'fixed-term', label: 'Fixed-Term' },
  { value: 'payg', label: 'PAYG' },
] as const;

/** The term of a Fixed-Term line, or the hours of a PAYG line: one column for both. */
function TermOrHours({ r }: { r: LineRow }) {
  const { line, index } = r;
  const license = line.license;
  if (license.model === 'fixed-term') {
    return (
      <LineSelect
        line={line}
        field="term"
        paths={`${at(index)}.license.termMonths`}
        name={{ label: labelOf('Term', line) }}
        value={String(license.termMonths)}
        options={(r.service?.fixedTerm.terms ?? []).map((t) => ({
          value: String(t.months),
          label: `${t.months} mo`,
        }))}
        toLine={(months) => ({ ...line, license: { ...license, termMonths: Number(months) } })}
      />
    );
  }
  if (Array.isArray(license.hoursPerMonth)) {
    return (
      <button
        type="button"
        className="customers-seasonal"
        aria-label={`Hours per month of ${nameOf(line)}: a seasonal profile; edit it in the details`}
        aria-expanded={r.selected}
        data-field={`${at(index)}.license.hoursPerMonth`}
        onClick={() => r.toggleDetails(line.id)}
      >
        Seasonal h
      </button>
    );
  }
  return (
    <span className="customers-hours">
      <LineTextInput
        line={line}
        field="hours"
        paths={`${at(index)}.license.hoursPerMonth`}
        name={{ label: labelOf('Hours per month', line) }}
        inputMode="decimal"
        value={String(license.hoursPerMonth)}
        toLine={(text) => ({
          ...line,
          license: { ...license, hoursPerMonth: numberInput(text) },
        })}
      />
      <span aria-hidden="true">h</span>
    </span>
  );
}

const columns = helper.columns([
  helper.display({
    id: 'name',
    header: 'Name',
    cell: ({ row: { original: r } }) => (
      <LineTextInput
        line={r.line}
        field="name"
        paths={`${at(r.index)}.name ${at(r.index)}`}
        name={{ label: labelOf('Name', r.line) }}
        value={r.line.name}
        toLine={(name) => ({ ...r.line, name })}
      />
    ),
  }),
  helper.display({
    id: 'count',
    header: 'Count',
    cell: ({ row: { original: r } }) => (
      <LineTextInput
        line={r.line}
        field="count"
        paths={`${at(r.index)}.count`}
        name={{ label: labelOf('Count', r.line) }}
        inputMode="numeric"
        value={String(r.line.count)}
        toLine={(text) => ({ ...r.line, count: numberInput(text) })}
      />
    ),
  }),
  helper.display({
    id: 'model',
    header: 'Model',
    cell: ({ row: { original: r } }) => (
      <LineSelect
        line={r.line}
        field="model"
        paths={`${at(r.index)}.license.model ${at(r.index)}.license`}
        name={{ label: labelOf('Model', r.line) }}
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
      <LineSelect
        line={r.line}
        field="bundle"
        paths={`${at(r.index)}.license.bundle`}
        name={{ label: labelOf('Bundle', r.line) }}
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
      <LineSelect
        line={r.line}
        field="bandwidth"
        paths={`${at(r.index)}.license.bandwidth`}
        name={{ label: labelOf('Bandwidth', r.line) }}
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
      <LineTextInput
        line={r.line}
        field="vServices"
        paths={`${at(r.index)}.license.vServices`}
        name={{ label: labelOf('vServices', r.line) }}
        inputMode="numeric"
        value={String(r.line.license.vServices)}
        toLine={(text) => ({
          ...r.line,
          license: { ...r.line.license, vServices: numberInput(text) },
        })}
      />
    ),
  }),
  helper.display({
    id: 'termOrHours',
    header: 'Term / hours',
    cell: ({ row: { original: r } }) => <TermOrHours r={r} />,
  }),
  helper.display({
    id: 'startMonth',
    header: 'Start',
    cell: ({ row: { original: r } }) => (
      <LineTextInput
        line={r.line}
        field="startMonth"
        paths={`${at(r.index)}.startMonth`}
        name={{ label: labelOf('Start month', r.line) }}
        inputMode="numeric"
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
        title={r.result?.belowMinMargin ? 'Below the minimum margin' : undefined}
      >
        {r.result && r.result.totals.marginPct !== null ? `${r.result.totals.marginPct} %` : '—'}
      </span>
    ),
  }),
  helper.display({
    id: 'actions',
    header: 'Actions',
    cell: ({ row: { original: r } }) => <RowActions r={r} />,
  }),
]);

/**
 * A line's actions: Details, and the rest behind "More" (a disclosure), so the column stays
 * narrow enough to be pinned to the right edge of the table and reachable at 768 px.
 */
function RowActions({ r }: { r: LineRow }) {
  const [open, setOpen] = useState(false);
  const groupId = useId();
  const name = nameOf(r.line);
  const act = (change: Parameters<typeof editScenario>[0]) => {
    setOpen(false);
    editScenario(change);
  };
  return (
    <span className="customers-actions">
      <button
        type="button"
        aria-label={`Details of ${name}`}
        title="Details: end month, partner, sell price, seasonal hours, conversion"
        aria-expanded={r.selected}
        aria-controls={r.selected ? 'customers-details' : undefined}
        onClick={() => r.toggleDetails(r.line.id)}
      >
        Details
      </button>
      <button
        type="button"
        aria-label={`More actions for ${name}`}
        title="Copy, remove, move"
        aria-expanded={open}
        aria-controls={groupId}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Less' : 'More'}
      </button>
      <span id={groupId} role="group" aria-label={`Actions for ${name}`} hidden={!open}>
        <button
          type="button"
          aria-label={`Duplicate ${name}`}
          title="Duplicate"
          onClick={() => act((s) => duplicateLine(s, r.index))}
        >
          Copy
        </button>
        <button
          type="button"
          aria-label={`Remove ${name}`}
          title="Remove (Undo brings it back)"
          onClick={() => act((s) => removeLine(s, r.index))}
        >
          Remove
        </button>
        <button
          type="button"
          aria-label={`Move up ${name}`}
          title="Move up"
          disabled={r.index === 0}
          onClick={() => act((s) => moveLine(s, r.index, -1))}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move down ${name}`}
          title="Move down"
          disabled={r.index === r.count - 1}
          onClick={() => act((s) => moveLine(s, r.index, 1))}
        >
          ↓
        </button>
      </span>
    </span>
  );
}

function Spacer({ rows, columns: span }: { rows: number; columns: number }) {
  return rows > 0 ? (
    <tr aria-hidden="true" className="customers-spacer" style={{ height: rows * ROW_HEIGHT }}>
      <td colSpan={span} />
    </tr>
  ) : null;
}

/** Step 3 of the wizard: the customer lines, edited in a table. */
export function CustomersStep() {
  const customers = useScenarioStore((s) => s.scenario.customers);
  const partners = useScenarioStore((s) => s.scenario.channel.partners);
  const horizonMonths = useScenarioStore((s) => s.scenario.horizonMonths);
  const pricing = useScenarioStore((s) => s.scenario.pricing);
  const result = useQuote();
  const service = result.ok ? result.table.table.service : null;
  const currency = result.ok ? result.quote.currency : null;
  const quoteCustomers = result.ok ? result.quote.customers : null;
  const issues = result.ok ? result.quote.issues : null;
  const money = useMemo(() => (currency ? moneyFormatter(currency) : null), [currency]);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** The line whose row holds the focus: kept rendered when it scrolls out of view. */
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const toggleDetails = useCallback(
    (id: string) => setSelectedId((current) => (current === id ? null : id)),
    [],
  );

  const data = useMemo<LineRow[]>(() => {
    const byId = new Map((quoteCustomers ?? []).map((c) => [c.id, c]));
    return customers.map((line, index) => ({
      line,
      index,
      count: customers.length,
      result: byId.get(line.id) ?? null,
      service,
      money,
      selected: line.id === selectedId,
      toggleDetails,
    }));
  }, [customers, quoteCustomers, service, money, selectedId, toggleDetails]);

  // A link to a line's field (`?field=customers[12].endMonth`): scroll its row into the
  // window and, for a field the table has no column for, open the line's details.
  useFieldReveal((path) => {
    const match = /^customers\[(\d+)\](.*)$/.exec(path);
    const line = match ? customers[Number(match[1])] : undefined;
    if (!match || !line) return;
    const top = Math.max(0, Number(match[1]) * ROW_HEIGHT - ROW_HEIGHT);
    if (scroller.current) scroller.current.scrollTop = top;
    setScrollTop(top);
    if (!TABLE_PATHS.test(match[2] ?? '')) setSelectedId(line.id);
  });

  // After "Add customer line" the new row's first field takes the focus, so the user types
  // its name at once (and a screen reader hears where they are).
  const focusNew = useRef<string | null>(null);
  const addLine = () => {
    const current = scenarioStore.getState().scenario.customers;
    const line = newLine(current, service);
    focusNew.current = line.id;
    setFocusedId(line.id); // keeps the row rendered by the window
    editScenario((s) => ({ ...s, customers: [...s.customers, line] }));
  };
  useEffect(() => {
    const id = focusNew.current;
    if (id === null) return;
    const index = customers.findIndex((l) => l.id === id);
    if (index === -1) return;
    focusNew.current = null;
    // the row is rendered (it is the focused line, which the window keeps); focusing it
    // scrolls the table to it, and the scroll handler moves the window
    const row = [...(scroller.current?.querySelectorAll('tr') ?? [])].find(
      (tr) => tr.dataset.lineId === id,
    );
    row?.querySelector<HTMLElement>('input, select')?.focus();
  }, [customers]);

  const table = useTable({ features, columns, data, getRowId: (r) => r.line.id });
  const rows = table.getRowModel().rows;
  const headers = table.getHeaderGroups();
  const columnCount = columns.length;

  const focusedIndex = focusedId === null ? -1 : customers.findIndex((l) => l.id === focusedId);
  const parts = windowParts(scrollTop, rows.length, focusedIndex);
  const selectedIndex = selectedId === null ? -1 : customers.findIndex((l) => l.id === selectedId);
  const selected = customers[selectedIndex];

  const lineIssues = useMemo(() => {
    const map = new Map<number, QuoteIssue[]>();
    for (const issue of issues ?? []) {
      const match = /^customers\[(\d+)\]/.exec(issue.path);
      if (!match) continue;
      const i = Number(match[1]);
      map.set(i, [...(map.get(i) ?? []), issue]);
    }
    return map;
  }, [issues]);

  return (
    <div className="customers-step">
      {result.ok ? null : <p className="summary-problem">{result.message}</p>}
      <p className="field-hint">
        Each row is one line of identical customers; edits are checked as you type and priced at
        once. Details holds the end month, partner, sell price, seasonal hours and conversion.
      </p>
      <p className="field-hint customers-scroll-hint">
        Scroll the table sideways for the term or hours, start month, revenue and margin; each
        line&apos;s Details and More stay at the right.
      </p>
      <div
        ref={scroller}
        className="customers-scroll"
        style={{ maxHeight: VIEWPORT_HEIGHT }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <table className="customers-table" aria-rowcount={rows.length + 1}>
          <caption>{`Customer lines (${rows.length})`}</caption>
          <thead>
            {headers.map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col" className={`customers-col-${header.id}`}>
                    <table.FlexRender header={header} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody
            onFocus={(e) => {
              const id = (e.target as HTMLElement).closest('tr')?.dataset.lineId;
              if (id) setFocusedId(id);
            }}
          >
            {parts.map((part, p) =>
              part.kind === 'gap' ? (
                <Spacer key={`gap-${p}`} rows={part.rows} columns={columnCount} />
              ) : (
                rows.slice(part.start, part.end).map((row, k) => (
                  <tr
                    key={row.id}
                    data-line-id={row.original.line.id}
                    aria-rowindex={part.start + k + 2}
                    className={
                      row.original.selected ? 'customers-row customers-selected' : 'customers-row'
                    }
                  >
                    {row.getAllCells().map((cell) => (
                      <td key={cell.id}>
                        <table.FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                ))
              ),
            )}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? (
        <p className="empty-state">
          No customer lines yet. Add one below, or import a CSV file of lines, to price the
          deal&apos;s customers.
        </p>
      ) : null}
      {selected ? (
        <div id="customers-details">
          <LineDetails
            key={selected.id}
            line={selected}
            index={selectedIndex}
            service={service}
            partners={partners}
            horizonMonths={horizonMonths}
            defaultMarkupPct={pricing.defaultMarkupPct}
            minMarginPct={pricing.minMarginPct}
            result={data[selectedIndex]?.result ?? null}
            issues={lineIssues.get(selectedIndex) ?? []}
            money={money}
            onClose={() => setSelectedId(null)}
          />
        </div>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={addLine}>
          Add customer line
        </button>
      </div>
      <ImportLines />
    </div>
  );
}
