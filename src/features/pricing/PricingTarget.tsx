import { useCallback, useMemo } from 'react';
import { TargetPanel } from '../../components/analysis/TargetPanel';
import type { AnalysisRunner } from '../../components/analysis/protocol';
import { applyMarkup, type GoalVary } from '../../engine/index';
import { localToday, scenarioStore, useQuote, useScenario } from '../../state/app-store';

const VARY: GoalVary = { kind: 'defaultMarkup' };

/** "Reach a target" on the Pricing step: solves and applies the default markup. */
export function PricingTarget({ run }: { readonly run?: AnalysisRunner }) {
  const scenario = useScenario();
  const result = useQuote();
  const entry = result.ok ? result.table : null;
  const today = localToday();
  const options = useMemo(
    () => (entry ? { today, tableSha256: entry.sha256 } : null),
    [entry, today],
  );
  const onApply = useCallback((value: string) => {
    // one edit, so one Undo brings the old markup back
    scenarioStore.getState().edit((s) => applyMarkup(s, VARY, value));
  }, []);
  return (
    <TargetPanel
      scenario={entry ? scenario : null}
      table={entry?.table ?? null}
      options={options}
      vary={VARY}
      subject="default markup"
      current={scenario.pricing.defaultMarkupPct}
      onApply={onApply}
      run={run}
    />
  );
}
