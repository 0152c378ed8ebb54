import { describe, expect, it } from 'vitest';
import { NODE_TYPES, type GraphNode } from '../../../core/graph/schema';
import { nodeOf } from '../actions/testState';
import { describeParams } from './describeParams';

describe('describeParams', () => {
  it('summarises conv and pool parameters the way the primer writes them', () => {
    expect(describeParams(nodeOf('c', 'conv2d'))).toBe('16 @ 3×3 /1 same');
    const dilated = {
      ...nodeOf('c', 'conv2d'),
      params: { filters: 8, kernel: 5, stride: 2, padding: 1, dilation: 2, useBias: true },
    } as GraphNode;
    expect(describeParams(dilated)).toBe('8 @ 5×5 /2 pad 1 d2');
    expect(describeParams(nodeOf('p', 'maxPool2d'))).toBe('2×2 /2 valid');
    expect(describeParams(nodeOf('i', 'input'))).toBe('28×28×1');
    expect(describeParams(nodeOf('a', 'activation'))).toBe('ReLU');
    expect(describeParams(nodeOf('o', 'output'))).toBe('10 classes');
  });

  it('has an answer for every node type', () => {
    for (const type of NODE_TYPES) expect(typeof describeParams(nodeOf('x', type))).toBe('string');
  });
});
