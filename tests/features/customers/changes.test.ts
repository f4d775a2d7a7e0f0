import { describe, expect, it } from 'vitest';
import type { CustomerLine } from '../../../src/engine/index';
import {
  EMPTY_DRAFT,
  changeSentence,
  removeChange,
  saveChange,
} from '../../../src/features/customers/changes';

const fixed: CustomerLine = {
  id: 'c1',
  name: 'Segment',
  count: 10,
  startMonth: 3,
  endMonth: null,
  partnerId: null,
  license: {
    model: 'fixed-term',
    bandwidth: '100m',
    bundle: 'b',
    vServices: 2,
    termMonths: 12,
    renew: true,
  },
  sell: null,
  apps: [],
};

describe('saving a change of the timeline', () => {
  it('says in words what is wrong with each field, and never returns a line then', () => {
    const r = saveChange(fixed, 24, null, {
      ...EMPTY_DRAFT,
      fromMonth: 'x',
      count: 'ten',
      vServices: '1.5',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.fromMonth).toMatch(/^From month must/);
    expect(r.errors.count).toMatch(/^Customers must be/);
    expect(r.errors.vServices).toMatch(/^vServices must be/);
  });

  it('keeps a change inside the line: after its start month, by the horizon, one per month', () => {
    const at = (fromMonth: string, line = fixed) =>
      saveChange(line, 24, null, { ...EMPTY_DRAFT, fromMonth, count: '5' });
    expect(at('3')).toMatchObject({ ok: false, errors: { fromMonth: /from 4 to 24/ } });
    expect(at('25')).toMatchObject({ ok: false, errors: { fromMonth: /from 4 to 24/ } });
    const saved = at('4');
    expect(saved.ok && saved.line.changes).toEqual([{ fromMonth: 4, count: 5 }]);
    const twice = saved.ok ? at('4', saved.line) : null;
    expect(twice).toMatchObject({ ok: false, errors: { fromMonth: /already has a change/ } });
  });

  it('refuses hours on a fixed-term line and any change on a converting line', () => {
    expect(
      saveChange(fixed, 24, null, { ...EMPTY_DRAFT, fromMonth: '6', hoursPerMonth: '100' }),
    ).toMatchObject({ ok: false, errors: { hoursPerMonth: /PAYG lines only/ } });
    const converting: CustomerLine = {
      ...fixed,
      license: {
        model: 'payg',
        bandwidth: '100m',
        bundle: 'b',
        vServices: 2,
        hoursPerMonth: 100,
        convertTo: { atMonth: 8, termMonths: 12 },
      },
    };
    expect(
      saveChange(converting, 24, null, { ...EMPTY_DRAFT, fromMonth: '6', count: '3' }),
    ).toMatchObject({ ok: false, errors: { form: /converts to Fixed-Term/ } });
  });

  it('describes a change in words and removes the list with its last change', () => {
    const line = { ...fixed, changes: [{ fromMonth: 7, count: 25, vServices: 12 }] };
    expect(changeSentence(line.changes[0]!, '2027-01', null)).toBe(
      'From Jul 2027 (month 7): 25 customers, 12 vServices',
    );
    expect('changes' in removeChange(line, 0)).toBe(false);
  });
});
