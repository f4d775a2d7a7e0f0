import { describe, expect, it } from 'vitest';
import { customerSeries, minorDigitsOf } from '../../../src/engine/index';
import { sumDecimals } from '../../../src/reports/decimal';
import { withoutVendor } from '../../../src/reports/pdf/customer-proposal';
import { documentFormat } from '../../../src/reports/pdf/format';
import {
  canonicalJson,
  documentFileName,
  proposalNumber,
  slug,
  validUntil,
} from '../../../src/reports/pdf/identity';
import { priceSchedule } from '../../../src/reports/pdf/shape';
import { readTable, samplePlan, TODAY } from './support';

const table = readTable();
const scenario = samplePlan();

describe('proposal number', () => {
  const base = { kind: 'msp-proposal' as const, scenario, table, today: TODAY };

  it('reads Q-<date>-<6 hex digits> and is the same for the same input', () => {
    expect(proposalNumber(base)).toMatch(/^Q-20261122-[0-9a-f]{6}$/);
    expect(proposalNumber(base)).toBe(
      proposalNumber({ ...base, scenario: structuredClone(scenario) }),
    );
  });

  it('does not depend on the order of the scenario keys (store and CLI agree)', () => {
    // canonical JSON sorts the keys; then the top level reversed: nothing in the original order
    const reordered = JSON.parse(canonicalJson(scenario)) as typeof scenario;
    const reversed = Object.fromEntries(Object.entries(reordered).reverse()) as typeof scenario;
    expect(proposalNumber({ ...base, scenario: reversed })).toBe(proposalNumber(base));
  });

  it('changes with the document, the date, the table version, the customer and the scenario', () => {
    const n = proposalNumber(base);
    expect(proposalNumber({ ...base, kind: 'internal-report' })).not.toBe(n);
    expect(proposalNumber({ ...base, today: '2026-11-23' })).not.toBe(n);
    expect(proposalNumber({ ...base, table: { ...table, version: '2026.05' } })).not.toBe(n);
    expect(proposalNumber({ ...base, scenario: { ...scenario, horizonMonths: 24 } })).not.toBe(n);
    const c1 = proposalNumber({ ...base, kind: 'customer-proposal', customerId: 'c1' });
    expect(proposalNumber({ ...base, kind: 'customer-proposal', customerId: 'c2' })).not.toBe(c1);
  });
});

describe('valid until', () => {
  it('is today + 30 days when the table is valid longer', () => {
    expect(validUntil('2026-11-22', '2027-04-30')).toBe('2026-12-22');
    expect(validUntil('2027-01-31', null)).toBe('2027-03-02');
  });

  it("is the table's validUntil when that comes first", () => {
    expect(validUntil('2027-04-15', '2027-04-30')).toBe('2027-04-30');
    expect(validUntil('2027-05-10', '2027-04-30')).toBe('2027-04-30');
  });
});

describe('file names', () => {
  it('are ASCII, from the title or the brand and customer, with the date', () => {
    expect(documentFileName({ kind: 'msp-proposal', scenario, today: TODAY })).toBe(
      'northwind-msp-2027-platform-plan-msp-proposal-2026-11-22.pdf',
    );
    expect(documentFileName({ kind: 'internal-report', scenario, today: TODAY })).toBe(
      'northwind-msp-2027-platform-plan-internal-report-2026-11-22.pdf',
    );
    expect(
      documentFileName({ kind: 'customer-proposal', scenario, customerId: 'c2', today: TODAY }),
    ).toBe('northwind-shield-proposal-lodz-telekom-2026-11-22.pdf');
  });

  it('fall back to the id for a name with no Latin letters', () => {
    expect(
      documentFileName({ kind: 'customer-proposal', scenario, customerId: 'c9', today: TODAY }),
    ).toBe('northwind-shield-proposal-c9-2026-11-22.pdf');
    expect(slug('Müller GmbH')).toBe('muller-gmbh');
    expect(slug('Ελληνικά Δίκτυα')).toBe('');
  });
});

describe('the vendor name in table texts of a customer proposal', () => {
  it('is taken out wherever it stands', () => {
    expect(withoutVendor('TR7 Essential', 'TR7')).toBe('Essential');
    expect(withoutVendor('Essential (tr7)', 'TR7')).toBe('Essential ()');
    expect(withoutVendor('ActiveOps', 'TR7')).toBe('ActiveOps');
    expect(withoutVendor('Essential', '')).toBe('Essential');
  });
});

describe('a customer line’s price schedule', () => {
  const digits = minorDigitsOf(table.currency);
  const all = customerSeries(scenario, table, { today: TODAY })!;

  it('adds up, runs and one-off charges, to the line’s revenue in the quote', () => {
    for (const series of all) {
      const { runs, oneOff } = priceSchedule(series, digits);
      const total = sumDecimals(
        [...runs.map((r) => r.amount), ...oneOff.map((o) => o.amount)],
        digits,
      );
      expect(total).toBe(series.totals.revenue);
      expect(runs.reduce((n, r) => n + r.months, 0)).toBe(
        series.months.filter((m) => m.active).length,
      );
    }
  });

  it('is one run for a fixed-term line that renews, one per change for a seasonal PAYG line', () => {
    const byId = new Map(all.map((s) => [s.customerId, s]));
    expect(priceSchedule(byId.get('c1')!, digits).runs).toHaveLength(1);
    expect(priceSchedule(byId.get('c4')!, digits).runs.length).toBeGreaterThan(12);
  });
});

describe('document formatting (en-US, whoever builds the file)', () => {
  it('writes amounts exactly, in the currency', () => {
    const usd = documentFormat('USD');
    expect(usd.money('1234567.89')).toBe('$1,234,567.89');
    expect(usd.money('-0.05')).toBe('-$0.05');
    expect(documentFormat('EUR').money('1234.50')).toBe('€1,234.50');
    expect(documentFormat('JPY').money('1234')).toBe('¥1,234');
    // a decimal string past 2^53 stays exact
    expect(usd.money('90071992547409.93')).toBe('$90,071,992,547,409.93');
  });

  it('writes dates and periods in words', () => {
    const f = documentFormat('USD');
    expect(f.date('2026-11-22')).toBe('November 22, 2026');
    expect(f.period('2027-01')).toBe('Jan 2027');
    expect(f.periodLong('2027-01')).toBe('January 2027');
    expect(f.pct('12.91')).toBe('12.91 %');
    expect(f.pct(null)).toBe('—');
  });
});
