import type {
  PricedQuote,
  PriceTable,
  Quote,
  QuoteOptions,
  QuoteTotals,
  Scenario,
} from '../../engine/index';
import type { PricedDeal } from '../priced-deal';
import type { DocumentLanguage } from './customer-labels';
import type { DocumentFormat } from './format';
import type { DocumentKind } from './identity';
import type { TableNames } from './shape';

export interface DocumentInput {
  kind: DocumentKind;
  scenario: Scenario;
  /** `calculateQuote(scenario, table, { today, tableSha256 })`. */
  quote: Quote;
  /** The pinned table: names, validity, vendor name and notes. */
  table: PriceTable;
  /**
   * Where the table came from: shipped with the app (the default) or a custom table the user
   * loaded (`--price-table FILE` on the command line). A custom table is named so in the
   * identity section (ADR 015); the customer proposal prints no table identity at all.
   */
  tableSource?: 'bundled' | 'custom' | undefined;
  /** YYYY-MM-DD: the document's date. */
  today: string;
  /** The customer line of a customer proposal (required for it, ignored otherwise). */
  customerId?: string | undefined;
  /** The customer proposal's language (English by default; the other documents are English). */
  lang?: DocumentLanguage | undefined;
  /** The distributor or partner a `partner-statement` is for (required for it). */
  partyId?: string | undefined;
  /** DejaVu Sans regular and bold (the subsets in src/reports/pdf/fonts/). */
  fonts: { regular: Uint8Array; bold: Uint8Array };
}

/** What every section of a document reads: the checked input and its shaping. */
export interface DocContext {
  readonly input: DocumentInput;
  readonly scenario: Scenario;
  /** A document is only built from a quote without errors. */
  readonly quote: PricedQuote;
  /** The quote's totals. */
  readonly totals: QuoteTotals;
  /** The quote and what derives from it (waterfall, volume saving), priced once. */
  readonly deal: PricedDeal;
  readonly table: PriceTable;
  readonly fmt: DocumentFormat;
  readonly names: TableNames;
  /** The currency's minor digits, as the quote writes its amounts. */
  readonly digits: number;
  readonly proposalNumber: string;
  readonly validUntil: string;
  /**
   * Whether the table's `validUntil` is before the document's date: its prices are then
   * indicative, and no document states a validity (it would lie in the past).
   */
  readonly expired: boolean;
  /** The document's language: `en` but for a customer proposal written in another. */
  readonly lang: DocumentLanguage;
  /** The options the engine's companions (waterfall, volume, series) are run with. */
  readonly options: QuoteOptions;
}
