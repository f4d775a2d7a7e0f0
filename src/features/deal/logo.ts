import {
  imageSize,
  LOGO_MAX_BYTES,
  LOGO_MAX_SIDE,
  ScenarioObjectSchema,
  sizeLabel,
  withinLogoSide,
  type ImageSize,
} from '../../engine/index';
import { decodeImageSize } from './logo-decode';

/** The scenario's rule for a logo: a PNG or JPEG data URL of at most 512 KB. */
const LogoSchema = ScenarioObjectSchema.shape.brand.shape.logo;

export type LogoCheck =
  | { readonly ok: true; readonly dataUrl: string; readonly size: ImageSize }
  | { readonly ok: false; readonly message: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image type from the file's first bytes (never from its name or claimed type). */
export function sniffImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

const kb = (n: number) => `${Math.ceil(n / 1024).toLocaleString('en')} KB`;

/**
 * A logo file's bytes as the data URL the scenario keeps, or why it cannot be one:
 * not a PNG or JPEG by its content, over 512 KB, or declaring more than 4096 × 4096
 * pixels in its header (read from the bytes, before anything decodes them). The URL is
 * checked with the scenario schema itself, so the rule lives in one place. Decoding
 * follows in `checkLogo`.
 */
export function logoFromBytes(bytes: Uint8Array, fileName: string): LogoCheck {
  if (bytes.length === 0) return { ok: false, message: `"${fileName}" is empty.` };
  if (bytes.length > LOGO_MAX_BYTES) {
    return {
      ok: false,
      message: `"${fileName}" is ${kb(bytes.length)}; a logo may be at most ${kb(LOGO_MAX_BYTES)}.`,
    };
  }
  const type = sniffImageType(bytes);
  if (!type) {
    return {
      ok: false,
      message: `"${fileName}" is not a PNG or JPEG image; save the logo as PNG or JPEG.`,
    };
  }
  const size = imageSize(bytes);
  if (!size) {
    return {
      ok: false,
      message: `"${fileName}" is not a readable ${type === 'image/png' ? 'PNG' : 'JPEG'} image (its header is damaged); save the logo again.`,
    };
  }
  if (!withinLogoSide(size)) return { ok: false, message: tooLarge(fileName, size) };
  const dataUrl = `data:${type};base64,${base64Of(bytes)}`;
  const parsed = LogoSchema.safeParse(dataUrl);
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues[0]?.message ?? 'is not a valid logo' };
  }
  return { ok: true, dataUrl, size };
}

function tooLarge(fileName: string, size: ImageSize): string {
  return `"${fileName}" is ${sizeLabel(size)}; a logo may be at most ${LOGO_MAX_SIDE} × ${LOGO_MAX_SIDE} pixels. Scale it down and choose it again.`;
}

/**
 * `logoFromBytes`, then the image decoded as the browser will draw it: a file that does not
 * decode (a valid header, then junk) is refused here, at the field, not when a PDF is built
 * (issue 11). `decode` is the browser's decoder unless a test gives another.
 */
export async function checkLogo(
  bytes: Uint8Array,
  fileName: string,
  decode: (bytes: Uint8Array, type: string) => Promise<ImageSize> = decodeImageSize,
): Promise<LogoCheck> {
  const checked = logoFromBytes(bytes, fileName);
  if (!checked.ok) return checked;
  let decoded: ImageSize;
  try {
    decoded = await decode(bytes, sniffImageType(bytes)!);
  } catch {
    return {
      ok: false,
      message: `"${fileName}" could not be decoded as an image (it may be damaged or cut short); save the logo again.`,
    };
  }
  if (!withinLogoSide(decoded)) return { ok: false, message: tooLarge(fileName, decoded) };
  return checked;
}
