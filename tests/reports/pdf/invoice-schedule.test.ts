import { parseScenario } from '../../support/scenarios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerSeries, type Scenario } from '../../../src/engine/index';
import {
  customerLabels,
  DOCUMENT_LANGUAGES,
  LANGUAGE_LOCALES,
} from '../../../src/reports/pdf/customer-labels';
import { invoiceRuns } from '../../../src/reports/pdf/customer-proposal';
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
  repo,
} from './support';

// Issue 14: the customer's invoice schedule (PRICING.md §8) in the customer proposal, read back
// from the PDF as the customer reads it: the invoices sum to the line's total for the plan, each
// is due the customers' payment delay after its month, and the proposal still says nothing of
// the vendor, the channel, costs or margins, in every language.

const TODAY = '2026-12-01';
const examples = 'tests/fixtures/examples/';
const table = readTable(`${examples}example-table.json`);
const cash: Scenario = parseScenario(
  JSON.parse(readFileSync(join(repo, `${examples}example-5-cash.json`), 'utf8')),
);
const LINES = ['k1', 'k2', 'k3', 'k4'] as const;

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const phrase = (text: string) => new RegExp(plain(text).split(/\s+/).map(escape).join('\\s+'));
const cents = (usd: string) => BigInt(usd.replace(/[$,]/g, '').replace('.', ''));
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Feb 2027" → months since year 0, to compare invoice and due months. */
const monthIndex = (text: string) => {
  const [mon, year] = text.split(' ') as [string, string];
  return Number(year) * 12 + MONTHS.indexOf(mon);
};

/** The schedule's part of the English text: from its heading to the note or the next heading. */
function scheduleOf(text: string): string {
  const from = text.indexOf('Invoice schedule');
  expect(from).toBeGreaterThanOrEqual(0);
  const rest = text.slice(from);
  return rest.slice(0, rest.search(/\n\s*(The schedule covers|Terms\n)/));
}

describe('invoiceRuns', () => {
  it('groups equal monthly invoices and keeps the line’s total (every line of example 5)', () => {
    for (const id of LINES) {
      const series = customerSeries(cash, table, { today: TODAY }, [id])![0]!;
      const runs = invoiceRuns(series, 2);
      const total = runs.reduce((a, r) => a + cents(r.amount), 0n);
      expect(total, id).toBe(cents(series.totals.revenue));
      for (const r of runs) expect(cents(r.amount)).toBe(cents(r.each) * BigInt(r.invoices));
    }
  });
});

