import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../schema';
import { nodeColour, PALETTE_SECTIONS } from './palette';

describe('palette sections', () => {
  it('place every node type in exactly one section, each with a colour', () => {
    const listed = PALETTE_SECTIONS.flatMap((s) => s.types);
    expect([...listed].sort()).toEqual([...NODE_TYPES].sort());
    expect(PALETTE_SECTIONS.every((s) => s.types.length > 0)).toBe(true);
    expect(nodeColour('conv2d')).toBe(nodeColour('zeroPad2d'));
    expect(nodeColour('conv2d')).not.toBe(nodeColour('dense'));
  });
});
