/**
 * `npm run check:budget`: the JavaScript a user downloads before the first interaction, held
 * against ENGINEERING.md § Budgets (≤ 150 KB gzip). Run it after `npm run build`.
 *
 * What counts: every `<script src>` and `<link rel="modulepreload">` of the built
 * `dist/index.html`, plus, from Vite's `dist/.vite/manifest.json`, the chunks those entries
 * import statically, transitively (`imports`). Chunks reached only through `dynamicImports`
 * (`import()`, `React.lazy`) load later, when the user opens what needs them, so they do not
 * count. Each file is gzipped with node:zlib at level 9, as a server would compress it.
 *
 * Exit status: 0 within budget, 1 over budget, 2 when there is no build to measure.
 * Usage: `npm run check:budget [-- --dist DIR]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

/** ENGINEERING.md § Budgets: JavaScript loaded before first interaction ≤ 150 KB gzip. */
export const BUDGET_KB = 150;
/** Kilobytes as Vite prints them after a build: 1 kB = 1,000 bytes. */
export const BYTES_PER_KB = 1000;

/** One chunk of Vite's build manifest (`build.manifest: true`), the fields read here. */
export interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  /** Keys of the chunks this one imports statically: they load with it. */
  imports?: string[];
  /** Keys of the chunks this one loads with `import()`: they load later, on demand. */
  dynamicImports?: string[];
  css?: string[];
}

/** `dist/.vite/manifest.json`: chunk key (source path, or `index.html` for the entry) → chunk. */
export type Manifest = Record<string, ManifestChunk>;

