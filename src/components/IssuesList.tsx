import { createContext, useContext } from 'react';
import type { QuoteIssue, Scenario } from '../engine/index';
import { issueText } from '../reports/issue-text';

/**
 * The open scenario for lists rendered without the `scenario` prop (the Results step): the
 * shell provides it, since components may not read the store.
 */
export const IssueScenarioContext = createContext<Scenario | null>(null);

/** Where to fix the field at a scenario path: the link and the name of its step. */
export type LinkFor = (path: string) => { readonly href: string; readonly step: string };

export interface IssuesListProps {
  readonly issues: readonly QuoteIssue[];
  readonly linkFor: LinkFor;
  /** The open scenario, so an issue names its line ("Müller GmbH") rather than an index. */
  readonly scenario?: Scenario | null;
  /** The list's class: `results-issues` on the Results step, `issues` in the live summary. */
  readonly className?: string;
}

/**
 * Every issue of the quote, errors first, each naming the line and the field's label in the
 * screens' words (`issueText`, never the JSON path) with a link to the field to fix (the shell
 * hands in `linkFor`, which knows the steps). Shared by the live summary and the Results step.
 */
export function IssuesList({
  issues,
  linkFor,
  scenario: given,
  className = 'results-issues',
}: IssuesListProps) {
  const provided = useContext(IssueScenarioContext);
  const scenario = given ?? provided;
  if (issues.length === 0) return <p>No issues: nothing to fix.</p>;
  const ordered = [
    ...issues.filter((i) => i.level === 'error'),
    ...issues.filter((i) => i.level !== 'error'),
  ];
  return (
    <ul className={className}>
      {ordered.map((issue, i) => {
        const link = linkFor(issue.path);
        const text = issueText(issue, scenario);
        return (
          <li key={`${issue.code}-${issue.path}-${i}`} className={`issue-${issue.level}`}>
            <span className="issue-level">{issue.level === 'error' ? 'Error' : 'Warning'}:</span>{' '}
            <span className="issue-where">{text.where}</span> — {text.message}{' '}
            <a href={link.href} aria-label={`Fix it: ${text.where} (${link.step} step)`}>
              Fix it
            </a>
          </li>
        );
      })}
    </ul>
  );
}
