import { describe, expect, it } from 'vitest';
import { zeroPad2d } from './zeroPad2d';

describe('zeroPad2d descriptor', () => {
  it('adds rows, columns and channels', () => {
    const p = { top: 1, bottom: 0, left: 2, right: 0, channelsBefore: 4, channelsAfter: 4 };
    expect(zeroPad2d.infer(p, [[8, 8, 16]]).shape).toEqual([9, 10, 24]);
    expect(zeroPad2d.digest(p)).toBe('pad 1,0,2,0 +8ch');
  });
});
