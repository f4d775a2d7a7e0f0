import { LOGO_MAX_BYTES, ScenarioObjectSchema } from '../../engine/index';

/** The scenario's rule for a logo: a PNG or JPEG data URL of at most 512 KB. */
const LogoSchema = ScenarioObjectSchema.shape.brand.shape.logo;

export type LogoCheck =
  | { readonly ok: true; readonly dataUrl: string }
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
 * not a PNG or JPEG by its content, or over 512 KB. The URL is checked with the
 * scenario schema itself, so the rule lives in one place.
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
  const dataUrl = `data:${type};base64,${base64Of(bytes)}`;
  const parsed = LogoSchema.safeParse(dataUrl);
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues[0]?.message ?? 'is not a valid logo' };
  }
  return { ok: true, dataUrl };
}
