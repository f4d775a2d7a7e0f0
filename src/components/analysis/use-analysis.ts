import { useCallback, useEffect, useRef, useState } from 'react';
import {
  isAbortError,
  type AnalysisAnswer,
  type AnalysisRequest,
  type AnalysisRunner,
} from './protocol';
import { runAnalysis } from './run-analysis';

export type AnalysisState =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'cancelled' }
  | { readonly status: 'done'; readonly answer: AnalysisAnswer }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Runs `request` in the background whenever it changes (a new object), after `delayMs` without
 * another change, so a user typing a target starts one run, not one per key. A run whose
 * question changed is cancelled (its worker terminated) and its answer never shown.
 * `cancel` stops the current run and `retry` runs the same request again. A null request shows
 * nothing.
 */
export function useAnalysis(
  request: AnalysisRequest | null,
  run: AnalysisRunner = runAnalysis,
  delayMs = 250,
): { readonly state: AnalysisState; readonly cancel: () => void; readonly retry: () => void } {
  const [state, setState] = useState<AnalysisState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (request === null) {
      setState({ status: 'idle' });
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    setState({ status: 'running' });
    const timer = setTimeout(() => {
      run(request, { signal: abort.signal }).then(
        (answer) => {
          if (!abort.signal.aborted) setState({ status: 'done', answer });
        },
        (error: unknown) => {
          if (abort.signal.aborted || isAbortError(error)) return;
          setState({
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          });
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
    // `attempt` is a dependency only so that `retry` runs the same request again
  }, [request, run, delayMs, attempt]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    setState({ status: 'cancelled' });
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { state, cancel, retry };
}
