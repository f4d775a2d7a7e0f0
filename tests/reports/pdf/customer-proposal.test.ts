import { beforeAll, describe, expect, it } from 'vitest';
import { customerSeries } from '../../../src/engine/index';
import { documentFormat } from '../../../src/reports/pdf/format';
import { platformAmounts } from '../../../src/reports/totals';
import {
  buildToFile,
  HAVE_PDF_TOOLS,
  inputOf,
  pageNumbers,
  pdfInfo,
  pdfText,
  qpdfCheck,
  SHA256,
  TODAY,
} from './support';

// The MSP's proposal to one end customer (PRODUCT.md): only that customer's prices, in the MSP's
// brand. It must never show a cost, a margin or a commission (figure or word), a partner or
// distributor, another customer, the vendor's name or the price table's identity.

const money = documentFormat('USD').money;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CASES = [
  {
    id: 'c1',
    name: 'Müller GmbH',
    why: 'fixed-term, through partner Harbourline IT of Bluepeak',
    billing: /Billing\s+A fixed monthly charge for the term/,
  },
  {
    id: 'c9',
    name: 'Москва Хостинг',
    why: 'Cyrillic, through partner Vistula Systems of Adriatic',
    billing: /Term\s+24-month term from February 2027, renewing automatically/,
  },
  {
    id: 'c3',
    name: 'Small-business web shops (segment)',
    why: 'a PAYG segment of 40, direct',
    billing: /Billing\s+Pay as you go: charged monthly for the hours/,
  },
  {
    id: 'c5',
    name: 'Brightwave Events Ltd',
    why: 'PAYG sold at a fixed monthly and one-off price',
    billing: /Billing\s+A fixed monthly charge\n/,
  },
] as const;

describe.skipIf(!HAVE_PDF_TOOLS)('customer-proposal', () => {
  for (const c of CASES) {
    describe(`for ${c.name} (${c.why})`, () => {
      const input = inputOf('customer-proposal', { customerId: c.id });
      const { scenario, quote, table } = input;
      const index = scenario.customers.findIndex((l) => l.id === c.id);
      const line = scenario.customers[index]!;
      const own = quote.customers[index]!.totals;
      let path = '';
      let text = '';
      let info = '';

      beforeAll(async () => {
        path = (await buildToFile(input)).path;
        text = pdfText(path);
        info = pdfInfo(path).text;
      });

      it('is a valid file with "Page i of N" on every page', () => {
        expect(qpdfCheck(path).status).toBe(0);
        const { pages, labels } = pageNumbers(path);
        expect(labels).toEqual(
          Array.from({ length: pages }, (_, i) => `Page ${i + 1} of ${pages}`),
        );
      });

      it("shows the customer, the MSP's brand and the customer's total over the period", () => {
        expect(text).toContain(line.name);
        expect(text).toContain(scenario.brand.name);
        expect(text).toMatch(/Proposal number\s+Q-20261122-[0-9a-f]{6}/);
        expect(text).toMatch(/Valid until\s+December 22, 2026/);
        // the Total row of the prices table equals the line's revenue in the quote
        expect(text).toMatch(new RegExp(`\\n\\s*Total\\s+\\d+\\s+${escape(money(own.revenue))}`));
      });

      it('says how it is billed and for how long', () => {
        expect(text).toMatch(c.billing);
        // PAYG estimates are announced only where the charge follows the hours
        expect(/estimates\s+from\s+the\s+planned\s+hours/.test(text)).toBe(c.id === 'c3');
      });

      it('lists its monthly and one-off charges, adding up to that total', () => {
        const series = customerSeries(scenario, table, { today: TODAY }, [c.id])![0]!;
        const first = series.months.find((m) => m.active)!;
        expect(text).toContain(money(first.recurringRevenue));
        if (series.totals.oneOffRevenue !== '0.00') {
          expect(text).toMatch(
            new RegExp(`One-off charges[^\\n]*${escape(money(series.totals.oneOffRevenue))}`),
          );
        }
      });

      it('never says cost, margin or commission', () => {
        expect(text).not.toMatch(/cost|margin|commission/i);
        expect(info).not.toMatch(/cost|margin|commission/i);
      });

      it('never names the vendor, the price table, a partner, a distributor or another customer', () => {
        const banned = [
          table.vendorName,
          table.product,
          table.notes,
          SHA256.slice(0, 12),
          scenario.preparedBy.name,
          scenario.preparedBy.company,
          ...scenario.channel.partners.map((p) => p.name),
          ...scenario.channel.distributors.map((d) => d.name),
          ...scenario.customers.filter((l) => l.id !== c.id).map((l) => l.name),
        ];
        for (const word of banned) {
          expect(text.toLowerCase(), word).not.toContain(word.toLowerCase());
          expect(info.toLowerCase(), word).not.toContain(word.toLowerCase());
        }
      });

      it("shows no cost, commission or margin figure of the line or of the deal, nor other customers' revenue", () => {
        const t = quote.totals!;
        const figures = [
          own.cost,
          own.commissions,
          own.margin,
          t.cost,
          t.commissions,
          t.margin,
          t.revenue,
          t.licenseCommittedAfterHorizon,
          platformAmounts(quote)!.cost,
          ...quote.customers.filter((_, i) => i !== index).map((o) => o.totals.revenue),
        ].filter((amount) => amount !== own.revenue && !/^-?0\.00$/.test(amount));
        for (const amount of figures) expect(text, amount).not.toContain(money(amount));
      });
    });
  }
});
