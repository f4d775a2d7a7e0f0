// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDocumentInBackground } from '../../../src/features/documents/document-builder';
import { documentFileName } from '../../../src/reports/pdf/index';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { resolvePinned } from '../../../src/price-tables/registry';
import { localToday } from '../../../src/state/app-store';
import { sampleScenario } from '../../../src/state/sample';
import { engineQuote } from '../../support/app-state';
import { repoRoot } from '../../e2e/support/paths';
import {
  DocumentBuildError,
  isAbortError,
  type BuildMessage,
  type DocumentRequest,
  type WorkerReply,
} from '../../../src/features/documents/protocol';

/**
 * The main-thread side of the document worker, against a stand-in Worker: what it sends, how
 * it relays progress, the bytes and failures, and that it terminates the worker when done or
 * cancelled. (The browser test runs the real worker.)
 */

class FakeWorker {
  static instances: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly posted: BuildMessage[] = [];
  terminated = false;

  constructor(
    readonly url: URL | string,
    readonly options?: WorkerOptions,
  ) {
    FakeWorker.instances.push(this);
  }

  postMessage(message: BuildMessage) {
    this.posted.push(message);
  }

  terminate() {
    this.terminated = true;
  }

  reply(data: WorkerReply) {
    this.onmessage?.({ data } as MessageEvent<WorkerReply>);
  }
}

/** Enough of a request for the plumbing: the worker stand-in never reads it. */
const request = { kind: 'internal-report', today: '2026-11-22' } as unknown as DocumentRequest;

async function started(): Promise<FakeWorker> {
  await vi.waitFor(() => expect(FakeWorker.instances).toHaveLength(1));
  const worker = FakeWorker.instances[0]!;
  await vi.waitFor(() => expect(worker.posted).toHaveLength(1));
  return worker;
}

afterEach(() => {
  FakeWorker.instances = [];
  vi.unstubAllGlobals();
});

describe('building a document in a Web Worker', () => {
  it('starts a module worker with the request and the fonts’ absolute URLs, relays progress, and returns the bytes and file name', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const progress: [number, number, string][] = [];
    const built = buildDocumentInBackground(request, {
      onProgress: (done, total, stage) => progress.push([done, total, stage]),
    });
    const worker = await started();
    expect(String(worker.url)).toMatch(/\/document\.worker\.ts(\?|$)/);
    expect(worker.options?.type).toBe('module');
    const message = worker.posted[0]!;
    expect(message.request).toBe(request);
    expect(message.fontUrls.regular).toMatch(/^http:\/\/.+\/DejaVuSans-subset\.ttf$/);
    expect(message.fontUrls.bold).toMatch(/^http:\/\/.+\/DejaVuSans-Bold-subset\.ttf$/);
    expect(new URL(message.fontUrls.regular).origin).toBe(location.origin);

    worker.reply({ type: 'progress', done: 1, total: 4, stage: 'cover' });
    worker.reply({ type: 'progress', done: 3, total: 4, stage: 'lines' });
    const bytes = new Uint8Array([37, 80, 68, 70]);
    worker.reply({ type: 'done', bytes: bytes.buffer, fileName: 'report.pdf' });
    const doc = await built;
    expect(progress).toEqual([
      [1, 4, 'cover'],
      [3, 4, 'lines'],
    ]);
    expect(doc.fileName).toBe('report.pdf');
    expect([...doc.bytes]).toEqual([37, 80, 68, 70]);
    expect(worker.terminated).toBe(true);
  });

  it('rejects with the builder’s message, marked as an input error, and ends the worker', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const built = buildDocumentInBackground(request, {});
    const worker = await started();
    worker.reply({ type: 'error', message: 'no customer "c9" in the scenario', inputError: true });
    const error: unknown = await built.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentBuildError);
    expect(error).toMatchObject({ message: 'no customer "c9" in the scenario', inputError: true });
    expect(worker.terminated).toBe(true);
  });

  it('rejects when the worker itself fails (its script did not load)', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const built = buildDocumentInBackground(request, {});
    const worker = await started();
    worker.onerror?.(
      new ErrorEvent('error', { message: 'Failed to fetch a dynamically imported module' }),
    );
    await expect(built).rejects.toThrow(
      'the document worker failed (Failed to fetch a dynamically imported module)',
    );
    expect(worker.terminated).toBe(true);
  });

  it('terminates the worker when cancelled and rejects with an AbortError', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const controller = new AbortController();
    const built = buildDocumentInBackground(request, { signal: controller.signal });
    const worker = await started();
    controller.abort();
    const error: unknown = await built.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(worker.terminated).toBe(true);
  });

  it('starts nothing when already cancelled', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const controller = new AbortController();
    controller.abort();
    const error: unknown = await buildDocumentInBackground(request, {
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(FakeWorker.instances).toEqual([]);
  });
});

describe('building a document without a Worker', () => {
  it('builds on the main thread, fetching the fonts from their asset URLs', async () => {
    expect(typeof Worker).toBe('undefined'); // jsdom has none
    const fonts = join(repoRoot, 'src/reports/pdf/fonts');
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(readFileSync(join(fonts, url.split('/').pop()!)));
    });
    const scenario = sampleScenario();
    const pinned = resolvePinned(bundledRegistry, scenario.priceTable);
    if (!pinned.ok) throw new Error(pinned.message);
    const input: DocumentRequest = {
      kind: 'internal-report',
      scenario,
      quote: engineQuote(scenario),
      table: pinned.entry.table,
      today: localToday(),
    };
    const progress: number[] = [];
    const doc = await buildDocumentInBackground(input, {
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(new TextDecoder().decode(doc.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(doc.fileName).toBe(documentFileName(input));
    expect(progress.at(-1)).toBe(1);
    expect(fetched).toEqual([
      expect.stringMatching(/^http:\/\/localhost(:\d+)?\/.*DejaVuSans-subset\.ttf$/),
      expect.stringMatching(/^http:\/\/localhost(:\d+)?\/.*DejaVuSans-Bold-subset\.ttf$/),
    ]);
  });
});
