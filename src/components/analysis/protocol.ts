import type {
  GoalSeekResult,
  GoalTarget,
  GoalVary,
  PriceTable,
  QuoteOptions,
  QuoteTotals,
  Scenario,
  Sensitivity,
} from '../../engine/index';
import type { PartySplit } from '../../reports/parties';

/**
 * What the analysis worker is asked and what it answers (docs/decisions/035-analysis-worker.md).
 * Only types and one pure shaping function: the worker, the main-thread fallback and the panels
 * share them without loading each other.
 */

export type AnalysisRequest =
  | {
      readonly kind: 'goal-seek';
      readonly scenario: Scenario;
      readonly table: PriceTable;
      readonly options: QuoteOptions;
      readonly target: GoalTarget;
      readonly vary: GoalVary;
    }
  | {
      readonly kind: 'sensitivity';
      readonly scenario: Scenario;
      readonly table: PriceTable;
      readonly options: QuoteOptions;
    }
  | {
      /** What every party earns (ADR 034): the line series of 1,000 lines is a whole traced quote. */
      readonly kind: 'parties';
      readonly scenario: Scenario;
      readonly table: PriceTable;
      readonly options: QuoteOptions;
    };

/**
 * The goal seek's answer as the panel shows it: the markup and the quote's totals at it. The
 * whole quote and scenario of `GoalSeekResult` stay in the worker, so the page never copies a
 * 1,000-line quote back to show six figures.
 */
export type GoalAnswer =
  | {
      readonly status: 'met';
      readonly value: string;
      readonly path: string;
      readonly currency: string;
      readonly totals: QuoteTotals;
      readonly calls: number;
    }
  | {
      readonly status: 'unreachable';
      readonly reason: 'not-met-at-max' | 'no-line-uses-default' | 'invalid-quote';
      readonly message: string;
      readonly calls: number;
    };

export type AnalysisAnswer =
  | { readonly kind: 'goal-seek'; readonly answer: GoalAnswer }
  | { readonly kind: 'sensitivity'; readonly answer: Sensitivity | null }
  /** Null when the deal cannot be priced. */
  | { readonly kind: 'parties'; readonly answer: PartySplit | null };

/** Worker → main thread. */
export type AnalysisReply =
  | { readonly type: 'done'; readonly answer: AnalysisAnswer }
  | { readonly type: 'error'; readonly message: string };

export interface AnalysisRunOptions {
  /** Aborting stops the run (the worker is terminated) and rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

/** Runs one analysis. The default runs it in a Web Worker; tests inject their own. */
export type AnalysisRunner = (
  request: AnalysisRequest,
  options?: AnalysisRunOptions,
) => Promise<AnalysisAnswer>;

/** The part of a goal seek's result the panel shows. */
export function goalAnswerOf(result: GoalSeekResult): GoalAnswer {
  return result.status === 'met'
    ? {
        status: 'met',
        value: result.value,
        path: result.path,
        currency: result.quote.currency,
        totals: result.quote.totals,
        calls: result.calls,
      }
    : {
        status: 'unreachable',
        reason: result.reason,
        message: result.message,
        calls: result.calls,
      };
}

export function abortError(): DOMException {
  return new DOMException('The calculation was cancelled.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
