import { describe, expect, it } from 'vitest';
import { issueText, labelOfPath, whereOf } from '../../src/reports/issue-text';
import { sampleScenario } from '../../src/state/sample';
import { engineQuote } from '../support/app-state';

describe('issue text for changes over time and billing', () => {
  const scenario = sampleScenario();
  const segment = scenario.customers[2]!;

  it('names the line, the change by its place and the field as the timeline labels it', () => {
    expect(whereOf('customers[2].changes[1].fromMonth', scenario)).toBe(
      `${segment.name} · change 2 · From month`,
    );
    expect(labelOfPath('customers[2].changes[0].count', scenario)).toBe('Customers');
    expect(whereOf('customers[2].changes', scenario)).toBe(`${segment.name} · Changes over time`);
    expect(whereOf('customers[2].billing', scenario)).toBe(
      `${segment.name} · Invoicing of the term`,
    );
    expect(whereOf('billing.vendor.paymentDelayMonths', scenario)).toBe(
      'Billing · Payment delay to the vendor',
    );
    expect(whereOf('billing.customers.fixedTerm', scenario)).toBe(
      "Billing · Customers' invoicing of terms",
    );
  });

  it("says an engine issue on a change in the screen's words, without ids or paths", () => {
    const broken = {
      ...scenario,
      customers: scenario.customers.map((l, i) =>
        i === 2 ? { ...l, changes: [{ fromMonth: 99, count: 5 }] } : l,
      ),
    };
    const issue = engineQuote(broken).issues.find((i) => i.code === 'month-out-of-range')!;
    const text = issueText(issue, broken);
    expect(text.where).toBe(`${segment.name} · change 1 · From month`);
    expect(text.message).not.toContain(`'${segment.id}'`);
    expect(text.message).not.toMatch(/customers\[/);
  });
});
