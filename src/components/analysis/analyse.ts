// The solver's own modules, not the engine's index: this file runs in the analysis worker (or
// is imported lazily), and the app's shared engine chunk must not carry the solver.
import { goalSeek } from '../../engine/goal-seek';
import { sensitivity } from '../../engine/sensitivity';
import { goalAnswerOf, type AnalysisAnswer, type AnalysisRequest } from './protocol';

/** One analysis with the engine: what the worker runs, and the fallback without a Worker. */
export function analyse(request: AnalysisRequest): AnalysisAnswer {
  if (request.kind === 'goal-seek') {
    const { scenario, table, options, target, vary } = request;
    return {
      kind: 'goal-seek',
      answer: goalAnswerOf(goalSeek(scenario, table, options, target, vary)),
    };
  }
  return {
    kind: 'sensitivity',
    answer: sensitivity(request.scenario, request.table, request.options),
  };
}
