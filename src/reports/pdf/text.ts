/**
 * Text as the embedded font can print it. Names come from users in any script and any Unicode
 * form: composed to NFC (jsPDF does not position combining marks), control characters made
 * spaces, and a character the font has no glyph for replaced by U+FFFD "�", which prints and
 * extracts, instead of glyph 0, which prints nothing and extracts as garbage.
 */
export function printable(codePoints: ReadonlySet<number>): (text: string) => string {
  const REPLACEMENT = '\uFFFD';
  return (text) => {
    let out = '';
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a) out += ch;
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
      else out += codePoints.has(cp) ? ch : REPLACEMENT;
    }
    return out;
  };
}
