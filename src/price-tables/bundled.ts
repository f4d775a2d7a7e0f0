import { buildRegistry, type Registry } from './registry';

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
    .map(([path, text]) => ({ source: path.replace(/^(\.\.\/)+/, ''), text, sha256: null })),
);
