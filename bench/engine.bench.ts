/**
 * Engine benchmark: `npm run bench` (tsx bench/engine.bench.ts).
 *
 * Times `calculateQuote` on generated scenarios (bench/generate.ts) against the
 * budgets of ENGINEERING.md: 1,000 lines × 36 months ≤ 10 ms median, 10,000 lines
 * × 60 months ≤ 150 ms median, on this 2-core machine. Each case is checked first
 * (the scenario passes `ScenarioSchema`, the quote has no error issues), warmed up,
 * then timed with `performance.now()`.
 *
 * Flags: `--json` prints machine-readable results only; `--runs N` sets the timed
 * runs per case (default 30, at least 15). The exit status is 0 even when a budget
 * is missed: a benchmark reports, it does not fail the build. A case that does not
 * produce a valid quote is a bug in the benchmark and exits 1.
 */
import { cpus } from 'node:os';
import {
  applyMarkup,
  calculateQuote,
  goalSeek,
  type GoalTarget,
  PriceTableSchema,
  ScenarioSchema,
  type PriceTable,
  type Scenario,
} from '../src/engine/index';
import { generateScenario, loadSampleTable, mulberry32, SAMPLE_TABLE_PATH } from './generate';

// enough for the JIT to settle: with 3, the first case measured its tiering-up, not the engine
const WARMUP_RUNS = 10;
const MIN_RUNS = 15;
const SEED = 20261101;

interface Case {
  readonly name: string;
  readonly lines: number;
  readonly months: number;
  readonly whiteLabelMode: 'volume' | 'graduated';
  readonly budgetMs: number;
  /** Changes on a third of the lines and mixed billing (PRICING.md §7, §8). */
  readonly version2?: boolean;
}

/** The engine may take at most this many times the integer floor (issue 12). */
const FLOOR_BUDGET_RATIO = 3;

/**
 * The floor: a bare integer loop doing 4 rounded money lines per customer-month (a line's
 * license, its revenue at a markup, a partner and a distributor commission: each one integer
 * product rounded half away from zero once, the rounding of `roundDiv`'s number path, then ×
 * the line's count), added to 4 monthly accumulators. What no engine of PRICING.md can go
 * below; the engine is held to a multiple of it, measured in the same process.
 */
function floorLoop(
  lines: number,
  months: number,
  unit: Float64Array,
  count: Float64Array,
  out: Float64Array,
): number {
  out.fill(0);
  const round = (n: number, d: number) => {
    const r = n % d;
    const q = (n - r) / d;
    return 2 * Math.abs(r) >= d ? (n < 0 ? q - 1 : q + 1) : q;
  };
  for (let i = 0; i < lines; i++) {
    const micros = unit[i]!;
    const n = count[i]!;
    for (let m = 1; m <= months; m++) {
      const license = round(micros * 975, 1_000_000_000); // micros × (1 − 2.5 %) → cents
      const revenue = round(license * 1_400_000, 1_000_000); // × (1 + 40 %)
      const partner = round(revenue * 80_000, 1_000_000); // 8 %
      const distributor = round(revenue * 30_000, 1_000_000); // 3 %
      out[m * 4]! += license * n;
      out[m * 4 + 1]! += revenue * n;
      out[m * 4 + 2]! += partner * n;
      out[m * 4 + 3]! += distributor * n;
    }
  }
  return out[4]!;
}

interface CaseResult extends Case {
  readonly runs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly meanMs: number;
  readonly status: 'PASS' | 'OVER';
}

function parseArgs(argv: readonly string[]) {
  let json = false;
  let runs = 30;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--runs' || arg.startsWith('--runs=')) {
      const value = arg === '--runs' ? argv[++i] : arg.slice('--runs='.length);
      runs = Number(value);
      if (!Number.isInteger(runs) || runs < MIN_RUNS) {
        throw new Error(`--runs must be a whole number ≥ ${MIN_RUNS}, got ${String(value)}`);
      }
    } else {
      throw new Error(`unknown argument ${arg}; usage: engine.bench.ts [--json] [--runs N]`);
    }
  }
  return { json, runs };
}

