/**
 * The size limits on files the app and the CLI read, in one place so that both refuse the same
 * files (issue 11). Every reader stops at its limit instead of reading on.
 */

/** The largest scenario document opened, in characters of text (a generous 2 MB). */
export const SCENARIO_MAX_CHARS = 2 * 1024 * 1024;

/**
 * The most bytes of UTF-8 that SCENARIO_MAX_CHARS characters can take (3 bytes per UTF-16
 * unit at most): a reader of bytes stops here, then checks the characters.
 */
export const SCENARIO_MAX_FILE_BYTES = SCENARIO_MAX_CHARS * 3;

/** The largest price table file accepted, in bytes of UTF-8. */
export const PRICE_TABLE_MAX_BYTES = 5 * 1024 * 1024;

/** "2 MB", "5 MB": a limit in the words of the messages. */
export function megabytes(bytes: number): string {
  return `${bytes / (1024 * 1024)} MB`;
}
