import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerLine, PriceTable } from '../../../src/engine/index';
import { CustomerLineSchema } from '../../../src/engine/schema/scenario';
import {
  LINE_CSV_COLUMNS,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  linesToCsv,
  parseLinesCsv,
  withFreshIds,
  type LinesCsvResult,
} from '../../../src/features/customers/lines-csv';
import { freshLineId } from '../../../src/features/customers/lines';
import { bundledRegistry } from '../../../src/price-tables/bundled';
import { resolvePinned } from '../../../src/price-tables/registry';
import { sampleScenario } from '../../../src/state/sample';

// FC_RUNS=1000 npx vitest run tests/features/customers/lines-csv.test.ts for a longer search.
const RUNS = Number(process.env.FC_RUNS ?? 100);

const sample = sampleScenario();
const HEADER = LINE_CSV_COLUMNS.join(',');

function serviceOf(): PriceTable['service'] {
  const pinned = resolvePinned(bundledRegistry, sample.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  return pinned.entry.table.service;
}
const service = serviceOf();

const withoutIds = (lines: readonly CustomerLine[]) => lines.map(({ id: _id, ...rest }) => rest);

/** The errors as "row/column: message" strings, easy to compare. */
const errorsOf = (result: LinesCsvResult) =>
  result.errors.map((e) => `${e.row ?? '-'}/${e.column ?? '-'}: ${e.message}`);

/** A minimal fixed-term line, as written by hand. */
const MINIMAL = 'name,count,model,bundle,bandwidth,vServices\n';

describe('linesToCsv', () => {
  it('writes a header and one row a line, RFC 4180, CRLF, empty cells where a field does not apply', () => {
    const csv = linesToCsv(sample.customers);
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe(HEADER);
    expect(rows).toHaveLength(sample.customers.length + 2); // and the final CRLF
    expect(rows.at(-1)).toBe('');
    expect(rows[1]).toBe(
      'Müller GmbH,1,fixed-term,advanced,1g,22,36,true,,1,,p1,,,markup,50,,,full-feature:1:120:child,,',
    );
    // a seasonal PAYG line: 12 hours in one cell, no term or renewal
    expect(rows[4]).toBe(
      'Alpenrose Bergbahnen AG,1,payg,advanced,500m,12,,,744;672;620;360;120;120;240;240;150;200;480;744,1,,p3,,,,,,,enterprise:1:60:standalone,,',
    );
    // a fixed sell price, an end month
    expect(rows[5]).toBe(
      'Brightwave Events Ltd,1,payg,advanced,1g,10,,,400,5,10,p1,,,fixed,,1450.00,500.00,,,',
    );
  });

  it('quotes commas, quotes and line breaks, and neutralises formulas with an apostrophe', () => {
    const line = sample.customers[0]!;
    const names = [
      'Smith, Jones & Co',
      'The "Best" GmbH',
      'two\nlines',
      '=cmd|"/c calc"!A1',
      '@SUM(A1)',
    ];
    const csv = linesToCsv(names.map((name, i) => ({ ...line, id: `x${i}`, name })));
    const cells = csv.split('\r\n').slice(1);
    expect(cells[0]).toMatch(/^"Smith, Jones & Co",/);
    expect(cells[1]).toMatch(/^"The ""Best"" GmbH",/);
    expect(csv).toContain('\r\n"two\nlines",');
    expect(csv).toContain('\r\n"\'=cmd|""/c calc""!A1",');
    // the exports' one rule (ADR 025): a neutralised cell is quoted as well
    expect(csv).toContain('\r\n"\'@SUM(A1)",');
  });

  it('writes apps whose bundle ids hold a separator as JSON', () => {
    const line: CustomerLine = {
      ...sample.customers[0]!,
      apps: [{ bundle: 'odd;id', count: 2, usersPerApp: 5, provisioning: 'child' }],
    };
    const csv = linesToCsv([line]);
    expect(csv).toContain(
      '"[{""bundle"":""odd;id"",""count"":2,""usersPerApp"":5,""provisioning"":""child""}]"',
    );
    expect(withoutIds(parseLinesCsv(csv, []).lines)).toEqual(withoutIds([line]));
  });

  it('writes only a header for no lines', () => {
    expect(linesToCsv([])).toBe(`${HEADER}\r\n`);
  });
});

describe('parseLinesCsv: the format', () => {
  it('reads back the sample plan, ids aside, with fresh ids after the existing lines', () => {
    const result = parseLinesCsv(linesToCsv(sample.customers), sample.customers);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.rowsWithErrors).toBe(0);
    expect(result.remaining).toBe('');
    expect(withoutIds(result.lines)).toEqual(withoutIds(sample.customers));
    expect(result.lines.map((l) => l.id)).toEqual([
      'c9',
      'c10',
      'c11',
      'c12',
      'c13',
      'c14',
      'c15',
      'c16',
    ]);
  });

  it('reads a semicolon CSV with a byte-order mark, CRLF, headers in any order and spelling', () => {
    const text =
      '\uFEFFBundle;Bandwidth;NAME;Model;Count;V Services;Term_Months;renew;hours per month;Sell Mode;Sell-Pct\r\n' +
      'premium;1g;Łódź Telekom;Fixed-Term;2;20;36;no;;Markup;35\r\n' +
      'essential;100m;Ελληνικά Δίκτυα;PAYG;40;3;;;300,5;;\r\n';
    const result = parseLinesCsv(text, []);
    expect(errorsOf(result)).toEqual([]);
    expect(result.lines).toEqual([
      {
        id: 'c1',
        name: 'Łódź Telekom',
        count: 2,
        startMonth: 1,
        endMonth: null,
        partnerId: null,
        license: {
          model: 'fixed-term',
          bandwidth: '1g',
          bundle: 'premium',
          vServices: 20,
          termMonths: 36,
          renew: false,
        },
        sell: { mode: 'markup', pct: '35' },
        apps: [],
      },
      {
        id: 'c2',
        name: 'Ελληνικά Δίκτυα',
        count: 40,
        startMonth: 1,
        endMonth: null,
        partnerId: null,
        license: {
          model: 'payg',
          bandwidth: '100m',
          bundle: 'essential',
          vServices: 3,
          hoursPerMonth: 300.5, // a decimal comma, in a semicolon CSV
          convertTo: null,
        },
        sell: null,
        apps: [],
      },
    ]);
  });

  it('reads tab-separated text pasted from a spreadsheet, LF or CR line ends, blank rows skipped', () => {
    const rows = [
      'name\tcount\tmodel\tbundle\tbandwidth\tvServices',
      'Москва Хостинг\t3\tpayg\tadvanced\t500m\t12',
      '\t\t\t\t\t',
      '',
      'Redwood\t1\tfixed-term\tessential\t50m\t4',
    ];
    for (const eol of ['\n', '\r', '\r\n']) {
      const result = parseLinesCsv(rows.join(eol), []);
      expect(errorsOf(result)).toEqual([]);
      expect(result.lines.map((l) => [l.name, l.count, l.license.model])).toEqual([
        ['Москва Хостинг', 3, 'payg'],
        ['Redwood', 1, 'fixed-term'],
      ]);
    }
  });

  it('applies the documented defaults to empty cells and absent columns', () => {
    const result = parseLinesCsv(
      'name,count,model,bundle,bandwidth\nA,1,fixed-term,advanced,1g\nB,2,payg,premium,500m\n',
      [],
      { service },
    );
    expect(errorsOf(result)).toEqual([]);
    const advanced = service.bundles.find((b) => b.id === 'advanced')!.includedVServices;
    const premium = service.bundles.find((b) => b.id === 'premium')!.includedVServices;
    expect(result.lines.map((l) => l.license)).toEqual([
      {
        model: 'fixed-term',
        bandwidth: '1g',
        bundle: 'advanced',
        vServices: advanced,
        termMonths: 12,
        renew: true,
      },
      {
        model: 'payg',
        bandwidth: '500m',
        bundle: 'premium',
        vServices: premium,
        hoursPerMonth: 730,
        convertTo: null,
      },
    ]);
    expect(
      result.lines.map((l) => [l.startMonth, l.endMonth, l.partnerId, l.sell, l.apps]),
    ).toEqual([
      [1, null, null, null, []],
      [1, null, null, null, []],
    ]);
    // without a price table there is no included vServices to default to
    expect(
      errorsOf(parseLinesCsv('name,count,model,bundle,bandwidth\nA,1,payg,advanced,1g', [])),
    ).toEqual(['2/vServices: is empty; give the number of vServices']);
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['yes', true],
    ['No', false],
    ['1', true],
    ['0', false],
  ])('reads renew "%s"', (text, renew) => {
    const result = parseLinesCsv(`${MINIMAL.trim()},renew\nA,1,fixed-term,core,1g,1,${text}`, []);
    expect(result.lines[0]?.license).toMatchObject({ renew });
  });

  it('reads seasonal hours separated by ";" or "|", conversions, fixed sell prices and apps', () => {
    const text =
      'name,count,model,bundle,bandwidth,vServices,hoursPerMonth,convertAtMonth,convertTermMonths,sellMode,sellMonthly,sellOneOff,apps,partnerId,endMonth,startMonth\n' +
      'A,1,payg,advanced,1g,10,1|2|3|4|5|6|7|8|9|10|11|12.25,7,24,fixed,99.5,0,full-feature:2:30:child;white-label:1:5:standalone,p2,,3\n' +
      'B,1,payg,advanced,1g,10,"0;0;0;0;0;0;744;744;0;0;0;0",,,margin,,,,,9,2\n';
    const result = parseLinesCsv(text, []);
    expect(errorsOf(result)).toEqual(['3/sellPct: is empty; it needs a value here']);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({
      startMonth: 3,
      partnerId: 'p2',
      license: {
        hoursPerMonth: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12.25],
        convertTo: { atMonth: 7, termMonths: 24 },
      },
      sell: { mode: 'fixed', monthly: '99.5', oneOff: '0' },
      apps: [
        { bundle: 'full-feature', count: 2, usersPerApp: 30, provisioning: 'child' },
        { bundle: 'white-label', count: 1, usersPerApp: 5, provisioning: 'standalone' },
      ],
    });
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks, and takes the formula apostrophe back', () => {
    const text =
      `${MINIMAL}` +
      '"Smith, Jones & Co",1,payg,core,1g,1\n' +
      '"The ""Best"" GmbH",1,payg,core,1g,1\n' +
      '"two\r\nlines\u0000",1,payg,core,1g,1\n' +
      "'=cmd,1,payg,core,1g,1\n" +
      "''=still text,1,payg,core,1g,1\n" +
      "'plain apostrophe,1,payg,core,1g,1\n" +
      '<script>alert(1)</script>,1,payg,core,1g,1\n' +
      '__proto__,1,payg,core,1g,1\n';
    const result = parseLinesCsv(text, []);
    expect(errorsOf(result)).toEqual([]);
    expect(result.lines.map((l) => l.name)).toEqual([
      'Smith, Jones & Co',
      'The "Best" GmbH',
      'two lines', // a name is one line, without control characters (issue 11)
      '=cmd',
      "'=still text",
      "'plain apostrophe",
      '<script>alert(1)</script>',
      '__proto__',
    ]);
  });

  it('reports unknown columns (even "__proto__") as a warning, ignores an id column, pollutes nothing', () => {
    const text = `id,__proto__,constructor,${MINIMAL.trim()}\nzz,{"polluted":1},x,A,1,payg,core,1g,1\n`;
    const result = parseLinesCsv(text, [{ id: 'c1' }]);
    expect(errorsOf(result)).toEqual([]);
    expect(result.warnings).toEqual([
      'The id column is ignored: imported lines get new ids.',
      expect.stringMatching(
        /^Unknown columns ignored: "__proto__", "constructor"\. The columns are name, count/,
      ),
    ]);
    expect(result.lines[0]?.id).toBe('c2');
    expect(Object.keys(result.lines[0]!)).not.toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('warns about bundles, bandwidths, terms and partners the table and channel do not know', () => {
    const text =
      'name,count,model,bundle,bandwidth,vServices,termMonths,partnerId\n' +
      'A,1,fixed-term,gold,1g,1,13,p1\n' +
      'B,1,fixed-term,gold,9g,1,12,p9\n' +
      'C,1,fixed-term,gold,1g,1,12,\n';
    const result = parseLinesCsv(text, [], { service, partnerIds: ['p1'] });
    expect(errorsOf(result)).toEqual([]);
    expect(result.lines).toHaveLength(3);
    expect(result.warnings).toEqual([
      'Rows 2, 3 and 4: bundle "gold" is not in the price table; the lines can be added, and the quote lists it as an issue until it is changed.',
      'Row 2: a term of 13 months is not in the price table; the lines can be added, and the quote lists it as an issue until it is changed.',
      'Row 3: bandwidth "9g" is not in the price table; the lines can be added, and the quote lists it as an issue until it is changed.',
      'Row 3: partner "p9" is not in the channel; the lines can be added, and the quote lists it as an issue until it is changed.',
    ]);
  });
});

describe('parseLinesCsv: what the screen shows (issue 13)', () => {
  const partners = sample.channel.partners;

  it('reads bundles, bandwidths, models, terms and partners as the screen names them, any case', () => {
    const advanced = service.bundles.find((b) => b.name === 'Advanced');
    const gbps = service.bandwidthTiers.find((b) => b.label === '1 Gbps');
    expect(advanced).toBeDefined();
    expect(gbps).toBeDefined();
    expect(service.fixedTerm.terms.some((t) => t.months === 36)).toBe(true);
    const partner = partners[0]!;
    const text =
      'name,count,model,bundle,bandwidth,termMonths,hoursPerMonth,convertAtMonth,convertTermMonths,partnerId,sellMode,sellMonthly,sellOneOff,sellPct\n' +
      `Labels,2,Fixed-Term,Advanced,1 Gbps,36 mo,,,,${partner.name},Fixed price,100.00,0.00,\n` +
      `Shouting,1,FIXED-TERM,ADVANCED,1 GBPS,36 months,,,,${partner.name.toUpperCase()},,,,\n` +
      `Ids,1,fixed-term,${advanced!.id},${gbps!.id},36,,,,${partner.id},,,,\n` +
      'Payg,1,PAYG,advanced,1000 Mbps,,120 h,month 7,36 mo,,Markup,,,40 %\n';
    const result = parseLinesCsv(text, [], { service, partners });
    expect(errorsOf(result)).toEqual([]);
    expect(result.warnings).toEqual([]);
    const [labels, shouting, ids, payg] = result.lines;
    for (const line of [labels!, shouting!, ids!]) {
      expect(line.license).toMatchObject({
        model: 'fixed-term',
        bundle: advanced!.id,
        bandwidth: gbps!.id,
        termMonths: 36,
      });
      expect(line.partnerId).toBe(partner.id);
    }
    expect(labels!.sell).toEqual({ mode: 'fixed', monthly: '100.00', oneOff: '0.00' });
    expect(payg!.license).toMatchObject({
      model: 'payg',
      bundle: advanced!.id,
      bandwidth: gbps!.id,
      hoursPerMonth: 120,
      convertTo: { atMonth: 7, termMonths: 36 },
    });
    expect(payg!.sell).toEqual({ mode: 'markup', pct: '40' });
  });

  it('keeps a name the table does not know as written, and warns with it', () => {
    const text = 'name,count,model,bundle,bandwidth,vServices\nA,1,PAYG,Platinum,3 Gbps,1\n';
    const result = parseLinesCsv(text, [], { service });
    expect(result.lines[0]!.license).toMatchObject({ bundle: 'Platinum', bandwidth: '3 Gbps' });
    expect(result.warnings.join(' ')).toContain('bundle "Platinum" is not in the price table');
    expect(result.warnings.join(' ')).toContain('bandwidth "3 Gbps" is not in the price table');
  });

  it('lists every bad cell of every row, not only the first', () => {
    const text =
      'name,count,model,bundle,bandwidth,vServices,termMonths,startMonth\n' +
      'One,none,Monthly,Advanced,1 Gbps,x,36 mo,first\n' +
      'Two,-1,,Advanced,1 Gbps,1,ten,-2\n';
    const result = parseLinesCsv(text, [], { service });
    const rows = errorsOf(result).map((e) => e.split(':')[0]);
    expect(rows).toEqual([
      '2/count',
      '2/model',
      '2/vServices',
      '2/startMonth',
      '3/count',
      '3/model',
      '3/termMonths',
      '3/startMonth',
    ]);
    expect(result.rowsWithErrors).toBe(2);
  });
});

describe('parseLinesCsv: bad input', () => {
  it('refuses a header without the required columns with one error and no lines', () => {
    const result = parseLinesCsv('Name;Qty;Model\nA;1;payg\n', []);
    expect(result.lines).toEqual([]);
    expect(errorsOf(result)).toEqual([
      '1/-: The header must name the columns name, count, model, bundle, bandwidth (in any order); count, bundle, bandwidth are missing. Row 1 was read as the header: "Name", "Qty", "Model".',
    ]);
    expect(result.remaining).toBe('Name;Qty;Model\nA;1;payg\n');
  });

  it('refuses a header that names a column twice', () => {
    const result = parseLinesCsv(`${MINIMAL.trim()},Name\n`, []);
    expect(errorsOf(result)).toEqual([
      '1/-: The header names the column name twice (as "name" and "Name"); keep one.',
    ]);
  });

  it('gives an error per bad cell, naming the spreadsheet row and the header as written', () => {
    const text =
      'Name,Count,Model,Bundle,Bandwidth,vServices,Hours per month,Start month\n' +
      'Good,1,payg,core,1g,1,730,1\n' +
      '"Multi\nline",0,payg,core,1g,1,745,1\n' + // row 3, though it spans two text lines
      '\n' + // row 4, blank
      'Bad,abc,payg,core,1g,1,1;2;3;4;5;6;7;8;9;10;11;800,x\n' +
      'Short,1,payg,core,1g,1,1;2;3,1\n' +
      'Model,1,monthly,core,1g,1,,1\n';
    const result = parseLinesCsv(text, []);
    expect(result.lines.map((l) => l.name)).toEqual(['Good']);
    expect(errorsOf(result)).toEqual([
      '3/Count: must be at least 1',
      '3/Hours per month: must be at most 744 hours (31 days × 24)',
      '5/Count: must be a whole number',
      '5/Hours per month: month 12 (December): must be at most 744 hours (31 days × 24)',
      '5/Start month: must be a month number (1 = the first month)',
      '6/Hours per month: a seasonal profile has exactly 12 months, January first',
      '7/Model: "monthly" is not a license model: write Fixed-Term or PAYG',
    ]);
    expect(result.rowsWithErrors).toBe(4);
    // the header and the bad rows, as written, to fix and import again
    expect(result.remaining).toBe(
      [
        'Name,Count,Model,Bundle,Bandwidth,vServices,Hours per month,Start month',
        '"Multi\nline",0,payg,core,1g,1,745,1',
        'Bad,abc,payg,core,1g,1,1;2;3;4;5;6;7;8;9;10;11;800,x',
        'Short,1,payg,core,1g,1,1;2;3,1',
        'Model,1,monthly,core,1g,1,,1',
      ].join('\n'),
    );
    expect(parseLinesCsv(result.remaining, []).errors).toHaveLength(7);
  });

  it('refuses cells that do not apply to the line, and sell cells without a sell mode', () => {
    const text =
      'name,count,model,bundle,bandwidth,vServices,termMonths,renew,hoursPerMonth,convertAtMonth,sellMode,sellPct,sellMonthly\n' +
      'A,1,fixed-term,core,1g,1,12,true,730,,,,\n' +
      'B,1,payg,core,1g,1,12,,730,,,,\n' +
      'C,1,payg,core,1g,1,,,730,,,40,\n' +
      'D,1,payg,core,1g,1,,,730,5,markup,40,10\n' +
      'E,1,payg,core,1g,1,,,730,,bargain,40,\n' +
      'F,1,payg,core,1g,1,,,730,,markup,40 %,\n' +
      'G,1,fixed-term,core,1g,1,,maybe,,,,,\n';
    const result = parseLinesCsv(text, []);
    expect(errorsOf(result)).toEqual([
      '2/hoursPerMonth: applies to PAYG lines only; leave it empty on a fixed-term line',
      '3/termMonths: applies to fixed-term lines only; leave it empty on a PAYG line',
      '4/sellPct: needs a sellMode (markup, margin or fixed); leave it empty for the default markup',
      '5/sellMonthly: applies to sellMode fixed only; leave it empty',
      '5/convertTermMonths: is empty; it needs a value here', // not a column here: listed last
      '6/sellMode: sell must be null (the default markup) or have mode "markup", "margin" or "fixed"',
      '8/renew: renew must be true or false',
    ]);
    // "40 %" is read as 40
    expect(result.lines.map((l) => [l.name, l.sell])).toEqual([
      ['F', { mode: 'markup', pct: '40' }],
    ]);
  });

  it('reads decimal commas only where the delimiter is not a comma, and never ambiguous ones', () => {
    const comma = parseLinesCsv(`${MINIMAL.trim()},hoursPerMonth\nA,1,payg,core,1g,1,"1,5"\n`, []);
    expect(errorsOf(comma)).toEqual([
      '2/hoursPerMonth: "1,5": write plain decimals with a dot, like 1.5, without thousands separators',
    ]);
    const semicolon = parseLinesCsv(
      'name;count;model;bundle;bandwidth;vServices;hoursPerMonth;sellMode;sellMonthly;sellOneOff\n' +
        'A;1;payg;core;1g;1;1,500;;;\n' +
        'B;1;payg;core;1g;1;1.234,5;;;\n' +
        'C;1;payg;core;1g;1;0,125;;;\n' +
        'D;1;payg;core;1g;1;12,25;fixed;1999,99;0,5\n',
      [],
    );
    expect(errorsOf(semicolon)).toEqual([
      '2/hoursPerMonth: "1,500" is ambiguous (a decimal comma or a thousands separator?): write plain decimals with a dot, like 1.5, without thousands separators',
      '3/hoursPerMonth: "1.234,5": write plain decimals with a dot, like 1.5, without thousands separators',
      '4/hoursPerMonth: must have at most 2 decimals',
    ]);
    expect(semicolon.lines[0]).toMatchObject({
      license: { hoursPerMonth: 12.25 },
      sell: { mode: 'fixed', monthly: '1999.99', oneOff: '0.5' },
    });
  });

  it('refuses numbers that are not plain decimals', () => {
    const text = `${MINIMAL}A,1e3,payg,core,1g,1\nB,0x10,payg,core,1g,1\nC,+1,payg,core,1g,1\nD, 7 ,payg,core,1g,1\n`;
    const result = parseLinesCsv(text, []);
    expect(errorsOf(result)).toEqual([
      '2/count: must be a whole number',
      '3/count: must be a whole number',
      '4/count: must be a whole number',
    ]);
    expect(result.lines.map((l) => l.count)).toEqual([7]);
  });

  it('names the row of an unterminated quote and keeps the rows before it', () => {
    const text = `${MINIMAL}A,1,payg,core,1g,1\n"B,1,payg,core,1g,1\nC,1,payg,core,1g,1\n`;
    const result = parseLinesCsv(text, []);
    expect(result.lines.map((l) => l.name)).toEqual(['A']);
    expect(errorsOf(result)).toEqual([
      '3/name: a quoted cell opens with " and never closes, so this row and everything after it could not be read; close the quote (a quote inside a quoted cell is written "")',
    ]);
    expect(result.remaining).toBe(`${MINIMAL}"B,1,payg,core,1g,1\nC,1,payg,core,1g,1\n`);
    expect(errorsOf(parseLinesCsv('"name,count', []))).toEqual([
      '1/-: Row 1, the header: a quoted cell opens with " and never closes.',
    ]);
  });

  it('refuses a row with more cells than the header (an unquoted delimiter)', () => {
    const result = parseLinesCsv(
      `${MINIMAL}Smith, Jones,1,payg,core,1g,1\nA,1,payg,core,1g,1,,\n`,
      [],
    );
    expect(errorsOf(result)).toEqual([
      '2/-: has 7 cells but the header has 6: a cell that holds the delimiter (",") must be in double quotes',
    ]);
    expect(result.lines.map((l) => l.name)).toEqual(['A']); // empty extra cells are harmless
  });

  it('says so for empty text and a header without lines', () => {
    expect(errorsOf(parseLinesCsv('', []))).toEqual([
      '-/-: There is nothing to import: paste CSV with a header row, or choose a file.',
    ]);
    expect(errorsOf(parseLinesCsv('\uFEFF \r\n\t\n', []))).toHaveLength(1);
    const headerOnly = parseLinesCsv(`\n\n${HEADER}\n`, []);
    expect(headerOnly).toMatchObject({ lines: [], errors: [] });
    expect(headerOnly.warnings).toEqual(['The CSV has a header but no lines.']);
  });

  it('refuses text over 5 MB, counted in UTF-8 bytes, with one message', () => {
    const big = `${MINIMAL}${'x'.repeat(MAX_CSV_BYTES)}`;
    expect(errorsOf(parseLinesCsv(big, []))).toEqual([
      '-/-: The CSV is larger than 5 MB; split it into smaller files (at most 10,000 lines each).',
    ]);
    // 2 bytes a letter: 3 million letters are 6 MB
    expect(parseLinesCsv(`${MINIMAL}${'ł'.repeat(3_000_000)}`, []).errors[0]?.message).toMatch(
      /larger than 5 MB/,
    );
  });

  it('reads 10,000 lines and refuses 10,001 with one message', () => {
    const row = 'Segment,1,payg,core,1g,1';
    const rows = (n: number) => `${MINIMAL}${`${row}\n`.repeat(n)}`;
    const full = parseLinesCsv(rows(MAX_CSV_ROWS), sample.customers);
    expect(full.errors).toEqual([]);
    expect(full.lines).toHaveLength(MAX_CSV_ROWS);
    expect(new Set(full.lines.map((l) => l.id)).size).toBe(MAX_CSV_ROWS);
    const over = parseLinesCsv(rows(MAX_CSV_ROWS + 1), []);
    expect(over.lines).toEqual([]);
    expect(errorsOf(over)).toEqual([
      '-/-: The CSV has more than 10,000 lines; split it into smaller files.',
    ]);
  });
});

describe('withFreshIds', () => {
  it('gives the ids freshLineId would give one line after another', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.oneof(
            fc.integer({ min: 1, max: 40 }).map((n) => `c${n}`),
            fc.constantFrom('a', 'c0', 'c01', 'x7'),
          ),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 30 }),
        (existingIds, count) => {
          const existing = existingIds.map((id) => ({ id }));
          const lines = Array.from({ length: count }, () => sample.customers[0]!);
          const expected: string[] = [];
          const all: { id: string }[] = [...existing];
          for (let i = 0; i < count; i += 1) {
            const id = freshLineId(all);
            expected.push(id);
            all.push({ id });
          }
          expect(withFreshIds(lines, existing).map((l) => l.id)).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// properties
// ---------------------------------------------------------------------------------------------

/** Text with the characters that matter to CSV and to spreadsheets, and letters from afar. */
const trickyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ',',
        ';',
        '\t',
        '"',
        '""',
        "'",
        '\n',
        '\r',
        '\r\n',
        '=',
        '+',
        '-',
        '@',
        '|',
        ':',
        '[',
        ' ',
        '=cmd|"/c calc"!A1',
        'Łódź',
        'Ελληνικά',
        'Москва',
        '__proto__',
        '<script>',
        '\uFEFF',
      ),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** An id: any text without surrounding white space (ids are trimmed when read). */
const idArb = fc
  .oneof(trickyText, fc.constantFrom('core', 'advanced', '1g', 'p1', 'full-feature'))
  .filter((s) => s.length > 0 && s.length <= 500 && s.trim() === s);

const hoursArb = fc.integer({ min: 0, max: 74_400 }).map((n) => n / 100);
const countArb = fc.oneof(
  fc.integer({ min: 1, max: 100 }),
  fc.integer({ min: 1, max: 1_000_000_000 }),
);
const natArb = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: 0, max: 1_000_000_000 }),
);

