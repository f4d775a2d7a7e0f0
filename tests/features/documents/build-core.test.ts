import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWithFonts, loadFont } from '../../../src/features/documents/build-core';
import { DocumentBuildError, type BuildMessage } from '../../../src/features/documents/protocol';
import { documentFileName } from '../../../src/reports/pdf/index';
import { sampleScenario } from '../../../src/state/sample';
import { engineQuote } from '../../support/app-state';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { resolvePinned } from '../../../src/price-tables/registry';
import { localToday } from '../../../src/state/app-store';

/**
 * What the document worker runs (and the main thread, without a Worker): fonts fetched from
 * their URLs, the real `buildDocument`, the file name, and failures as DocumentBuildError.
 */

const FONT_DIR = new URL('../../../src/reports/pdf/fonts/', import.meta.url);
const fontUrls = {
  regular: 'http://app.test/assets/DejaVuSans-subset.ttf',
  bold: 'http://app.test/assets/DejaVuSans-Bold-subset.ttf',
};

/** Serves the committed font files at `fontUrls`, as the built app serves its assets. */
async function fetchFont(url: string): Promise<Response> {
  const name = url.split('/').pop()!;
  return new Response(readFileSync(new URL(name, FONT_DIR)));
}

function message(overrides: Partial<BuildMessage['request']> = {}): BuildMessage {
  const scenario = sampleScenario();
  const pinned = resolvePinned(bundledRegistry, scenario.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return {
    request: {
      kind: 'msp-proposal',
      scenario,
      quote: engineQuote(scenario),
      table: pinned.entry.table,
      today: localToday(),
      ...overrides,
    },
    fontUrls,
  };
}

describe('building a document with fetched fonts', () => {
  it('builds a PDF, reports progress to the end, and names the file with documentFileName', async () => {
    const m = message();
    const progress: number[] = [];
    const doc = await buildWithFonts(
      m,
      (done, total) => void progress.push(done / total),
      fetchFont,
    );
    expect(new TextDecoder().decode(doc.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(doc.fileName).toBe(documentFileName(m.request));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1);
  });

  it('passes the builder’s DocumentInputError on as an input error', async () => {
    const error: unknown = await buildWithFonts(
      message({ kind: 'customer-proposal', customerId: 'no-such-line' }),
      undefined,
      fetchFont,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentBuildError);
    expect(error).toMatchObject({ inputError: true });
    expect((error as Error).message).toMatch(/no-such-line/);
  });

  it('says which font did not load', async () => {
    const missing = async () => new Response('not found', { status: 404 });
    await expect(loadFont(fontUrls.bold, missing)).rejects.toThrow(
      'the font DejaVuSans-Bold-subset.ttf could not be loaded (HTTP 404)',
    );
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const error: unknown = await buildWithFonts(message(), undefined, offline).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      message: 'the font DejaVuSans-subset.ttf could not be loaded (Failed to fetch)',
      inputError: false,
    });
  });
});
