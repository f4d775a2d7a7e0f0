/**
 * `npm run quote -- SCENARIO.json [--price-table FILE] [--today YYYY-MM-DD]
 *                  [--json OUT.json] [--csv OUT.csv] [--csv-monthly OUT.csv]
 *                  [--pdf OUT.pdf --document NAME [--customer ID [--lang LANG]] [--party ID]]`
 *
 * The same engine as the app, without a browser. Exit status: 0 a valid quote;
 * 1 a quote whose issues include errors (the JSON is still written, no PDF);
 * 2 input that cannot be read or does not match its schema (reasons, with JSON
 * paths, on standard error), or PDF flags that do not fit (an unknown
 * --document, a --customer the scenario does not have), or output that cannot be
 * written (a full disk, a closed pipe: one line, no file of this run left behind).
 * Never a stack trace.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { outputReason, writeFilesAtomically } from './atomic-write';
import { runQuote, type CliIo } from './run-quote';

/**
 * Standard output to a full disk (`> /dev/full`) or a closed pipe (`| head -c1`) fails after
 * the write call returned, as an 'error' event; unhandled it is a stack trace and exit 1, the
 * status of a quote with errors. It is a failed output instead: one line, exit 2.
 */
function failedOutput(stream: string) {
  return (error: unknown) => {
    const { reason } = outputReason(error);
    try {
      if (stream !== 'standard error') {
        process.stderr.write(`quote: cannot write to ${stream} (${reason})\n`);
      }
    } catch {
      // standard error is gone too: the exit status is all that is left to say it
    }
    process.exit(2);
  };
}
process.stdout.on('error', failedOutput('standard output'));
process.stderr.on('error', failedOutput('standard error'));

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  writeFile: (path, data) => writeFileSync(path, data),
  writeFiles: writeFilesAtomically,
};

let args;
try {
  args = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      'price-table': { type: 'string' },
      today: { type: 'string' },
      json: { type: 'string' },
      csv: { type: 'string' },
      'csv-monthly': { type: 'string' },
      pdf: { type: 'string' },
      document: { type: 'string' },
      customer: { type: 'string' },
      party: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  io.stderr(`quote: ${e instanceof Error ? e.message : String(e)}\nRun with --help for usage.\n`);
  process.exit(2);
}

process.exitCode = await runQuote(
  { positionals: args.positionals, ...args.values },
  io,
  localToday(),
);

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