const sellArb: fc.Arbitrary<CustomerLine['sell']> = fc.oneof(
  fc.constant(null),
  fc.record({
    mode: fc.constant('markup' as const),
    pct: fc.stringMatching(/^\d{1,3}(\.\d{1,4})?$/),
  }),
  fc.record({
    mode: fc.constant('margin' as const),
    pct: fc.stringMatching(/^\d{1,2}(\.\d{1,4})?$/),
  }),
  fc.record({
    mode: fc.constant('fixed' as const),
    monthly: fc.stringMatching(/^-?\d{1,9}(\.\d{1,6})?$/),
    oneOff: fc.stringMatching(/^\d{1,9}(\.\d{1,6})?$/),
  }),
);

const licenseArb: fc.Arbitrary<CustomerLine['license']> = fc.oneof(
  fc.record({
    model: fc.constant('fixed-term' as const),
    bandwidth: idArb,
    bundle: idArb,
    vServices: natArb,
    termMonths: natArb,
    renew: fc.boolean(),
  }),
  fc.record({
    model: fc.constant('payg' as const),
    bandwidth: idArb,
    bundle: idArb,
    vServices: natArb,
    hoursPerMonth: fc.oneof(hoursArb, fc.array(hoursArb, { minLength: 12, maxLength: 12 })),
    convertTo: fc.option(fc.record({ atMonth: natArb, termMonths: natArb })),
  }),
);

