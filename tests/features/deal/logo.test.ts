import { describe, expect, it } from 'vitest';
import { imageSize, LOGO_MAX_BYTES } from '../../../src/engine/index';
import { checkLogo, logoFromBytes, sniffImageType } from '../../../src/features/deal/logo';
import { jpegHeader, pngHeader, TINY_PNG } from '../../support/images';

describe('logoFromBytes', () => {
  it('turns a PNG into a data URL that decodes to the same bytes', () => {
    const checked = logoFromBytes(TINY_PNG, 'logo.png');
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    const back = Uint8Array.from(atob(checked.dataUrl.split(',')[1]!), (c) => c.charCodeAt(0));
    expect(back).toEqual(TINY_PNG);
  });

  it('knows a JPEG by its first bytes, whatever the file is called', () => {
    const jpeg = jpegHeader(64, 32);
    expect(sniffImageType(jpeg)).toBe('image/jpeg');
    const checked = logoFromBytes(jpeg, 'logo.png');
    expect(checked.ok && checked.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
  });

  it.each([
    ['a GIF', new TextEncoder().encode('GIF89a....'), 'is not a PNG or JPEG image'],
    [
      'an SVG with a script',
      new TextEncoder().encode('<svg><script>alert(1)</script></svg>'),
      'is not a PNG or JPEG image',
    ],
    ['an empty file', new Uint8Array(0), 'is empty'],
  ])('refuses %s, naming the file', (_, bytes, message) => {
    const checked = logoFromBytes(bytes, 'brand.img');
    expect(checked).toEqual({ ok: false, message: expect.stringContaining(message) });
    expect(!checked.ok && checked.message).toContain('"brand.img"');
  });

  it('accepts exactly 512 KB and refuses one byte more', () => {
    const at = new Uint8Array(LOGO_MAX_BYTES);
    at.set(TINY_PNG);
    expect(logoFromBytes(at, 'big.png').ok).toBe(true);
    const over = new Uint8Array(LOGO_MAX_BYTES + 1);
    over.set(TINY_PNG);
    expect(logoFromBytes(over, 'big.png')).toEqual({
      ok: false,
      message: '"big.png" is 513 KB; a logo may be at most 512 KB.',
    });
  });

  // issue 11, finding 5: a small file declaring a huge image, and one that does not decode
  it('refuses a PNG or JPEG whose header declares more than 4096 × 4096, before decoding', async () => {
    let decoded = false;
    const decode = () => {
      decoded = true;
      return Promise.resolve({ width: 1, height: 1 });
    };
    for (const bytes of [pngHeader(20000, 20000), jpegHeader(4097, 100)]) {
      const checked = await checkLogo(bytes, 'huge.png', decode);
      expect(checked).toEqual({
        ok: false,
        message: expect.stringContaining('a logo may be at most 4096 × 4096 pixels'),
      });
    }
    expect(decoded).toBe(false);
  });

  it('refuses a PNG or JPEG whose header cannot be read', () => {
    const cut = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
    expect(logoFromBytes(cut, 'cut.jpg')).toEqual({
      ok: false,
      message: expect.stringContaining('"cut.jpg" is not a readable JPEG image'),
    });
  });

  it('refuses a file the browser cannot decode (a valid header, then junk)', async () => {
    const junk = pngHeader(200, 100, 400);
    expect(logoFromBytes(junk, 'junk.png').ok).toBe(true); // the header alone passes
    const checked = await checkLogo(junk, 'junk.png', () =>
      Promise.reject(new Error('The source image could not be decoded.')),
    );
    expect(checked).toEqual({
      ok: false,
      message: expect.stringContaining('"junk.png" could not be decoded as an image'),
    });
  });

  it('refuses an image that decodes larger than its header said', async () => {
    const checked = await checkLogo(TINY_PNG, 'logo.png', () =>
      Promise.resolve({ width: 5000, height: 10 }),
    );
    expect(checked.ok).toBe(false);
  });

  it('accepts an image that decodes, with its size', async () => {
    const checked = await checkLogo(TINY_PNG, 'logo.png', (bytes) =>
      Promise.resolve(imageSize(bytes)!),
    );
    expect(checked).toMatchObject({ ok: true, size: { width: 1, height: 1 } });
  });
});
