import {
  abortError,
  type AnalysisAnswer,
  type AnalysisReply,
  type AnalysisRunner,
} from './protocol';

/**
 * The default runner: each analysis in a Web Worker of its own (analysis.worker.ts), terminated
 * when the run is cancelled; on the main thread, after a macrotask, when the browser has no
 * Worker (jsdom). The engine is loaded by the worker's own bundle, and lazily here.
 */
export const runAnalysis: AnalysisRunner = (request, options = {}) => {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  if (typeof Worker === 'undefined') return runHere(request, signal);
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

async function runHere(
  request: Parameters<AnalysisRunner>[0],
  signal: AbortSignal | undefined,
): Promise<AnalysisAnswer> {
  const { analyse } = await import('./analyse');
  await new Promise<void>((next) => setTimeout(next, 0));
  if (signal?.aborted) throw abortError();
  const answer = analyse(request);
  if (signal?.aborted) throw abortError();
  return answer;
}
