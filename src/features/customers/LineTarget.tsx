import { useCallback, useMemo } from 'react';
import { TargetPanel } from '../../components/analysis/TargetPanel';
import type { AnalysisRunner } from '../../components/analysis/protocol';
import { applyMarkup, type CustomerLine, type GoalVary } from '../../engine/index';
import { localToday, scenarioStore, useQuote, useScenario } from '../../state/app-store';

/** What Apply does to how the line is sold, in the user's words; null when nothing changes. */
function sellNotice(line: CustomerLine): string | null {
  const sell = line.sell;
  if (sell === null) {
    return 'This line uses the default markup: Apply gives it its own markup.';
  }
  switch (sell.mode) {
    case 'markup':
      return null;
    case 'margin':
      return `This line is sold at a margin of ${sell.pct} %: Apply changes it to a markup.`;
    case 'fixed':
      return 'This line has a fixed price: Apply changes it to a markup.';
  }
}

/**
 * "Reach a target" in a customer line's details: solves this line's own markup, every other
 * line held, and applies it as the line's sell (a markup).
 */
export function LineTarget({
  line,
  index,
  run,
}: {
  readonly line: CustomerLine;
  readonly index: number;
  readonly run?: AnalysisRunner;
}) {
  const scenario = useScenario();
  const result = useQuote();
  const entry = result.ok ? result.table : null;
  const today = localToday();
  const options = useMemo(
    () => (entry ? { today, tableSha256: entry.sha256 } : null),
    [entry, today],
  );
  const vary = useMemo<GoalVary>(() => ({ kind: 'lineMarkup', lineIndex: index }), [index]);
  const id = line.id;
  const onApply = useCallback(
    (value: string) => {
      // the line is found by id when applying: lines may have moved since the answer came
      scenarioStore.getState().edit((s) => {
        const at = s.customers.findIndex((c) => c.id === id);
        return at < 0 ? s : applyMarkup(s, { kind: 'lineMarkup', lineIndex: at }, value);
      });
    },
    [id],
  );
  return (
    <TargetPanel
      scenario={entry ? scenario : null}
      table={entry?.table ?? null}
      options={options}
      vary={vary}
      subject="markup of this line"
      current={line.sell?.mode === 'markup' ? line.sell.pct : null}
      notice={sellNotice(line)}
      onApply={onApply}
      run={run}
    />
  );
}
