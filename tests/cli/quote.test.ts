import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromCaller, runQuote, type QuoteArgs } from '../../src/cli/run-quote';
import { examplesDir } from '../support/examples';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const examples = examplesDir;
const exampleTable = join(examples, 'example-table.json');
const sampleScenario = join(repo, 'scenarios/sample-msp-plan.json');

/** Runs the command in-process with captured output (files written are kept in `files`). */
async function quote(positionals: string[], options: Omit<QuoteArgs, 'positionals'> = {}) {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const code = await runQuote(
    { positionals, ...options },
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      writeFile: (p, t) => files.set(p, typeof t === 'string' ? t : `<${t.length} bytes>`),
    },
    '2026-11-22',
  );
  return { code, stdout, stderr, files };
}

function tmpFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'quote-')), name);
  writeFileSync(path, text);
  return path;
}

describe('quote: the worked examples', () => {
  for (const [name, status] of [
    ['example-1-mixed', 0],
    ['example-2-hardware', 0],
    ['example-3-errors', 1],
    ['example-4-growth', 0],
    ['example-5-cash', 0],
  ] as const) {
    it(`${name} prints the exact quote of PRICING.md and exits ${status}`, async () => {
      const r = await quote([join(examples, `${name}.json`)], {
        'price-table': exampleTable,
        today: '2026-12-01',
      });
      expect(r.code).toBe(status);
      // every field, version 2's included; the text itself in the examples' key order
      const expected: unknown = JSON.parse(
        readFileSync(join(examples, `${name}.quote.json`), 'utf8'),
      );
      expect(JSON.parse(r.stdout)).toEqual(expected);
      expect(r.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    });
  }

  it('fills priceTable.sha256 with the hash of the table file bytes', async () => {
    const r = await quote([join(examples, 'example-1-mixed.json')], {
      'price-table': exampleTable,
      today: '2026-12-01',
    });
    const sha = createHash('sha256').update(readFileSync(exampleTable)).digest('hex');
    expect((JSON.parse(r.stdout) as { priceTable: { sha256: string } }).priceTable.sha256).toBe(
      sha,
    );
  });

  it('lists each issue on standard error with level, path and code', async () => {
    const r = await quote([join(examples, 'example-3-errors.json')], {
      'price-table': exampleTable,
      today: '2026-12-01',
    });
    expect(r.stderr).toContain(
      'error: customers[1].license.termMonths: A 18-month term is not offered. [term-not-offered]',
    );
  });
});

describe('quote: the pinned table from pricing-data/', () => {
  it('prices the sample plan on its pinned version, with no error', async () => {
    const r = await quote([sampleScenario], { today: '2026-11-22' });
    expect(r.code).toBe(0);
    const q = JSON.parse(r.stdout) as {
      priceTable: { version: string; sha256: string };
      totals: unknown;
    };
    expect(q.priceTable.version).toBe('2026.11');
    expect(q.priceTable.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(q.totals).not.toBeNull();
  });

  it('exits 2 naming the missing version and the ones that exist', async () => {
    const s = JSON.parse(readFileSync(sampleScenario, 'utf8')) as {
      priceTable: { version: string };
    };
    s.priceTable.version = '2019.01';
    const r = await quote([tmpFile('s.json', JSON.stringify(s))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /priceTable: price table tr7-service-provider USD 2019\.01 is not available; versions .*2026\.05, 2026\.11/,
    );
    expect(r.stdout).toBe('');
  });

  it('notes on standard error when --price-table differs from the pinned identity', async () => {
    const r = await quote([sampleScenario], {
      'price-table': join(repo, 'pricing-data/tr7-service-provider/USD/2026.05.json'),
      today: '2026-11-22',
    });
    expect(r.stderr).toContain(
      'the scenario pins tr7-service-provider USD 2026.11; priced on tr7-service-provider USD 2026.05',
    );
  });

  it('warns when today is after the table validity, and still exits 0', async () => {
    const r = await quote([sampleScenario], { today: '2027-05-01' });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[table-expired]');
  });
});

describe('quote: output files', () => {
  it('writes the quote to --json and CSVs to --csv and --csv-monthly, printing nothing on stdout', async () => {
    const r = await quote([sampleScenario], {
      json: 'q.json',
      csv: 'c.csv',
      'csv-monthly': 'm.csv',
      today: '2026-11-22',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    // paths are the caller's, resolved from where npm was started
    expect(JSON.parse(r.files.get(fromCaller('q.json'))!)).toHaveProperty('totals');
    expect(r.files.get(fromCaller('c.csv'))!.split('\r\n')[0]).toMatch(/^id,name,count,model/);
    expect(r.files.get(fromCaller('m.csv'))!.split('\r\n')[0]).toMatch(/^month,period,revenue/);
  });
});

describe('quote: bad input exits 2 with every problem by JSON path, never a stack trace', () => {
  it('a missing file', async () => {
    const r = await quote(['/nonexistent/scenario.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('/nonexistent/scenario.json: cannot read the scenario: no such file\n');
  });

  it('a file that is not JSON, with the position', async () => {
    const r = await quote([tmpFile('s.json', '{\n  "title": "x",\n  oops\n}')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/s\.json: not valid JSON at line 3/);
  });

  it('a scenario that breaks the schema: every problem listed', async () => {
    const s = JSON.parse(readFileSync(sampleScenario, 'utf8')) as Record<string, unknown> & {
      customers: { count: number; license: { model: string } }[];
    };
    s.horizonMonths = 0;
    s.customers[0]!.count = 0;
    s.customers[1]!.license.model = 'monthly';
    const r = await quote([tmpFile('s.json', JSON.stringify(s))]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/s\.json: horizonMonths: must be at least 1 month$/);
    expect(lines[1]).toMatch(/s\.json: customers\[0\]\.count: must be at least 1$/);
    expect(lines[2]).toMatch(/s\.json: customers\[1\]\.license\.model: /);
  });

  it('a price table that breaks its rules', async () => {
    const t = JSON.parse(readFileSync(exampleTable, 'utf8')) as {
      service: { payg: { hourly: Record<string, Record<string, string>> } };
    };
    delete t.service.payg.hourly.plus!['1g'];
    const r = await quote([join(examples, 'example-1-mixed.json')], {
      'price-table': tmpFile('t.json', JSON.stringify(t)),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      't.json: service.payg.hourly.plus.1g: bundle "plus" on bandwidth "1g" has no PAYG hourly price',
    );
  });

  it('a malformed --today', async () => {
    const r = await quote([sampleScenario], { today: '2026-02-30' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--today must be a date written YYYY-MM-DD/);
  });

  it('no scenario file, or two', async () => {
    expect((await quote([])).code).toBe(2);
    expect((await quote(['a.json', 'b.json'])).code).toBe(2);
  });
});

describe('npm run quote (the real command)', () => {
  it('prints only the quote JSON on standard output, and exits by the contract', () => {
    const out = execFileSync(
      'npm',
      [
        'run',
        'quote',
        '--',
        join(examples, 'example-2-hardware.json'),
        '--price-table',
        exampleTable,
        '--today',
        '2026-12-01',
      ],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual(
      JSON.parse(readFileSync(join(examples, 'example-2-hardware.quote.json'), 'utf8')),
    );
  });

  it('reports an unknown option with exit 2 and no stack trace', () => {
    const r = spawnSync('npm', ['run', 'quote', '--', sampleScenario, '--colour'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--colour'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
