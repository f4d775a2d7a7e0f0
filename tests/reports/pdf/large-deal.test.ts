import { beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../../bench/generate';
import {
  priceWaterfall,
  type PriceTable,
  type Quote,
  type Scenario,
} from '../../../src/engine/index';
import { waterfallBars } from '../../../src/reports/chart-data';
import { monthlySeries } from '../../../src/reports/chart-data';
import { platformAmounts, totalAmounts } from '../../../src/reports/totals';
import { documentFormat } from '../../../src/reports/pdf/format';
import {
  buildToFile,
  HAVE_PDF_TOOLS,
  inputOf,
  pdfInfo,
  pdfText,
  qpdfCheck,
  quoteOf,
  readTable,
  TODAY,
} from './support';

// Issue 14: on a 640-line deal with amounts in the tens of millions, bold total rows wrapped
// mid-number ("$33,809,928.7" and the "9" on the next line). Every amount of the quote's totals
// must come out of the PDF's text whole, in the MSP proposal and the internal report, for a
// dollar deal and a yen deal.

/** A held-out-sized deal: 640 lines over 36 months, counts scaled up to tens of millions. */
function largeDeal(table: PriceTable): Scenario {
  const s = generateScenario(640, 36, 640, table);
  return {
    ...s,
    priceTable: { product: table.product, currency: table.currency, version: table.version },
    customers: s.customers.map((c, i) => ({ ...c, count: c.count * (i % 7 === 0 ? 25 : 5) })),
  };
}

function yenTable(): PriceTable {
  return { ...readTable(), currency: 'JPY' };
}

/** The amounts a reader must find whole: the quote's totals, the Platform and Total rows. */
function amountsOf(quote: Quote): string[] {
  const t = quote.totals!;
  const platform = platformAmounts(quote)!;
  const total = totalAmounts(quote)!;
  return [
    t.revenue,
    t.cost,
    t.commissions,
    t.margin,
    platform.cost,
    total.revenue,
    total.cost,
    total.margin,
    ...Object.values(monthlySeries(quote).totals),
  ];
}

/** pdftotext -layout joins a wrapped cell's pieces with spaces and newlines: collapse neither. */
function wholeIn(text: string, formatted: string): boolean {
  return text.includes(formatted);
}

for (const [name, table] of [
  ['USD', readTable()],
  ['JPY', yenTable()],
] as const) {
  describe.skipIf(!HAVE_PDF_TOOLS)(`a 640-line ${name} deal`, () => {
    const scenario = largeDeal(table);
    const quote = quoteOf(scenario, table);
    const fmt = documentFormat(table.currency);
    const files: Record<string, { path: string; text: string }> = {};

    beforeAll(async () => {
      expect(quote.totals).not.toBeNull();
      for (const kind of ['msp-proposal', 'internal-report'] as const) {
        const { path } = await buildToFile(inputOf(kind, { scenario, table, quote }));
        files[kind] = { path, text: pdfText(path) };
      }
    }, 120_000);

    it('has totals in the tens of millions (the case that broke)', () => {
      expect(Number(quote.totals!.revenue)).toBeGreaterThan(10_000_000);
    });

    for (const kind of ['msp-proposal', 'internal-report'] as const) {
      it(`${kind}: passes qpdf --check`, () => {
        expect(qpdfCheck(files[kind]!.path).status).toBe(0);
      });
    }

    it('msp-proposal: the total cost, the platform and the cost categories appear whole', () => {
      const text = files['msp-proposal']!.text;
      const series = monthlySeries(quote).totals;
      for (const amount of [
        quote.totals!.cost,
        quote.totals!.revenue,
        quote.totals!.margin,
        platformAmounts(quote)!.cost,
        series.fixedTerm,
        series.payg,
        series.apps,
      ]) {
        expect(wholeIn(text, fmt.money(amount)), fmt.money(amount)).toBe(true);
      }
    });

    it("internal-report: every amount of the quote's totals appears whole", () => {
      const text = files['internal-report']!.text;
      for (const amount of amountsOf(quote)) {
        expect(wholeIn(text, fmt.money(amount)), fmt.money(amount)).toBe(true);
      }
      // and every line's margin percent, with its ▼ when below the minimum, on one line
      for (const c of quote.customers.slice(0, 40)) {
        expect(text).toContain(fmt.pct(c.totals.marginPct));
      }
    });

    it('internal-report: the Platform and Total rows are each on one line of text', () => {
      const text = files['internal-report']!.text;
      const platform = platformAmounts(quote)!;
      const total = totalAmounts(quote)!;
      const row = (label: string, amounts: string[]) =>
        new RegExp(`\\n\\s*${label}\\s+${amounts.map((a) => escape(fmt.money(a))).join('\\s+')}`);
      expect(text).toMatch(
        row('Platform', [platform.revenue, platform.cost, platform.commissions, platform.margin]),
      );
      expect(text).toMatch(
        row('Total', [total.revenue, total.cost, total.commissions, total.margin]),
      );
    });

    it('internal-report: the waterfall writes a discount once with its minus sign', () => {
      const text = files['internal-report']!.text;
      const w = priceWaterfall(scenario, table, { today: TODAY })!;
      const term = waterfallBars(w).bars.find((b) => b.step === 'termDiscount')!;
      expect(text).toMatch(new RegExp(`− Term discounts\\s+${escape(fmt.money(w.termDiscount))}`));
      expect(text).not.toMatch(/− Term discounts\s+-/);
      expect(term.amount.startsWith('-')).toBe(true);
    });

    it('leaves no near-empty page before the landscape monthly series', () => {
      const { pages } = pdfInfo(files['internal-report']!.path);
      for (let p = 2; p < pages; p++) {
        const next = pdfText(files['internal-report']!.path, p + 1);
        if (!/Monthly series/.test(next)) continue;
        // the page before the series ends a section: it may be short, but not a stray line
        const lines = pdfText(files['internal-report']!.path, p)
          .split('\n')
          .filter((l) => l.trim() !== '');
        expect(lines.length).toBeGreaterThan(4);
      }
    });
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
