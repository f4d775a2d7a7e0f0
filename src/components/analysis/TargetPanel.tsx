import { useId, useMemo, useState } from 'react';
import type { GoalTarget, GoalVary, PriceTable, QuoteOptions, Scenario } from '../../engine/index';
import { moneyFormatter } from '../format';
import type { AnalysisRequest, AnalysisRunner, GoalAnswer } from './protocol';
import { useAnalysis } from './use-analysis';
import './analysis.css';

type TargetKind = GoalTarget['kind'];

const KINDS: readonly { kind: TargetKind; label: string; unit: string }[] = [
  { kind: 'marginPct', label: 'Margin % at least', unit: '%' },
  { kind: 'breakEvenMonth', label: 'Break-even by month', unit: 'month' },
  { kind: 'cashBreakEvenMonth', label: 'Cash break-even by month', unit: 'month' },
  { kind: 'peakFunding', label: 'Peak funding at most', unit: 'amount' },
];

const DEFAULTS: Record<TargetKind, string> = {
  marginPct: '25',
  breakEvenMonth: '12',
  cashBreakEvenMonth: '18',
  peakFunding: '50000',
};

/** The target the user typed, or why it is not one (in their words). */
function parseTarget(
  kind: TargetKind,
  text: string,
  horizon: number,
): { target: GoalTarget } | { problem: string } {
  const value = text.trim();
  switch (kind) {
    case 'marginPct':
      return /^-?\d{1,3}(\.\d{1,4})?$/.test(value) && Number(value) < 100
        ? { target: { kind, atLeast: value } }
        : { problem: 'Enter a margin below 100 %, such as 25 or 27.5.' };
    case 'breakEvenMonth':
    case 'cashBreakEvenMonth': {
      const month = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
      return month >= 1 && month <= horizon
        ? { target: { kind, atMost: month } }
        : { problem: `Enter a month from 1 to ${horizon}.` };
    }
    case 'peakFunding':
      return /^\d{1,13}(\.\d{1,6})?$/.test(value)
        ? { target: { kind, atMost: value } }
        : { problem: 'Enter an amount of 0 or more, such as 50000.' };
  }
}

export interface TargetPanelProps {
  /** The deal to solve; null when it cannot be priced (no table). */
  readonly scenario: Scenario | null;
  readonly table: PriceTable | null;
  readonly options: QuoteOptions | null;
  /** What the solver may change (memoised by the caller: a new object solves again). */
  readonly vary: GoalVary;
  /** The markup Apply writes, in words: "the default markup", "this line's markup". */
  readonly subject: string;
  /** The markup in force (shown, and Apply is idle when the answer is the same). */
  readonly current: string | null;
  /** A note shown above the answer, e.g. that Apply changes how a line is sold. */
  readonly notice?: string | null;
  /** Writes the markup to the scenario (one undoable edit). */
  readonly onApply: (value: string) => void;
  /** Runs the solver; the default is a Web Worker. */
  readonly run?: AnalysisRunner;
  /** Milliseconds without a change before solving (tests pass 0). */
  readonly delayMs?: number;
}

/**
 * "Reach a target": the smallest markup (two decimals) at which the deal meets a target, found
 * by the engine's goal seek in the background, with the figures it gives and Apply. Generic: the
 * feature passes the deal and what Apply does.
 */
