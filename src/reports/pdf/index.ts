/**
 * The three PDF documents of PRODUCT.md "Documents and exports", built by one set of builders for
 * the browser (in a worker) and the CLI (docs/decisions/013-pdf-documents.md):
 *
 * - `msp-proposal`: the vendor's proposal to the MSP;
 * - `customer-proposal`: the MSP's white-label proposal to one end customer;
 * - `internal-report`: everything.
 *
 * Pure apart from building bytes: no clock (the date is `today`), no I/O (the fonts come in as
 * bytes), no randomness (the PDF's /ID and creation date derive from the input), so the same input
 * gives the same file. jsPDF and jspdf-autotable are loaded with `await import()` on the first
 * build, never with the app's first screen.
 */
import type { jsPDF as JsPdf } from 'jspdf';
import type { __createTable as CreateTable, autoTable as AutoTable } from 'jspdf-autotable';
import { isPriced, minorDigitsOf, quoteErrors } from '../../engine/index';
import { pricedDeal } from '../priced-deal';
import {
  CUSTOMER_PROPOSAL_TITLE,
  customerOf,
  customerProposalSteps,
  mspBrand,
  writeCustomerProposal,
} from './customer-proposal';
import {
  customerLabels,
  DOCUMENT_LANGUAGES,
  isDocumentLanguage,
  LANGUAGE_LOCALES,
} from './customer-labels';
import { DocumentInputError } from './errors';
import { fontCodePoints } from './font-cmap';
import { documentFormat } from './format';
import {
  documentFileId,
  DOCUMENT_KINDS,
  proposalNumber,
  validUntil,
  type DocumentKind,
} from './identity';
import { INTERNAL_REPORT_TITLE, internalReportSteps, writeInternalReport } from './internal-report';
import { blockToMove, DocWriter, FONT, Progress, themeOf, type BuildProgress } from './layout';
import { MSP_PROPOSAL_TITLE, mspProposalSteps, writeMspProposal } from './msp-proposal';
import {
  PARTNER_STATEMENT_TITLE,
  partnerStatementSteps,
  statementParty,
  writePartnerStatement,
} from './partner-statement';
import { tableNames } from './shape';
import { printable } from './text';
import type { DocContext, DocumentInput } from './types';

export type { DocumentKind } from './identity';
export type { DocumentInput } from './types';
export type { BuildProgress } from './layout';
export { DocumentInputError } from './errors';
export { DOCUMENT_KINDS, documentFileName, proposalNumber, validUntil } from './identity';
export { DOCUMENT_LOCALE } from './format';
export {
  DOCUMENT_LANGUAGES,
  LANGUAGE_NAMES,
  isDocumentLanguage,
  type DocumentLanguage,
} from './customer-labels';

/**
 * The font files in `src/reports/pdf/fonts/` (DejaVu Sans subsets, see scripts/subset-fonts.sh):
 * the CLI reads them from there, the browser imports them with Vite's `?url`.
 */
export const FONT_FILES = {
  regular: 'DejaVuSans-subset.ttf',
  bold: 'DejaVuSans-Bold-subset.ttf',
} as const;

const TITLES: Record<DocumentKind, string> = {
  'msp-proposal': MSP_PROPOSAL_TITLE,
  'customer-proposal': CUSTOMER_PROPOSAL_TITLE,
  'internal-report': INTERNAL_REPORT_TITLE,
  'partner-statement': PARTNER_STATEMENT_TITLE,
};

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Checks the input and shapes what every section reads. Throws DocumentInputError for what the
 * caller can fix: an unknown kind, a bad date, a quote with errors (each listed) or of another
 * scenario or table, a customer proposal without a customer or for an unknown one.
 */
