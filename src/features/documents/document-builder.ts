import {
  abortError,
  DocumentBuildError,
  type BuildMessage,
  type BuildOptions,
  type BuiltDocument,
  type DocumentBuilder,
  type FontUrls,
  type WorkerReply,
} from './protocol';

/**
 * The panel's default builder: builds the PDF in a Web Worker (document.worker.ts), so a
 * 1,000-line report does not freeze the page, and falls back to the main thread when the
 * browser has no Worker (jsdom, very old browsers). Neither path loads jspdf or the fonts
 * until a document is asked for: the worker is its own bundle, and the fallback, the font
 * URLs and the PDF builders are dynamic imports.
 */
export const buildDocumentInBackground: DocumentBuilder = async (request, options) => {
  throwIfAborted(options.signal);
  const fontUrls = await resolveFontUrls();
  throwIfAborted(options.signal);
  const message: BuildMessage = { request, fontUrls };
  return typeof Worker === 'undefined'
    ? buildOnMainThread(message, options)
    : buildInWorker(message, options);
};

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** The fonts' URLs (Vite `?url` assets), made absolute so the worker resolves them alike. */
async function resolveFontUrls(): Promise<FontUrls> {
  const { fontUrls } = await import('./font-urls');
  const base = document.baseURI;
  return {
    regular: new URL(fontUrls.regular, base).href,
    bold: new URL(fontUrls.bold, base).href,
  };
}

function buildInWorker(message: BuildMessage, options: BuildOptions): Promise<BuiltDocument> {
  return new Promise((resolve, reject) => {
    // The literal `new Worker(new URL(…, import.meta.url), { type: 'module' })` is what Vite
    // recognises to bundle the worker (with jspdf and the PDF builders) as a chunk of its own.
    const worker = new Worker(new URL('./document.worker.ts', import.meta.url), {
      type: 'module',
      name: 'document-builder',
    });
    const finish = () => {
      options.signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    const onAbort = () => {
      finish();
      reject(abortError());
    };
    options.signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') {
        options.onProgress?.(reply.done, reply.total, reply.stage);
      } else if (reply.type === 'done') {
        finish();
        resolve({ bytes: new Uint8Array(reply.bytes), fileName: reply.fileName });
      } else {
        finish();
        reject(new DocumentBuildError(reply.message, reply.inputError));
      }
    };
    // The worker's script did not load or threw outside the build (a network error, a CSP
    // refusal): say so rather than wait for a reply that will never come.
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish();
      reject(
        new DocumentBuildError(
          `the document worker failed${event.message ? ` (${event.message})` : ''}`,
          false,
        ),
      );
    };
    worker.onmessageerror = () => {
      finish();
      reject(
        new DocumentBuildError('the document worker sent a message that could not be read', false),
      );
    };
    worker.postMessage(message);
  });
}

/**
 * Without a Worker the document is built here. The build cannot be interrupted, so a cancel
 * rejects at once and the result, when it comes, is dropped.
 */
async function buildOnMainThread(
  message: BuildMessage,
  options: BuildOptions,
): Promise<BuiltDocument> {
  const { buildWithFonts } = await import('./build-core');
  throwIfAborted(options.signal);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    buildWithFonts(message, (done, total, stage) => {
      if (!options.signal?.aborted) options.onProgress?.(done, total, stage);
      // the builder waits for this: a macrotask lets the page paint the progress and stay
      // responsive between steps
      return new Promise<void>((next) => setTimeout(next, 0));
    })
      .then(resolve, reject)
      .finally(() => options.signal?.removeEventListener('abort', onAbort));
  });
}