/** A copy of the table with the white-label volume discount in the given mode, re-parsed. */
function withWhiteLabelMode(table: PriceTable, mode: 'volume' | 'graduated'): PriceTable {
  const copy = structuredClone(table);
  copy.apps.whiteLabelVolume.mode = mode;
  return PriceTableSchema.parse(copy);
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The engine on one case and the floor on the same number of lines and months, run by turns
 * (engine, floor, engine, floor, …) so both see the same load on a shared machine; the ratio is
 * the median of the per-turn ratios.
 */
function runAgainstFloor(c: Case, table: PriceTable, today: string, runs: number) {
  const scenario = checkedScenario(c, table, today);
  const next = mulberry32(SEED);
  const unit = Float64Array.from({ length: c.lines }, () => 50_000_000 + Math.floor(next() * 5e9));
  const count = Float64Array.from({ length: c.lines }, () => 1 + Math.floor(next() * 40));
  const out = new Float64Array((c.months + 1) * 4);
  let sink = 0;
  for (let i = 0; i < WARMUP_RUNS; i++) {
    sink += calculateQuote(scenario, table, { today }).months.length;
    sink += floorLoop(c.lines, c.months, unit, count, out);
  }
  const engine: number[] = [];
  const floor: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    sink += calculateQuote(scenario, table, { today }).months.length;
    engine.push(performance.now() - start);
    start = performance.now();
    sink += floorLoop(c.lines, c.months, unit, count, out);
    floor.push(performance.now() - start);
    ratios.push(engine[i]! / floor[i]!);
  }
  if (!Number.isFinite(sink)) throw new Error('unexpected result');
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return {
    engineMs: median(sorted(engine)),
    floorMs: median(sorted(floor)),
    ratio: median(sorted(ratios)),
  };
}

/** Parses the generated scenario and checks it prices without errors; returns the parsed one. */
function checkedScenario(c: Case, table: PriceTable, today: string): Scenario {
  const scenario = ScenarioSchema.parse(
    generateScenario(c.lines, c.months, SEED, table, { version2: c.version2 ?? false }),
  );
  const quote = calculateQuote(scenario, table, { today });
  const errors = quote.issues.filter((issue) => issue.level === 'error');
  if (errors.length > 0 || quote.totals === null) {
    const first = errors
      .slice(0, 5)
      .map((e) => `  ${e.code} at ${e.path}: ${e.message}`)
      .join('\n');
    throw new Error(
      `${c.name}: the generated scenario does not price (${errors.length} errors):\n${first}`,
    );
  }
  if (quote.customers.length !== c.lines || quote.months.length !== c.months) {
    throw new Error(`${c.name}: the quote has the wrong shape`);
  }
  return scenario;
}

function runCase(c: Case, table: PriceTable, today: string, runs: number): CaseResult {
  const scenario = checkedScenario(c, table, today);
  let sink = 0; // keeps the result observable so no run can be optimised away
  for (let i = 0; i < WARMUP_RUNS; i++) {
    sink += calculateQuote(scenario, table, { today }).months.length;
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const quote = calculateQuote(scenario, table, { today });
    samples.push(performance.now() - start);
    sink += quote.months.length;
  }
  if (sink !== (WARMUP_RUNS + runs) * c.months) throw new Error('unexpected quote length');
  const sorted = [...samples].sort((a, b) => a - b);
  const medianMs = median(sorted);
  return {
    ...c,
    runs,
    medianMs,
    p90Ms: percentile(sorted, 90),
    minMs: sorted[0]!,
    maxMs: sorted[sorted.length - 1]!,
    meanMs: samples.reduce((a, b) => a + b, 0) / samples.length,
    status: medianMs <= c.budgetMs ? 'PASS' : 'OVER',
  };
}

