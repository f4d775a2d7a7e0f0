import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BUDGET_KB,
  checkBudget,
  chunksBeforeInteraction,
  filesBeforeInteraction,
  formatReport,
  gzipBytes,
  initialScripts,
  overBudgetAdvice,
  sizeFile,
  type Manifest,
} from '../../scripts/check-bundle-budget';

/** Shaped like Vite's dist/.vite/manifest.json: an entry, a shared chunk and lazy steps. */
const manifest: Manifest = {
  'index.html': {
    file: 'assets/index-abc.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_vendor-def.js'],
    dynamicImports: ['src/features/platform/PlatformStep.tsx', 'src/features/pdf/export.ts'],
    css: ['assets/index-xyz.css'],
  },
  '_vendor-def.js': { file: 'assets/vendor-def.js', imports: ['_react-ghi.js'] },
  '_react-ghi.js': { file: 'assets/react-ghi.js', imports: ['_vendor-def.js'] },
  'src/features/platform/PlatformStep.tsx': {
    file: 'assets/PlatformStep-jkl.js',
    src: 'src/features/platform/PlatformStep.tsx',
    isDynamicEntry: true,
    imports: ['index.html', '_vendor-def.js'],
  },
  'src/features/pdf/export.ts': {
    file: 'assets/export-mno.js',
    src: 'src/features/pdf/export.ts',
    isDynamicEntry: true,
    imports: ['_jspdf-pqr.js'],
  },
  '_jspdf-pqr.js': { file: 'assets/jspdf-pqr.js' },
};

describe('the chunks loaded before the first interaction', () => {
  it('are the entry and its static imports, transitively, without dynamic imports', () => {
    expect(chunksBeforeInteraction(manifest)).toEqual([
      'assets/index-abc.js',
      'assets/vendor-def.js',
      'assets/react-ghi.js',
    ]);
  });

  it('leave out a dynamic import and what only it imports, even when it imports the entry', () => {
    const files = chunksBeforeInteraction(manifest);
    expect(files).not.toContain('assets/PlatformStep-jkl.js');
    expect(files).not.toContain('assets/export-mno.js');
    expect(files).not.toContain('assets/jspdf-pqr.js');
  });

  it('include a chunk that is imported both statically and dynamically', () => {
    const both: Manifest = {
      ...manifest,
      'index.html': { ...manifest['index.html']!, imports: ['_vendor-def.js', '_jspdf-pqr.js'] },
    };
    expect(chunksBeforeInteraction(both)).toContain('assets/jspdf-pqr.js');
  });

  it('start from the given roots', () => {
    expect(chunksBeforeInteraction(manifest, ['src/features/pdf/export.ts'])).toEqual([
      'assets/export-mno.js',
      'assets/jspdf-pqr.js',
    ]);
  });

  it('name a static import missing from the manifest', () => {
    const broken: Manifest = { 'index.html': { file: 'a.js', isEntry: true, imports: ['_gone'] } };
    expect(() => chunksBeforeInteraction(broken)).toThrow(/"_gone"/);
  });
});

describe('the scripts of index.html', () => {
  const html = `<!doctype html><html><head>
    <!-- <script src="/assets/commented-out.js"></script> -->
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-def.js">
    <link rel="stylesheet" crossorigin href="/assets/index-xyz.css">
    <link rel="icon" href="/favicon.svg">
    <script src="https://cdn.example.com/elsewhere.js"></script>
  </head><body><script>inline()</script></body></html>`;

  it('are the script srcs and modulepreloads, not comments, styles, icons or other origins', () => {
    expect(initialScripts(html)).toEqual(['assets/index-abc.js', 'assets/vendor-def.js']);
  });

  it('with the manifest, add the static imports of the chunks they load', () => {
    expect(filesBeforeInteraction(html, manifest)).toEqual([
      'assets/index-abc.js',
      'assets/vendor-def.js',
      'assets/react-ghi.js',
    ]);
  });

  it('count a script the manifest does not know', () => {
    const withPublic = `<script src="/legacy.js"></script>${html}`;
    expect(filesBeforeInteraction(withPublic, manifest)).toContain('legacy.js');
  });
});

describe('the gzip total', () => {
  const contents = [
    'export const a = 1;\n'.repeat(200),
    'function hello() { return "world"; }\n'.repeat(50),
    '/* ≤ 150 KB */ console.log("…");',
  ].map((text, i) => ({ file: `assets/${i}.js`, bytes: new TextEncoder().encode(text) }));

  it('is the sum of each file gzipped on its own at level 9', () => {
    const sized = contents.map((c) => sizeFile(c.file, c.bytes));
    const result = checkBudget(sized);
    const expected = contents.reduce(
      (sum, c) => sum + gzipSync(c.bytes, { level: 9 }).byteLength,
      0,
    );
    expect(result.totalGzipBytes).toBe(expected);
    expect(result.totalGzipBytes).toBe(sized.reduce((sum, f) => sum + f.gzipBytes, 0));
    expect(result.totalRawBytes).toBe(contents.reduce((sum, c) => sum + c.bytes.byteLength, 0));
  });

  it('measures real gzip output, which decompresses to the file', () => {
    const bytes = contents[0]!.bytes;
    const gz = gzipSync(bytes, { level: 9 });
    expect(gunzipSync(gz)).toEqual(Buffer.from(bytes));
    expect(gzipBytes(bytes)).toBe(gz.byteLength);
    expect(gzipBytes(bytes)).toBeLessThan(bytes.byteLength);
  });

  it(`is held against ${BUDGET_KB} kB (1,000 bytes each): equal passes, one byte more is over`, () => {
    const at = checkBudget([{ file: 'a.js', rawBytes: 400_000, gzipBytes: 150_000 }]);
    expect(at.budgetBytes).toBe(150_000);
    expect(at.over).toBe(false);
    const over = checkBudget([
      { file: 'a.js', rawBytes: 300_000, gzipBytes: 100_000 },
      { file: 'b.js', rawBytes: 100_000, gzipBytes: 50_001 },
    ]);
    expect(over.over).toBe(true);
    expect(formatReport(over)).toMatch(/OVER: 150\.00 kB gzip of a 150\.00 kB budget/);
    expect(overBudgetAdvice(over)).toMatch(/Lazy-load/);
    expect(overBudgetAdvice(over)).toContain('a.js (100.00 kB gzip)');
  });

  it('is printed as a table with a row per file and the total', () => {
    const report = formatReport(
      checkBudget([
        { file: 'assets/index.js', rawBytes: 437_260, gzipBytes: 130_950 },
        { file: 'assets/vendor.js', rawBytes: 1_000, gzipBytes: 500 },
      ]),
    );
    expect(report).toMatch(/assets\/index\.js\s+437\.26\s+130\.95/);
    expect(report).toMatch(/total\s+438\.26\s+131\.45/);
    expect(report).toMatch(/PASS: 131\.45 kB gzip of a 150\.00 kB budget \(88 %\)/);
  });
});
