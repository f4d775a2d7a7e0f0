import { buildWithFonts } from './build-core';
import { DocumentBuildError, type BuildMessage, type WorkerReply } from './protocol';

/**
 * The document worker: builds one PDF off the main thread, so the page stays responsive while
 * a large report is laid out. It receives one BuildMessage, posts progress (at most once per
 * whole per cent or stage), then the bytes (transferred, not copied) or the reason it failed.
 * The panel creates one worker per document and terminates it to cancel.
 */

/** The part of DedicatedWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<BuildMessage>) => void) | null;
  postMessage(message: WorkerReply, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

function post(reply: WorkerReply, transfer: Transferable[] = []): void {
  scope.postMessage(reply, transfer);
}

scope.onmessage = (event) => void build(event.data);

async function build(message: BuildMessage): Promise<void> {
  let lastPercent = -1;
  let lastStage = '';
  const onProgress = (done: number, total: number, stage: string) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
    if (percent === lastPercent && stage === lastStage) return;
    lastPercent = percent;
    lastStage = stage;
    post({ type: 'progress', done, total, stage });
  };
  try {
    const { bytes, fileName } = await buildWithFonts(message, onProgress);
    // A view of part of a buffer is copied out, so exactly the PDF's bytes are transferred.
    const buffer =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : (bytes.slice().buffer as ArrayBuffer);
    post({ type: 'done', bytes: buffer, fileName }, [buffer]);
  } catch (e) {
    const error =
      e instanceof DocumentBuildError
        ? e
        : new DocumentBuildError(e instanceof Error ? e.message : String(e), false);
    post({ type: 'error', message: error.message, inputError: error.inputError });
  }
}
