import { createContext, useContext } from 'react';
import type { DocumentInput } from '../../reports/pdf/index';

/**
 * How a view asks for a party's statement PDF without importing the documents feature (features
 * do not import each other): the shell provides the documents feature's builder in this context
 * and the Results step's "What every party earns" section calls it. Without a provider (tests,
 * a page with no documents) there is no statement button.
 */

/** A `partner-statement` to build and offer as a download: everything but the fonts. */
export type StatementRequest = Omit<DocumentInput, 'fonts'> & {
  kind: 'partner-statement';
  partyId: string;
};

/** Builds the statement (in the background) and offers it as a download; rejects on failure. */
export type StatementBuilder = (
  request: StatementRequest,
  options: { readonly signal?: AbortSignal },
) => Promise<{ readonly fileName: string }>;

export const StatementBuilderContext = createContext<StatementBuilder | null>(null);

export function useStatementBuilder(): StatementBuilder | null {
  return useContext(StatementBuilderContext);
}
