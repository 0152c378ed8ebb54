import { describe, expect, it } from 'vitest';
import { parsePixels, scanPixels } from './digits';

describe('digits JSON scan', () => {
  it('reads the same bytes as JSON.parse would', () => {
    const text = Buffer.from('{ "data": [0,0.2,0.624, 1,\n0.996,0.5,0.0039] }');
    const scanned = scanPixels(text);
    expect(scanned).not.toBeNull();
    expect(Array.from(scanned ?? [])).toEqual(Array.from(parsePixels(text, 'x.json')));
    expect(Array.from(scanned ?? [])).toEqual([0, 51, 159, 255, 254, 128, 1]);
  });

  it('leaves what it does not understand to JSON.parse', () => {
    const text = Buffer.from('{"data":[1e-3,0.5]}');
    expect(scanPixels(text)).toBeNull();
    expect(Array.from(parsePixels(text, 'x.json'))).toEqual([0, 128]);
    expect(() => parsePixels(Buffer.from('{"data":'), '/m/3.json')).toThrow(
      /^3\.json: cannot be read as JSON/,
    );
  });
});
