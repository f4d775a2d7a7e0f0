/**
 * The pixel size an image file declares in its header, read from its bytes without decoding
 * it: a PNG's IHDR chunk, a JPEG's start-of-frame segment. A 389 KB PNG can declare
 * 20000 × 20000 pixels (1.6 GB once decoded); reading the header lets the app and the
 * scenario schema refuse it before anything decodes it (issue 11). Pure: no DOM, no Node.
 */

/** The largest logo side accepted, in pixels: far above print quality for a proposal's logo. */
export const LOGO_MAX_SIDE = 4096;

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!
  );
}

/** A PNG's size: the IHDR chunk must come first, right after the signature. */
export function pngSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  // length (4 bytes), then the chunk type "IHDR", then width and height
  if (bytes[12] !== 0x49 || bytes[13] !== 0x48 || bytes[14] !== 0x44 || bytes[15] !== 0x52) {
    return null;
  }
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * A JPEG's size from its first start-of-frame segment (SOF0–SOF15 but DHT C4, JPG C8 and DAC
 * CC, which share the range). Segments are walked by their lengths; the scan (SOS) or the end
 * before any frame, or a height of 0 (given later by a DNL segment), is no size.
 */
export function jpegSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    if (at + 3 >= bytes.length) return null;
    const length = u16(bytes, at + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      if (at + 8 >= bytes.length) return null;
      const height = u16(bytes, at + 5);
      const width = u16(bytes, at + 7);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    at += 2 + length;
  }
  return null;
}

/** The declared size of a PNG or JPEG by its first bytes, or null when none can be read. */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  return pngSize(bytes) ?? jpegSize(bytes);
}

/** True when a declared size fits LOGO_MAX_SIDE on both sides. */
export function withinLogoSide(size: ImageSize): boolean {
  return size.width <= LOGO_MAX_SIDE && size.height <= LOGO_MAX_SIDE;
}

/** "20000 × 20000 pixels" */
export function sizeLabel(size: ImageSize): string {
  return `${size.width.toLocaleString('en-US')} × ${size.height.toLocaleString('en-US')} pixels`;
}

/** The bytes of a base64 text, or null when it is not base64 (never throws). */
export function bytesOfBase64(base64: string): Uint8Array | null {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

let lastUrl: string | null = null;
let lastSize: ImageSize | null = null;

/**
 * The size a `data:image/…;base64,` URL's header declares, or null. The last answer is kept:
 * the schema checks the same logo on every edit of the scenario, and decoding 512 KB of
 * base64 each time would be waste.
 */
export function dataUrlImageSize(url: string): ImageSize | null {
  if (url === lastUrl) return lastSize;
  const comma = url.indexOf(',');
  const bytes = comma === -1 ? null : bytesOfBase64(url.slice(comma + 1));
  lastUrl = url;
  lastSize = bytes ? imageSize(bytes) : null;
  return lastSize;
}
