import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../bench/generate';
import { buildToFile, HAVE_PDF_TOOLS, inputOf, pdfInfo, qpdfCheck, readTable } from './support';

// A 1,000-line internal report builds in Node and is a valid file. How long it takes is measured
// by a benchmark, never by a timed test.

describe('a 1,000-line internal report', () => {
  it('builds, reporting progress every 100 rows of its tables, and passes qpdf', async () => {
    const table = readTable();
    const scenario = generateScenario(1000, 36, 20261122, table);
    const input = inputOf('internal-report', { scenario, table });
    expect(input.quote.totals).not.toBeNull();
    const stages: string[] = [];
    const { path, bytes } = await buildToFile(input, (_done, _total, stage) => {
      stages.push(stage);
    });
    expect(bytes.length).toBeGreaterThan(100_000);
    // 1,000 customer lines in chunks of 100 rows: ten steps
    expect(stages.filter((s) => s === 'Customer lines')).toHaveLength(10);
    expect(stages[stages.length - 1]).toBe('Done');
    if (HAVE_PDF_TOOLS) {
      expect(qpdfCheck(path).status).toBe(0);
      expect(pdfInfo(path).pages).toBeGreaterThan(20);
    }
  }, 120_000);
});
