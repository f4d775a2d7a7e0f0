import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import type { Scenario } from '../engine/index';
import type { ScenarioFormat } from './formats';
import { compactScenario, parseScenarioDocument, SCENARIO_MAX_CHARS } from './scenario-io';

/**
 * A share link holds the whole scenario in the URL fragment, so nothing is sent to a server:
 * `#/shared?d=<payload>`, the payload being the compact scenario JSON, deflated (fflate) and
 * written in base64url. The pinned price-table version travels inside the scenario.
 */

/** The longest link made or read (the hash); a longer scenario goes as a JSON file. */
export const SHARE_LINK_MAX_CHARS = 32_000;

/** The most an inflated payload may grow to before it is refused (a zip bomb stops here). */
export const SHARE_LINK_MAX_INFLATED = SCENARIO_MAX_CHARS;

const PREFIX = '#/shared?d=';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[(n >> 18) & 63]! +
      ALPHABET[(n >> 12) & 63]! +
      ALPHABET[(n >> 6) & 63]! +
      ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** The bytes of a base64url text, or null when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let b = 0;
  for (let i = 0; i < text.length; i += 4) {
    const c0 = ALPHABET.indexOf(text[i]!);
    const c1 = ALPHABET.indexOf(text[i + 1]!);
    const c2 = i + 2 < text.length ? ALPHABET.indexOf(text[i + 2]!) : 0;
    const c3 = i + 3 < text.length ? ALPHABET.indexOf(text[i + 3]!) : 0;
    const n = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    bytes[b++] = (n >> 16) & 255;
    if (i + 2 < text.length) bytes[b++] = (n >> 8) & 255;
    if (i + 3 < text.length) bytes[b++] = n & 255;
  }
  return bytes.subarray(0, b);
}

export type ShareLinkMade =
  { readonly ok: true; readonly hash: string } | { readonly ok: false; readonly message: string };

/** The share link's hash for `scenario`, or why there is none (too long for a link). */
export function makeShareLink(scenario: Scenario): ShareLinkMade {
  const payload = toBase64Url(deflateSync(strToU8(compactScenario(scenario)), { level: 9 }));
  const hash = `${PREFIX}${payload}`;
  if (hash.length > SHARE_LINK_MAX_CHARS) {
    return {
      ok: false,
      message: `This scenario is too large for a share link (${hash.length.toLocaleString('en')} characters; a link holds at most ${SHARE_LINK_MAX_CHARS.toLocaleString('en')}). Save it as a JSON file and send the file instead.`,
    };
  }
  return { ok: true, hash };
}

/** Thrown by `encodeShareLink` when the scenario does not fit in a link. */
export class ShareLinkTooLongError extends Error {
  override readonly name = 'ShareLinkTooLongError';
}

/**
 * The share link's hash, `#/shared?d=<payload>`. Throws ShareLinkTooLongError over
 * SHARE_LINK_MAX_CHARS; `makeShareLink` says so without throwing.
 */
export function encodeShareLink(scenario: Scenario): string {
  const made = makeShareLink(scenario);
  if (!made.ok) throw new ShareLinkTooLongError(made.message);
  return made.hash;
}

export type ShareLinkDecoded =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly message: string };

const bad = (message: string): ShareLinkDecoded => ({ ok: false, message });

/** Inflates `bytes`, refusing output past `cap` bytes; null when the data is not deflate. */
function inflateBounded(bytes: Uint8Array, cap: number): Uint8Array | 'too-large' | null {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) {
      tooLarge = true;
      throw new Error('too large');
    }
    chunks.push(chunk);
  });
  // small input steps bound what one step can produce (deflate expands at most ~1032×)
  const STEP = 512;
  try {
    if (bytes.length === 0) return null;
    for (let i = 0; i < bytes.length; i += STEP) {
      const end = Math.min(bytes.length, i + STEP);
      inflater.push(bytes.subarray(i, end), end === bytes.length);
    }
  } catch {
    return tooLarge ? 'too-large' : null;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The scenario in a share link's query (`d=<payload>`, what follows `?` in the hash), or a
 * message saying why it cannot be opened. Sizes are checked before anything is inflated; the
 * inflated JSON goes through `parseScenarioDocument`. Never throws.
 */
export function decodeShareLink(
  query: string,
  options: { readonly format?: ScenarioFormat } = {},
): ShareLinkDecoded {
  try {
    if (typeof query !== 'string') return bad('This share link is not valid.');
    if (query.length > SHARE_LINK_MAX_CHARS) {
      return bad(
        `This share link is too long to be opened (over ${SHARE_LINK_MAX_CHARS.toLocaleString('en')} characters).`,
      );
    }
    let payload: string | null = null;
    try {
      payload = new URLSearchParams(query).get('d');
    } catch {
      payload = null;
    }
    if (payload === null || payload === '') {
      return bad('This share link holds no scenario (its "d" part is missing or empty).');
    }
    const bytes = fromBase64Url(payload);
    if (bytes === null) {
      return bad('This share link is damaged: its scenario is not in the expected encoding.');
    }
    const inflated = inflateBounded(bytes, SHARE_LINK_MAX_INFLATED);
    if (inflated === 'too-large') {
      return bad('This share link holds more data than a scenario can; it was not opened.');
    }
    if (inflated === null) {
      return bad('This share link is damaged or incomplete (was it cut short when copied?).');
    }
    let text: string;
    try {
      text = strFromU8(inflated);
    } catch {
      return bad('This share link is damaged: its scenario is not text.');
    }
    const opened = parseScenarioDocument(text, { source: 'link', format: options.format });
    if (!opened.ok) {
      const only = opened.problems.length === 1 ? opened.problems[0]! : null;
      // one whole-document problem (not JSON, a newer app) is said as it is, in one sentence
      if (only && (only.path === '' || only.path === 'schemaVersion')) {
        return bad(opened.reason);
      }
      const list = opened.problems
        .slice(0, 5)
        .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
        .join('; ')
        .replace(/\.$/, '');
      const more = opened.problems.length > 5 ? ` (and ${opened.problems.length - 5} more)` : '';
      return bad(`This share link does not hold a valid scenario: ${list}${more}.`);
    }
    return { ok: true, scenario: opened.scenario };
  } catch (e) {
    return bad(`This share link could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
