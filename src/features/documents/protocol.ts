import type { DocumentInput } from '../../reports/pdf/index';

/**
 * What the Documents panel asks for, and what the document worker answers. Only types: the
 * worker, the main-thread fallback and the panel share them without loading each other.
 */

/** A document to build: everything `buildDocument` takes except the fonts, which load later. */
export type DocumentRequest = Omit<DocumentInput, 'fonts'>;

/** Where the PDF fonts are (absolute URLs of the subset TTFs, resolved on the main thread). */
export interface FontUrls {
  readonly regular: string;
  readonly bold: string;
}

/** Main thread → worker: one message per worker, which builds one document and is closed. */
export interface BuildMessage {
  readonly request: DocumentRequest;
  readonly fontUrls: FontUrls;
}

/** Worker → main thread. */
export type WorkerReply =
  | {
      readonly type: 'progress';
      readonly done: number;
      readonly total: number;
      readonly stage: string;
    }
  | { readonly type: 'done'; readonly bytes: ArrayBuffer; readonly fileName: string }
  | { readonly type: 'error'; readonly message: string; readonly inputError: boolean };

/** A built document: the PDF's bytes and the file name `documentFileName` gives it. */
export interface BuiltDocument {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

export type ProgressListener = (done: number, total: number, stage: string) => void;

export interface BuildOptions {
  readonly onProgress?: ProgressListener;
  /** Aborting stops the build (the worker is terminated) and rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

/** Builds one document. The panel's default runs it in a Web Worker; tests inject a fake. */
export type DocumentBuilder = (
  request: DocumentRequest,
  options: BuildOptions,
) => Promise<BuiltDocument>;

/**
 * Why a build failed. `inputError` is true when the builder refused its input
 * (`DocumentInputError`, e.g. an unknown customer), false for anything else (a font that did not
 * load, a fault in the builder, a worker that crashed).
 */
export class DocumentBuildError extends Error {
  override readonly name = 'DocumentBuildError';
  constructor(
    message: string,
    readonly inputError: boolean,
  ) {
    super(message);
  }
}

/** The rejection of a cancelled build (as `fetch` rejects when aborted). */
export function abortError(): DOMException {
  return new DOMException('The document build was cancelled.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
