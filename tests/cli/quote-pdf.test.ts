import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runQuote, type QuoteArgs } from '../../src/cli/run-quote';
import { HAVE_PDF_TOOLS, pdfText, qpdfCheck } from '../reports/pdf/support';
import { examplesDir } from '../support/examples';

// `npm run quote -- SCENARIO.json --pdf OUT.pdf --document KIND [--customer ID]` (PRODUCT.md
// "Command line", ADR 006): the same builders as the app; exit 2 for flags that do not fit or a
// customer the scenario does not have, exit 1 (and no PDF) for a quote with errors.

const repo = fileURLToPath(new URL('../../', import.meta.url));
const sample = join(repo, 'scenarios/sample-msp-plan.json');
const examples = examplesDir;
const dir = mkdtempSync(join(tmpdir(), 'quote-pdf-'));

async function quote(positionals: string[], options: Omit<QuoteArgs, 'positionals'> = {}) {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string | Uint8Array>();
  const code = await runQuote(
    { positionals, today: '2026-11-22', ...options },
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      writeFile: (p, data) => files.set(p, data),
    },
    '2026-11-22',
  );
  return { code, stdout, stderr, files };
}

function pdfOf(files: Map<string, string | Uint8Array>, path: string): Uint8Array {
  const data = files.get(path);
  if (!(data instanceof Uint8Array)) throw new Error(`no PDF written to ${path}`);
  return data;
}

