import { parseScenario } from '../../support/scenarios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customerLabels } from '../../../src/reports/pdf/customer-labels';
import {
  buildToFile,
  HAVE_PDF_TOOLS,
  inputOf,
  pdfInfo,
  pdfText,
  qpdfCheck,
  readTable,
  repo,
} from './support';

// Issue 14, the last review's page polish: a document does not end on a page that holds only
// its last short block (the chart, or the terms) pushed over by a few millimetres; the block
// before it moves along. And wide tables give their width to the text that would wrap.

const L = customerLabels('en');

describe.skipIf(!HAVE_PDF_TOOLS)('the last page', () => {
  it('the sample plan’s c1 proposal ends with its terms and its chart together', async () => {
    const { path } = await buildToFile(inputOf('customer-proposal', { customerId: 'c1' }));
    expect(qpdfCheck(path).status).toBe(0);
    const { pages } = pdfInfo(path);
    const last = pdfText(path, pages);
    expect(last).toMatch(L.chartTitle);
    // another block shares the chart's page
    expect(last).toMatch(new RegExp(`${L.terms}|${L.invoiceSchedule}`));
  });

  it('example 5’s k1 proposal: the terms do not end alone on the last page', async () => {
    const examples = 'tests/fixtures/examples/';
    const scenario = parseScenario(
      JSON.parse(readFileSync(join(repo, `${examples}example-5-cash.json`), 'utf8')),
    );
    const table = readTable(`${examples}example-table.json`);
    const { path } = await buildToFile(
      inputOf('customer-proposal', { scenario, table, today: '2026-12-01', customerId: 'k1' }),
    );
    const { pages } = pdfInfo(path);
    const last = pdfText(path, pages);
    expect(last).toMatch(L.terms);
    expect(last).toMatch(L.invoiceSchedule);
  });
});

describe.skipIf(!HAVE_PDF_TOOLS)('wide tables', () => {
  it('the PAYG advice writes each service on one line (amount columns take only their width)', async () => {
    const { path } = await buildToFile(inputOf('internal-report'));
    const text = pdfText(path);
    const advice = text.slice(text.indexOf('PAYG advice'));
    // the Greek line's service, whole on its row beside its figures
    expect(advice).toMatch(/Ελληνικά Δίκτυα\s+Essential, 1 Gbps, 6 vServices\s+[\d.,]+/);
    expect(advice).toMatch(/Brightwave Events Ltd\s+Advanced, 1 Gbps, 10 vServices/);
  });
});
