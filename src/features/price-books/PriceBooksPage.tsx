/**
 * Price books (PRODUCT.md "Scenarios and price books"): every price table with its dates, a
 * diff of two versions, a preview of the open scenario re-priced on another version (and the
 * switch, one undoable edit), and loading or removing a vendor's custom table
 * (docs/decisions/015-custom-price-tables.md).
 */
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { countLabel, moneyFormatter } from '../../components/format';
import {
  megabytes,
  PRICE_TABLE_MAX_BYTES,
  problemTotal,
  type Quote,
  type QuoteTotals,
  type SchemaProblem,
} from '../../engine/index';
import { amountDifference, diffTables, type PriceChange } from '../../price-tables/diff';
import { identityLabel, sameIdentity, type TableIdentity } from '../../price-tables/parse';
import { versionsOf, type Registry, type TableEntry } from '../../price-tables/registry';
import { localToday, scenarioStore, useQuote, useScenario } from '../../state/app-store';
import { customTablesStore, useCustomTables, useRegistry } from '../../state/custom-tables';
import { quoteOnTable, type QuoteResult } from '../../state/quote';
import { issueText } from '../../reports/issue-text';
import { tableProblemText } from './table-problems';
import './price-books.css';

export interface PriceBooksPageProps {
  readonly query: string;
}

function isSample(entry: TableEntry): boolean {
  return /\bsample\b/i.test(entry.table.notes);
}

/** Product and currency pairs, in registry order, each with its versions (oldest first). */
function priceBooks(registry: Registry): { key: string; label: string; entries: TableEntry[] }[] {
  const out: { key: string; label: string; entries: TableEntry[] }[] = [];
  for (const { table } of registry.entries) {
    const key = `${table.product}\u0000${table.currency}`;
    if (out.some((g) => g.key === key)) continue;
    out.push({
      key,
      label: `${table.product} · ${table.currency}`,
      entries: versionsOf(registry, table.product, table.currency),
    });
  }
  return out;
}

export function PriceBooksPage(_props: PriceBooksPageProps) {
  const registry = useRegistry();
  const notice = useCustomTables((s) => s.notice);
  return (
    // the shell's page heading names it: "Price books"
    <div className="price-books">
      {notice ? (
        <div className="price-books-notice" role="status">
          <p>{notice}</p>
          <button type="button" onClick={() => customTablesStore.getState().dismissNotice()}>
            Dismiss
          </button>
        </div>
      ) : null}
      <TableList registry={registry} />
      <CompareVersions registry={registry} />
      <Reprice registry={registry} />
      <LoadCustomTable />
    </div>
  );
}

