// @vitest-environment jsdom
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHash, parsePage, unknownRoute } from '../../src/app/routing';
import { recoveryUrl } from '../../src/components/ErrorBoundary';
import { sentence } from '../../src/components/format';
import { findField, focusField, pathCandidates } from '../../src/components/form/field-focus';

// Issue 11, finding 2: `#/deal?field=a%0Ab` made querySelector throw and crashed the app until
// the URL was edited by hand. Whatever a link holds, routing and field lookup never throw.

const RUNS = Number(process.env.FC_RUNS ?? 300);

/** Text a link can carry: any string, and the characters CSS selectors choke on. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .array(
      fc.constantFrom(
        '\n',
        '\r',
        '\f',
        '\0',
        '"',
        "'",
        '\\',
        '[',
        ']',
        '(',
        ')',
        '{',
        '}',
        '*',
        ',',
        '>',
        '~',
        '=',
        ' ',
        '#',
        '.',
        'a',
        '2',
        '\u2028',
        '\uD800',
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join('')),
);

function controls(): HTMLElement {
  document.body.innerHTML = `
    <input data-field="title" />
    <input data-field="customers[2].name customers[2]" />
    <input data-field='a"b' />
  `;
  return document.body;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a field path from a link', () => {
  it('never makes the lookup throw, whatever it holds', () => {
    const root = controls();
    fc.assert(
      fc.property(hostileText, (path) => {
        expect(() => findField(root, path)).not.toThrow();
        expect(() => findField(root, path, false)).not.toThrow();
        expect(() => pathCandidates(path)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });

  it.each(['a\nb', 'a\rb', 'a\fb', 'a"]b', '"]', '[', 'x)', '\\', '\0'])(
    'finds nothing for %j, without throwing',
    (path) => {
      expect(findField(controls(), path)).toBeNull();
    },
  );

  it('still finds the control of an ordinary path, or the line above it', () => {
    const root = controls();
    expect(findField(root, 'title')?.getAttribute('data-field')).toBe('title');
    expect(findField(root, 'customers[2].name')?.getAttribute('data-field')).toContain(
      'customers[2].name',
    );
    expect(findField(root, 'customers[2].license.model')?.getAttribute('data-field')).toContain(
      'customers[2]',
    );
    expect(findField(root, 'customers[2].license.model', false)).toBeNull();
    // a control named with a quote is found by its name, not by a selector
    expect(findField(root, 'a"b')?.getAttribute('data-field')).toBe('a"b');
  });

  it('gives up at once on a path far longer than any real one', () => {
    const root = controls();
    const started = performance.now();
    expect(findField(root, '.a'.repeat(500_000))).toBeNull();
    expect(pathCandidates(`title${'.x'.repeat(1000)}`)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('says when the field never appears, instead of waiting silently', async () => {
    controls();
    let missing = false;
    focusField('a\nb', 20, () => (missing = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(missing).toBe(true);
  });
});

describe('a hash from the address bar', () => {
  it('is read without throwing, whatever it holds', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (route, query) => {
        for (const hash of [`#/${route}`, `#/deal?field=${query}`, `#/${route}?${query}`]) {
          expect(() => parseHash(hash)).not.toThrow();
          expect(() => parsePage(hash)).not.toThrow();
          expect(() => unknownRoute(hash)).not.toThrow();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps a field with a line break as the text it is', () => {
    expect(parseHash('#/deal?field=a%0Ab')).toEqual({ step: 'deal', field: 'a\nb' });
    expect(parseHash('#/deal?field=%E0%A4%A')).toMatchObject({ step: 'deal' });
  });

  it('names a route the app does not have, and nothing for one it has', () => {
    expect(unknownRoute('#/nowhere')).toBe('nowhere');
    expect(unknownRoute('#/dea%0Al?field=x')).toBe('dea\nl');
    expect(unknownRoute('#/%E0%A4%A')).toBe('%E0%A4%A');
    expect(unknownRoute('#/customers?field=customers%5B0%5D')).toBeNull();
    expect(unknownRoute('#/price-books')).toBeNull();
    expect(unknownRoute('')).toBeNull();
    expect(unknownRoute('#/')).toBeNull();
    expect(unknownRoute(`#/${'x'.repeat(500)}`)!.length).toBeLessThanOrEqual(80);
  });
});

describe('Reload after a fault', () => {
  it('drops the query of the hash first, then the hash, so the same fault does not return', () => {
    expect(recoveryUrl('https://x.test/app/#/deal?field=a%0Ab')).toBe('https://x.test/app/#/deal');
    expect(recoveryUrl('https://x.test/app/#/shared?d=broken')).toBe('https://x.test/app/#/shared');
    expect(recoveryUrl('https://x.test/app/#/deal')).toBe('https://x.test/app/');
    expect(recoveryUrl('https://x.test/app/')).toBe('https://x.test/app/');
  });

  it('always ends, for any address, at one without a hash', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (a, b) => {
        let url = `https://x.test/#/${a}?${b}`;
        for (let i = 0; i < 2; i++) url = recoveryUrl(url);
        expect(url).toBe('https://x.test/');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a message ended as a sentence', () => {
  it('gets one full stop, never two', () => {
    expect(sentence('Update the app to open it.')).toBe('Update the app to open it.');
    expect(sentence('the logo could not be read')).toBe('the logo could not be read.');
    expect(sentence('Really? ')).toBe('Really?');
  });
});
