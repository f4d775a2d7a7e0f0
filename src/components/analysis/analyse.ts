import { goalSeek, sensitivity } from '../../engine/index';
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
