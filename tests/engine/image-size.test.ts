import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageSize, jpegSize, pngSize } from '../../src/engine/image-size';
import { parseWith, ScenarioSchema } from '../../src/engine/index';
import { sampleScenario } from '../../src/state/sample';
import { jpegHeader, pngHeader, TINY_PNG } from '../support/images';

// Issue 11, finding 5: a 389 KB PNG decoding to 20000 × 20000 pixels passed the 512 KB limit.
// The header's size is read from the bytes, without decoding.

const dataUrl = (type: string, bytes: Uint8Array) =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

function withLogo(logo: string) {
  const s = sampleScenario();
  return { ...s, brand: { ...s.brand, logo } };
}

describe('the size an image declares', () => {
  it('is read from a PNG IHDR and a JPEG start of frame', () => {
    expect(pngSize(TINY_PNG)).toEqual({ width: 1, height: 1 });
    expect(imageSize(pngHeader(20000, 20000))).toEqual({ width: 20000, height: 20000 });
    expect(jpegSize(jpegHeader(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageSize(jpegHeader(65535, 3))).toEqual({ width: 65535, height: 3 });
  });

  it('is none for a header cut short, damaged or without a frame', () => {
    expect(imageSize(pngHeader(100, 100).subarray(0, 20))).toBeNull();
    expect(imageSize(jpegHeader(100, 100).subarray(0, 22))).toBeNull();
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeNull();
    expect(imageSize(pngHeader(0, 10))).toBeNull();
    expect(imageSize(new TextEncoder().encode('GIF89a'))).toBeNull();
  });

  it('never throws nor loops, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(new Uint8Array(), new Uint8Array([0xff, 0xd8]), pngHeader(1, 1, 0)),
        (tail, head) => {
          const bytes = new Uint8Array([...head, ...tail]);
          expect(() => imageSize(bytes)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the scenario schema', () => {
  it('refuses a logo whose header declares more than 4096 × 4096, whatever its file size', () => {
    for (const logo of [
      dataUrl('image/png', pngHeader(20000, 20000)),
      dataUrl('image/png', pngHeader(4097, 10)),
      dataUrl('image/jpeg', jpegHeader(10, 4097)),
    ]) {
      const parsed = parseWith(ScenarioSchema, withLogo(logo));
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.problems).toContainEqual({
        path: 'brand.logo',
        message: expect.stringContaining('at most 4096 × 4096 pixels'),
      });
    }
  });

  it('accepts a logo of exactly 4096 × 4096', () => {
    expect(
      parseWith(ScenarioSchema, withLogo(dataUrl('image/png', pngHeader(4096, 4096)))).ok,
    ).toBe(true);
    expect(parseWith(ScenarioSchema, withLogo(dataUrl('image/jpeg', jpegHeader(4096, 1)))).ok).toBe(
      true,
    );
  });
});
