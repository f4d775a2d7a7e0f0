import { analyse } from './analyse';
import type { AnalysisReply, AnalysisRequest } from './protocol';

/**
 * The analysis worker: one goal seek or one sensitivity per worker, off the main thread, so a
 * solve on 1,000 lines (about 20 whole quotes) never blocks typing. The page terminates it to
 * cancel, when the question changes before the answer comes.
 */

/** The part of DedicatedWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  try {
    scope.postMessage({ type: 'done', answer: analyse(event.data) });
  } catch (e) {
    scope.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