/** The goal seek on 1,000 lines × 36 months (issue 15): engine calls and time per solve. */
const SOLVER_BUDGET_MS = 300;
const SOLVER_MAX_CALLS = 30;

interface SolverResult {
  readonly name: string;
  readonly target: string;
  readonly value: string;
  readonly calls: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly budgetMs: number;
  readonly maxCalls: number;
  readonly status: 'PASS' | 'OVER';
}

/**
 * `goalSeek` of the default markup for a margin % halfway between the deal's margin % at
 * 0.00 and at 999.99, so the target is reachable and the bisection runs its full course
 * rather than answering at once.
 */
function runSolver(table: PriceTable, today: string, runs: number): SolverResult {
  const c: Case = {
    name: 'goal seek',
    lines: 1_000,
    months: 36,
    whiteLabelMode: 'volume',
    budgetMs: 0,
  };
  const scenario = checkedScenario(c, table, today);
  const vary = { kind: 'defaultMarkup' } as const;
  const pctAt = (markup: string) =>
    Number(calculateQuote(applyMarkup(scenario, vary, markup), table, { today }).totals!.marginPct);
  const low = pctAt('0');
  const high = pctAt('999.99');
  const target: GoalTarget = { kind: 'marginPct', atLeast: ((low + high) / 2).toFixed(2) };
  let value = '';
  let calls = 0;
  const solve = () => {
    const r = goalSeek(scenario, table, { today }, target, vary);
    if (r.status !== 'met') throw new Error(`goal seek: ${r.message}`);
    value = r.value;
    calls = r.calls;
  };
  for (let i = 0; i < 3; i++) solve();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    solve();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const medianMs = median(sorted);
  return {
    name: '1,000 lines × 36 months, default markup for a margin %',
    target: `marginPct ≥ ${target.atLeast}`,
    value,
    calls,
    runs,
    medianMs,
    p90Ms: percentile(sorted, 90),
    budgetMs: SOLVER_BUDGET_MS,
    maxCalls: SOLVER_MAX_CALLS,
    status: medianMs <= SOLVER_BUDGET_MS && calls <= SOLVER_MAX_CALLS ? 'PASS' : 'OVER',
  };
}

function machine() {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
  };
}

