import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROW_HEIGHT, windowOf, windowParts } from '../../../src/features/customers/row-window';
import { pathCandidates } from '../../../src/components/form/field-focus';

/** The rows a body of parts renders, and the rows it stands in for. */
function expand(parts: ReturnType<typeof windowParts>) {
  const rendered: number[] = [];
  let total = 0;
  for (const part of parts) {
    if (part.kind === 'gap') total += part.rows;
    else {
      for (let i = part.start; i < part.end; i++) rendered.push(i);
      total += part.end - part.start;
    }
  }
  return { rendered, total };
}

describe('windowParts', () => {
  it('renders the rows in view and a gap for the rest', () => {
    expect(windowParts(0, 1000)).toEqual([
      { kind: 'rows', start: 0, end: windowOf(0, 1000).end },
      { kind: 'gap', rows: 1000 - windowOf(0, 1000).end },
    ]);
  });

  it('keeps a pinned row above or below the window, between gaps', () => {
    const { start, end } = windowOf(500 * ROW_HEIGHT, 1000);
    expect(windowParts(500 * ROW_HEIGHT, 1000, 3)).toEqual([
      { kind: 'gap', rows: 3 },
      { kind: 'rows', start: 3, end: 4 },
      { kind: 'gap', rows: start - 4 },
      { kind: 'rows', start, end },
      { kind: 'gap', rows: 1000 - end },
    ]);
    expect(windowParts(0, 1000, 999).slice(-2)).toEqual([
      { kind: 'gap', rows: 999 - windowOf(0, 1000).end },
      { kind: 'rows', start: 999, end: 1000 },
    ]);
  });

  it('always stands in for every row exactly once, in order, the pinned one rendered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: -5000, max: 200_000 }),
        fc.integer({ min: -1, max: 3000 }),
        (rows, scrollTop, pinned) => {
          const parts = windowParts(scrollTop, rows, pinned);
          const { rendered, total } = expand(parts);
          expect(total).toBe(rows);
          expect(rendered).toEqual([...rendered].sort((a, b) => a - b));
          expect(new Set(rendered).size).toBe(rendered.length);
          expect(rendered.length).toBeLessThanOrEqual(40);
          if (pinned >= 0 && pinned < rows) expect(rendered).toContain(pinned);
          for (const part of parts) if (part.kind === 'gap') expect(part.rows).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('pathCandidates', () => {
  it('goes from the path up to its first segment', () => {
    expect(pathCandidates('customers[2].license.convertTo.atMonth')).toEqual([
      'customers[2].license.convertTo.atMonth',
      'customers[2].license.convertTo',
      'customers[2].license',
      'customers[2]',
      'customers',
    ]);
    expect(pathCandidates('priceTable')).toEqual(['priceTable']);
    expect(pathCandidates('')).toEqual([]);
  });
});
