import { buildRegistry, type Registry } from './registry';
import { sha256OfText } from './sha256';

/**
 * The price tables shipped with the app: every file under pricing-data/ (the
 * JSON Schema excluded), bundled as text so the app works offline and the
 * registry validates exactly the bytes that were published.
 */
const files = import.meta.glob(
  ['../../pricing-data/**/*.json', '!../../pricing-data/*.schema.json'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
) as Record<string, string>;

export const bundledRegistry: Registry = buildRegistry(
  Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    // each file's SHA-256, as the CLI records it: the documents name the table's file by it
    .map(([path, text]) => ({
      source: path.replace(/^(\.\.\/)+/, ''),
      text,
      sha256: sha256OfText(text),
    })),
);
