import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPricingData } from '../../src/cli/load-tables';
import { bundledRegistry } from '../../src/price-tables/bundled';
import { sha256Hex, sha256OfText } from '../../src/price-tables/sha256';

// The app hashes its bundled price tables as the CLI does, so a document from either names the
// table's file by the same SHA-256 (issue 14: "SHA-256 not recorded" in the app's PDFs).

const node = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    const enc = new TextEncoder();
    expect(sha256Hex(enc.encode(''))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(enc.encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex(enc.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto at every length around the block boundaries', () => {
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff);
      expect(sha256Hex(bytes), `length ${n}`).toBe(node(bytes));
    }
  });
});

describe('the bundled price tables', () => {
  it('carry the SHA-256 of their file, the one the CLI records', () => {
    const cli = loadPricingData();
    expect(bundledRegistry.entries.length).toBe(cli.entries.length);
    for (const entry of bundledRegistry.entries) {
      const path = fileURLToPath(new URL(`../../${entry.source}`, import.meta.url));
      expect(entry.sha256, entry.source).toBe(node(readFileSync(path)));
      const same = cli.entries.find((e) => e.source.endsWith(entry.source));
      expect(same?.sha256, entry.source).toBe(entry.sha256);
    }
  });

  it('hash text as its UTF-8 bytes (names with accents)', () => {
    const text = '{"vendorName":"Łódź Müller"}';
    expect(sha256OfText(text)).toBe(node(Buffer.from(text, 'utf8')));
  });
});
