import { describe, expect, it } from 'vitest';
import type { CustomerLine } from '../../../src/engine/index';
import { linesToCsv, parseLinesCsv } from '../../../src/features/customers/lines-csv';
import { sampleScenario } from '../../../src/state/sample';

/** The CSV of customer lines carries a line's changes and its invoicing (ADR 033). */
describe('the lines CSV with changes over time and billing', () => {
  const base = sampleScenario().customers[0]!;
  const line: CustomerLine = {
    ...base,
    changes: [
      { fromMonth: 7, count: 25 },
      { fromMonth: 13, bandwidth: '500m', vServices: 12 },
    ],
    billing: 'upfront',
  };

  it('writes the changes as a JSON list and the billing mode, and reads the same line back', () => {
    const csv = linesToCsv([line, base]);
    const rows = csv.split('\r\n');
    expect(rows[0]!.endsWith(',apps,changes,billing')).toBe(true);
    expect(rows[1]).toContain(
      '"[{""fromMonth"":7,""count"":25},{""fromMonth"":13,""bandwidth"":""500m"",""vServices"":12}]",upfront',
    );
    const back = parseLinesCsv(csv, []);
    expect(back.errors).toEqual([]);
    const { id: _a, ...read } = back.lines[0]!;
    const { id: _b, ...written } = line;
    expect(read).toEqual(written);
    // a line without changes comes back without the fields (not as undefined or [])
    expect('changes' in back.lines[1]!).toBe(false);
    expect('billing' in back.lines[1]!).toBe(false);
  });

  it('names the row and column of a changes cell that is not a list of valid changes', () => {
    const header = 'name,count,model,bundle,bandwidth,vServices,changes,billing';
    const bad = parseLinesCsv(
      `${header}\nA,1,fixed-term,advanced,1g,4,"[{""fromMonth"":7,""count"":""lots""}]",\n` +
        `B,1,fixed-term,advanced,1g,4,not json,\nC,1,fixed-term,advanced,1g,4,,weekly\n`,
      [],
    );
    expect(bad.lines).toEqual([]);
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'changes'],
      [3, 'changes'],
      [4, 'billing'],
    ]);
    expect(bad.errors[0]!.message).toMatch(/change 1, count/);
    expect(bad.errors[1]!.message).toMatch(/JSON list/);
  });
});
