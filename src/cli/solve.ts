/**
 * `npm run solve -- SCENARIO.json --target NAME=VALUE [--line ID] [--price-table FILE]
 *                  [--today YYYY-MM-DD]`
 *
 * Goal seek from the command line: the smallest markup at which the deal meets a target,
 * found with the engine (docs/decisions/030-goal-seek.md). Exit status: 0 met (JSON on
 * standard output); 3 not reachable up to 999.99 %; 1 the deal has errors; 2 bad input.
 */
import { parseArgs } from 'node:util';
import { runSolve } from './run-solve';
import type { CliIo } from './run-quote';

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  writeFile: () => {
    throw new Error('solve writes no file');
  },
};
process.stdout.on('error', () => process.exit(2));

let args;
try {
  args = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      line: { type: 'string' },
      'price-table': { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  io.stderr(`solve: ${e instanceof Error ? e.message : String(e)}\nRun with --help for usage.\n`);
  process.exit(2);
}

const d = new Date();
const pad = (n: number) => String(n).padStart(2, '0');
const today = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

process.exitCode = await runSolve({ positionals: args.positionals, ...args.values }, io, today);
