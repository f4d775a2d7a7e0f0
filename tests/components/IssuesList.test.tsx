// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldLink } from '../../src/app/routing';
import { IssuesList } from '../../src/components/IssuesList';
import type { QuoteIssue } from '../../src/engine/index';
import { sampleScenario } from '../../src/state/sample';

afterEach(cleanup);

describe('the issues list', () => {
  const scenario = sampleScenario();
  const line = scenario.customers[1]!;
  const issues: QuoteIssue[] = [
    {
      level: 'warning',
      code: 'below-min-margin',
      path: 'customers[0]',
      message: 'A warning.',
    },
    {
      level: 'error',
      code: 'month-out-of-range',
      path: 'customers[1].startMonth',
      message: `Line '${line.id}' starts in month 99; it must start between month 1 and month 36.`,
    },
  ];

  it('names the line and the field, errors first, with a "Fix it" link to the field', () => {
    render(<IssuesList issues={issues} linkFor={fieldLink} scenario={scenario} />);
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      `Error: ${line.name} · Start month — ${line.name} starts in month 99`,
    );
    expect(items[1]).toHaveTextContent(/^Warning:/);
    const link = within(items[0]!).getByRole('link', { name: /^Fix it/ });
    expect(link).toHaveTextContent('Fix it');
    expect(link).toHaveAttribute('href', fieldLink('customers[1].startMonth').href);
    // no JSON path and no line id anywhere in the text
    expect(screen.getByRole('list')).not.toHaveTextContent('customers[');
    expect(screen.getByRole('list')).not.toHaveTextContent(`'${line.id}'`);
  });

  it('says there is nothing to fix when there are no issues', () => {
    render(<IssuesList issues={[]} linkFor={fieldLink} />);
    expect(screen.getByText('No issues: nothing to fix.')).toBeInTheDocument();
  });
});
