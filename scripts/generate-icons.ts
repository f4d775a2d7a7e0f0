/**
 * `npx tsx scripts/generate-icons.ts`: draws the app's PNG icons into public/ (the web app
 * manifest's 192 and 512 px icons, a maskable 512 px one and the 180 px Apple touch icon)
 * with Node alone, no image library and no download: the brand green with three white bars
 * of rising height, a quote's figures at a glance. Run again after changing the design.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const GREEN = [0x0b, 0x5d, 0x46] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG of `size` px; `maskable` fills the square and keeps the glyph in the safe zone. */
function icon(size: number, maskable: boolean): Buffer {
  const radius = maskable ? 0 : size * 0.18;
  // the glyph: three bars inside the central 60 % (maskable) or 70 % of the square
  const box = maskable ? 0.5 : 0.62;
  const left = size * (1 - box) * 0.5;
  const bottom = size * (1 - (1 - box) * 0.5);
  const barWidth = (size * box) / 4.2;
  const gap = barWidth * 0.6;
  const heights = [0.45, 0.7, 1].map((h) => h * size * box);
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      // rounded corners: outside the quarter circles is transparent
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
      const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= radius || radius === 0;
      let colour: readonly number[] = GREEN;
      heights.forEach((h, i) => {
        const x0 = left + i * (barWidth + gap);
        if (x >= x0 && x < x0 + barWidth && y >= bottom - h && y < bottom) colour = WHITE;
      });
      const o = 1 + x * 4;
      row[o] = colour[0]!;
      row[o + 1] = colour[1]!;
      row[o + 2] = colour[2]!;
      row[o + 3] = inside ? 255 : 0;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = join(import.meta.dirname, '..', 'public');
const files: [string, number, boolean][] = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
];
for (const [name, size, maskable] of files) {
  writeFileSync(join(out, name), icon(size, maskable));
  console.log(join(out, name));
}