function printTable(
  results: readonly CaseResult[],
  info: ReturnType<typeof machine>,
  runs: number,
) {
  const ms = (x: number) => x.toFixed(2);
  const rows = [
    ['case', 'median ms', 'p90 ms', 'min ms', 'budget', 'result'],
    ...results.map((r) => [
      r.name,
      ms(r.medianMs),
      ms(r.p90Ms),
      ms(r.minMs),
      `≤ ${r.budgetMs} ms`,
      r.status === 'PASS' ? 'PASS' : 'OVER  <<< over budget',
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, col) =>
        col === 0 || col === row.length - 1
          ? cell.padEnd(widths[col]!)
          : cell.padStart(widths[col]!),
      )
      .join('  ')
      .trimEnd();
  console.log('Engine benchmark: calculateQuote (median of the timed runs against its budget)');
  console.log(`Node ${info.node} · ${info.platform} · ${info.cpuModel} · ${info.cores} cores`);
  console.log(`${WARMUP_RUNS} warm-up runs, ${runs} timed runs per case, seed ${SEED}`);
  console.log('');
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
  const over = results.filter((r) => r.status === 'OVER');
  if (over.length === 0) console.log('All cases within budget.');
  else {
    console.log(`OVER BUDGET: ${over.map((r) => r.name).join('; ')}`);
    console.log('(A benchmark reports; it does not fail the build. See docs/benchmarks.md.)');
  }
}

function main() {
  const { json, runs } = parseArgs(process.argv.slice(2));
  const sample = loadSampleTable(); // read and parsed once
  const tables = {
    volume: withWhiteLabelMode(sample, 'volume'),
    graduated: withWhiteLabelMode(sample, 'graduated'),
  };
  // a "today" inside the table's validity, so no expiry warning
  const today = sample.effectiveFrom;

  const cases: Case[] = [
    {
      name: '1,000 lines × 36 months',
      lines: 1_000,
      months: 36,
      whiteLabelMode: 'volume',
      budgetMs: 10,
    },
    {
      name: '10,000 lines × 60 months',
      lines: 10_000,
      months: 60,
      whiteLabelMode: 'volume',
      budgetMs: 150,
    },
    {
      name: '1,000 × 36, white-label graduated',
      lines: 1_000,
      months: 36,
      whiteLabelMode: 'graduated',
      budgetMs: 10,
    },
    {
      name: '10,000 × 60, white-label graduated',
      lines: 10_000,
      months: 60,
      whiteLabelMode: 'graduated',
      budgetMs: 150,
    },
    {
      name: '10,000 × 60, version 2 (changes, billing)',
      lines: 10_000,
      months: 60,
      whiteLabelMode: 'volume',
      budgetMs: 150,
      version2: true,
    },
  ];
  const results = cases.map((c) => runCase(c, tables[c.whiteLabelMode], today, runs));
  const info = machine();
  // the floor, in the same process, by turns with the engine on the version-2 case
  const v2Case = cases.find((c) => c.version2)!;
  const measured = runAgainstFloor(v2Case, tables[v2Case.whiteLabelMode], today, runs);
  const floorMs = measured.floorMs;
  // each solve is about 20 quotes: the fewest runs the bench allows keep it to seconds
  const solver = runSolver(tables.volume, today, MIN_RUNS);
  const floor = {
    ...measured,
    budgetRatio: FLOOR_BUDGET_RATIO,
    status: measured.ratio <= FLOOR_BUDGET_RATIO ? ('PASS' as const) : ('OVER' as const),
  };

  if (json) {
    console.log(
      JSON.stringify(
        {
          benchmark: 'engine',
          table: SAMPLE_TABLE_PATH.slice(SAMPLE_TABLE_PATH.lastIndexOf('pricing-data')),
          sampleWhiteLabelMode: sample.apps.whiteLabelVolume.mode,
          seed: SEED,
          warmupRuns: WARMUP_RUNS,
          machine: info,
          results: results.map((r) => ({
            case: r.name,
            lines: r.lines,
            months: r.months,
            whiteLabelMode: r.whiteLabelMode,
            runs: r.runs,
            medianMs: round3(r.medianMs),
            p90Ms: round3(r.p90Ms),
            minMs: round3(r.minMs),
            maxMs: round3(r.maxMs),
            meanMs: round3(r.meanMs),
            budgetMs: r.budgetMs,
            status: r.status,
          })),
          floor: {
            case: '10,000 lines × 60 months, 4 rounded money lines per customer-month',
            floorMs: round3(floor.floorMs),
            engineMs: round3(floor.engineMs),
            ratio: round3(floor.ratio),
            budgetRatio: floor.budgetRatio,
            status: floor.status,
          },
          solver: { ...solver, medianMs: round3(solver.medianMs), p90Ms: round3(solver.p90Ms) },
        },
        null,
        2,
      ),
    );
  } else {
    printTable(results, info, runs);
    console.log('');
    console.log(
      `Integer floor (10,000 × 60, 4 rounded money lines per customer-month): ${floorMs.toFixed(2)} ms median`,
    );
    console.log(
      `Engine on the version-2 case, by turns with the floor: ${floor.engineMs.toFixed(2)} ms; median ratio ${floor.ratio.toFixed(2)} × the floor (budget ≤ ${FLOOR_BUDGET_RATIO} ×): ${floor.status}`,
    );
    console.log(
      `Goal seek (${solver.name}, ${solver.target} → ${solver.value} %): ${solver.calls} engine calls (≤ ${solver.maxCalls}), median ${solver.medianMs.toFixed(2)} ms, p90 ${solver.p90Ms.toFixed(2)} ms over ${solver.runs} runs (budget ≤ ${solver.budgetMs} ms): ${solver.status}`,
    );
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
