import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontCodePoints } from '../../../src/reports/pdf/font-cmap';
import { printable } from '../../../src/reports/pdf/text';
import { FONTS_DIR, fonts, repo } from './support';

// The committed DejaVu Sans subsets (scripts/subset-fonts.sh) must print every name PRODUCT.md
// promises and every currency sign the documents write; checked on the fonts' own cmap tables.

const NAMES = ['Łódź Telekom', 'Müller GmbH', 'Ελληνικά Δίκτυα', 'Москва Хостинг'];
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY'];
/** Symbols the builders print themselves. */
const SYMBOLS = '→ − – — … · ▼ × ≥ ≤ ’ “ ” % € £ ¥ $ �';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');

const ALPHABETS: Record<string, string> = {
  'Latin-1 letters': range(0xc0, 0xff).replace(/[×÷]/g, ''),
  'Latin Extended-A': range(0x100, 0x17f),
  'Greek capitals': range(0x391, 0x3a1) + range(0x3a3, 0x3a9),
  'Greek small letters (with tonos)': range(0x3ac, 0x3ce),
  'Cyrillic (Russian, Ukrainian, Serbian…)': range(0x400, 0x45f),
};

function missing(codePoints: Set<number>, text: string): string[] {
  return [...new Set(text)].filter((ch) => ch.trim() !== '' && !codePoints.has(ch.codePointAt(0)!));
}

for (const face of ['regular', 'bold'] as const) {
  describe(`the ${face} subset`, () => {
    const codePoints = fontCodePoints(fonts[face]);

    it('has a glyph for every character of the four names', () => {
      for (const name of NAMES) expect(missing(codePoints, name), name).toEqual([]);
    });

    it('has the signs Intl writes for USD, EUR, GBP and JPY amounts (en-US and others)', () => {
      for (const currency of CURRENCIES) {
        for (const locale of ['en-US', 'de-DE', 'fr-FR', 'pl-PL', 'el-GR', 'ru-RU']) {
          const text = new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
            -1234567.5,
          );
          expect(missing(codePoints, text), `${currency} ${locale}: ${text}`).toEqual([]);
        }
      }
    });

    it('covers whole alphabets, not only the sample names', () => {
      for (const [what, letters] of Object.entries(ALPHABETS)) {
        expect(missing(codePoints, letters), what).toEqual([]);
      }
      expect(missing(codePoints, SYMBOLS)).toEqual([]);
    });

    it('leaves out scripts it does not cover (the reader is not saying yes to everything)', () => {
      for (const ch of ['東', 'ع', '😀', 'א'])
        expect(codePoints.has(ch.codePointAt(0)!)).toBe(false);
    });
  });
}

describe('printable text', () => {
  const clean = printable(fontCodePoints(fonts.regular));

  it('keeps Latin, Greek and Cyrillic names as they are', () => {
    for (const name of NAMES) expect(clean(name)).toBe(name);
  });

  it('composes decomposed input (NFD) and turns control characters into spaces', () => {
    expect(clean('Łódź'.normalize('NFD'))).toBe('Łódź');
    expect(clean('a\tb\u0007c')).toBe('a b c');
  });

  it('prints U+FFFD for a character the font lacks, never an invisible glyph', () => {
    expect(clean('東京 Hosting')).toBe('\uFFFD\uFFFD Hosting');
  });
});

describe('the font files', () => {
  it('are subsets, far smaller than DejaVu Sans', () => {
    for (const file of ['DejaVuSans-subset.ttf', 'DejaVuSans-Bold-subset.ttf']) {
      expect(statSync(join(FONTS_DIR, file)).size).toBeLessThan(160_000);
    }
  });

  it('are committed with the DejaVu license and the script that makes them', () => {
    const license = readFileSync(join(FONTS_DIR, 'LICENSE-DejaVu.txt'), 'utf8');
    expect(license).toMatch(/Bitstream Vera Fonts Copyright/);
    expect(license).toMatch(/Arev Fonts Copyright/);
    const script = readFileSync(join(repo, 'scripts/subset-fonts.sh'), 'utf8');
    expect(script).toMatch(/fontTools\.subset/);
    expect(script).toMatch(/DejaVuSans-subset\.ttf|\$face-subset\.ttf/);
  });
});
