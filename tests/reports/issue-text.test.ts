import { describe, expect, it } from 'vitest';
import { issueText, labelOfPath, plainSchemaMessage, whereOf } from '../../src/reports/issue-text';
import { sampleScenario } from '../../src/state/sample';
import { engineQuote } from '../support/app-state';

describe('issue text: the screens words for an issue', () => {
  const scenario = sampleScenario();
  const second = scenario.customers[1]!;

  it('names the line and the field label, never the JSON path', () => {
    expect(whereOf('customers[1].startMonth', scenario)).toBe(`${second.name} · Start month`);
    expect(whereOf('customers[1].license.vServices', scenario)).toBe(`${second.name} · vServices`);
    expect(whereOf('customers[1].apps[0].count', scenario)).toBe(`${second.name} · app 1 · Count`);
    expect(whereOf('mainApps[2].usersPerApp', scenario)).toBe('Main app 3 · Users per app');
    expect(whereOf('platform.headroomPct', scenario)).toBe('Platform · Headroom %');
    expect(whereOf('horizonMonths', scenario)).toBe('Deal · Horizon (months)');
    expect(whereOf('pricing.minMarginPct', scenario)).toBe('Pricing · Minimum margin %');
    // without the scenario a line is named by its place
    expect(whereOf('customers[4].count', null)).toBe('Customer line 5 · Count');
    expect(labelOfPath('customers[4].license.termMonths', null)).toBe('Term');
  });

  it('turns an engine issue into where and a message that names the line, not its id', () => {
    const broken = {
      ...scenario,
      customers: scenario.customers.map((l, i) => (i === 1 ? { ...l, startMonth: 99 } : l)),
    };
    const issue = engineQuote(broken).issues.find((i) => i.code === 'month-out-of-range')!;
    expect(issue.path).toBe('customers[1].startMonth');
    expect(issue.message).toContain(`'${second.id}'`);
    const text = issueText(issue, broken);
    expect(text.where).toBe(`${second.name} · Start month`);
    expect(text.message).toContain(`${second.name} starts in month 99`);
    expect(text.message).not.toContain(`'${second.id}'`);
    expect(`${text.where} ${text.message}`).not.toMatch(/customers\[/);
  });

  it('rewrites schema messages for people, led by the label', () => {
    expect(
      plainSchemaMessage(
        'must be a percent written as a string with at most 4 decimals, like "12.5"',
        'Headroom %',
      ),
    ).toBe('Headroom % must be a percentage from 0 to 100 with at most 4 decimals, like 12.5');
    expect(plainSchemaMessage('must be a percent from 0 to 100', 'Headroom %')).toBe(
      'Headroom % must be a percentage from 0 to 100',
    );
    expect(
      plainSchemaMessage(
        'must be an amount written as a string with at most 6 decimals, like "12.50"',
        'Monthly price',
      ),
    ).toBe('Monthly price must be an amount with at most 6 decimals, like 12.50');
    expect(plainSchemaMessage('must be a whole number', 'Count')).toBe(
      'Count must be a whole number',
    );
    // a message that is not "must …" keeps its words after the label; quotes around typed ids stay
    expect(plainSchemaMessage('partner id "p1" is used more than once', 'Id')).toBe(
      'Id: partner id "p1" is used more than once',
    );
    expect(plainSchemaMessage('must be a whole number')).toBe('Must be a whole number');
  });
});