function TableList({ registry }: { registry: Registry }) {
  const pinned = useScenario().priceTable;
  const remove = useCustomTables((s) => s.remove);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Price tables</h2>
      <table className="price-books-list" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Currency</th>
            <th scope="col">Version</th>
            <th scope="col">Effective from</th>
            <th scope="col">Valid until</th>
            <th scope="col">Notes</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {priceBooks(registry).flatMap((book) =>
            book.entries.map((e) => {
              const label = identityLabel(e.table);
              return (
                <tr key={label} data-testid={`table-${label}`}>
                  <td>{e.table.product}</td>
                  <td>{e.table.currency}</td>
                  <th scope="row">{e.table.version}</th>
                  <td>{e.table.effectiveFrom}</td>
                  <td>{e.table.validUntil ?? 'no end date'}</td>
                  <td>{e.table.notes}</td>
                  <td>
                    {isSample(e) ? <span className="badge">Sample prices</span> : null}
                    {e.custom ? <span className="badge badge-custom">Custom</span> : null}
                    {sameIdentity(e.table, pinned) ? (
                      <span className="badge badge-in-use">In use by the open scenario</span>
                    ) : null}
                  </td>
                  <td>
                    {e.custom ? (
                      <button
                        type="button"
                        aria-label={`Remove ${label}`}
                        onClick={() => remove(e.table)}
                      >
                        Remove
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </section>
  );
}

function CompareVersions({ registry }: { registry: Registry }) {
  const books = useMemo(() => priceBooks(registry), [registry]);
  const pinned = useScenario().priceTable;
  const ids = { heading: useId(), book: useId(), from: useId(), to: useId() };
  const initialBook =
    books.find((b) => b.key === `${pinned.product}\u0000${pinned.currency}`)?.key ??
    books[0]?.key ??
    '';
  const [bookKey, setBookKey] = useState(initialBook);
  const book = books.find((b) => b.key === bookKey) ?? books[0];
  const versions = book?.entries ?? [];
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const older =
    versions.find((e) => e.table.version === from) ?? versions.at(-2) ?? versions.at(-1);
  const newer = versions.find((e) => e.table.version === to) ?? versions.at(-1);
  const changes = useMemo(
    () => (older && newer ? diffTables(older.table, newer.table) : []),
    [older, newer],
  );

  const onBook = (event: ChangeEvent<HTMLSelectElement>) => {
    setBookKey(event.target.value);
    setFrom(null);
    setTo(null);
  };

  return (
    <section aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Compare versions</h2>
      <div className="price-books-controls">
        <label htmlFor={ids.book}>Price book</label>
        <select id={ids.book} value={book?.key ?? ''} onChange={onBook}>
          {books.map((b) => (
            <option key={b.key} value={b.key}>
              {b.label}
            </option>
          ))}
        </select>
        <label htmlFor={ids.from}>Older version</label>
        <select
          id={ids.from}
          value={older?.table.version ?? ''}
          onChange={(e) => setFrom(e.target.value)}
        >
          {versions.map((e) => (
            <option key={e.table.version} value={e.table.version}>
              {versionLabel(e)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.to}>Newer version</label>
        <select
          id={ids.to}
          value={newer?.table.version ?? ''}
          onChange={(e) => setTo(e.target.value)}
        >
          {versions.map((e) => (
            <option key={e.table.version} value={e.table.version}>
              {versionLabel(e)}
            </option>
          ))}
        </select>
      </div>
      {versions.length < 2 ? (
        <p>This price book has one version; there is nothing to compare it with.</p>
      ) : (
        <>
          <p role="status" data-testid="diff-count">
            {older === newer
              ? 'The same version is chosen twice: no prices differ.'
              : `${countLabel(changes.length, 'price differs', 'prices differ')} between ${older?.table.version} and ${newer?.table.version}.`}
          </p>
          {changes.length > 0 ? (
            // a new pair of versions starts again at the first rows
            <DiffRows
              key={`${older?.table.version}\u0000${newer?.table.version}`}
              changes={changes}
            />
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * Rows of the diff rendered at once: two 200 × 200 price grids differ in 80,000 cells, and
 * rendering them all blocked the page for seconds (issue 11). More come on request, a page
 * at a time, each well under 200 ms of work.
 */
export const DIFF_ROWS_PAGE = 200;

function DiffRows({ changes }: { changes: readonly PriceChange[] }) {
  const [shown, setShown] = useState(DIFF_ROWS_PAGE);
  const rest = changes.length - shown;
  return (
    <>
      <table className="price-books-diff" aria-label="Price changes">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Old</th>
            <th scope="col">New</th>
            <th scope="col">Change %</th>
          </tr>
        </thead>
        <tbody>
          {changes.slice(0, shown).map((c) => (
            <tr key={c.path} title={c.path}>
              <th scope="row">{c.label}</th>
              <td>{c.old ?? 'not offered'}</td>
              <td>{c.new ?? 'removed'}</td>
              <td>
                {c.changePct === null
                  ? c.old === null
                    ? 'new'
                    : '—'
                  : `${c.changePct.startsWith('-') ? '' : '+'}${c.changePct} %`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rest > 0 ? (
        <p>
          The first {countLabel(shown, 'change is', 'changes are')} shown.{' '}
          <button type="button" onClick={() => setShown((n) => n + DIFF_ROWS_PAGE)}>
            Show {Math.min(rest, DIFF_ROWS_PAGE).toLocaleString('en-US')} more of{' '}
            {rest.toLocaleString('en-US')}
          </button>
        </p>
      ) : null}
    </>
  );
}

function versionLabel(e: TableEntry): string {
  return `${e.table.version} (effective ${e.table.effectiveFrom})${e.custom ? ' (custom)' : ''}`;
}

const FIGURES: readonly {
  key: string;
  label: string;
  money: boolean;
  pick: (t: QuoteTotals) => string | null;
}[] = [
  { key: 'tcv', label: 'TCV', money: true, pick: (t) => t.revenue },
  { key: 'cost', label: 'Cost', money: true, pick: (t) => t.cost },
  { key: 'margin', label: 'Margin', money: true, pick: (t) => t.margin },
  { key: 'marginPct', label: 'Margin %', money: false, pick: (t) => t.marginPct },
  { key: 'mrr', label: 'MRR (last month)', money: true, pick: (t) => t.mrrFinal },
];

function errorsOf(quote: Quote) {
  return quote.issues.filter((i) => i.level === 'error');
}

function Reprice({ registry }: { registry: Registry }) {
  const scenario = useScenario();
  const current = useQuote(registry);
  const pinned = scenario.priceTable;
  const others = versionsOf(registry, pinned.product, pinned.currency).filter(
    (e) => !sameIdentity(e.table, pinned),
  );
  const ids = { heading: useId(), select: useId() };
  const [chosen, setChosen] = useState<string | null>(null);
  // by default the newest other version
  const target = others.find((e) => e.table.version === chosen) ?? others.at(-1);
  const today = localToday();
  // (the React compiler memoises this on its inputs)
  const next: QuoteResult | null = target
    ? quoteOnTable(scenario, registry, target.table, today)
    : null;

  return (
    <section aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Re-price the open scenario</h2>
      <p>
        The open scenario is priced on {identityLabel(pinned)}. See what its totals would be on
        another version before switching.
      </p>
      {others.length === 0 || !target ? (
        <p>
          There is no other version of {pinned.product} in {pinned.currency} to re-price on.
        </p>
      ) : (
        <>
          <div className="price-books-controls">
            <label htmlFor={ids.select}>Re-price the open scenario on</label>
            <select
              id={ids.select}
              value={target.table.version}
              onChange={(e) => setChosen(e.target.value)}
            >
              {others.map((e) => (
                <option key={e.table.version} value={e.table.version}>
                  {versionLabel(e)}
                </option>
              ))}
            </select>
          </div>
          {next ? (
            <RepriceFigures current={current} next={next} version={target.table.version} />
          ) : null}
          <button
            type="button"
            onClick={() => {
              const { product, currency, version } = target.table;
              scenarioStore
                .getState()
                .edit((s) =>
                  sameIdentity(s.priceTable, target.table)
                    ? s
                    : { ...s, priceTable: { product, currency, version } },
                );
              setChosen(null);
            }}
          >
            Switch to {target.table.version}
          </button>
        </>
      )}
    </section>
  );
}

function RepriceFigures({
  current,
  next,
  version,
}: {
  current: QuoteResult;
  next: QuoteResult;
  version: string;
}) {
  // the lines named as on screen in the errors, never by their paths (issue 13)
  const scenario = useScenario();
  if (!next.ok) return <p role="alert">{next.message}</p>;
  const money = moneyFormatter(next.quote.currency);
  const now = current.ok ? current.quote.totals : null;
  const then = next.quote.totals;
  const nextErrors = errorsOf(next.quote);
  const nowErrors = current.ok ? errorsOf(current.quote) : [];
  const show = (value: string | null, isMoney: boolean) =>
    value === null ? '—' : isMoney ? money(value) : `${value} %`;
  return (
    <>
      <table className="price-books-reprice" aria-label={`Totals now and on ${version}`}>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Now</th>
            <th scope="col">On {version}</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((f) => {
            const a = now ? f.pick(now) : null;
            const b = then ? f.pick(then) : null;
            const d = a !== null && b !== null ? amountDifference(a, b) : null;
            return (
              <tr key={f.key} data-testid={`reprice-${f.key}`}>
                <th scope="row">{f.label}</th>
                <td>{show(a, f.money)}</td>
                <td>{show(b, f.money)}</td>
                <td>
                  {d === null
                    ? '—'
                    : f.money
                      ? `${d.startsWith('-') ? '' : '+'}${money(d)}`
                      : `${d.startsWith('-') ? '' : '+'}${d} pts`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {nextErrors.length > 0 ? (
        <div role="alert" className="price-books-errors">
          <p>
            On {version} the quote would have {countLabel(nextErrors.length, 'error', 'errors')}
            {nowErrors.length > 0 ? ` (it has ${nowErrors.length} now)` : ''}:
          </p>
          <ul>
            {nextErrors.map((i, n) => (
              <li key={`${i.code}-${i.path}-${n}`}>
                {i.path ? `${issueText(i, scenario).where}: ` : ''}
                {issueText(i, scenario).message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function LoadCustomTable() {
  const add = useCustomTables((s) => s.add);
  // "Loaded" is said as saved only while storage holds it (issue 11: messages true when shown)
  const unsaved = useCustomTables((s) => s.unsaved);
  const ids = { heading: useId(), input: useId(), hint: useId() };
  const [result, setResult] = useState<
    | { ok: true; id: TableIdentity; name: string }
    | { ok: false; name: string; problems: readonly SchemaProblem[]; document?: unknown }
    | null
  >(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    // the limit of src/engine/limits.ts, the same as the CLI's (ADR 022)
    if (file.size > PRICE_TABLE_MAX_BYTES) {
      setResult({
        ok: false,
        name: file.name,
        problems: [
          {
            path: '',
            message: `the file is larger than ${megabytes(PRICE_TABLE_MAX_BYTES)}; a price table is far smaller`,
          },
        ],
      });
      input.value = '';
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setResult({
        ok: false,
        name: file.name,
        problems: [{ path: '', message: `the file could not be read: ${String(e)}` }],
      });
      return;
    }
    const loaded = add(file.name, text);
    let document: unknown = null;
    if (!loaded.ok) {
      try {
        document = JSON.parse(text); // to name the entries the problems are in
      } catch {
        document = null;
      }
    }
    setResult(
      loaded.ok
        ? { ok: true, id: loaded.entry.table, name: file.name }
        : { ok: false, name: file.name, problems: loaded.problems, document },
    );
    input.value = '';
  };

  return (
    <section aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Load a custom price table</h2>
      <p id={ids.hint}>
        A vendor&apos;s price table in the format of{' '}
        <code>pricing-data/price-table.schema.json</code>. It is checked like the bundled tables,
        kept in this browser, and needs a version no bundled table has.
      </p>
      <label htmlFor={ids.input}>Custom price table file</label>
      <input
        id={ids.input}
        type="file"
        accept=".json,application/json"
        aria-describedby={ids.hint}
        onChange={(e) => void onFile(e)}
      />
      {result?.ok ? (
        <p role="status">
          Loaded {identityLabel(result.id)} from {result.name}
          {unsaved ? ' in this tab only: it could not be saved in this browser.' : '.'}
        </p>
      ) : null}
      {result && !result.ok ? (
        <div role="alert" className="price-books-errors">
          <p>
            {result.name} was not loaded:{' '}
            {countLabel(problemTotal(result.problems), 'problem', 'problems')}
          </p>
          <ul>
            {result.problems.map((p, i) => {
              const text = tableProblemText(p, result.document);
              return (
                <li key={`${p.path}-${i}`}>
                  <strong>{text.where}</strong>: {text.message}
                  {text.path === '' ? null : (
                    <span className="price-books-path">
                      {' '}
                      (in the file at <code>{text.path}</code>)
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
