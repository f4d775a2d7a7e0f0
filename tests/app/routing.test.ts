import { describe, expect, it } from 'vitest';
import {
  fieldLink,
  formatHash,
  neighbours,
  parseHash,
  parsePage,
  STEPS,
  stepForPath,
} from '../../src/app/routing';

describe('the wizard steps', () => {
  it('are the seven steps of PRODUCT.md, in order', () => {
    expect(STEPS.map((s) => s.id)).toEqual([
      'deal',
      'platform',
      'customers',
      'apps',
      'channel',
      'pricing',
      'results',
    ]);
    expect(STEPS.map((s) => s.label)).toEqual([
      'Deal',
      'Platform',
      'Customers',
      'White-label apps',
      'Channel',
      'Pricing',
      'Results',
    ]);
  });

  it('have no step before the first nor after the last', () => {
    expect(neighbours('deal')).toEqual({ back: null, next: 'platform' });
    expect(neighbours('apps')).toEqual({ back: 'customers', next: 'channel' });
    expect(neighbours('results')).toEqual({ back: 'pricing', next: null });
  });
});

describe('the step in the URL hash', () => {
  it('reads every step', () => {
    for (const { id } of STEPS) expect(parseHash(`#/${id}`)).toEqual({ step: id, field: null });
  });

  it('opens the first step for an empty or unknown hash', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#deal-ish', '#/DEAL', '#/__proto__']) {
      expect(parseHash(hash).step).toBe('deal');
    }
  });

  it('reads the field to fix', () => {
    expect(parseHash('#/apps?field=customers%5B2%5D.apps%5B0%5D.count')).toEqual({
      step: 'apps',
      field: 'customers[2].apps[0].count',
    });
    expect(parseHash('#/apps?field=')).toEqual({ step: 'apps', field: null });
    expect(parseHash('#/apps?other=1')).toEqual({ step: 'apps', field: null });
  });

  it('round-trips through formatHash', () => {
    expect(formatHash('platform')).toBe('#/platform');
    for (const { id } of STEPS) {
      for (const field of [null, 'title', 'customers[10].license.model', 'a&b=c?d#e']) {
        expect(parseHash(formatHash(id, field))).toEqual({ step: id, field });
      }
    }
  });
});

describe('the step that owns a scenario path', () => {
  it.each([
    ['priceTable', 'deal'],
    ['priceTable.version', 'deal'],
    ['title', 'deal'],
    ['brand.primaryColor', 'deal'],
    ['horizonMonths', 'deal'],
    ['', 'deal'],
    ['platform', 'platform'],
    ['platform.appliance.count', 'platform'],
    ['customers', 'customers'],
    ['customers[2]', 'customers'],
    ['customers[2].license.model', 'customers'],
    ['customers[2].appsX', 'customers'],
    ['customers[2].apps', 'apps'],
    ['customers[2].apps[0].count', 'apps'],
    ['mainApps[1].bundleId', 'apps'],
    ['channel.partners[0].distributorId', 'channel'],
    ['pricing.minMarginPct', 'pricing'],
  ] as const)('%s belongs to %s', (path, step) => {
    expect(stepForPath(path)).toBe(step);
  });

  it('links an issue to its field on that step', () => {
    expect(fieldLink('customers[0].apps[1].count')).toEqual({
      href: '#/apps?field=customers%5B0%5D.apps%5B1%5D.count',
      step: 'White-label apps',
    });
    expect(fieldLink('priceTable')).toEqual({ href: '#/deal?field=priceTable', step: 'Deal' });
  });

  it('reads the pages beside the wizard, with their query; wizard hashes are no page', () => {
    expect(parsePage('#/scenarios')).toEqual({ page: 'scenarios', query: '' });
    expect(parsePage('#/shared?d=abc-_123')).toEqual({ page: 'shared', query: 'd=abc-_123' });
    expect(parsePage('#/price-books')).toEqual({ page: 'price-books', query: '' });
    expect(parsePage('#/customers')).toBeNull();
    expect(parsePage('')).toBeNull();
    expect(parsePage('#/__proto__')).toBeNull();
  });
});
