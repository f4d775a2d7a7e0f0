import { describe, expect, it } from 'vitest';
import { tableProblemText, whereInTable } from '../../../src/features/price-books/table-problems';

/** A file as a vendor writes it: entries named, ids beside the names. */
const file = {
  currency: 'usd',
  platform: { appliances: [{ id: 'a1', name: 'Edge 200' }], environments: [{ id: 'vm' }] },
  service: {
    bandwidthTiers: [{ id: '1g', label: '1 Gbps', mbps: 1000 }],
    bundles: [
      { id: 'std', name: 'Standard' },
      { id: 'adv', name: 'Advanced' },
    ],
    fixedTerm: { terms: [{ months: 12 }, { months: 36 }], monthlyList: {} },
  },
  apps: { bundles: [{ id: 'ff', name: 'Full feature' }], childApps: { mail: {} } },
};

describe('a price-table problem in plain words', () => {
  it('names the entry by its name in the file and the field by its label', () => {
    expect(whereInTable('service.bundles[1].includedVServices', file)).toBe(
      'Bundle “Advanced” · Included vServices',
    );
    expect(whereInTable('service.fixedTerm.terms[1].discountPct', file)).toBe(
      'Term of 36 months · Discount %',
    );
    expect(whereInTable('platform.appliances[0].supportPctPerYear', file)).toBe(
      'Appliance “Edge 200” · Support % a year',
    );
    expect(whereInTable('platform.environments[0].name', file)).toBe('Environment “vm” · Name');
    expect(whereInTable('service.fixedTerm.monthlyList.adv.1g', file)).toBe(
      'Fixed-term list price of “Advanced” at “1 Gbps”',
    );
    expect(whereInTable('apps.bundles[0].perUser.tiers[2].upTo', file)).toBe(
      'App bundle “Full feature” · Price per user · Tier 3 · Up to',
    );
    expect(whereInTable('apps.childApps.mail.setupFee', file)).toBe('Child app “mail” · Setup fee');
    expect(whereInTable('currency', file)).toBe('Currency');
    expect(whereInTable('', file)).toBe('The whole file');
  });

  it('numbers an entry the file does not name, and reads a file that is not JSON', () => {
    expect(whereInTable('service.bundles[7].rank', file)).toBe('Bundle 8 · Rank');
    expect(whereInTable('service.bundles[0].rank', null)).toBe('Bundle 1 · Rank');
  });

  it('never shows a JSON path or a storage phrase in the words, and keeps the path apart', () => {
    const text = tableProblemText(
      {
        path: 'service.bundles[1].features',
        message: 'must be a percent written as a string with at most 4 decimals',
      },
      file,
    );
    expect(text.where).not.toMatch(/[[\].]\w/);
    expect(text.message).not.toContain('written as a string');
    expect(text.path).toBe('service.bundles[1].features');
  });
});