describe('quote --pdf, in process', () => {
  for (const [document, customer] of [
    ['msp-proposal', undefined],
    ['customer-proposal', 'c2'],
    ['internal-report', undefined],
  ] as const) {
    it(`writes the ${document}, still prints the quote JSON, and exits 0`, async () => {
      const out = join(dir, `${document}.pdf`);
      const r = await quote([sample], { pdf: out, document, ...(customer ? { customer } : {}) });
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toHaveProperty('totals');
      expect(Buffer.from(pdfOf(r.files, out).subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    });
  }

  it('exits 2, writing nothing, when --pdf has no --document', async () => {
    const r = await quote([sample], { pdf: join(dir, 'x.pdf') });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'quote: --pdf needs --document, one of msp-proposal, customer-proposal, internal-report, partner-statement\n',
    );
    expect(r.stdout).toBe('');
    expect(r.files.size).toBe(0);
  });

  it('exits 2 for an unknown --document, naming the ones there are', async () => {
    const r = await quote([sample], { pdf: join(dir, 'x.pdf'), document: 'brochure' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--document must be one of msp-proposal, customer-proposal, internal-report, partner-statement; got "brochure"/,
    );
    expect(r.stdout).toBe('');
  });

  it('exits 2 for --document or --customer without --pdf', async () => {
    for (const options of [{ document: 'msp-proposal' }, { customer: 'c1' }]) {
      const r = await quote([sample], options);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--document, --customer, --party and --lang go with --pdf OUT\.pdf/);
    }
  });

  it('writes a partner statement for --party, and exits 2 for a party the scenario lacks', async () => {
    const out = join(dir, 'statement.pdf');
    const ok = await quote([sample], { pdf: out, document: 'partner-statement', party: 'p1' });
    expect(ok.code).toBe(0);
    if (HAVE_PDF_TOOLS) {
      const path = join(dir, 'statement-written.pdf');
      writeFileSync(path, pdfOf(ok.files, out));
      expect(qpdfCheck(path).status).toBe(0);
      expect(pdfText(path)).toMatch(/Commission statement[\s\S]*Harbourline IT/);
    }
    const none = await quote([sample], { pdf: out, document: 'partner-statement' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--document partner-statement needs --party ID/);
    const unknown = await quote([sample], {
      pdf: join(dir, 'never.pdf'),
      document: 'partner-statement',
      party: 'p9',
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--party "p9": .* they are d1, d2, p1, p2, p3/);
    expect(unknown.files.size).toBe(0);
    const misplaced = await quote([sample], { pdf: out, document: 'msp-proposal', party: 'p1' });
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toMatch(/--party goes with --document partner-statement only/);
  });

  it('writes the customer proposal in --lang, and refuses a language it does not have', async () => {
    const out = join(dir, 'de.pdf');
    const de = await quote([sample], {
      pdf: out,
      document: 'customer-proposal',
      customer: 'c1',
      lang: 'de',
    });
    expect(de.code).toBe(0);
    if (HAVE_PDF_TOOLS) {
      const path = join(dir, 'de-written.pdf');
      writeFileSync(path, pdfOf(de.files, out));
      expect(pdfText(path)).toMatch(/Leistungsangebot[\s\S]*Seite 1 von/);
    }
    const it_ = await quote([sample], {
      pdf: out,
      document: 'customer-proposal',
      customer: 'c1',
      lang: 'it',
    });
    expect(it_.code).toBe(2);
    expect(it_.stderr).toMatch(/--lang must be one of en, de, fr, es, pl; got "it"/);
    const other = await quote([sample], { pdf: out, document: 'internal-report', lang: 'de' });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--lang goes with --document customer-proposal only/);
  });

  it('warns on standard error when the document is built on an expired table', async () => {
    const out = join(dir, 'expired.pdf');
    const r = await quote([sample], {
      pdf: out,
      document: 'customer-proposal',
      customer: 'c1',
      today: '2027-07-01',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /quote: warning: the price table tr7-service-provider USD 2026\.11 expired on 2027-04-30; the customer-proposal marks its prices as indicative/,
    );
  });

  it('exits 2 for a customer-proposal without --customer, and --customer on another document', async () => {
    const a = await quote([sample], { pdf: join(dir, 'x.pdf'), document: 'customer-proposal' });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--document customer-proposal needs --customer ID/);
    const b = await quote([sample], {
      pdf: join(dir, 'x.pdf'),
      document: 'msp-proposal',
      customer: 'c1',
    });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--customer goes with --document customer-proposal only/);
  });

  it('exits 2 for a customer the scenario does not have, naming the id and the lines', async () => {
    const r = await quote([sample], {
      pdf: join(dir, 'x.pdf'),
      document: 'customer-proposal',
      customer: 'c99',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /quote: --customer "c99": .*sample-msp-plan\.json has no customer line with this id; its lines are c1, c2, c3, c4, c5, c6, c7, c8/,
    );
    expect(r.stdout).toBe('');
    expect(r.files.size).toBe(0);
  });

  it('exits 1 for a quote with errors: the JSON printed as ever, no PDF', async () => {
    const out = join(dir, 'errors.pdf');
    const r = await quote([join(examples, 'example-3-errors.json')], {
      'price-table': join(examples, 'example-table.json'),
      pdf: out,
      document: 'internal-report',
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveProperty('totals', null);
    expect(r.stderr).toMatch(/quote: no PDF written: the quote has errors/);
    expect(r.files.has(out)).toBe(false);
  });

  it('exits 2, writing nothing, when the document cannot be built from the scenario (a broken logo)', async () => {
    const s = JSON.parse(readFileSync(sample, 'utf8')) as { brand: { logo: string | null } };
    s.brand.logo = `data:image/png;base64,${Buffer.from('not an image').toString('base64')}`;
    const path = join(dir, 'bad-logo.json');
    writeFileSync(path, JSON.stringify(s));
    const r = await quote([path], { pdf: join(dir, 'x.pdf'), document: 'msp-proposal' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/quote: cannot build the msp-proposal: brand\.logo: /);
    expect(r.stdout).toBe('');
    expect(r.files.size).toBe(0);
  });
});

function npmQuote(args: string[]) {
  return spawnSync('npm', ['run', 'quote', '--', ...args], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('npm run quote --pdf (the real command)', () => {
  for (const [document, customer, name] of [
    ['msp-proposal', null, 'Łódź Telekom'],
    ['customer-proposal', 'c8', 'Ελληνικά Δίκτυα'],
    ['internal-report', null, 'Müller GmbH'],
  ] as const) {
    it(`writes a valid ${document} with the fonts read from the repository`, () => {
      const out = join(dir, `cli-${document}.pdf`);
      const r = npmQuote([
        sample,
        '--today',
        '2026-11-22',
        '--json',
        join(dir, `cli-${document}.json`),
        '--pdf',
        out,
        '--document',
        document,
        ...(customer ? ['--customer', customer] : []),
      ]);
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(true);
      if (HAVE_PDF_TOOLS) {
        expect(qpdfCheck(out).status).toBe(0);
        expect(pdfText(out)).toContain(name);
      }
    }, 60_000);
  }

  it('exits 2 with a message naming the flag, and no stack trace', () => {
    const r = npmQuote([sample, '--pdf', join(dir, 'never.pdf'), '--document', 'flyer']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--document must be one of/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'never.pdf'))).toBe(false);
  }, 60_000);
});
