import { calculateQuote } from '../engine/index';
import { customersCsv, monthsCsv, withBom } from '../reports/csv';
import {
  buildDocument,
  DOCUMENT_KINDS,
  DOCUMENT_LANGUAGES,
  DocumentInputError,
  isDocumentLanguage,
  type DocumentKind,
  type DocumentLanguage,
} from '../reports/pdf/index';
import { identityLabel } from '../price-tables/parse';
import { OutputError, type OutputFile } from './atomic-write';
import { loadPdfFonts } from './load-fonts';
import { formatProblems, fromCaller, InputError, isRealDate, loadDeal } from './load-deal';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Writes a whole file: text (JSON, CSV) or bytes (PDF). */
  writeFile(path: string, data: string | Uint8Array): void;
  /**
   * Writes every output file or none (temporary files, then renames: atomic-write.ts); when
   * absent, each file goes to `writeFile` in turn.
   */
  writeFiles?(files: readonly OutputFile[]): void;
}

export interface QuoteArgs {
  positionals: string[];
  'price-table'?: string | undefined;
  today?: string | undefined;
  json?: string | undefined;
  csv?: string | undefined;
  'csv-monthly'?: string | undefined;
  pdf?: string | undefined;
  document?: string | undefined;
  customer?: string | undefined;
  party?: string | undefined;
  lang?: string | undefined;
  help?: boolean | undefined;
}

export const USAGE = `Usage: npm run quote -- SCENARIO.json [options]

Prices a scenario with the same engine as the app and prints the quote JSON.

Options:
  --price-table FILE   price on this table file instead of the scenario's pinned
                       version from pricing-data/
  --today YYYY-MM-DD   the date of the quote (default: today), for the default
                       table and the expiry warning
  --json OUT.json      write the quote JSON to a file instead of standard output
  --csv OUT.csv        write the customer lines with their totals as CSV
  --csv-monthly OUT.csv  write the monthly series as CSV
  --pdf OUT.pdf --document msp-proposal|customer-proposal|internal-report|partner-statement
                       write a PDF document: the vendor's proposal to the MSP,
                       the MSP's proposal to one customer, the internal report,
                       or one distributor's or partner's commission statement
  --customer ID        the customer line a customer-proposal is for
  --lang en|de|fr|es|pl  the customer-proposal's language (default en)
  --party ID           the distributor or partner a partner-statement is for

Exit status: 0 a valid quote; 1 a quote with errors (still written; no PDF);
2 input that cannot be read, is too large or does not match its schema, a bad
--document / --customer / --party / --lang, or output that cannot be written (then no
file is written).
`;

/** Runs the command; resolves to the exit status. All output goes through `io`. */
export async function runQuote(args: QuoteArgs, io: CliIo, clockToday: string): Promise<number> {
  try {
    return await run(args, io, clockToday);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(formatProblems(e.source, e.problems));
      return 2;
    }
    // a fault of ours, not of the input: one line, never a stack trace
    io.stderr(
      `quote: internal error: ${e instanceof Error ? e.message : String(e)} (please report it with the input files)\n`,
    );
    return 2;
  }
}

interface PdfRequest {
  path: string;
  kind: DocumentKind;
  customer?: string;
  party?: string;
  lang?: DocumentLanguage;
}

/** The PDF asked for with --pdf, --document, --customer, --party and --lang; a message when they do not fit. */
function pdfRequest(
  args: QuoteArgs,
): { ok: true; pdf: PdfRequest | null } | { ok: false; message: string } {
  const { pdf, document, customer, party, lang } = args;
  if (pdf === undefined) {
    if (
      document !== undefined ||
      customer !== undefined ||
      party !== undefined ||
      lang !== undefined
    ) {
      return {
        ok: false,
        message: '--document, --customer, --party and --lang go with --pdf OUT.pdf',
      };
    }
    return { ok: true, pdf: null };
  }
  const kinds = DOCUMENT_KINDS.join(', ');
  if (document === undefined) {
    return { ok: false, message: `--pdf needs --document, one of ${kinds}` };
  }
  if (!(DOCUMENT_KINDS as readonly string[]).includes(document)) {
    return { ok: false, message: `--document must be one of ${kinds}; got "${document}"` };
  }
  const kind = document as DocumentKind;
  if (kind === 'customer-proposal' && (customer === undefined || customer === '')) {
    return {
      ok: false,
      message: '--document customer-proposal needs --customer ID, the id of a customer line',
    };
  }
  if (kind !== 'customer-proposal' && customer !== undefined) {
    return { ok: false, message: '--customer goes with --document customer-proposal only' };
  }
  if (kind !== 'customer-proposal' && lang !== undefined) {
    // the other documents go to the MSP, the vendor and the channel: they are in English
    return { ok: false, message: '--lang goes with --document customer-proposal only' };
  }
  if (lang !== undefined && !isDocumentLanguage(lang)) {
    return {
      ok: false,
      message: `--lang must be one of ${DOCUMENT_LANGUAGES.join(', ')}; got "${lang}"`,
    };
  }
  if (kind === 'partner-statement' && (party === undefined || party === '')) {
    return {
      ok: false,
      message: '--document partner-statement needs --party ID, the id of a distributor or partner',
    };
  }
  if (kind !== 'partner-statement' && party !== undefined) {
    return { ok: false, message: '--party goes with --document partner-statement only' };
  }
  return {
    ok: true,
    pdf: {
      path: pdf,
      kind,
      ...(customer === undefined ? {} : { customer }),
      ...(party === undefined ? {} : { party }),
      ...(lang !== undefined && isDocumentLanguage(lang) ? { lang } : {}),
    },
  };
}

