// Only the analysis worker (and tests) import this file: the app's own chunks never carry the
// solver (ADR 035). The solver's modules are imported directly, not through the engine's index.
import { goalSeek } from '../../engine/goal-seek';
import { sensitivity } from '../../engine/sensitivity';
import { calculateQuote, customerSeries, isPriced } from '../../engine/index';
import { partySplit } from '../../reports/parties';
import { goalAnswerOf, type AnalysisAnswer, type AnalysisRequest } from './protocol';

/** One analysis with the engine: what the analysis worker runs. */
export function analyse(request: AnalysisRequest): AnalysisAnswer {
  if (request.kind === 'goal-seek') {
    const { scenario, table, options, target, vary } = request;
    return {
      kind: 'goal-seek',
      answer: goalAnswerOf(goalSeek(scenario, table, options, target, vary)),
    };
  }
  if (request.kind === 'parties') {
    const { scenario, table, options } = request;
    const quote = calculateQuote(scenario, table, options);
    const series = isPriced(quote) ? customerSeries(scenario, table, options) : null;
    return {
      kind: 'parties',
      answer: series === null || !isPriced(quote) ? null : partySplit(scenario, quote, series),
    };
  }
  return {
    kind: 'sensitivity',
    answer: sensitivity(request.scenario, request.table, request.options),
  };
}
