import type { ImageSize } from '../../engine/index';

/** How long a browser may take to decode a logo before it is refused. */
export const DECODE_TIMEOUT_MS = 10_000;

/**
 * Decodes an image in the browser and answers its size in pixels; rejects when the browser
 * cannot decode it (a valid header, then junk) or takes longer than DECODE_TIMEOUT_MS. Called
 * only after the header's size was checked, so what is decoded is at most 4096 × 4096.
 */
export async function decodeImageSize(bytes: Uint8Array, type: string): Promise<ImageSize> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('decoding took too long')), DECODE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([decode(bytes, type), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function decode(bytes: Uint8Array, type: string): Promise<ImageSize> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  if (typeof createImageBitmap === 'function') {
    const bitmap = await createImageBitmap(blob);
    try {
      return { width: bitmap.width, height: bitmap.height };
    } finally {
      bitmap.close();
    }
  }
  const url = URL.createObjectURL(blob);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return { width: image.naturalWidth, height: image.naturalHeight };
  } finally {
    URL.revokeObjectURL(url);
  }
}
