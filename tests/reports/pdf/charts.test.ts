import { COST_CATEGORIES } from '../../../src/reports/columns';
import { describe, expect, it } from 'vitest';
import { PALETTE, clipLevel, niceTicks } from '../../../src/reports/pdf/charts';
import { documentFormat } from '../../../src/reports/pdf/format';

// Issue 14: chart axes read "$0.0", Margin and "Customer apps" shared a green, and one month's
// appliance purchase flattened a large deal's chart.

describe('chart axes and scale', () => {
  it('ticks read "$0", "$10K", "$1.2M" (no trailing .0)', () => {
    const axis = documentFormat('USD').axis;
    expect([0, 10_000, 1_200_000, 2_500, -350_000].map(axis)).toEqual([
      '$0',
      '$10K',
      '$1.2M',
      '$2.5K',
      '-$350K',
    ]);
    expect(documentFormat('JPY').axis(1_200_000)).toBe('¥1.2M');
    expect(niceTicks(0, 23_000)).toEqual([0, 5_000, 10_000, 15_000, 20_000, 25_000]);
  });

  it('cuts the scale when one month dwarfs the others, and only then', () => {
    const steady = Array.from({ length: 36 }, (_, i) => 20_000 + i * 300);
    expect(clipLevel(steady)).toBeNull();
    // a month-1 appliance purchase of 40 appliances: 30× an ordinary month
    const spiked = [600_000, ...steady.slice(1)];
    const level = clipLevel(spiked)!;
    expect(level).toBeGreaterThan(Math.max(...steady.slice(1)));
    expect(level).toBeLessThan(600_000 / 3);
    // a spike of 2× is a chart's business, not a cut
    expect(clipLevel([45_000, ...steady.slice(1)])).toBeNull();
  });

  it('draws Margin and "Customer apps" in different colours', () => {
    const apps = COST_CATEGORIES.find((c) => c.key === 'apps')!;
    expect(PALETTE.margin).not.toEqual(apps.color.print);
  });
});
