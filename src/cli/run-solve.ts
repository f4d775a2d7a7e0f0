import { goalSeek, type GoalSeekResult, type GoalTarget, type GoalVary } from '../engine/index';
import type { CliIo } from './run-quote';
import { formatProblems, InputError, isRealDate, loadDeal } from './load-deal';

export interface SolveArgs {
  positionals: string[];
  target?: string | undefined;
  line?: string | undefined;
  'price-table'?: string | undefined;
  today?: string | undefined;
  help?: boolean | undefined;
}

export const SOLVE_USAGE = `Usage: npm run solve -- SCENARIO.json --target NAME=VALUE [options]

Finds the smallest markup (two decimals, 0.00 to 999.99 %) at which the deal
meets a target, pricing it with the same engine as npm run quote, and prints
{ "vary", "value", "totals" } as JSON. At the value printed the target is met;
one hundredth below it, it is not (docs/decisions/030-goal-seek.md).

Targets:
  marginPct=25           the total margin % (the quote's 2-decimal figure) at least 25
  breakEvenMonth=12      the margin breaks even by month 12
  cashBreakEvenMonth=18  the cumulative cash turns positive for good by month 18
  peakFunding=50000      the funding the plan needs at its lowest point at most 50,000
                         (in the price table's currency)

Options:
  --line ID              vary this customer line's own markup (its sell price becomes
                         a markup) instead of the default markup
  --price-table FILE     price on this table file instead of the scenario's pinned one
  --today YYYY-MM-DD     the date of the quote (default: today)

Exit status: 0 the target is met at the value printed; 3 no markup up to 999.99 %
meets it (the reason on standard error); 1 the deal has errors to fix first;
2 input that cannot be read or does not match its schema, or a bad option.
`;

const TARGETS = ['marginPct', 'breakEvenMonth', 'cashBreakEvenMonth', 'peakFunding'] as const;

/** `--target NAME=VALUE` as a goal, or a message naming what is wrong. */
export function parseTarget(text: string): GoalTarget | string {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  const value = eq < 0 ? '' : text.slice(eq + 1).trim();
  const known = TARGETS.join(', ');
  if (!(TARGETS as readonly string[]).includes(name)) {
    return `--target must be NAME=VALUE with NAME one of ${known}; got "${text}"`;
  }
  switch (name) {
    case 'marginPct':
      return /^-?\d{1,3}(\.\d{1,4})?$/.test(value) && Number(value) < 100
        ? { kind: 'marginPct', atLeast: value }
        : `--target marginPct= needs a percent below 100 with at most 4 decimals, like 25 or 22.5; got "${value}"`;
    case 'breakEvenMonth':
    case 'cashBreakEvenMonth':
      return /^\d{1,4}$/.test(value) && Number(value) >= 1
        ? { kind: name, atMost: Number(value) }
        : `--target ${name}= needs a month number from 1, like 12; got "${value}"`;
    default:
      return /^\d{1,13}(\.\d{1,6})?$/.test(value)
        ? { kind: 'peakFunding', atMost: value }
        : `--target peakFunding= needs an amount of at least 0, like 50000 or 12500.50; got "${value}"`;
  }
}

/** Runs `npm run solve`; resolves to the exit status. All output goes through `io`. */
export async function runSolve(args: SolveArgs, io: CliIo, clockToday: string): Promise<number> {
  try {
    return await Promise.resolve(run(args, io, clockToday));
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(formatProblems(e.source, e.problems));
      return 2;
    }
    io.stderr(
      `solve: internal error: ${e instanceof Error ? e.message : String(e)} (please report it with the input files)\n`,
    );
    return 2;
  }
}

function run(args: SolveArgs, io: CliIo, clockToday: string): number {
  if (args.help) {
    io.stdout(SOLVE_USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr(`solve: give one scenario file\n\n${SOLVE_USAGE}`);
    return 2;
  }
  if (args.target === undefined) {
    io.stderr(`solve: --target NAME=VALUE is required\n\n${SOLVE_USAGE}`);
    return 2;
  }
  const target = parseTarget(args.target);
  if (typeof target === 'string') {
    io.stderr(`solve: ${target}\n`);
    return 2;
  }
  if (args.today !== undefined && !isRealDate(args.today)) {
    io.stderr(`solve: --today must be a date written YYYY-MM-DD, got "${args.today}"\n`);
    return 2;
  }
  const today = args.today ?? clockToday;
  const scenarioPath = args.positionals[0]!;
  const { scenario, table, sha256 } = loadDeal(scenarioPath, args['price-table'], io, 'solve');

  let vary: GoalVary = { kind: 'defaultMarkup' };
  if (args.line !== undefined) {
    const index = scenario.customers.findIndex((c) => c.id === args.line);
    if (index < 0) {
      const ids = scenario.customers.map((c) => c.id);
      const shown =
        ids.slice(0, 20).join(', ') + (ids.length > 20 ? `, … (${ids.length} in all)` : '');
      io.stderr(
        `solve: --line "${args.line}": ${scenarioPath} has no customer line with this id; its lines are ${shown || 'none'}\n`,
      );
      return 2;
    }
    vary = { kind: 'lineMarkup', lineIndex: index };
  }

  const result: GoalSeekResult = goalSeek(
    scenario,
    table,
    { today, tableSha256: sha256 },
    target,
    vary,
  );
  if (result.status === 'met') {
    const out = { vary: result.path, value: result.value, totals: result.quote.totals };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  if (result.reason === 'invalid-quote') {
    const q = result.quote;
    io.stderr(`solve: ${result.message}\n`);
    for (const issue of q?.issues ?? []) {
      io.stderr(
        `${scenarioPath}: ${issue.level}: ${issue.path}: ${issue.message} [${issue.code}]\n`,
      );
    }
    return 1;
  }
  io.stderr(`solve: the target cannot be met: ${result.message}\n`);
  return 3;
}
