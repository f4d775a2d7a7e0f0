import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRegistry, type Registry, type TableFile } from '../price-tables/registry';

export const PRICING_DATA_DIR = fileURLToPath(new URL('../../pricing-data/', import.meta.url));

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a file as bytes and text, with the hash of exactly those bytes. */
export function readTableFile(path: string, source = path): TableFile {
  const bytes = readFileSync(path);
  return { source, text: bytes.toString('utf8'), sha256: sha256Of(bytes) };
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return jsonFiles(path);
    return d.isFile() && d.name.endsWith('.json') && !d.name.endsWith('.schema.json') ? [path] : [];
  });
}

/** The registry of every table under pricing-data/ (the JSON Schema file excluded). */
export function loadPricingData(dir = PRICING_DATA_DIR): Registry {
  const root = join(dir, '..');
  return buildRegistry(
    jsonFiles(dir)
      .sort()
      .map((path) => readTableFile(path, relative(root, path))),
  );
}