async function run(args: QuoteArgs, io: CliIo, clockToday: string): Promise<number> {
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr(
      `quote: ${args.positionals.length === 0 ? 'give one scenario file' : `give one scenario file, not ${args.positionals.length}`}\n\n${USAGE}`,
    );
    return 2;
  }
  const wanted = pdfRequest(args);
  if (!wanted.ok) {
    io.stderr(`quote: ${wanted.message}\n`);
    return 2;
  }
  const pdf = wanted.pdf;
  const today = args.today ?? clockToday;
  if (args.today !== undefined && !isRealDate(args.today)) {
    io.stderr(`quote: --today must be a date written YYYY-MM-DD, got "${args.today}"\n`);
    return 2;
  }

  const scenarioPath = args.positionals[0]!;
  const { scenario, table, sha256, tableSource } = loadDeal(
    scenarioPath,
    args['price-table'],
    io,
    'quote',
  );

  if (pdf?.customer !== undefined) {
    const lines = scenario.customers;
    if (!lines.some((c) => c.id === pdf.customer)) {
      const ids = lines.map((c) => c.id);
      const shown =
        ids.slice(0, 20).join(', ') + (ids.length > 20 ? `, … (${ids.length} in all)` : '');
      io.stderr(
        `quote: --customer "${pdf.customer}": ${scenarioPath} has no customer line with this id; its lines are ${shown || 'none'}\n`,
      );
      return 2;
    }
  }

  if (pdf?.party !== undefined) {
    const { distributors, partners } = scenario.channel;
    const ids = [...distributors, ...partners].map((p) => p.id);
    if (!ids.includes(pdf.party)) {
      io.stderr(
        `quote: --party "${pdf.party}": ${scenarioPath} has no distributor or partner with this id; ${ids.length === 0 ? 'it has no channel' : `they are ${ids.join(', ')}`}\n`,
      );
      return 2;
    }
  }

  const quote = calculateQuote(scenario, table, { today, tableSha256: sha256 });
  const errors = quote.issues.filter((i) => i.level === 'error');

  // the document is built before anything is written, so a refusal leaves no half output
  let document: Uint8Array | null = null;
  if (pdf !== null && errors.length === 0) {
    try {
      document = await buildDocument({
        kind: pdf.kind,
        scenario: scenario,
        quote,
        table,
        tableSource,
        today,
        customerId: pdf.customer,
        partyId: pdf.party,
        lang: pdf.lang,
        fonts: loadPdfFonts(),
      });
    } catch (e) {
      if (e instanceof DocumentInputError) {
        io.stderr(`quote: cannot build the ${pdf.kind}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }

  const json = `${JSON.stringify(quote, null, 2)}\n`;
  // CSVs with the byte order mark, as the app's downloads (Excel reads UTF-8 names right only so);
  // every file or none: a failed PDF or a full disk leaves no quote JSON or CSV behind
  const files: OutputFile[] = [];
  const output = (path: string, data: string | Uint8Array) =>
    files.push({ path: fromCaller(path), data });
  if (args.json !== undefined) output(args.json, json);
  if (args.csv !== undefined) output(args.csv, withBom(customersCsv(scenario, quote)));
  if (args['csv-monthly'] !== undefined) output(args['csv-monthly'], withBom(monthsCsv(quote)));
  if (pdf !== null && document !== null) output(pdf.path, document);
  writeAll(io, files);
  if (args.json === undefined) io.stdout(json);

  for (const issue of quote.issues) {
    io.stderr(`${scenarioPath}: ${issue.level}: ${issue.path}: ${issue.message} [${issue.code}]\n`);
  }
  if (document !== null && pdf !== null && table.validUntil !== null && table.validUntil < today) {
    // the document does not say "valid until" a past date: it calls its prices indicative
    io.stderr(
      `quote: warning: the price table ${identityLabel(table)} expired on ${table.validUntil}; the ${pdf.kind} marks its prices as indicative\n`,
    );
  }
  if (pdf !== null && errors.length > 0) {
    io.stderr(`quote: no PDF written: the quote has errors (listed above); fix them first\n`);
  }
  return errors.length > 0 ? 1 : 0;
}

function writeAll(io: CliIo, files: readonly OutputFile[]): void {
  if (files.length === 0) return;
  try {
    if (io.writeFiles) io.writeFiles(files);
    else for (const file of files) io.writeFile(file.path, file.data);
  } catch (e) {
    const path = e instanceof OutputError ? e.path : '';
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    const none = io.writeFiles ? '; no output file was written' : '';
    throw new InputError(path || 'quote', [
      { path: '', message: `cannot write (${reason})${none}` },
    ]);
  }
}

export { fromCaller };
