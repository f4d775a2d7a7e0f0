import { downloadCsv } from '../../components/download';
import { useId, useState, type ChangeEvent } from 'react';
import { scenarioStore, useQuote, useScenarioStore } from '../../state/app-store';
import {
  linesToCsv,
  MAX_CSV_BYTES,
  parseLinesCsv,
  withFreshIds,
  type LineCsvError,
  type LinesCsvResult,
} from './lines-csv';

/** Errors listed at most; the count of the rest is given. */
const ERRORS_SHOWN = 100;

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "Row 4, hoursPerMonth: must be …" */
function errorText(error: LineCsvError): string {
  if (error.row === null) return error.message;
  return `Row ${error.row}${error.column === null ? '' : `, ${error.column}`}: ${error.message}`;
}

export interface ImportLinesProps {
  /** Called once every checked row has been added (the box is then empty). */
  readonly onDone?: () => void;
}

/**
 * Import customer lines from CSV (pasted or from a file) and download the current lines in
 * the same format (ADR 010).
 *
 * Nothing in the store changes until the user presses Add: "Check" reads the text with
 * `parseLinesCsv` and shows how many lines are ready and every error by row and column; the
 * text stays in the box to be fixed. Add appends the valid lines in one undoable edit, with ids
 * made fresh against the lines of that moment.
 *
 * Decision: Add is allowed while some rows have errors. The button then reads "Add the N valid
 * lines", and afterwards the box keeps only the header and the rows with errors (as they were
 * written), re-checked, so the user fixes those and adds them without adding the good rows a
 * second time. With no errors, the box is emptied and `onDone` is called.
 */
export function ImportLines({ onDone }: ImportLinesProps = {}) {
  const customers = useScenarioStore((s) => s.scenario.customers);
  const quote = useQuote();
  const service = quote.ok ? quote.table.table.service : null;

  const [text, setText] = useState('');
  /** The check of `text`; null when the text changed since (the check is stale). */
  const [result, setResult] = useState<LinesCsvResult | null>(null);
  /** What the last action did (added lines, read a file), or why a file was refused. */
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);

  const id = useId();
  const textId = `${id}-text`;
  const fileId = `${id}-file`;
  const summaryId = `${id}-summary`;

  const check = (csv: string) => {
    // the store's lines and channel of this moment, not of the last render
    const scenario = scenarioStore.getState().scenario;
    return parseLinesCsv(csv, scenario.customers, {
      service,
      partnerIds: scenario.channel.partners.map((p) => p.id),
      partners: scenario.channel.partners,
    });
  };

  const onText = (value: string) => {
    setText(value);
    setResult(null);
    setNotice(null);
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again reads it again
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setNotice({
        text: `"${file.name}" is ${(file.size / 1024 / 1024).toFixed(1)} MB; a CSV to import may be at most 5 MB. Split it into smaller files.`,
        error: true,
      });
      return;
    }
    try {
      const content = await file.text();
      setText(content);
      setResult(check(content));
      setNotice({ text: `Read "${file.name}" and checked it.`, error: false });
    } catch (err) {
      setNotice({
        text: `"${file.name}" could not be read (${err instanceof Error ? err.message : String(err)}).`,
        error: true,
      });
    }
  };

  const add = () => {
    if (!result || result.lines.length === 0) return;
    const lines = result.lines;
    scenarioStore
      .getState()
      .edit((s) => ({ ...s, customers: [...s.customers, ...withFreshIds(lines, s.customers)] }));
    const added = `Added ${plural(lines.length, 'line', 'lines')}.`;
    if (result.errors.length === 0) {
      setText('');
      setResult(null);
      setNotice({ text: added, error: false });
      onDone?.();
    } else {
      setText(result.remaining);
      setResult(check(result.remaining));
      setNotice({
        text: `${added} The rows with errors are left in the box: fix them and check again.`,
        error: false,
      });
    }
  };

  const ready = result?.lines.length ?? 0;
  const whole = result?.errors.filter((e) => e.row === null) ?? [];
  const errors = result?.errors ?? [];

  return (
    <details className="import-lines">
      <summary>Import customer lines from CSV</summary>
      <p className="field-hint">
        One row a line, with a header naming the columns (any order): name, count, model (fixed-term
        or payg), bundle and bandwidth, and optionally vServices, termMonths, renew, hoursPerMonth
        (or 12 of them separated by ;), startMonth, endMonth, partnerId, convertAtMonth,
        convertTermMonths, sellMode (markup, margin or fixed; empty for the default markup),
        sellPct, sellMonthly, sellOneOff and apps. Comma, semicolon or tab separated, as a
        spreadsheet writes it; up to 5 MB and 10,000 lines. Download the current lines for a
        template.
      </p>
      <div className="button-row">
        <button
          type="button"
          onClick={() => downloadCsv('customer-lines.csv', linesToCsv(customers))}
        >
          Download lines as CSV
        </button>
      </div>
      <div className="field">
        <label htmlFor={fileId}>CSV file</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
          onChange={(e) => void onFile(e)}
        />
      </div>
      <div className="field">
        <label htmlFor={textId}>CSV to import</label>
        <textarea
          id={textId}
          rows={8}
          spellCheck={false}
          autoComplete="off"
          value={text}
          aria-invalid={errors.length > 0}
          aria-describedby={result ? summaryId : undefined}
          onChange={(e) => onText(e.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="button" onClick={() => setResult(check(text))}>
          Check
        </button>
        {result && ready > 0 ? (
          <button type="button" onClick={add}>
            {errors.length > 0
              ? `Add the ${plural(ready, 'valid line', 'valid lines')}`
              : `Add ${plural(ready, 'line', 'lines')}`}
          </button>
        ) : null}
      </div>
      {notice?.error ? (
        <p role="alert" className="field-error">
          {notice.text}
        </p>
      ) : null}
      {/* one live region, always there, so what it is given is announced */}
      <div id={summaryId} role="status">
        {notice && !notice.error ? <p>{notice.text}</p> : null}
        {result === null ? null : whole.length > 0 ? (
          <p className="field-error">{whole.map(errorText).join(' ')}</p>
        ) : (
          <p>
            {`${plural(ready, 'line', 'lines')} ready, ${plural(result.rowsWithErrors, 'row', 'rows')} with errors`}
            {errors.length > 0 ? ' (listed below; they are not added)' : ''}.
          </p>
        )}
      </div>
      {result && whole.length === 0 && errors.length > 0 ? (
        <ul aria-label="Rows with errors" className="issues">
          {errors.slice(0, ERRORS_SHOWN).map((error, i) => (
            <li key={i} className="field-error">
              {errorText(error)}
            </li>
          ))}
          {errors.length > ERRORS_SHOWN ? (
            <li>{`… and ${plural(errors.length - ERRORS_SHOWN, 'more error', 'more errors')}.`}</li>
          ) : null}
        </ul>
      ) : null}
      {result && result.warnings.length > 0 ? (
        <ul aria-label="Warnings" className="issues">
          {result.warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
