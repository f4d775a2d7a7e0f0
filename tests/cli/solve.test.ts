import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSolve, parseTarget, type SolveArgs } from '../../src/cli/run-solve';
import {
  applyMarkup,
  calculateQuote,
  migrateScenarioDocument,
  PriceTableSchema,
  ScenarioSchema,
  targetHolds,
  type GoalTarget,
  type GoalVary,
} from '../../src/engine/index';
import { examplesDir } from '../support/examples';
import { readFileSync } from 'node:fs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const example1 = join(examplesDir, 'example-1-mixed.json');
const example5 = join(examplesDir, 'example-5-cash.json');
const exampleTable = join(examplesDir, 'example-table.json');
const TODAY = '2026-12-01';

async function solve(positionals: string[], options: Omit<SolveArgs, 'positionals'> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runSolve(
    { positionals, ...options },
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      writeFile: () => {
        throw new Error('no file');
      },
    },
    TODAY,
  );
  return { code, stdout, stderr };
}

const table = PriceTableSchema.parse(JSON.parse(readFileSync(exampleTable, 'utf8')));
function scenarioOf(path: string) {
  const migrated = migrateScenarioDocument(JSON.parse(readFileSync(path, 'utf8')));
  if (!migrated.ok) throw new Error(migrated.message);
  return ScenarioSchema.parse(migrated.document);
}

/** The check an outside implementation makes: met at the value, not one hundredth below. */
function expectBoundary(path: string, target: GoalTarget, vary: GoalVary, value: string) {
  const s = scenarioOf(path);
  const at = calculateQuote(applyMarkup(s, vary, value), table, { today: TODAY });
  expect(targetHolds(target, at)).toBe(true);
  const hundredths = Math.round(Number(value) * 100);
  if (hundredths === 0) return;
  const below = (hundredths - 1) / 100;
  const q = calculateQuote(applyMarkup(s, vary, below.toFixed(2)), table, { today: TODAY });
  expect(targetHolds(target, q)).toBe(false);
}

describe('npm run solve', () => {
  it('prints the vary path, the value and the quote totals at that value', async () => {
    const r = await solve([example1], {
      target: 'marginPct=30',
      'price-table': exampleTable,
      today: TODAY,
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      vary: string;
      value: string;
      totals: { marginPct: string };
    };
    expect(out.vary).toBe('pricing.defaultMarkupPct');
    expect(out.value).toMatch(/^\d{1,3}\.\d{2}$/);
    expect(Number(out.totals.marginPct)).toBeGreaterThanOrEqual(30);
    const s = scenarioOf(example1);
    const q = calculateQuote(applyMarkup(s, { kind: 'defaultMarkup' }, out.value), table, {
      today: TODAY,
    });
    expect(out.totals).toEqual(JSON.parse(JSON.stringify(q.totals)));
    expectBoundary(
      example1,
      { kind: 'marginPct', atLeast: '30' },
      { kind: 'defaultMarkup' },
      out.value,
    );
  });

  it('varies one line’s markup with --line, writing customers[i].sell.pct', async () => {
    const r = await solve([example1], {
      target: 'marginPct=25',
      line: 'c2',
      'price-table': exampleTable,
      today: TODAY,
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { vary: string; value: string };
    const index = scenarioOf(example1).customers.findIndex((c) => c.id === 'c2');
    expect(out.vary).toBe(`customers[${index}].sell.pct`);
    expectBoundary(
      example1,
      { kind: 'marginPct', atLeast: '25' },
      { kind: 'lineMarkup', lineIndex: index },
      out.value,
    );
  });

  it('reaches cash targets on the version-2 cash example', async () => {
    for (const [target, goal] of [
      ['peakFunding=40000', { kind: 'peakFunding', atMost: '40000' }],
      ['cashBreakEvenMonth=18', { kind: 'cashBreakEvenMonth', atMost: 18 }],
    ] as const) {
      const r = await solve([example5], { target, 'price-table': exampleTable, today: TODAY });
      if (r.code === 3) {
        expect(r.stderr).toMatch(/cannot be met/);
        continue;
      }
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { value: string };
      expectBoundary(example5, goal, { kind: 'defaultMarkup' }, out.value);
    }
  });

  it('answers 0.00 when the target is already met', async () => {
    const r = await solve([example1], {
      target: 'marginPct=-100',
      'price-table': exampleTable,
      today: TODAY,
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { value: string }).value).toBe('0.00');
  });

  it('exits 3 with a reason when 999.99 % does not reach the target', async () => {
    const r = await solve([example1], {
      target: 'marginPct=99.9',
      'price-table': exampleTable,
      today: TODAY,
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('999.99');
  });

  it('exits 2 on a bad target, an unknown line or a missing file, naming what is wrong', async () => {
    const bad = await solve([example1], { target: 'margin=25', 'price-table': exampleTable });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('marginPct, breakEvenMonth, cashBreakEvenMonth, peakFunding');
    const line = await solve([example1], {
      target: 'marginPct=25',
      line: 'nope',
      'price-table': exampleTable,
    });
    expect(line.code).toBe(2);
    expect(line.stderr).toContain('no customer line with this id');
    const missing = await solve(['/nonexistent.json'], { target: 'marginPct=25' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect(await solve([example1], {})).toMatchObject({ code: 2 });
  });

  it('parses each target form and refuses malformed values', () => {
    expect(parseTarget('marginPct=22.5')).toEqual({ kind: 'marginPct', atLeast: '22.5' });
    expect(parseTarget('breakEvenMonth=12')).toEqual({ kind: 'breakEvenMonth', atMost: 12 });
    expect(parseTarget('peakFunding=50000')).toEqual({ kind: 'peakFunding', atMost: '50000' });
    for (const bad of [
      'marginPct=abc',
      'marginPct=100',
      'breakEvenMonth=0',
      'peakFunding=-1',
      'x',
    ]) {
      expect(typeof parseTarget(bad)).toBe('string');
    }
  });

  it('runs as npm run solve, with the exit status of the contract', () => {
    const dir = mkdtempSync(join(tmpdir(), 'solve-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{');
    const r = spawnSync(
      'npm',
      [
        'run',
        'solve',
        '--',
        example1,
        '--target',
        'marginPct=30',
        '--price-table',
        exampleTable,
        '--today',
        TODAY,
      ],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('value');
    const b = spawnSync('npm', ['run', 'solve', '--', broken, '--target', 'marginPct=30'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(b.status).toBe(2);
    expect(b.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
