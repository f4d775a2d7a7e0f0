import { crc32, deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { calculateQuote, type Quote } from '../../../src/engine/index';
import { platformAmounts } from '../../../src/reports/totals';
import { buildDocument, DocumentInputError } from '../../../src/reports/pdf/index';
import { documentFormat } from '../../../src/reports/pdf/format';
import {
  buildToFile,
  HAVE_PDF_TOOLS,
  inputOf,
  pageNumbers,
  pdfInfo,
  pdfText,
  qpdfCheck,
  readTable,
  samplePlan,
  TODAY,
} from './support';

// The three documents of the sample plan (with a Cyrillic line added), checked as a reader gets
// them: the file passes qpdf, its text (pdftotext) holds the quote's figures formatted, the
// names in four scripts come out intact, and every page says "Page i of N".

const NAMES = ['Łódź Telekom', 'Müller GmbH', 'Ελληνικά Δίκτυα', 'Москва Хостинг'];
const fmt = documentFormat('USD');
const money = fmt.money;

/** `a` then `b` later on the same line of the extracted text (a table row). */
function row(...cells: string[]): RegExp {
  const esc = cells.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(esc.join('[^\\n]*'));
}

function expectPageNumbers(path: string): number {
  const { pages, labels } = pageNumbers(path);
  expect(pages).toBeGreaterThan(1);
  expect(labels).toEqual(Array.from({ length: pages }, (_, i) => `Page ${i + 1} of ${pages}`));
  return pages;
}

describe.skipIf(!HAVE_PDF_TOOLS)('the documents of the sample plan, as a reader sees them', () => {
  const input = inputOf('msp-proposal');
  const quote = input.quote;
  const totals = quote.totals!;
  const c1 = quote.customers.find((c) => c.id === 'c1')!;
  const files: Record<string, { path: string; text: string; cover: string }> = {};

  beforeAll(async () => {
    for (const kind of ['msp-proposal', 'internal-report'] as const) {
      const { path } = await buildToFile(inputOf(kind));
      files[kind] = { path, text: pdfText(path), cover: pdfText(path, 1) };
    }
  });

  for (const kind of ['msp-proposal', 'internal-report'] as const) {
    it(`${kind}: passes qpdf --check`, () => {
      const r = qpdfCheck(files[kind]!.path);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });

    it(`${kind}: "Page i of N" on every page, N the file's page count`, () => {
      expectPageNumbers(files[kind]!.path);
    });

    it(`${kind}: the names in Latin, Greek and Cyrillic extract intact`, () => {
      for (const name of NAMES) expect(files[kind]!.text).toContain(name);
    });

    it(`${kind}: the cover, the assumptions and the price table's identity`, () => {
      const text = files[kind]!.text;
      expect(text).toMatch(/Proposal number\s+Q-20261122-[0-9a-f]{6}/);
      expect(text).toMatch(/Valid until\s+December 22, 2026/);
      expect(text).toMatch(/Date\s+November 22, 2026/);
      expect(text).toMatch(/Prepared for\s+Oliver Grant, Northwind MSP/);
      // the vendor issues its proposal to the MSP; the internal report carries the MSP's brand
      if (kind === 'msp-proposal') {
        expect(files[kind]!.cover).toMatch(/^\s*TR7\s+PREPARED FOR NORTHWIND MSP/);
        expect(files[kind]!.cover).toMatch(/From\s+TR7/);
      } else {
        expect(text).toContain('Northwind Shield');
      }
      expect(text).toMatch(/Horizon\s+36 months, January 2027 to December 2029/);
      expect(text).toMatch(/Version\s+2026\.11/);
      expect(text).toMatch(/Product\s+tr7-service-provider/);
      expect(text).toMatch(/SHA-256\s+c0ffee00c0ff/);
      expect(text).toMatch(/Vendor\s+TR7/);
    });
  }

  it('msp-proposal: totals, committed spend, margin and a line at vendor prices', () => {
    const text = files['msp-proposal']!.text;
    const platform = platformAmounts(quote)!;
    expect(text).toMatch(row('Total cost over the horizon', money(totals.cost)));
    expect(text).toMatch(
      row('License committed after the', money(totals.licenseCommittedAfterHorizon)),
    );
    expect(text).toMatch(row('TCV', money(totals.revenue)));
    expect(text).toMatch(row('Margin', money(totals.margin)));
    expect(text).toMatch(row('Margin %', `${totals.marginPct} %`));
    // the service licenses table: a line's cost, then the Platform and Total rows = the quote
    expect(text).toMatch(row('Müller GmbH', money(c1.totals.cost)));
    expect(text).toMatch(row('Platform', money(platform.cost)));
    expect(text).toMatch(
      new RegExp(`\\n\\s*Total\\s+${money(totals.cost).replace(/[$.]/g, '\\$&')}`),
    );
    expect(text).toMatch(row('Total cost', money(totals.cost)));
    // term discounts from the table
    expect(text).toMatch(row('60 months', '22 %'));
    expect(text).toContain('Monthly cost and revenue');
  });

  it('internal-report: every line, the Platform and Total rows equal to the quote, the monthly series', () => {
    const text = files['internal-report']!.text;
    const platform = platformAmounts(quote)!;
    for (const [i, c] of quote.customers.entries()) {
      const line = input.scenario.customers[i]!;
      expect(text).toMatch(
        row(
          line.name.slice(0, 14),
          money(c.totals.revenue),
          money(c.totals.cost),
          money(c.totals.margin),
        ),
      );
    }
    expect(text).toMatch(row('Platform', '$0.00', money(platform.cost)));
    expect(text).toMatch(
      row(
        'Total',
        money(totals.revenue),
        money(totals.cost),
        money(totals.commissions),
        money(totals.margin),
        `${totals.marginPct} %`,
      ),
    );
    // the monthly series: every month, and its total row
    for (const m of quote.months) expect(text).toMatch(row(fmt.period(m.period), money(m.revenue)));
    expect(text).toMatch(row('Total', money(totals.revenue)));
    expect(text).toContain('Sizing');
    expect(text).toContain('PAYG advice');
    expect(text).toContain('Price waterfall');
    expect(text).toMatch(/Confidential/);
  });

  it('internal-report: the monthly series is on landscape pages, the rest portrait', () => {
    const { sizes } = pdfInfo(files['internal-report']!.path);
    expect(sizes[0]).toBe('portrait');
    expect(sizes[sizes.length - 1]).toBe('landscape');
  });

  it('a table running over pages repeats its head on each', async () => {
    const s = samplePlan();
    // 60 copies of the lines: the customer lines table spans several pages
    const many = {
      ...s,
      customers: Array.from({ length: 60 }, (_, k) =>
        s.customers.map((c) => ({ ...c, id: `${c.id}-${k}`, name: `${c.name} ${k}` })),
      ).flat(),
    };
    const { path } = await buildToFile(inputOf('internal-report', { scenario: many }));
    expect(qpdfCheck(path).status).toBe(0);
    const pages = pdfInfo(path).pages;
    let tablePages = 0;
    for (let p = 2; p <= pages; p++) {
      const text = pdfText(path, p);
      if (!/Müller GmbH \d+/.test(text)) continue;
      tablePages++;
      expect(text, `page ${p}`).toMatch(/Customer line/);
      // only once a page: a chunk continuing mid-page does not repeat it
      expect(text.match(/Customer line\s+Qty/g)?.length ?? 0, `page ${p}`).toBeLessThanOrEqual(1);
    }
    expect(tablePages).toBeGreaterThan(3);
  });

  it('a logo (PNG data URL) is drawn on the cover, scaled into its box', async () => {
    const s = samplePlan();
    const logo = `data:image/png;base64,${Buffer.from(pngBytes(240, 80)).toString('base64')}`;
    const { path } = await buildToFile(
      inputOf('msp-proposal', { scenario: { ...s, brand: { ...s.brand, logo } } }),
    );
    expect(qpdfCheck(path).status).toBe(0);
  });

  it('prices in euros on the EUR table', async () => {
    const s = samplePlan();
    const table = readTable('pricing-data/tr7-service-provider/EUR/2026.11.json');
    const scenario = { ...s, priceTable: { ...s.priceTable, currency: 'EUR' } };
    const { path } = await buildToFile(inputOf('msp-proposal', { scenario, table }));
    const q = calculateQuote(scenario, table, { today: TODAY });
    expect(pdfText(path)).toMatch(row('TCV', documentFormat('EUR').money(q.totals!.revenue)));
  });

  it('a name in a script the font lacks prints as � and does not break the file', async () => {
    const s = samplePlan();
    const scenario = {
      ...s,
      customers: [{ ...s.customers[0]!, name: '東京 Hosting KK' }, ...s.customers.slice(1)],
    };
    const { path } = await buildToFile(inputOf('internal-report', { scenario }));
    expect(qpdfCheck(path).status).toBe(0);
    expect(pdfText(path)).toContain('\uFFFD\uFFFD Hosting KK');
  });
});

describe('building a document', () => {
  it('is deterministic: the same input gives the same bytes', async () => {
    const a = await buildDocument(inputOf('customer-proposal', { customerId: 'c2' }));
    const b = await buildDocument(inputOf('customer-proposal', { customerId: 'c2' }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('reports progress, ending with done = total', async () => {
    const calls: [number, number, string][] = [];
    await buildDocument(inputOf('internal-report'), (done, total, stage) => {
      calls.push([done, total, stage]);
    });
    expect(calls.length).toBeGreaterThan(5);
    const [done, total, stage] = calls[calls.length - 1]!;
    expect([done, stage]).toEqual([total, 'Done']);
    for (let i = 1; i < calls.length; i++)
      expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
    expect(calls.every(([d, t]) => d <= t)).toBe(true);
  });

  it('waits for a progress listener that returns a promise', async () => {
    let pending = 0;
    let overlapped = false;
    await buildDocument(inputOf('customer-proposal', { customerId: 'c1' }), async () => {
      if (pending > 0) overlapped = true;
      pending++;
      await new Promise((r) => setTimeout(r, 1));
      pending--;
    });
    expect(overlapped).toBe(false);
  });

  it('refuses a quote with errors, naming them', async () => {
    const s = samplePlan();
    const broken = {
      ...s,
      customers: s.customers.map((c, i) =>
        i === 1 ? { ...c, license: { ...c.license, bundle: 'platinum' } } : c,
      ),
    };
    const input = inputOf('msp-proposal', { scenario: broken });
    await expect(buildDocument(input)).rejects.toThrow(DocumentInputError);
    await expect(buildDocument(input)).rejects.toThrow(/1 error.*customers\[1\]\.license\.bundle/);
  });

  it('refuses a customer proposal without a customer, or for an id the scenario does not have', async () => {
    await expect(buildDocument(inputOf('customer-proposal'))).rejects.toThrow(
      /needs a customer: give the id of a customer line \(c1, c2/,
    );
    await expect(
      buildDocument(inputOf('customer-proposal', { customerId: 'c42' })),
    ).rejects.toThrow(/no customer line has the id "c42"/);
  });

  it('refuses a quote of another table or scenario', async () => {
    const other = readTable('pricing-data/tr7-service-provider/USD/2026.05.json');
    await expect(buildDocument({ ...inputOf('msp-proposal'), table: other })).rejects.toThrow(
      /priced on tr7-service-provider USD 2026\.11, not on the table given/,
    );
    const s = samplePlan();
    const quote: Quote = calculateQuote({ ...s, customers: s.customers.slice(1) }, readTable(), {
      today: TODAY,
    });
    await expect(buildDocument({ ...inputOf('internal-report'), quote })).rejects.toThrow(
      /does not match the scenario/,
    );
  });

  it('refuses a logo that is not a readable image, naming brand.logo', async () => {
    const s = samplePlan();
    const logo = `data:image/png;base64,${Buffer.from('not a png at all').toString('base64')}`;
    await expect(
      buildDocument(inputOf('msp-proposal', { scenario: { ...s, brand: { ...s.brand, logo } } })),
    ).rejects.toThrow(/brand\.logo/);
  });
});

/** A small RGB PNG, encoded here (zlib and CRC-32 from node:zlib). */
function pngBytes(width: number, height: number): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = x < width / 2 ? 31 : 240;
      raw[o + 1] = 78;
      raw[o + 2] = 121;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
