import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledRegistry } from '../../src/price-tables/bundled';
import { loadCustomTable } from '../../src/state/custom-tables';

// A custom table loaded in the app records the SHA-256 of its file, the hash `npm run quote`
// prints for the same file given with --price-table (node:crypto over the file's bytes), so the
// app's documents name the table the CLI's do (issue 14).

const sampleText = readFileSync(
  new URL('../../pricing-data/tr7-service-provider/USD/2026.11.json', import.meta.url),
  'utf8',
);
const sample = JSON.parse(sampleText) as Record<string, unknown>;

describe('a custom table’s SHA-256', () => {
  it('is the hash of the uploaded file’s UTF-8 bytes, as the CLI computes it', () => {
    // a vendor name outside ASCII: the hash is over UTF-8 bytes, not UTF-16 code units
    const text = JSON.stringify(
      { ...sample, version: 'acme-2027.01', vendorName: 'Łódź Netze' },
      null,
      2,
    );
    const result = loadCustomTable('acme.json', text, bundledRegistry);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
    expect(result.entry.sha256).toBe(expected);
  });

  it('changes when one byte of the file changes', () => {
    const a = JSON.stringify({ ...sample, version: 'acme-2027.01', vendorName: 'Acme' });
    const b = JSON.stringify({ ...sample, version: 'acme-2027.01', vendorName: 'Acmf' });
    const ra = loadCustomTable('a.json', a, bundledRegistry);
    const rb = loadCustomTable('b.json', b, bundledRegistry);
    expect(ra.ok && rb.ok).toBe(true);
    if (!ra.ok || !rb.ok) return;
    expect(ra.entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ra.entry.sha256).not.toBe(rb.entry.sha256);
  });
});
