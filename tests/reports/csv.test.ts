import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/engine/index';
import { MONTH_COLUMNS, CUSTOMER_COLUMNS, columnsFor } from '../../src/reports/columns';
import { BOM, csvCell, customersCsv, monthsCsv, withBom } from '../../src/reports/csv';
import { sampleScenario } from '../../src/state/sample';
import { engineQuote } from '../support/app-state';
import { withoutVersion2Fields } from '../support/examples';

/** The cells of a CSV written by `rows` (RFC 4180, CRLF): a small reader for the test. */
function parse(csv: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return out;
}

describe('csvCell: the one formula-injection rule of every export', () => {
  it('neutralises and quotes a cell that starts like a formula', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+33 1 23')).toBe(`"'+33 1 23"`);
    expect(csvCell('-x')).toBe(`"'-x"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tcmd')).toBe(`"'\tcmd"`);
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('=cmd|"/c calc"!A1')).toBe(`"'=cmd|""/c calc""!A1"`);
    // apostrophes added before stay reversible: one more, so one can be taken back
    expect(csvCell("'=x")).toBe(`"''=x"`);
  });

  it('keeps a plain number a number, negative ones included', () => {
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('0.00')).toBe('0.00');
    expect(csvCell(null)).toBe('');
    // a minus sign followed by more than a number is a formula
    expect(csvCell('-1+1')).toBe(`"'-1+1"`);
  });

  it('quotes separators of both locales, quotes and line breaks anywhere', () => {
    expect(csvCell('Smith, Jones & Co')).toBe('"Smith, Jones & Co"');
    expect(csvCell('Müller; Söhne')).toBe('"Müller; Söhne"');
    expect(csvCell('The "Best" GmbH')).toBe('"The ""Best"" GmbH"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain name')).toBe('plain name');
  });

  it('adds the byte order mark once', () => {
    expect(withBom('a\r\n')).toBe(`${BOM}a\r\n`);
    expect(withBom(withBom('a\r\n'))).toBe(`${BOM}a\r\n`);
  });
});

describe('the customers and monthly CSVs', () => {
  const base = sampleScenario();
  const scenario: Scenario = {
    ...base,
    customers: base.customers.map((line, i) =>
      i === 0
        ? { ...line, name: '=HYPERLINK("http://x")' }
        : i === 1
          ? { ...line, name: 'A; B' }
          : line,
    ),
  };
  const quote = engineQuote(scenario);
  const t = quote.totals!;

  it('name the currency in every money header and neutralise names', () => {
    const [head, first, second] = parse(customersCsv(scenario, quote));
    expect(head).toContain(`revenue (${quote.currency})`);
    expect(head).toContain(`margin (${quote.currency})`);
    expect(head).toContain('marginPct');
    expect(head).toContain('count');
    expect(first![1]).toBe(`'=HYPERLINK("http://x")`);
    expect(second![1]).toBe('A; B');
  });

  it('end the customers with Platform and Total rows; the Total counts the customers', () => {
    const rows = parse(customersCsv(scenario, quote));
    const head = rows[0]!;
    const col = (name: string) => head.indexOf(name);
    const total = rows.find((r) => r[col('name')] === 'Total')!;
    expect(total[col(`revenue (${quote.currency})`)]).toBe(t.revenue);
    expect(total[col(`margin (${quote.currency})`)]).toBe(t.margin);
    expect(total[col('count')]).toBe(String(scenario.customers.reduce((n, c) => n + c.count, 0)));
    const platform = rows.find((r) => r[col('name')] === 'Platform')!;
    expect(platform[col('count')]).toBe('');
  });

  it('write each period as the ISO date of its first day, and total the summed columns', () => {
    const rows = parse(monthsCsv(quote));
    const head = rows[0]!;
    expect(head.slice(0, 3)).toEqual(['month', 'periodStart', `revenue (${quote.currency})`]);
    rows.slice(1, -1).forEach((r, i) => {
      expect(r[1]).toBe(`${quote.months[i]!.period}-01`);
    });
    const total = rows.at(-1)!;
    expect(total[0]).toBe('');
    expect(total[1]).toBe('Total');
    expect(total[head.indexOf(`revenue (${quote.currency})`)]).toBe(t.revenue);
    expect(total[head.indexOf(`cumulativeMargin (${quote.currency})`)]).toBe('');
    expect(total[head.indexOf('demandMbps')]).toBe('');
  });

  it('a quote an error stopped: the header only', () => {
    const broken = engineQuote({ ...base, horizonMonths: 0 } as Scenario);
    expect(parse(customersCsv(base, broken))).toHaveLength(1);
    expect(parse(monthsCsv(broken))).toHaveLength(1);
  });
});

describe('version-2 columns: shown when the quote carries them', () => {
  const scenario = sampleScenario();
  const v2 = engineQuote(scenario);
  // a quote without the fields version 2 adds (PRICING.md §6), as an older engine made them
  const v1 = withoutVersion2Fields(v2);

  it('adds the cash and customer columns to the CSVs and totals them', () => {
    expect(columnsFor(MONTH_COLUMNS, v1, 'csv').map((c) => c.id)).not.toContain('cashIn');
    const rows = parse(monthsCsv(v2));
    const head = rows[0]!;
    expect(head).toContain(`cashNet (${v2.currency})`);
    expect(head).toContain('customers');
    const total = rows.at(-1)!;
    expect(total[head.indexOf(`cashNet (${v2.currency})`)]).toBe(v2.totals!.cash.net);
    expect(total[head.indexOf(`cashIn (${v2.currency})`)]).toBe(v2.totals!.cash.in);
    expect(total[head.indexOf(`cashCumulative (${v2.currency})`)]).toBe('');
    const customers = parse(customersCsv(scenario, v2));
    const activeFinal = customers[0]!.indexOf('activeFinal');
    expect(activeFinal).toBeGreaterThan(0);
    expect(customers.find((r) => r[1] === 'Total')![activeFinal]).toBe(
      String(v2.customers.reduce((n, c) => n + c.activeFinal, 0)),
    );
  });

  it('and to the screen: the same columns', () => {
    expect(columnsFor(CUSTOMER_COLUMNS, v2, 'screen').map((c) => c.id)).toContain('activeFinal');
    expect(columnsFor(CUSTOMER_COLUMNS, v1, 'screen').map((c) => c.id)).not.toContain(
      'activeFinal',
    );
  });
});
