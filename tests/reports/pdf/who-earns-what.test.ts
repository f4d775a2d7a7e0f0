import { describe, expect, it } from 'vitest';
import { customerSeries, isPriced } from '../../../src/engine/index';
import { partySplit } from '../../../src/reports/parties';
import { documentFormat } from '../../../src/reports/pdf/format';
import {
  buildToFile,
  HAVE_PDF_TOOLS,
  inputOf,
  pdfText,
  qpdfCheck,
  quoteOf,
  readTable,
  samplePlan,
  TODAY,
} from './support';

// The internal report's "Who earns what" (ADR 034): every party's share of the revenue, each
// amount on one line (amounts never wrap), the Revenue row the quote's.

const fmt = documentFormat('USD');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!HAVE_PDF_TOOLS)("the internal report's Who earns what", () => {
  it('lists each party with its role and what it earns, and the revenue', async () => {
    const scenario = samplePlan();
    const table = readTable();
    const quote = quoteOf(scenario, table);
    if (!isPriced(quote)) throw new Error('the sample plan must price');
    const split = partySplit(scenario, quote, customerSeries(scenario, table, { today: TODAY })!);
    const { path } = await buildToFile(inputOf('internal-report'));
    expect(qpdfCheck(path).status).toBe(0);
    const text = pdfText(path);
    const at = text.indexOf('Who earns what');
    expect(at).toBeGreaterThan(0);
    const section = text.slice(at);
    for (const part of split.parts) {
      // the amount whole on the row of its party (pdftotext keeps a table row on one line)
      expect(section).toMatch(new RegExp(`${escape(fmt.money(part.total))}(\\s|$)`));
    }
    expect(section).toMatch(new RegExp(`Revenue\\s+${escape(fmt.money(quote.totals.revenue))}`));
  });
});