export interface SizedFile {
  /** Path relative to the build directory, e.g. `assets/index-B9PkaceI.js`. */
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface BudgetResult {
  files: SizedFile[];
  totalRawBytes: number;
  totalGzipBytes: number;
  budgetBytes: number;
  over: boolean;
}

/** `/assets/x.js`, `./assets/x.js` → `assets/x.js`; null for another origin or a data: URL. */
function localPath(url: string, base: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return null;
  let path = url.split(/[?#]/)[0] ?? '';
  if (base !== '/' && path.startsWith(base)) path = path.slice(base.length);
  return path.replace(/^\.?\//, '');
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : null;
}

/**
 * The JavaScript files `index.html` makes the browser load at once: `<script src>` and
 * `<link rel="modulepreload" href>`, in document order, relative to the build directory.
 * Comments are ignored (index.html has one that talks about scripts).
 */
export function initialScripts(html: string, base = '/'): string[] {
  const body = html.replace(/<!--[\s\S]*?-->/g, '');
  const files: string[] = [];
  for (const [tag] of body.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    let url: string | null = null;
    if (/^<script/i.test(tag)) {
      url = attribute(tag, 'src');
    } else {
      const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('modulepreload')) url = attribute(tag, 'href');
    }
    const path = url === null ? null : localPath(url, base);
    if (path && !files.includes(path)) files.push(path);
  }
  return files;
}

/**
 * The chunks loaded before the first interaction: the roots (by default every `isEntry` chunk)
 * and everything they import statically, transitively. `dynamicImports` are not followed.
 * Returns the chunks' `file`s, roots first, each once (import cycles are fine).
 */
export function chunksBeforeInteraction(manifest: Manifest, roots?: readonly string[]): string[] {
  const start = roots ?? Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  const seen = new Set<string>();
  const files: string[] = [];
  const queue = [...start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    if (seen.has(key)) continue;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The manifest has no chunk "${key}" (imported by another chunk).`);
    if (!files.includes(chunk.file)) files.push(chunk.file);
    queue.push(...(chunk.imports ?? []));
  }
  return files;
}

/**
 * Everything loaded before the first interaction: the HTML's scripts and modulepreloads, and the
 * static imports of the manifest chunks they are (a script Vite did not build, e.g. one copied
 * from public/, counts on its own).
 */
export function filesBeforeInteraction(html: string, manifest: Manifest, base = '/'): string[] {
  const fromHtml = initialScripts(html, base);
  const keyOfFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
  const roots = fromHtml.flatMap((file) => {
    const key = keyOfFile.get(file);
    return key === undefined ? [] : [key];
  });
  const files = [...fromHtml];
  for (const file of chunksBeforeInteraction(manifest, roots)) {
    if (!files.includes(file)) files.push(file);
  }
  return files;
}

/** Bytes after gzip at level 9. */
export function gzipBytes(content: Uint8Array): number {
  return gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).byteLength;
}

export function sizeFile(file: string, content: Uint8Array): SizedFile {
  return { file, rawBytes: content.byteLength, gzipBytes: gzipBytes(content) };
}

/** Totals of the files against the budget; each file is gzipped on its own, as it is served. */
export function checkBudget(files: readonly SizedFile[], budgetKb = BUDGET_KB): BudgetResult {
  const totalRawBytes = files.reduce((sum, f) => sum + f.rawBytes, 0);
  const totalGzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  const budgetBytes = budgetKb * BYTES_PER_KB;
  return {
    files: [...files],
    totalRawBytes,
    totalGzipBytes,
    budgetBytes,
    over: totalGzipBytes > budgetBytes,
  };
}

function kb(bytes: number): string {
  return (bytes / BYTES_PER_KB).toFixed(2);
}

/** The table printed by the command: file, raw kB, gzip kB, the total and the budget. */
export function formatReport(result: BudgetResult): string {
  const rows = [
    ['file', 'raw kB', 'gzip kB'],
    ...result.files.map((f) => [f.file, kb(f.rawBytes), kb(f.gzipBytes)]),
    ['total', kb(result.totalRawBytes), kb(result.totalGzipBytes)],
  ];
  const widths = [0, 1, 2].map((col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]) =>
    `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!.padStart(widths[2]!)}`;
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const verdict = result.over ? 'OVER' : 'PASS';
  return [
    'JavaScript loaded before the first interaction (gzip level 9, 1 kB = 1,000 bytes)',
    '',
    line(rows[0]!),
    rule,
    ...rows.slice(1, -1).map(line),
    rule,
    line(rows[rows.length - 1]!),
    '',
    `${verdict}: ${kb(result.totalGzipBytes)} kB gzip of a ${kb(result.budgetBytes)} kB budget ` +
      `(${((result.totalGzipBytes / result.budgetBytes) * 100).toFixed(0)} %).`,
  ].join('\n');
}

/** What to do when over budget: name the largest files and what to move out of them. */
export function overBudgetAdvice(result: BudgetResult): string {
  const largest = [...result.files]
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .slice(0, 3)
    .map((f) => `${f.file} (${kb(f.gzipBytes)} kB gzip)`)
    .join(', ');
  return [
    `Over budget by ${kb(result.totalGzipBytes - result.budgetBytes)} kB gzip. ` +
      `Lazy-load what the first screen does not need (ENGINEERING.md):`,
    '- step forms other than the first screen: `React.lazy` in src/app/steps.tsx;',
    '- heavy libraries used after a click (jspdf, jspdf-autotable, fonts, recharts, tables): ' +
      '`await import()` where they are used, and keep them out of manual chunk groups;',
    '- then rebuild and rerun `npm run check:budget`.',
    `Largest files loaded before the first interaction: ${largest}.`,
  ].join('\n');
}

function main(argv: readonly string[]): number {
  const repoRoot = fileURLToPath(new URL('..', import.meta.url));
  const distFlag = argv.indexOf('--dist');
  const distDir = resolve(repoRoot, distFlag === -1 ? 'dist' : (argv[distFlag + 1] ?? 'dist'));
  const htmlPath = resolve(distDir, 'index.html');
  const manifestPath = resolve(distDir, '.vite', 'manifest.json');
  for (const path of [htmlPath, manifestPath]) {
    if (!existsSync(path)) {
      console.error(
        `${path} not found: run \`npm run build\` first (vite.config.ts sets build.manifest).`,
      );
      return 2;
    }
  }
  const html = readFileSync(htmlPath, 'utf8');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const files = filesBeforeInteraction(html, manifest);
  if (files.length === 0) {
    console.error(`${htmlPath} loads no script: nothing to measure.`);
    return 2;
  }
  const sized = files.map((file) => sizeFile(file, readFileSync(resolve(distDir, file))));
  const result = checkBudget(sized);
  console.log(formatReport(result));
  if (result.over) {
    console.error(`\n${overBudgetAdvice(result)}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
