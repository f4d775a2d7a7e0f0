import type { QuoteIssue } from '../engine/index';

/** Where to fix the field at a scenario path: the link and the name of its step. */
export type LinkFor = (path: string) => { readonly href: string; readonly step: string };

export interface IssuesListProps {
  readonly issues: readonly QuoteIssue[];
  readonly linkFor: LinkFor;
  /** The list's class: `results-issues` on the Results step, `issues` in the live summary. */
  readonly className?: string;
}

/**
 * Every issue of the quote, errors first, each with a link to the field to fix (the shell
 * hands in `linkFor`, which knows the steps). Shared by the live summary and the Results step.
 */
export function IssuesList({ issues, linkFor, className = 'results-issues' }: IssuesListProps) {
  if (issues.length === 0) return <p>No issues: nothing to fix.</p>;
  const ordered = [
    ...issues.filter((i) => i.level === 'error'),
    ...issues.filter((i) => i.level !== 'error'),
  ];
  return (
    <ul className={className}>
      {ordered.map((issue, i) => {
        const link = linkFor(issue.path);
        return (
          <li key={`${issue.code}-${issue.path}-${i}`} className={`issue-${issue.level}`}>
            <span className="issue-level">{issue.level === 'error' ? 'Error' : 'Warning'}:</span>{' '}
            {issue.message}{' '}
            <a href={link.href}>
              Fix in {link.step}
              {issue.path ? ` (${issue.path})` : ''}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