export function TargetPanel({
  scenario,
  table,
  options,
  vary,
  subject,
  current,
  notice = null,
  onApply,
  run,
  delayMs,
}: TargetPanelProps) {
  const headingId = useId();
  const [kind, setKind] = useState<TargetKind>('marginPct');
  const [text, setText] = useState(DEFAULTS.marginPct);
  const horizon = scenario?.horizonMonths ?? 1;
  const parsed = parseTarget(kind, text, horizon);
  const target = 'target' in parsed ? parsed.target : null;
  const targetKey = target ? JSON.stringify(target) : null;

  const request = useMemo<AnalysisRequest | null>(
    () =>
      scenario && table && options && targetKey
        ? {
            kind: 'goal-seek',
            scenario,
            table,
            options,
            target: JSON.parse(targetKey) as GoalTarget,
            vary,
          }
        : null,
    [scenario, table, options, targetKey, vary],
  );
  const { state, cancel, retry } = useAnalysis(request, run, delayMs);
  const unit = KINDS.find((k) => k.kind === kind)!.unit;
  const valueUnit = unit === 'amount' ? (table?.currency ?? '') : unit;

  return (
    <section className="target-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>Reach a target</h3>
      <p className="field-hint">
        The smallest {subject} (two decimals, 0.00 to 999.99 %) at which the deal meets the target
        {current === null ? '' : `; now ${current} %`}.
      </p>
      <div className="target-fields">
        <label>
          Target{' '}
          <select
            value={kind}
            onChange={(e) => {
              const next = e.target.value as TargetKind;
              setKind(next);
              setText(DEFAULTS[next]);
            }}
          >
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Target value{' '}
          <input
            value={text}
            inputMode={unit === 'month' ? 'numeric' : 'decimal'}
            aria-invalid={target === null}
            aria-describedby={target === null ? `${headingId}-problem` : undefined}
            onChange={(e) => setText(e.target.value)}
          />{' '}
          {valueUnit}
        </label>
      </div>
      {'problem' in parsed ? (
        <p id={`${headingId}-problem`} className="field-error">
          {parsed.problem}
        </p>
      ) : null}
      {notice ? <p className="target-notice">{notice}</p> : null}
      <div role="status" aria-live="polite" className="target-answer">
        {request === null && target !== null ? (
          <p>The deal cannot be priced: fix its price table first.</p>
        ) : null}
        {state.status === 'running' ? (
          <p>
            Finding the markup…{' '}
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </p>
        ) : null}
        {state.status === 'cancelled' ? (
          <p>
            Stopped.{' '}
            <button type="button" onClick={retry}>
              Find it again
            </button>
          </p>
        ) : null}
        {state.status === 'failed' ? <p>The markup could not be found: {state.message}</p> : null}
        {state.status === 'done' && state.answer.kind === 'goal-seek' ? (
          <Answer
            answer={state.answer.answer}
            current={current}
            subject={subject}
            onApply={onApply}
          />
        ) : null}
      </div>
    </section>
  );
}

function Answer({
  answer,
  current,
  subject,
  onApply,
}: {
  readonly answer: GoalAnswer;
  readonly current: string | null;
  readonly subject: string;
  readonly onApply: (value: string) => void;
}) {
  if (answer.status === 'unreachable') {
    return <p className="target-unreachable">Not reachable: {answer.message}</p>;
  }
  const money = moneyFormatter(answer.currency);
  const t = answer.totals;
  const month = (m: number | null) => (m === null ? 'not within the term' : `month ${m}`);
  const applied = current !== null && Number(current) === Number(answer.value);
  return (
    <>
      <p>
        Markup needed: <strong>{answer.value} %</strong>
      </p>
      <dl className="target-figures">
        <dt>Total contract value</dt>
        <dd>{money(t.revenue)}</dd>
        <dt>Margin</dt>
        <dd>{money(t.margin)}</dd>
        <dt>Margin %</dt>
        <dd>{t.marginPct === null ? '—' : `${t.marginPct} %`}</dd>
        <dt>Break-even</dt>
        <dd>{month(t.breakEvenMonth)}</dd>
        <dt>Cash break-even</dt>
        <dd>{month(t.cash.breakEvenMonth)}</dd>
        <dt>Peak funding</dt>
        <dd>{money(t.cash.peakFunding)}</dd>
      </dl>
      <button type="button" disabled={applied} onClick={() => onApply(answer.value)}>
        {applied
          ? `${sentenceStart(subject)} is ${answer.value} %`
          : `Apply markup ${answer.value} %`}
      </button>
    </>
  );
}

function sentenceStart(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
