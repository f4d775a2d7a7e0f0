import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileTable,
  customerSeries,
  fixedTermMonthly,
  formatScaled,
  type Scenario,
} from '../../../src/engine/index';
import { fromUnits, sumDecimals, toUnits } from '../../../src/reports/decimal';
import { documentFormat } from '../../../src/reports/pdf/format';
import {
  buildToFile,
  HAVE_PDF_TOOLS,
  inputOf,
  pdfText,
  qpdfCheck,
  quoteOf,
  readTable,
  samplePlan,
  TODAY,
} from './support';

// Issue 14: the customer proposal shows the whole fixed-term commitment, not only the months
// inside the plan; statements for every party of the channel; the internal report's channel
// section; an expired table makes prices indicative; warnings name the line and the field.

const fmt = documentFormat('USD');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A phrase as pdftotext may wrap it: any run of spaces and line breaks between words. */
const phrase = (text: string) => new RegExp(text.split(' ').map(escape).join('\\s+'));
const row = (label: string, value: string) =>
  new RegExp(`${escape(label)}\\s+${escape(value)}(\\s|$)`);

describe.skipIf(!HAVE_PDF_TOOLS)('the whole commitment in the customer proposal', () => {
  const scenario = samplePlan();
  const table = readTable();
  let text = '';

  beforeAll(async () => {
    const { path } = await buildToFile(inputOf('customer-proposal', { customerId: 'c7' }));
    text = pdfText(path);
    expect(qpdfCheck(path).status).toBe(0);
  });

  it('c7 (60 months from month 3 of a 36-month plan): the 60-month term and its total', () => {
    const series = customerSeries(scenario, table, { today: TODAY }, ['c7'])![0]!;
    const active = series.months.filter((m) => m.active);
    // the engine's monthly charge, times the 60 months of the term: exact integers
    const monthly = active[active.length - 1]!.recurringRevenue;
    const termTotal = fromUnits(toUnits(monthly, 2) * 60n, 2);
    expect(text).toMatch(row('Term', '60 months, Mar 2027 to Feb 2032'));
    expect(text).toMatch(row('Monthly charge', fmt.money(monthly)));
    expect(text).toMatch(row('Total for the term', fmt.money(termTotal)));
    // the plan's period is kept apart and labelled
    expect(text).toMatch(
      row('Total for the period', `${fmt.money(series.totals.revenue)} (Mar 2027 – Dec 2029)`),
    );
    expect(text).toMatch(phrase('runs past the period priced above, to Feb 2032'));
    expect(toUnits(termTotal, 2)).toBeGreaterThan(toUnits(series.totals.revenue, 2));
  });

  it("c7's monthly charge is the engine's price of one customer-month (list less the term discount, marked up)", () => {
    const line = scenario.customers.find((c) => c.id === 'c7')!;
    const l = line.license;
    if (l.model !== 'fixed-term') throw new Error('c7 is fixed-term');
    const cost = fixedTermMonthly(compileTable(table), l, l.termMonths);
    const markup = toUnits(scenario.pricing.defaultMarkupPct, 2); // "40" → 4000 hundredths
    // round half away from zero of cost × (1 + 40 %), the engine's rule (positive here)
    const revenue = (BigInt(cost) * (10000n + markup) + 5000n) / 10000n;
    expect(text).toContain(fmt.money(formatScaled(revenue, 2)));
  });

  it('a segment of 40 customers shows the monthly charge for each of them', async () => {
    const { path } = await buildToFile(inputOf('customer-proposal', { customerId: 'c3' }));
    const t = pdfText(path);
    const series = customerSeries(scenario, table, { today: TODAY }, ['c3'])![0]!;
    const last = series.months[series.months.length - 1]!;
    const each = fromUnits(toUnits(last.recurringRevenue, 2) / 40n, 2);
    expect(toUnits(each, 2) * 40n).toBe(toUnits(last.recurringRevenue, 2));
    expect(t).toMatch(row('Monthly charge for each of the 40', fmt.money(each)));
  });

  it('names one-off items: the setup of the apps, or a one-off service fee', async () => {
    const c1 = pdfText(
      (await buildToFile(inputOf('customer-proposal', { customerId: 'c1' }))).path,
    );
    // the period may wrap onto the next line of its cell
    expect(c1).toMatch(phrase('One-off: setup of 1 × Full Feature (Jan'));
    const c5 = pdfText(
      (await buildToFile(inputOf('customer-proposal', { customerId: 'c5' }))).path,
    );
    expect(c5).toMatch(/One-off service fee \(May 2027\)\s+\$500\.00/);
  });
});

describe.skipIf(!HAVE_PDF_TOOLS)('an expired price table', () => {
  it("makes the proposal's prices indicative and never states a validity before its date", async () => {
    const today = '2027-07-01'; // the table is valid until 2027-04-30
    const { path } = await buildToFile(inputOf('customer-proposal', { customerId: 'c1', today }));
    const text = pdfText(path);
    expect(text).not.toMatch(/Valid until/);
    expect(text).not.toMatch(/April 30, 2027|July 31, 2027/);
    expect(text).toMatch(/Prices\s+Indicative, to be confirmed/);
    expect(text).toMatch(phrase('indicative and must be confirmed before an order is placed'));
  });

  it('says so on the MSP proposal too', async () => {
    const { path } = await buildToFile(inputOf('msp-proposal', { today: '2027-07-01' }));
    const cover = pdfText(path, 1);
    expect(cover).not.toMatch(/Valid until/);
    expect(cover).toMatch(/Indicative: price book 2026\.11 expired on April 30, 2027/);
  });
});

