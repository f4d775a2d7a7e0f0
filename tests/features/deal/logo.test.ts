import { describe, expect, it } from 'vitest';
import { LOGO_MAX_BYTES } from '../../../src/engine/index';
import { logoFromBytes, sniffImageType } from '../../../src/features/deal/logo';
import { TINY_PNG } from '../../support/images';

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
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
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
});