/** Any valid customer line, as the schema keeps it (the schema has the last word; names clean). */
const lineArb: fc.Arbitrary<CustomerLine> = fc
  .record({
    id: fc.constant('x'),
    name: fc.oneof(trickyText, fc.constantFrom(...sample.customers.map((c) => c.name))),
    count: countArb,
    startMonth: natArb,
    endMonth: fc.option(natArb),
    partnerId: fc.option(idArb),
    license: licenseArb,
    sell: sellArb,
    apps: fc.array(
      fc.record({
        bundle: idArb,
        count: countArb,
        usersPerApp: natArb,
        provisioning: fc.constantFrom('standalone' as const, 'child' as const),
      }),
      { maxLength: 3 },
    ),
  })
  .filter((line) => CustomerLineSchema.safeParse(line).success)
  .map((line) => CustomerLineSchema.parse(line));

/** Every line valid, every id fresh and unique. */
function expectSound(result: LinesCsvResult, existing: readonly { id: string }[]) {
  const taken = new Set(existing.map((l) => l.id));
  const ids = new Set<string>();
  for (const line of result.lines) {
    expect(CustomerLineSchema.safeParse(line).success).toBe(true);
    expect(taken.has(line.id)).toBe(false);
    expect(ids.has(line.id)).toBe(false);
    ids.add(line.id);
  }
  for (const error of result.errors) {
    expect(typeof error.message).toBe('string');
    if (error.row !== null) expect(error.row).toBeGreaterThanOrEqual(1);
  }
}

describe('parseLinesCsv: properties', () => {
  it('round-trips any valid lines through linesToCsv, ids aside', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 6 }), (lines) => {
        const result = parseLinesCsv(linesToCsv(lines), sample.customers);
        expect(result.errors).toEqual([]);
        expect(withoutIds(result.lines)).toEqual(withoutIds(lines));
        expectSound(result, sample.customers);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on any text, and whatever it returns is valid', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          trickyText,
          trickyText.map((rest) => `${MINIMAL}${rest}`),
          trickyText.map((rest) => `${HEADER}\r\n${rest}`),
        ),
        (text) => {
          expectSound(parseLinesCsv(text, sample.customers), sample.customers);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it('never throws on mutated valid CSV, and whatever it returns is valid', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.integer({ min: 0, max: 3 }),
      insert: fc.oneof(trickyText, fc.constantFrom('', '0', '-1', '9'.repeat(400), '1,5', 'payg')),
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 4 }),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(',', ';', '\t'),
        (lines, edits, delimiter) => {
          let text = linesToCsv(lines);
          if (delimiter !== ',') text = text.replaceAll(',', delimiter);
          for (const { at, remove, insert } of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + remove);
          }
          expectSound(parseLinesCsv(text, sample.customers), sample.customers);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});
