import { useId, useMemo, useState } from 'react';
import { customerSeries, type CustomerLine } from '../../engine/index';
import { localToday, useQuote, useScenario } from '../../state/app-store';
import { checkLine } from './lines';
import { commitWholeLine, monthName } from './changes';
import {
  applyGrowth,
  growthDefaults,
  planGrowth,
  type GrowthField,
  type GrowthInput,
} from './growth';

/**
 * The growth helper (PRODUCT.md): start, wins per month over a period, churn (PAYG) or
 * non-renewal (fixed-term); previews the customers month by month and writes the count
 * changes in one undoable edit. Rounding: ADR 032. The preview is the engine's: the deal priced
 * with the changes written, so it shows the customers the quote will count (fixed-term
 * customers leave at renewal, PRICING.md §7), not the plan's own arithmetic.
 */
export function GrowthHelper({
  line,
  horizonMonths,
  startPeriod,
}: {
  line: CustomerLine;
  horizonMonths: number;
  startPeriod: string;
}) {
  const base = useId();
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState<GrowthInput>(() => growthDefaults(line, horizonMonths));
  const [applied, setApplied] = useState<string | null>(null);
  const result = useMemo(
    () => planGrowth(line, horizonMonths, input),
    [line, horizonMonths, input],
  );
  const scenario = useScenario();
  const quoted = useQuote();
  // the customers of each month as the engine counts them with the plan written
  // (when the deal has errors the engine prices nothing: the plan's own curve is shown, and said)
  const engineCurve = useMemo(() => {
    if (!result.ok || !quoted.ok) return null;
    const planned = applyGrowth(line, result.plan);
    const series = customerSeries(
      { ...scenario, customers: scenario.customers.map((c) => (c.id === line.id ? planned : c)) },
      quoted.table.table,
      { today: localToday() },
      [line.id],
    );
    const months = series?.[0]?.months;
    if (!months) return null;
    return result.plan.curve.map((point) => ({
      month: point.month,
      customers: months[point.month - 1]?.customers ?? point.customers,
    }));
  }, [result, quoted, scenario, line]);
  const curve = engineCurve ?? (result.ok ? result.plan.curve : null);
  const errors = result.ok ? {} : result.errors;
  const payg = line.license.model === 'payg';

  if (!open)
    return (
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            setInput(growthDefaults(line, horizonMonths));
            setApplied(null);
            setOpen(true);
          }}
        >
          Plan growth…
        </button>
        {applied ? <span role="status">{applied}</span> : null}
      </div>
    );

  const field = (name: GrowthField, label: string, hint: string, unit?: string) => {
    const id = `${base}-${name}`;
    const error = errors[name];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
        <input
          id={id}
          type="text"
          inputMode={
            name === 'start' || name === 'winsFrom' || name === 'winsTo' ? 'numeric' : 'decimal'
          }
          className="customers-number"
          autoComplete="off"
          value={input[name]}
          aria-invalid={error !== undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(e) => {
            const value = e.target.value;
            setInput((i) => ({ ...i, [name]: value }));
          }}
        />
        {unit ? (
          <span className="input-unit" aria-hidden="true">
            {' '}
            {unit}
          </span>
        ) : null}
        {error ? (
          <span id={`${id}-error`} className="customers-error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
    );
  };

  const apply = () => {
    if (!result.ok) return;
    const checked = checkLine(applyGrowth(line, result.plan));
    if (!checked.ok) return;
    commitWholeLine(line, checked.line);
    setApplied(
      `Growth written: ${result.plan.changes.length} ${result.plan.changes.length === 1 ? 'change' : 'changes'} of customers (Undo takes it back).`,
    );
    setOpen(false);
  };

  return (
    <div className="growth-helper" role="group" aria-labelledby={`${base}-title`}>
      <h4 id={`${base}-title`}>Plan growth</h4>
      <p className="field-hint">
        Replaces the line&apos;s changes of customers (capacity changes stay). Fractions of a
        customer add up month by month; each month shows the nearest whole number.
      </p>
      {field(
        'start',
        'Start customers',
        `Customers in the line's first month (month ${line.startMonth}).`,
      )}
      {field(
        'winsPerMonth',
        'Wins per month',
        'New customers each month, like 3 or 0.5.',
        'customers / month',
      )}
      {field('winsFrom', 'Wins from month', 'First month with wins.')}
      {field('winsTo', 'Wins to month', 'Last month with wins.')}
      {payg ? (
        field('churnPct', 'Churn per month %', 'Share of the customers who stop each month.', '%')
      ) : line.license.model === 'fixed-term' && line.license.renew ? (
        field(
          'nonRenewalPct',
          'Not renewing %',
          'Share of the customers who do not renew when their term ends.',
          '%',
        )
      ) : (
        <p className="field-hint">This line does not renew: its customers leave after one term.</p>
      )}
      {errors.line ? (
        <p className="customers-error" role="alert">
          {errors.line}
        </p>
      ) : null}
      {result.ok && curve ? (
        <div className="growth-preview">
          <p>
            {`${result.plan.changes.length} ${result.plan.changes.length === 1 ? 'change' : 'changes'}; ${
              curve.at(-1)?.customers ?? 0
            } customers in the last month.`}
          </p>
          {engineCurve === null ? (
            <p className="field-hint">
              As planned: the deal has errors to fix, so these are not yet the quote&apos;s counts.
            </p>
          ) : null}
          <CurveSketch curve={curve} />
          <details>
            <summary>Customers by month</summary>
            <table className="growth-curve">
              <caption>Customers by month</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col">Customers</th>
                </tr>
              </thead>
              <tbody>
                {curve.map((point) => (
                  <tr key={point.month}>
                    <th scope="row">{`${monthName(startPeriod, point.month)} (${point.month})`}</th>
                    <td>{point.customers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={apply} disabled={!result.ok}>
          Write the changes
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * The curve at a glance, as steps (a count holds until the next change). The table under it
 * is the text alternative, so the picture is named by what it shows in one sentence.
 */
function CurveSketch({
  curve,
}: {
  curve: readonly { readonly month: number; readonly customers: number }[];
}) {
  const width = 320;
  const height = 64;
  const first = curve[0];
  const last = curve.at(-1);
  if (!first || !last) return null;
  const max = Math.max(1, ...curve.map((p) => p.customers));
  const span = Math.max(1, last.month - first.month + 1);
  const x = (month: number) => ((month - first.month) / span) * width;
  const y = (n: number) => height - 2 - (n / max) * (height - 4);
  let d = `M ${x(first.month)} ${y(first.customers)}`;
  for (const p of curve.slice(1)) d += ` H ${x(p.month)} V ${y(p.customers)}`;
  d += ` H ${width}`;
  return (
    <svg
      className="growth-sketch"
      role="img"
      aria-label={`Customers from ${first.customers} in month ${first.month} to ${last.customers} in month ${last.month}, at most ${max}.`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <path d={d} fill="none" stroke="#1f4e79" strokeWidth={2} />
    </svg>
  );
}
