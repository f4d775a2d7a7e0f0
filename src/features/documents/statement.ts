import type { StatementBuilder } from '../../components/statements/statement-context';
import { buildDocumentInBackground } from './document-builder';
import { downloadPdf } from './download';

/**
 * A party's statement PDF, built like the Documents panel's (the document worker) and offered
 * as a download: what the shell hands the Results step's party tables.
 */
export const buildStatementDownload: StatementBuilder = async (request, options) => {
  const built = await buildDocumentInBackground(request, { signal: options.signal });
  downloadPdf(built.fileName, built.bytes);
  return { fileName: built.fileName };
};