export function documentContext(input: DocumentInput): DocContext {
  const { kind, scenario, quote, table, today } = input;
  if (!DOCUMENT_KINDS.includes(kind)) {
    throw new DocumentInputError(
      `unknown document "${String(kind)}"; choose ${DOCUMENT_KINDS.join(', ')}`,
    );
  }
  if (!isRealDate(today)) {
    throw new DocumentInputError(`the document date must be written YYYY-MM-DD, got "${today}"`);
  }
  const errors = quoteErrors(quote);
  if (errors.length > 0 || !isPriced(quote)) {
    const list = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new DocumentInputError(
      `the quote has ${errors.length} error${errors.length === 1 ? '' : 's'}, so there is nothing to propose; fix ${errors.length === 1 ? 'it' : 'them'} first${list === '' ? '' : `: ${list}`}`,
    );
  }
  const id = quote.priceTable;
  if (
    id.product !== table.product ||
    id.currency !== table.currency ||
    id.version !== table.version
  ) {
    throw new DocumentInputError(
      `the quote was priced on ${id.product} ${id.currency} ${id.version}, not on the table given (${table.product} ${table.currency} ${table.version})`,
    );
  }
  if (
    quote.customers.length !== scenario.customers.length ||
    quote.customers.some((c, i) => c.id !== scenario.customers[i]!.id) ||
    quote.months.length !== scenario.horizonMonths
  ) {
    throw new DocumentInputError(
      'the quote does not match the scenario (its customer lines or months differ): price the scenario again',
    );
  }
  const lang = kind === 'customer-proposal' ? (input.lang ?? 'en') : 'en';
  if (!isDocumentLanguage(lang)) {
    throw new DocumentInputError(
      `unknown language "${String(lang)}"; choose ${DOCUMENT_LANGUAGES.join(', ')}`,
    );
  }
  const fmt = documentFormat(quote.currency, LANGUAGE_LOCALES[lang]);
  const options = { today, tableSha256: quote.priceTable.sha256 };
  // priced: the guard above; the waterfall and volume saving derive from this one deal
  const deal = pricedDeal(scenario, table, quote, options);
  const ctx: DocContext = {
    input,
    scenario,
    quote,
    totals: quote.totals,
    deal,
    table,
    fmt,
    names: tableNames(table),
    digits: minorDigitsOf(quote.currency),
    proposalNumber: proposalNumber({
      kind,
      scenario,
      table,
      today,
      customerId: input.customerId,
      partyId: input.partyId,
    }),
    validUntil: validUntil(today, table.validUntil),
    expired: table.validUntil !== null && table.validUntil < today,
    lang,
    options,
  };
  if (kind === 'customer-proposal') customerOf(ctx);
  if (kind === 'partner-statement') statementParty(ctx);
  return ctx;
}

/** The vendor's proposal's running header: the vendor and who prepared it. */
function vendorHeader(ctx: DocContext): string {
  const by = ctx.scenario.preparedBy.name.trim();
  return by === '' ? ctx.table.vendorName : `${ctx.table.vendorName} · ${by}`;
}

/** A Uint8Array as a binary string (jsPDF's VFS takes a TrueType file that way). */
function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

/** jsPDF labels its Identity-H fonts' character collection "Identity-H"; PDF says "Identity". */
function fixCidOrdering(pdf: Uint8Array): Uint8Array {
  const find = new TextEncoder().encode('/Ordering (Identity-H)');
  const put = new TextEncoder().encode('/Ordering (Identity)  ');
  outer: for (let i = 0; i <= pdf.length - find.length; i++) {
    for (let k = 0; k < find.length; k++) if (pdf[i + k] !== find[k]) continue outer;
    pdf.set(put, i); // same length: the cross-reference offsets stay right
    i += find.length - 1;
  }
  return pdf;
}

type JsPdfModule = { jsPDF?: typeof JsPdf; default?: { jsPDF?: typeof JsPdf } };
interface AutoTableExports {
  autoTable?: typeof AutoTable;
  __createTable?: typeof CreateTable;
}
type AutoTableModule = AutoTableExports & { default?: AutoTableExports };

async function loadLibraries(): Promise<{
  JsPDF: typeof JsPdf;
  autoTable: typeof AutoTable;
  createTable: typeof CreateTable;
}> {
  const [pdf, table] = (await Promise.all([import('jspdf'), import('jspdf-autotable')])) as [
    JsPdfModule,
    AutoTableModule,
  ];
  // ESM builds export the names; the Node (CommonJS) build of jspdf may sit under `default`
  const JsPDF = pdf.jsPDF ?? pdf.default?.jsPDF;
  const autoTable = table.autoTable ?? table.default?.autoTable;
  const createTable = table.__createTable ?? table.default?.__createTable;
  if (!JsPDF || !autoTable || !createTable)
    throw new Error('jspdf or jspdf-autotable did not load');
  return { JsPDF, autoTable, createTable };
}

/**
 * Builds a document: the PDF's bytes. `onProgress` hears each step (done, total, stage); if it
 * returns a promise, the build waits for it (a main-thread caller can yield a frame there).
 */
