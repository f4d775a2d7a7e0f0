import { analyse } from '../../src/components/analysis/analyse';
import type { AnalysisReply, AnalysisRequest } from '../../src/components/analysis/protocol';

/**
 * A stand-in for the browser's Worker in jsdom, for the analysis worker only: it answers each
 * message as analysis.worker.ts does, with the engine, after a macrotask; `terminate` drops the
 * answer. Install with `vi.stubGlobal('Worker', InProcessAnalysisWorker)`.
 */
export class InProcessAnalysisWorker {
  onmessage: ((event: MessageEvent<AnalysisReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private terminated = false;

  constructor(url: URL | string) {
    if (!String(url).includes('analysis.worker'))
      throw new Error(`unexpected worker ${String(url)}`);
  }

  postMessage(request: AnalysisRequest): void {
    setTimeout(() => {
      if (this.terminated) return;
      let reply: AnalysisReply;
      try {
        reply = { type: 'done', answer: analyse(structuredClone(request)) };
      } catch (e) {
        reply = { type: 'error', message: e instanceof Error ? e.message : String(e) };
      }
      this.onmessage?.({ data: reply } as MessageEvent<AnalysisReply>);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}
