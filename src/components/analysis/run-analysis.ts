import {
  abortError,
  type AnalysisAnswer,
  type AnalysisReply,
  type AnalysisRunner,
} from './protocol';

/**
 * The default runner: each analysis in a Web Worker of its own (analysis.worker.ts), terminated
 * when the run is cancelled. There is no main-thread fallback: the app's JavaScript never
 * imports the solver, so it stays out of the first screen's chunks (ADR 035), and every browser
 * the app supports has module workers. Without one the run fails with a sentence saying so.
 */
export const runAnalysis: AnalysisRunner = (request, options = {}) => {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  if (typeof Worker === 'undefined') {
    return Promise.reject(
      new Error('this browser cannot calculate in the background (it has no Web Workers)'),
    );
  }
  return new Promise<AnalysisAnswer>((resolve, reject) => {
    // The literal `new Worker(new URL(…, import.meta.url), { type: 'module' })` is what Vite
    // recognises to bundle the worker as a chunk of its own.
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'analysis',
    });
    const finish = () => {
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    const onAbort = () => {
      finish();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<AnalysisReply>) => {
      finish();
      const reply = event.data;
      if (reply.type === 'done') resolve(reply.answer);
      else reject(new Error(reply.message));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish();
      reject(new Error(`the calculation failed${event.message ? ` (${event.message})` : ''}`));
    };
    worker.postMessage(request);
  });
};
