/** A 1×1 PNG image's bytes. */
export const TINY_PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

/**
 * The first bytes of a PNG declaring `width` × `height` (signature and IHDR), then `junk`
 * bytes: enough for a header reader, not an image any decoder draws.
 */
export function pngHeader(width: number, height: number, junk = 16): Uint8Array {
  const bytes = new Uint8Array(33 + junk);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24); // bit depth, colour type, compression, filter, interlace
  return bytes;
}

/**
 * The first bytes of a JPEG declaring `width` × `height`: SOI, an APP0 (JFIF) segment, then a
 * baseline start-of-frame (SOF0) segment, then `junk` bytes.
 */
export function jpegHeader(width: number, height: number, junk = 16): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [
    0xff,
    0xc0,
    0,
    11,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    1,
    1,
    0x11,
    0,
  ];
  const bytes = new Uint8Array(2 + app0.length + sof0.length + junk);
  bytes.set([0xff, 0xd8, ...app0, ...sof0]);
  return bytes;
}
