import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runQuote } from '../../src/cli/run-quote';

// Whatever the files hold, `quote` answers with exit 0, 1 or 2 and a message, never an
// exception or a stack trace (PRODUCT.md "Command line").

const repo = fileURLToPath(new URL('../../', import.meta.url));
const scenarioText = readFileSync(join(repo, 'scenarios/sample-msp-plan.json'), 'utf8');
const tableText = readFileSync(
  join(repo, 'pricing-data/tr7-service-provider/USD/2026.11.json'),
  'utf8',
);
const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
const RUNS = Number(process.env.FC_RUNS ?? 150);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in a JSON document. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...at, i])));
  if (value !== null && typeof value === 'object') {
    return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...at, k])));
  }
  return here;
}

/** A copy of `doc` with the value at `path` replaced (or deleted when `replacement` is undefined). */
function mutate(doc: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement === undefined ? null : replacement;
  const copy = structuredClone(doc) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}

const hostileValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    -1,
    0,
    1e308,
    Number.MAX_SAFE_INTEGER + 2, // past 2^53: not a whole number JSON can carry exactly
    0.1 + 0.2,
    '',
    '1e5',
    '-0.01',
    '999999999999.99',
    '<script>alert(1)</script>',
    '__proto__',
    { __proto__: { polluted: true } } as unknown as Json,
    [],
    {},
  ),
);

function mutatedText(text: string) {
  const doc = JSON.parse(text) as Json;
  const all = paths(doc);
  return fc
    .array(fc.tuple(fc.nat(all.length - 1), hostileValue), { minLength: 1, maxLength: 4 })
    .map((edits) => {
      let out = doc;
      for (const [i, value] of edits) {
        const path = paths(out)[i % paths(out).length]!;
        out = mutate(out, path, value);
      }
      return JSON.stringify(out);
    });
}

const damagedText = (text: string) =>
  fc.oneof(
    fc.nat(text.length).map((n) => text.slice(0, n)), // truncated
    fc
      .tuple(fc.nat(text.length), fc.string({ maxLength: 3 }))
      .map(([n, s]) => text.slice(0, n) + s + text.slice(n + 1)), // a character changed
    fc.constantFrom('', '\u0000\u0001', '\uFEFF{}', 'null', '[]', '{"schemaVersion": 1}'),
  );

async function run(scenario: string, table?: string) {
  const scenarioPath = join(dir, 'scenario.json');
  writeFileSync(scenarioPath, scenario);
  const args: Parameters<typeof runQuote>[0] = { positionals: [scenarioPath], today: '2026-11-22' };
  if (table !== undefined) {
    args['price-table'] = join(dir, 'table.json');
    writeFileSync(args['price-table'], table);
  }
  let stdout = '';
  let stderr = '';
  const code = await runQuote(
    args,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), writeFile: () => {} },
    '2026-11-22',
  );
  return { code, stdout, stderr };
}

function expectAnAnswer(r: Awaited<ReturnType<typeof run>>): void {
  expect([0, 1, 2]).toContain(r.code);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  expect(r.stderr).not.toMatch(/internal error/); // every refusal is about the input
  if (r.code === 2) {
    expect(r.stderr.trim()).not.toBe('');
    expect(r.stdout).toBe('');
  } else {
    const quote = JSON.parse(r.stdout) as { totals: unknown; issues: { level: string }[] };
    expect(quote.totals === null).toBe(r.code === 1);
    expect(quote.issues.some((i) => i.level === 'error')).toBe(r.code === 1);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('quote on hostile input', () => {
  it('a scenario with values replaced, removed or of the wrong type: exit 0, 1 or 2, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(scenarioText), async (text) => expectAnAnswer(await run(text))),
      { numRuns: RUNS },
    );
  });

  it('a damaged scenario file (truncated, a character changed, not JSON at all)', async () => {
    await fc.assert(
      fc.asyncProperty(damagedText(scenarioText), async (text) => expectAnAnswer(await run(text))),
      { numRuns: RUNS },
    );
  });

  it('a price table with values replaced, removed or of the wrong type', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(tableText), async (text) =>
        expectAnAnswer(await run(scenarioText, text)),
      ),
      { numRuns: RUNS },
    );
  });

  it('a damaged price table file', async () => {
    await fc.assert(
      fc.asyncProperty(damagedText(tableText), async (text) =>
        expectAnAnswer(await run(scenarioText, text)),
      ),
      { numRuns: RUNS },
    );
  });
});
