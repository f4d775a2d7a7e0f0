import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerSeries } from '../../../src/engine/index';
import {
  customerLabels,
  DOCUMENT_LANGUAGES,
  LANGUAGE_LOCALES,
} from '../../../src/reports/pdf/customer-labels';
import { fontCodePoints } from '../../../src/reports/pdf/font-cmap';
import { documentFormat } from '../../../src/reports/pdf/format';
import {
  buildToFile,
  FONTS_DIR,
  HAVE_PDF_TOOLS,
  inputOf,
  pdfInfo,
  pdfText,
  qpdfCheck,
  quoteOf,
  readTable,
  samplePlan,
  TODAY,
} from './support';

// Issue 14: the customer proposal in the customer's language (--lang en|de|fr|es|pl and the
// app's choice): every label translated, amounts and dates by Intl in that locale, and still
// nothing of the vendor, the channel, costs or other customers.

/** pdftotext writes the no-break spaces Intl puts in amounts as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const phrase = (text: string) => new RegExp(plain(text).split(/\s+/).map(escape).join('\\s+'));

describe('the labels', () => {
  const fonts = [
    fontCodePoints(new Uint8Array(readFileSync(join(FONTS_DIR, 'DejaVuSans-subset.ttf')))),
    fontCodePoints(new Uint8Array(readFileSync(join(FONTS_DIR, 'DejaVuSans-Bold-subset.ttf')))),
  ];
  const texts = (lang: (typeof DOCUMENT_LANGUAGES)[number]) => {
    const L = customerLabels(lang);
    return Object.values(L).map((v) =>
      typeof v === 'function'
        ? (v as (...a: unknown[]) => string)(2, '2', 'X', 'Y', 'Z')
        : String(v),
    );
  };

  for (const lang of DOCUMENT_LANGUAGES) {
    it(`${lang}: every character prints with the embedded fonts (regular and bold)`, () => {
      for (const text of texts(lang)) {
        for (const ch of text.normalize('NFC')) {
          for (const font of fonts)
            expect(font.has(ch.codePointAt(0)!), `${ch} in "${text}"`).toBe(true);
        }
      }
    });

    if (lang !== 'en') {
      it(`${lang}: every label differs from English but names and symbols`, () => {
        const en = texts('en');
        const other = texts(lang);
        const same = other.filter(
          (t, i) => t === en[i] && !/^(Date|Total|Apps|Page|Prix)$/.test(t),
        );
        expect(same, lang).toEqual([]);
      });
    }

    it(`${lang}: never says cost, margin, commission, partner or distributor`, () => {
      const words =
        /cost|margin|commission|partner|distribut|Kosten|Marge|Provision|coût|comisi|prowizj|marża|koszt/i;
      for (const text of texts(lang)) expect(text, text).not.toMatch(words);
    });
  }

  it('Polish months take the right plural', () => {
    const pl = customerLabels('pl');
    expect(pl.commitmentTerm(1, 'a', 'b')).toMatch(/^1 miesiąc:/);
    expect(pl.commitmentTerm(24, 'a', 'b')).toMatch(/^24 miesiące:/);
    expect(pl.commitmentTerm(36, 'a', 'b')).toMatch(/^36 miesięcy:/);
    expect(pl.commitmentTerm(12, 'a', 'b')).toMatch(/^12 miesięcy:/);
  });
});

describe.skipIf(!HAVE_PDF_TOOLS)('customer proposals in five languages', () => {
  const scenario = samplePlan();
  const table = readTable();
  const quote = quoteOf(scenario, table);
  const files = new Map<string, { path: string; text: string; info: string }>();

  beforeAll(async () => {
    for (const lang of DOCUMENT_LANGUAGES) {
      for (const customerId of ['c2', 'c7']) {
        const { path } = await buildToFile(inputOf('customer-proposal', { customerId, lang }));
        files.set(`${lang}-${customerId}`, { path, text: pdfText(path), info: pdfInfo(path).text });
      }
    }
  }, 120_000);

  for (const lang of DOCUMENT_LANGUAGES) {
    const L = customerLabels(lang);
    const fmt = documentFormat('USD', LANGUAGE_LOCALES[lang]);

    it(`${lang}: passes qpdf and numbers its pages in the language`, () => {
      const { path, text } = files.get(`${lang}-c7`)!;
      expect(qpdfCheck(path).status).toBe(0);
      // the cover, the service and prices, the commitment and the invoice schedule, the terms
      const { pages } = pdfInfo(path);
      expect(pages).toBeGreaterThanOrEqual(2);
      for (let i = 1; i <= pages; i++) expect(text).toMatch(phrase(L.pageOf(i, pages)));
    });

    it(`${lang}: the labels, the amounts and dates in the locale, the whole commitment`, () => {
      const { text } = files.get(`${lang}-c7`)!;
      const series = customerSeries(scenario, table, { today: TODAY }, ['c7'])![0]!;
      const last = series.months.filter((m) => m.active).at(-1)!;
      for (const label of [L.title, L.yourService, L.pricesHeading, L.commitment, L.termTotal]) {
        expect(text, label).toMatch(phrase(label));
      }
      expect(text).toMatch(phrase(fmt.money(series.totals.revenue)));
      expect(text).toMatch(phrase(fmt.money(last.recurringRevenue)));
      const term = (BigInt(Math.round(Number(last.recurringRevenue) * 100)) * 60n).toString();
      expect(text).toMatch(phrase(fmt.money(`${term.slice(0, -2)}.${term.slice(-2)}`)));
      expect(text).toMatch(phrase(fmt.date(TODAY)));
    });

    it(`${lang}: nothing of the vendor, the channel, costs or other customers`, () => {
      const { text, info } = files.get(`${lang}-c2`)!;
      const own = quote.customers.find((c) => c.id === 'c2')!;
      const hidden = [
        table.vendorName,
        table.product,
        ...scenario.channel.partners.map((p) => p.name),
        ...scenario.channel.distributors.map((d) => d.name),
        ...scenario.customers.filter((c) => c.id !== 'c2').map((c) => c.name),
        scenario.preparedBy.company,
      ];
      for (const word of hidden) {
        expect(text.toLowerCase(), word).not.toMatch(
          new RegExp(`\\b${escape(word.toLowerCase())}\\b`),
        );
        expect(info.toLowerCase(), word).not.toMatch(
          new RegExp(`\\b${escape(word.toLowerCase())}\\b`),
        );
      }
      for (const amount of [own.totals.cost, own.totals.commissions, own.totals.margin]) {
        expect(text, amount).not.toMatch(phrase(fmt.money(amount)));
      }
    });
  }

  it('German amounts read "78.946,44 $" as Intl writes them', () => {
    expect(plain(documentFormat('USD', 'de-DE').money('78946.44'))).toBe('78.946,44 $');
    expect(files.get('de-c7')!.text).toMatch(/\d{1,3}(\.\d{3})*,\d{2} \$/);
  });
});