export async function buildDocument(
  input: DocumentInput,
  onProgress?: BuildProgress,
): Promise<Uint8Array> {
  const ctx = documentContext(input);
  const progress = new Progress(onProgress);
  const steps =
    input.kind === 'msp-proposal'
      ? mspProposalSteps(ctx)
      : input.kind === 'customer-proposal'
        ? customerProposalSteps()
        : input.kind === 'partner-statement'
          ? partnerStatementSteps(ctx)
          : internalReportSteps(ctx);
  progress.expect(steps);
  await progress.step('Loading the PDF library');

  let codePoints: Set<number>;
  try {
    codePoints = fontCodePoints(input.fonts.regular);
    fontCodePoints(input.fonts.bold);
  } catch (e) {
    throw new Error(`the PDF fonts are not TrueType fonts: ${(e as Error).message}`);
  }
  const { JsPDF, autoTable, createTable } = await loadLibraries();

  const { scenario, table } = input;
  const numbered = {
    kind: input.kind,
    scenario,
    table,
    today: input.today,
    customerId: input.customerId,
    partyId: input.partyId,
  };
  const stamp = `D:${input.today.replace(/-/g, '')}000000+00'00'`;
  const customer = input.kind === 'customer-proposal' ? customerOf(ctx).line : null;
  const title = customer
    ? customerLabels(ctx.lang).headerTitle(customer.name)
    : input.kind === 'partner-statement'
      ? `${TITLES[input.kind]}: ${statementParty(ctx).name}`
      : `${TITLES[input.kind]}: ${scenario.title}`;
  const clean = printable(codePoints);

  /** One pass: the document written on a fresh jsPDF, pages starting before `breakBefore`. */
  const render = async (breakBefore: ReadonlySet<number>, pass: Progress) => {
    const doc = new JsPDF({
      unit: 'mm',
      format: 'a4',
      orientation: 'portrait',
      compress: true,
      putOnlyUsedFonts: true,
    });
    doc.addFileToVFS(FONT_FILES.regular, binaryString(input.fonts.regular));
    doc.addFont(FONT_FILES.regular, FONT, 'normal', undefined, 'Identity-H');
    doc.addFileToVFS(FONT_FILES.bold, binaryString(input.fonts.bold));
    doc.addFont(FONT_FILES.bold, FONT, 'bold', undefined, 'Identity-H');
    doc.setFont(FONT, 'normal');

    doc.setFileId(documentFileId(numbered));
    try {
      doc.setCreationDate(stamp);
    } catch {
      // a date jsPDF cannot write (after 2037): it keeps its own
    }
    doc.setDocumentProperties({
      title: clean(title),
      subject: clean(customer ? title : scenario.title),
      author: clean(
        customer ? mspBrand(ctx) : scenario.preparedBy.company || scenario.preparedBy.name,
      ),
      creator: clean(customer ? mspBrand(ctx) : 'Service Provider Configurator'),
    });

    const w = new DocWriter(
      doc,
      autoTable,
      createTable,
      themeOf(scenario.brand.primaryColor),
      clean,
      pass,
    );
    w.breakBefore = breakBefore;
    if (input.kind === 'msp-proposal') await writeMspProposal(w, ctx);
    else if (input.kind === 'customer-proposal') await writeCustomerProposal(w, ctx);
    else if (input.kind === 'partner-statement') await writePartnerStatement(w, ctx);
    else await writeInternalReport(w, ctx);
    return { doc, w };
  };
  let { doc, w } = await render(new Set(), progress);
  // a short last block alone on its last page: a second pass starts the block before it on a
  // new page, so the two end the document together (the first pass's progress stands)
  const move = blockToMove(w);
  if (move !== null) ({ doc, w } = await render(new Set([move]), new Progress(undefined)));

  w.chrome({
    headerLeft: customer
      ? mspBrand(ctx)
      : input.kind === 'msp-proposal'
        ? vendorHeader(ctx)
        : scenario.brand.name || scenario.title,
    headerRight: title,
    footerLeft:
      input.kind === 'internal-report'
        ? `${ctx.proposalNumber} · Confidential: internal use only`
        : input.kind === 'partner-statement'
          ? `${ctx.proposalNumber} · Confidential`
          : ctx.proposalNumber,
    pageOf: customerLabels(ctx.lang).pageOf,
  });
  await progress.finish('Done');
  return fixCidOrdering(new Uint8Array(doc.output('arraybuffer')));
}
