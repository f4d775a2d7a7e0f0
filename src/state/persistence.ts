/**
 * Where the open scenario is kept in this browser. The record's format and its migrations are
 * in formats.ts (ADR 020); how it is written safely, across tabs, is in store.ts (ADR 021).
 */

/** The localStorage key of the open scenario. */
export const STORAGE_KEY = 'spc:scenario';

/**
 * Where a copy of a stored document that can no longer be opened is kept, one per distinct
 * text: `spc:recovered:<hash of the text>`.
 */
export const RECOVERY_KEY_PREFIX = 'spc:recovered:';

/** The version of the saved record (`{ version, state: { scenario }, revision, writer, savedAt }`). */
export { STORE_VERSION } from './formats';
