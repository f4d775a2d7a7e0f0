/**
 * The characters a TrueType font has glyphs for, read from its `cmap` table. The PDF builders
 * use it to replace a character the embedded font cannot draw (a CJK name, an emoji) with
 * U+FFFD instead of an invisible glyph 0 that no viewer can extract; the font tests use it to
 * prove the committed subsets cover what the product promises.
 *
 * A minimal reader: the Unicode subtables in format 4 (the Basic Multilingual Plane) and format
 * 12 (all planes), which is what DejaVu and nearly every TrueType font carries.
 */

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The offset of table `tag` in the font, or null. */
function tableOffset(data: DataView, tag: string): number | null {
  const numTables = data.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + 16 * i;
    let name = '';
    for (let k = 0; k < 4; k++) name += String.fromCharCode(data.getUint8(record + k));
    if (name === tag) return data.getUint32(record + 8);
  }
  return null;
}

function format4(data: DataView, at: number, out: Set<number>): void {
  const segCount = data.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  for (let s = 0; s < segCount; s++) {
    const end = data.getUint16(ends + 2 * s);
    const start = data.getUint16(starts + 2 * s);
    const delta = data.getUint16(deltas + 2 * s);
    const rangeAt = rangeOffsets + 2 * s;
    const rangeOffset = data.getUint16(rangeAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (c + delta) & 0xffff;
      } else {
        const raw = data.getUint16(rangeAt + rangeOffset + 2 * (c - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
}

function format12(data: DataView, at: number, out: Set<number>): void {
  const groups = data.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + 12 * g;
    const start = data.getUint32(group);
    const end = data.getUint32(group + 4);
    const startGlyph = data.getUint32(group + 8);
    for (let c = start; c <= end; c++) if (startGlyph + (c - start) !== 0) out.add(c);
  }
}

/**
 * The code points the font maps to a real glyph (not glyph 0, `.notdef`). Throws a RangeError
 * when the bytes are not a TrueType font with a Unicode cmap.
 */
export function fontCodePoints(bytes: Uint8Array): Set<number> {
  if (bytes.byteLength < 12) throw new RangeError('not a TrueType font: too short');
  const data = view(bytes);
  const cmap = tableOffset(data, 'cmap');
  if (cmap === null) throw new RangeError('not a TrueType font with a cmap table');
  const out = new Set<number>();
  const count = data.getUint16(cmap + 2);
  let found = false;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + 8 * i;
    const platform = data.getUint16(record);
    const encoding = data.getUint16(record + 2);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const at = cmap + data.getUint32(record + 4);
    const format = data.getUint16(at);
    if (format === 4) format4(data, at, out);
    else if (format === 12) format12(data, at, out);
    else continue;
    found = true;
  }
  if (!found) throw new RangeError('the font has no Unicode cmap subtable in format 4 or 12');
  return out;
}