describe.skipIf(!HAVE_PDF_TOOLS)('the invoice schedule in the customer proposal', () => {
  const quote = quoteOf(cash, table, TODAY);
  const files = new Map<string, { path: string; text: string; info: string }>();

  beforeAll(async () => {
    for (const lang of DOCUMENT_LANGUAGES) {
      for (const customerId of LINES) {
        if (lang !== 'en' && customerId !== 'k1' && customerId !== 'k4') continue;
        const input = inputOf('customer-proposal', {
          scenario: cash,
          table,
          quote,
          today: TODAY,
          customerId,
          lang,
        });
        const { path } = await buildToFile(input);
        files.set(`${lang}-${customerId}`, { path, text: pdfText(path), info: pdfInfo(path).text });
      }
    }
  }, 120_000);

  for (const id of LINES) {
    it(`${id}: the invoices sum to the line's revenue and fall due after the customers' delay`, () => {
      const { path, text } = files.get(`en-${id}`)!;
      expect(qpdfCheck(path).status).toBe(0);
      const series = customerSeries(cash, table, { today: TODAY }, [id])![0]!;
      const delay = cash.billing!.customers!.paymentDelayMonths!;
      const rows = scheduleOf(text)
        .split('\n')
        .filter((l) => /^\s*[A-Z][a-z]{2} \d{4}/.test(l));
      expect(rows.length).toBeGreaterThan(0);
      let sum = 0n;
      for (const row of rows) {
        const amounts = row.match(/-?\$[\d,]+\.\d{2}/g)!;
        // the last amount of a row is the row's amount (the one before it, the per-invoice one)
        sum += cents(amounts.at(-1)!);
        const dates = row.match(/[A-Z][a-z]{2} \d{4}/g)!;
        // invoiced [– to], covered [– to], due [– to]: the due months are the invoice months
        // shifted by the delay
        const invoiced = [dates[0]!, row.includes(`${dates[0]} – `) ? dates[1]! : dates[0]!];
        const due = [dates.at(-1)!, dates.length >= 2 ? dates.at(-2)! : dates.at(-1)!];
        const dueFrom = row.match(/([A-Z][a-z]{2} \d{4})( – [A-Z][a-z]{2} \d{4})?\s*$/)!;
        expect(monthIndex(dueFrom[1]!), row).toBe(monthIndex(invoiced[0]!) + delay);
        if (dueFrom[2]) {
          expect(monthIndex(due[0]!), row).toBe(monthIndex(invoiced[1]!) + delay);
        }
      }
      expect(sum).toBe(cents(series.totals.revenue));
      const total = scheduleOf(text)
        .split('\n')
        .find((l) => /^\s*Total\b/.test(l))!;
      expect(cents(total.match(/\$[\d,]+\.\d{2}/g)!.at(-1)!)).toBe(cents(series.totals.revenue));
    });
  }

  it('annual billing: one invoice per year of the term, each the year’s charges (k1)', () => {
    const rows = scheduleOf(files.get('en-k1')!.text)
      .split('\n')
      .filter((l) => /^\s*[A-Z][a-z]{2} \d{4}/.test(l));
    expect(rows.map((r) => r.trim().slice(0, 8))).toEqual(['Jan 2027', 'Jan 2028']);
    expect(rows[0]).toMatch(/Jan 2027 – Dec 2027/);
  });

  it('upfront billing: the term within the plan in one invoice, one-off charges with it (k4)', () => {
    const text = files.get('en-k4')!.text;
    const rows = scheduleOf(text)
      .split('\n')
      .filter((l) => /^\s*[A-Z][a-z]{2} \d{4}/.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/Jul 2027\s+Jul 2027 – Dec 2028/);
    expect(text).toMatch(/One-off charges are on the first invoice/);
  });

  for (const lang of DOCUMENT_LANGUAGES) {
    const L = customerLabels(lang);
    const fmt = documentFormat('USD', LANGUAGE_LOCALES[lang]);

    it(`${lang}: the schedule in the language, its total the line's`, () => {
      for (const id of ['k1', 'k4']) {
        const { text } = files.get(`${lang}-${id}`)!;
        const series = customerSeries(cash, table, { today: TODAY }, [id])![0]!;
        expect(text).toMatch(phrase(L.invoiceSchedule));
        expect(text).toMatch(phrase(L.invoiceDue(1)));
        expect(text).toMatch(phrase(fmt.money(series.totals.revenue)));
      }
    });

    it(`${lang}: nothing of the vendor, the channel, costs, margins or other customers`, () => {
      for (const id of ['k1', 'k4']) {
        const { text, info } = files.get(`${lang}-${id}`)!;
        const own = quote.customers.find((c) => c.id === id)!;
        const hidden = [
          table.vendorName,
          table.product,
          'vendor',
          ...cash.channel.partners.map((p) => p.name),
          ...cash.channel.distributors.map((d) => d.name),
          ...cash.customers.filter((c) => c.id !== id).map((c) => c.name),
        ];
        for (const word of hidden) {
          const re = new RegExp(`\\b${escape(word.toLowerCase())}\\b`);
          expect(text.toLowerCase(), word).not.toMatch(re);
          expect(info.toLowerCase(), word).not.toMatch(re);
        }
        expect(text).not.toMatch(
          /cost|margin|commission|partner|distribut|Kosten|Marge|Provision|coût|comisi|prowizj|marża|koszt|Lieferant|fournisseur|proveedor|dostawc/i,
        );
        for (const amount of [own.totals.cost, own.totals.commissions, own.totals.margin]) {
          // a zero commission of a direct line is no secret, and "0,00" ends other amounts
          if (cents(amount) === 0n) continue;
          const whole = new RegExp(`(?<![\\d.,])${phrase(fmt.money(amount)).source}`);
          expect(text, amount).not.toMatch(whole);
        }
      }
    });
  }
});
