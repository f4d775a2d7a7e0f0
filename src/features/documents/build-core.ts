import {
  buildDocument,
  documentFileName,
  DocumentInputError,
  type BuildProgress,
} from '../../reports/pdf/index';
import { DocumentBuildError, type BuildMessage, type BuiltDocument } from './protocol';

/**
 * Builds a document with its fonts: the part that runs in the document worker, or on the main
 * thread when the browser offers no Worker. It imports the PDF builders (and so jspdf), so it
 * is only ever loaded by the worker or by a dynamic `import()`, never with the first screen.
 */

type Fetch = (url: string) => Promise<Response>;

/** One font file's bytes; a clear message when it cannot be fetched. */
export async function loadFont(url: string, fetchFont: Fetch = fetch): Promise<Uint8Array> {
  const name = decodeURIComponent(url.split(/[?#]/)[0]!.split('/').pop() ?? url);
  let response: Response;
  try {
    response = await fetchFont(url);
  } catch (e) {
    throw new DocumentBuildError(
      `the font ${name} could not be loaded (${e instanceof Error ? e.message : String(e)})`,
      false,
    );
  }
  if (!response.ok) {
    throw new DocumentBuildError(
      `the font ${name} could not be loaded (HTTP ${response.status})`,
      false,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Loads the fonts, builds the document and names it. Any failure becomes a DocumentBuildError:
 * the builder's DocumentInputError keeps its message and is marked as an input error.
 */
export async function buildWithFonts(
  message: BuildMessage,
  onProgress?: BuildProgress,
  fetchFont: Fetch = fetch,
): Promise<BuiltDocument> {
  try {
    const [regular, bold] = await Promise.all([
      loadFont(message.fontUrls.regular, fetchFont),
      loadFont(message.fontUrls.bold, fetchFont),
    ]);
    const input = { ...message.request, fonts: { regular, bold } };
    const bytes = await buildDocument(input, onProgress);
    return { bytes, fileName: documentFileName(input) };
  } catch (e) {
    if (e instanceof DocumentBuildError) throw e;
    if (e instanceof DocumentInputError) throw new DocumentBuildError(e.message, true);
    throw new DocumentBuildError(e instanceof Error ? e.message : String(e), false);
  }
}
