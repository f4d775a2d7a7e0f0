import { describe, expect, it } from 'vitest';
import { buildToFile, HAVE_PDF_TOOLS, inputOf, pdfText } from './support';

// A document priced on a custom price table (loaded in the browser, or `--price-table FILE`)
// says so where the table's identity is printed; the customer proposal prints no identity.

describe.skipIf(!HAVE_PDF_TOOLS)('documents on a custom price table', () => {
  for (const kind of ['msp-proposal', 'internal-report'] as const) {
    it(`${kind}: the identity section names a custom table, and only a custom one`, async () => {
      const custom = pdfText((await buildToFile({ ...inputOf(kind), tableSource: 'custom' })).path);
      expect(custom).toMatch(/Source\s+Custom price table/);
      expect(custom).toMatch(/Version\s+2026\.11/);
      const bundled = pdfText((await buildToFile(inputOf(kind))).path);
      expect(bundled).not.toContain('Custom price table');
      const explicit = pdfText(
        (await buildToFile({ ...inputOf(kind), tableSource: 'bundled' })).path,
      );
      expect(explicit).not.toContain('Custom price table');
    });
  }

  it('customer-proposal: still no table identity, custom or not', async () => {
    const text = pdfText(
      (
        await buildToFile({
          ...inputOf('customer-proposal', { customerId: 'c1' }),
          tableSource: 'custom',
        })
      ).path,
    );
    expect(text).not.toContain('Custom price table');
    expect(text).not.toContain('2026.11');
  });
});
