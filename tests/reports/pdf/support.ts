/**
 * What the PDF tests share: the sample plan on its pinned table (with a Cyrillic line added),
 * the committed fonts, and poppler-utils / qpdf to check what a reader of the file sees.
 */
import { parseScenario } from '../../support/scenarios';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  calculateQuote,
  PriceTableSchema,
  type CustomerLine,
  type PriceTable,
  type Quote,
  type Scenario,
} from '../../../src/engine/index';
import {
  buildDocument,
  type BuildProgress,
  type DocumentInput,
  type DocumentKind,
} from '../../../src/reports/pdf/index';

export const repo = fileURLToPath(new URL('../../../', import.meta.url));
export const TODAY = '2026-11-22';
export const FONTS_DIR = join(repo, 'src/reports/pdf/fonts');

export const fonts = {
  regular: new Uint8Array(readFileSync(join(FONTS_DIR, 'DejaVuSans-subset.ttf'))),
  bold: new Uint8Array(readFileSync(join(FONTS_DIR, 'DejaVuSans-Bold-subset.ttf'))),
};

export function readTable(path = 'pricing-data/tr7-service-provider/USD/2026.11.json'): PriceTable {
  return PriceTableSchema.parse(JSON.parse(readFileSync(join(repo, path), 'utf8')));
}

/** A Cyrillic customer through partner p2 (Vistula Systems, distributor Adriatic Channel Partners). */
export const MOSCOW: CustomerLine = {
  id: 'c9',
  name: 'Москва Хостинг',
  count: 1,
  startMonth: 2,
  endMonth: null,
  partnerId: 'p2',
  license: {
    model: 'fixed-term',
    bandwidth: '100m',
    bundle: 'essential',
    vServices: 5,
    termMonths: 24,
    renew: true,
  },
  sell: { mode: 'markup', pct: '45' },
  apps: [],
};

/** The sample plan (scenarios/sample-msp-plan.json) with the Москва Хостинг line added. */
export function samplePlan(): Scenario {
  const s = parseScenario(
    JSON.parse(readFileSync(join(repo, 'scenarios/sample-msp-plan.json'), 'utf8')),
  );
  return { ...s, customers: [...s.customers, MOSCOW] };
}

export const SHA256 = 'c0ffee00'.repeat(8);

export function quoteOf(scenario: Scenario, table: PriceTable, today = TODAY): Quote {
  return calculateQuote(scenario, table, { today, tableSha256: SHA256 });
}

export function inputOf(
  kind: DocumentKind,
  o: Partial<Omit<DocumentInput, 'kind'>> = {},
): DocumentInput {
  const table = o.table ?? readTable();
  const scenario = o.scenario ?? samplePlan();
  return {
    kind,
    scenario,
    table,
    quote: o.quote ?? quoteOf(scenario, table, o.today ?? TODAY),
    today: o.today ?? TODAY,
    fonts,
    ...(o.customerId === undefined ? {} : { customerId: o.customerId }),
    ...(o.partyId === undefined ? {} : { partyId: o.partyId }),
    ...(o.lang === undefined ? {} : { lang: o.lang }),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'pdf-test-'));
let n = 0;

/** Builds the document and writes it to a temporary file; returns its path and bytes. */
export async function buildToFile(
  input: DocumentInput,
  onProgress?: BuildProgress,
): Promise<{ path: string; bytes: Uint8Array }> {
  const bytes = await buildDocument(input, onProgress);
  const path = join(dir, `${input.kind}-${++n}.pdf`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

function run(
  command: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Whether qpdf and poppler-utils are installed (.ci/run installs them; CI fails without). */
export const HAVE_PDF_TOOLS = ['qpdf', 'pdftotext', 'pdfinfo'].every(
  (tool) => spawnSync(tool, ['-v'], { encoding: 'utf8' }).error === undefined,
);
if (!HAVE_PDF_TOOLS && process.env.CI) {
  throw new Error('qpdf and poppler-utils are required in CI (.ci/run installs them)');
}
if (!HAVE_PDF_TOOLS) {
  process.stderr.write(
    'PDF file checks skipped: qpdf or poppler-utils is missing (apt-get install -y qpdf poppler-utils)\n',
  );
}

/** `qpdf --check`: the exit status and what it said. */
export function qpdfCheck(path: string) {
  return run('qpdf', ['--check', path]);
}

/** The text a reader extracts (`pdftotext -layout`), of one page or of all. */
export function pdfText(path: string, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const r = run('pdftotext', ['-layout', ...pages, path, '-']);
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

/** `pdfinfo` of the file, with the size of each page. */
export function pdfInfo(path: string): { pages: number; text: string; sizes: string[] } {
  const r = run('pdfinfo', [path]);
  if (r.status !== 0) throw new Error(`pdfinfo failed: ${r.stderr}`);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1]);
  const sizes = run('pdfinfo', ['-f', '1', '-l', String(pages), path])
    .stdout.split('\n')
    .flatMap((line) => {
      const m = /^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/.exec(line);
      return m ? [Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'] : [];
    });
  return { pages, text: r.stdout, sizes };
}

/** Every page says "Page i of N", N being the file's page count. */
export function pageNumbers(path: string): { pages: number; labels: string[] } {
  const { pages } = pdfInfo(path);
  const labels = [];
  for (let i = 1; i <= pages; i++) {
    labels.push(/Page (\d+) of (\d+)/.exec(pdfText(path, i))?.[0] ?? `(none on page ${i})`);
  }
  return { pages, labels };
}
