import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateScenario, loadSampleTable } from '../../bench/generate';
import { ScenarioSchema } from '../../src/engine/index';
import { sampleScenario } from '../../src/state/sample';
import {
  decodeShareLink,
  encodeShareLink,
  fromBase64Url,
  makeShareLink,
  SHARE_LINK_MAX_CHARS,
  ShareLinkTooLongError,
  toBase64Url,
} from '../../src/state/share-link';

/** The query of a hash `#/shared?d=…`: what the page receives. */
const queryOf = (hash: string) => hash.slice(hash.indexOf('?') + 1);
const payloadQuery = (text: string) => `d=${toBase64Url(deflateSync(strToU8(text)))}`;

describe('share links', () => {
  it('round-trips the sample plan, pinned price table included, in a short link', () => {
    const s = sampleScenario();
    const hash = encodeShareLink(s);
    expect(hash.startsWith('#/shared?d=')).toBe(true);
    expect(hash.length).toBeLessThan(4000);
    const decoded = decodeShareLink(queryOf(hash));
    expect(decoded).toEqual({ ok: true, scenario: s });
    if (decoded.ok) expect(decoded.scenario.priceTable).toEqual(s.priceTable);
  });

  it('round-trips generated scenarios', () => {
    const table = loadSampleTable();
    for (const [n, seed] of [
      [0, 1],
      [5, 2],
      [40, 3],
    ] as const) {
      const s = generateScenario(n, 36, seed, table);
      const made = makeShareLink(s);
      if (!made.ok) throw new Error(made.message);
      expect(decodeShareLink(queryOf(made.hash))).toEqual({ ok: true, scenario: s });
    }
  });

  it('refuses to make a link over the bound, suggesting a JSON file', () => {
    const big = generateScenario(3000, 120, 7, loadSampleTable());
    const made = makeShareLink(big);
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.message).toMatch(/JSON file/);
    expect(() => encodeShareLink(big)).toThrow(ShareLinkTooLongError);
  });

  it('base64url round-trips any bytes and refuses other characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
    expect(fromBase64Url('ab+/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('hostile share links', () => {
  const good = queryOf(encodeShareLink(sampleScenario()));

  it('refuses a truncated link with a message', () => {
    for (const cut of [good.length - 1, good.length - 10, Math.floor(good.length / 2), 3, 2, 0]) {
      const decoded = decodeShareLink(good.slice(0, cut));
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.message).not.toBe('');
    }
  });

  it('refuses an oversized link before inflating it', () => {
    const decoded = decodeShareLink(`d=${'A'.repeat(SHARE_LINK_MAX_CHARS + 1)}`);
    expect(decoded).toEqual({ ok: false, message: expect.stringMatching(/too long/) });
  });

  it('stops a zip bomb at the inflate cap', () => {
    const bomb = payloadQuery(`"${' '.repeat(20 * 1024 * 1024)}"`);
    expect(bomb.length).toBeLessThan(SHARE_LINK_MAX_CHARS);
    const decoded = decodeShareLink(bomb);
    expect(decoded).toEqual({ ok: false, message: expect.stringMatching(/more data than/) });
  });

  it('refuses wrong types, a missing payload, and non-deflate data', () => {
    expect(decodeShareLink('').ok).toBe(false);
    expect(decodeShareLink('x=1').ok).toBe(false);
    expect(decodeShareLink('d=').ok).toBe(false);
    expect(decodeShareLink('d=%%%').ok).toBe(false);
    expect(decodeShareLink(`d=${toBase64Url(strToU8('plain text'))}`).ok).toBe(false);
    for (const text of ['null', '[]', '42', '{"schemaVersion":1}', 'not json']) {
      const decoded = decodeShareLink(payloadQuery(text));
      expect(decoded.ok, text).toBe(false);
    }
    const wrongType = decodeShareLink(
      payloadQuery(JSON.stringify({ ...sampleScenario(), horizonMonths: 'forever' })),
    );
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) expect(wrongType.message).toMatch(/horizonMonths/);
  });

  it('speaks of the link, not a file, and of a newer version of the app (issue 11, finding 8)', () => {
    const notJson = decodeShareLink(payloadQuery('{"title": oops'));
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) {
      expect(notJson.message).toMatch(/^The share link is not valid JSON/);
      expect(notJson.message).not.toMatch(/file/);
    }
    const newer = decodeShareLink(
      payloadQuery(JSON.stringify({ ...sampleScenario(), schemaVersion: 99 })),
    );
    expect(newer.ok).toBe(false);
    if (!newer.ok) {
      expect(newer.message).toMatch(/saved by a newer version of the app/);
      expect(newer.message).toMatch(/Update the app to open it\.$/);
      expect(newer.message).not.toMatch(/\.\./);
    }
    const many = decodeShareLink(
      payloadQuery(JSON.stringify({ ...sampleScenario(), horizonMonths: 'x', startPeriod: 1 })),
    );
    if (!many.ok) expect(many.message).not.toMatch(/\.\.$/);
  });

  it('refuses __proto__ keys and leaves Object.prototype alone', () => {
    const text = JSON.stringify(sampleScenario()).replace(
      '"title":',
      '"__proto__":{"polluted":true},"title":',
    );
    const decoded = decodeShareLink(payloadQuery(text));
    expect(decoded.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps <script> in a name as text', () => {
    const s = { ...sampleScenario(), title: '<script>alert(1)</script>' };
    const decoded = decodeShareLink(queryOf(encodeShareLink(s)));
    expect(decoded.ok && decoded.scenario.title).toBe('<script>alert(1)</script>');
  });

  it('never throws on random queries or mutations of a good one', () => {
    const mutated = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.nat({ max: good.length }).map((n) => good.slice(0, n)),
      fc
        .tuple(
          fc.nat({ max: good.length - 1 }),
          fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
        )
        .map(([at, c]) => good.slice(0, at) + c + good.slice(at + 1)),
    );
    fc.assert(
      fc.property(mutated, (query) => {
        const decoded = decodeShareLink(query);
        if (decoded.ok) expect(ScenarioSchema.safeParse(decoded.scenario).success).toBe(true);
        else expect(decoded.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