/** Each party's commission from the quote's lines: partner or distributor part. */
function commissionOf(scenario: Scenario, id: string): string {
  const series = customerSeries(scenario, readTable(), { today: TODAY })!;
  const partners = new Map(scenario.channel.partners.map((p) => [p.id, p]));
  const isDistributor = scenario.channel.distributors.some((d) => d.id === id);
  return sumDecimals(
    series.flatMap((s) => {
      const line = scenario.customers[s.index]!;
      if (line.partnerId === null) return [];
      if (isDistributor) {
        return partners.get(line.partnerId)?.distributorId === id
          ? [s.totals.distributorCommission]
          : [];
      }
      return line.partnerId === id ? [s.totals.partnerCommission] : [];
    }),
    2,
  );
}

describe.skipIf(!HAVE_PDF_TOOLS)('partner statements', () => {
  const scenario = samplePlan();
  const quote = quoteOf(scenario, readTable());
  const parties = [...scenario.channel.distributors, ...scenario.channel.partners];
  const texts = new Map<string, string>();

  beforeAll(async () => {
    for (const p of parties) {
      const { path } = await buildToFile(inputOf('partner-statement', { partyId: p.id }));
      expect(qpdfCheck(path).status).toBe(0);
      texts.set(p.id, pdfText(path));
    }
  }, 60_000);

  it("add up, partner by partner and distributor by distributor, to the quote's commissions", () => {
    const sumOver = (pick: (m: (typeof quote.months)[number]) => string) =>
      sumDecimals(quote.months.map(pick), 2);
    const partnerTotal = sumDecimals(
      scenario.channel.partners.map((p) => commissionOf(scenario, p.id)),
      2,
    );
    const distributorTotal = sumDecimals(
      scenario.channel.distributors.map((d) => commissionOf(scenario, d.id)),
      2,
    );
    expect(partnerTotal).toBe(sumOver((m) => m.commissions.partner));
    expect(distributorTotal).toBe(sumOver((m) => m.commissions.distributor));
    expect(sumDecimals([partnerTotal, distributorTotal], 2)).toBe(quote.totals!.commissions);
  });

  it('each prints its total, equal to its commissions in the quote, and its rate', () => {
    for (const p of parties) {
      const text = texts.get(p.id)!;
      const total = fmt.money(commissionOf(scenario, p.id));
      expect(text, p.id).toMatch(row('Commission over the plan', total));
      expect(text, p.id).toMatch(new RegExp(`\\n\\s*Total\\s+\\S+\\s+${escape(total)}`));
    }
    expect(texts.get('p1')).toMatch(/Source of the rate\s+Bluepeak Distribution's rate for its/);
    // (pdftotext may drop the space before the percent sign)
    expect(texts.get('p1')).toMatch(/Commission rate\s+7\s?%/);
    expect(texts.get('p2')).toMatch(/Source of the rate\s+The partner's own rate/);
    expect(texts.get('d2')).toMatch(/No rate set: no commission/);
  });

  it("shows only the party's own customer lines, and never the deal's cost or margin", () => {
    const p1 = texts.get('p1')!;
    expect(p1).toContain('Müller GmbH');
    expect(p1).toContain('Brightwave Events Ltd');
    for (const other of ['Łódź Telekom', 'Redwood Dental Group', 'Small-business web shops']) {
      expect(p1).not.toContain(other);
    }
    expect(p1).not.toMatch(/margin|cost/i);
    // a distributor sees its partners' lines, with the partner named
    const d2 = texts.get('d2')!;
    expect(d2).toContain('Łódź Telekom');
    expect(d2).toContain('Vistula Systems');
  });

  it('refuses an unknown party, listing the ids', async () => {
    await expect(buildToFile(inputOf('partner-statement', { partyId: 'zz' }))).rejects.toThrow(
      /no distributor or partner has the id "zz"; the scenario's are d1, d2, p1, p2, p3/,
    );
  });
});

describe.skipIf(!HAVE_PDF_TOOLS)("the internal report's channel and warnings", () => {
  it('lists each distributor and partner with its rate, source and commission, and the total', async () => {
    const scenario = samplePlan();
    const quote = quoteOf(scenario, readTable());
    const { path } = await buildToFile(inputOf('internal-report'));
    const text = pdfText(path);
    expect(text).toMatch(/Channel/);
    for (const id of ['d1', 'p1', 'p2', 'p3']) {
      expect(text).toContain(fmt.money(commissionOf(scenario, id)));
    }
    expect(text).toMatch(row('Total commissions', fmt.money(quote.totals!.commissions)));
  });

  it('places warnings by line name, never by JSON path or line id', async () => {
    const base = samplePlan();
    // a minimum margin above every line's: each line warns (path customers[i], "Line 'c1' …")
    const scenario: Scenario = { ...base, pricing: { ...base.pricing, minMarginPct: '60' } };
    const quote = quoteOf(scenario, readTable());
    expect(quote.issues.some((i) => i.path === 'customers[0]')).toBe(true);
    const { path } = await buildToFile(inputOf('internal-report', { scenario, quote }));
    const text = pdfText(path);
    expect(text).not.toMatch(/customers\[\d+\]/);
    expect(text).not.toMatch(/Line 'c\d'/);
    expect(text).toMatch(/Warning\s+Müller GmbH\s+Müller GmbH margin 23\.33 % is below/);
  });
});
