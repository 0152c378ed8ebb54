import { describe, expect, it } from 'vitest';
import { convOutputSize, inferGraph } from './infer';
import { GraphBuilder } from './builder';
import type { NodeType, ParamsOf } from './schema';

/** input → node under test (→ more) and the inference of the last node. */
function after<T extends NodeType>(
  input: [number, number, number] | null,
  type: T,
  params: Partial<ParamsOf<T>> = {},
) {
  const b = new GraphBuilder('t');
  if (input) b.add('input', { height: input[0], width: input[1], channels: input[2] });
  if (!input) {
    b.add('input', { height: 4, width: 4, channels: 3 });
    b.add('flatten');
  }
  const id = b.add(type, params);
  return inferGraph(b.build()).nodes[id]!;
}

describe('convOutputSize', () => {
  it('follows (N − F + 2P)/S + 1', () => {
    expect(convOutputSize(7, 3, 1, 'valid')).toEqual({ size: 5, unused: 0 });
    expect(convOutputSize(7, 3, 2, 'valid')).toEqual({ size: 3, unused: 0 });
    expect(convOutputSize(32, 5, 1, 2)).toEqual({ size: 32, unused: 0 });
    expect(convOutputSize(227, 11, 4, 'valid')).toEqual({ size: 55, unused: 0 });
  });
  it('reports the leftover of a stride that does not fit: 3×3 at stride 3 on 7×7 leaves 1', () => {
    expect(convOutputSize(7, 3, 3, 'valid')).toEqual({ size: 2, unused: 1 });
  });
  it("keeps ceil(N/S) for 'same'", () => {
    expect(convOutputSize(7, 3, 3, 'same')).toEqual({ size: 3, unused: 0 });
    expect(convOutputSize(32, 3, 2, 'same')).toEqual({ size: 16, unused: 0 });
  });
  it('uses the dilated extent d(F − 1) + 1', () => {
    expect(convOutputSize(10, 3, 1, 'valid', 2)).toEqual({ size: 6, unused: 0 });
    expect(convOutputSize(10, 3, 1, 1, 2)).toEqual({ size: 8, unused: 0 });
  });
  it('goes non-positive when the kernel is larger than the padded input', () => {
    expect(convOutputSize(2, 5, 1, 'valid').size).toBeLessThanOrEqual(0);
  });
});

describe('inferGraph per node type', () => {
  it('input', () => {
    expect(after([28, 28, 1], 'flatten').inputShapes).toEqual([[28, 28, 1]]);
  });
  it('conv2d: shape, params with and without bias, MACs', () => {
    const conv = after([32, 32, 3], 'conv2d', { filters: 6, kernel: 5, padding: 'valid' });
    expect(conv.shape).toEqual([28, 28, 6]);
    expect(conv.params).toBe(5 * 5 * 3 * 6 + 6);
    expect(conv.trainableParams).toBe(conv.params);
    expect(conv.macs).toBe(28 * 28 * 6 * 5 * 5 * 3);
    expect(after([32, 32, 3], 'conv2d', { filters: 6, kernel: 5, useBias: false }).params).toBe(450);
  });
  it('conv2d with explicit padding and dilation', () => {
    expect(after([10, 12, 1], 'conv2d', { kernel: 3, padding: 1, dilation: 2 }).shape).toEqual([8, 10, 16]);
  });
  it('maxPool2d and avgPool2d', () => {
    expect(after([28, 28, 6], 'maxPool2d', { pool: 2, stride: 2 }).shape).toEqual([14, 14, 6]);
    const avg = after([7, 7, 2], 'avgPool2d', { pool: 3, stride: 3, padding: 'valid' });
    expect(avg.shape).toEqual([2, 2, 2]);
    expect(avg.params).toBe(0);
  });
  it('globalAvgPool2d', () => {
    expect(after([8, 8, 64], 'globalAvgPool2d').shape).toEqual([64]);
  });
  it('activation, dropout and lrn keep the shape', () => {
    expect(after([5, 5, 3], 'activation', { fn: 'gelu' }).shape).toEqual([5, 5, 3]);
    expect(after([5, 5, 3], 'dropout').shape).toEqual([5, 5, 3]);
    expect(after([5, 5, 3], 'lrn').shape).toEqual([5, 5, 3]);
  });
  it('batchNorm counts 4·C params, 2·C trainable', () => {
    const bn = after([5, 5, 16], 'batchNorm');
    expect(bn.shape).toEqual([5, 5, 16]);
    expect([bn.params, bn.trainableParams]).toEqual([64, 32]);
  });
  it('flatten and dense', () => {
    expect(after([4, 4, 3], 'flatten').shape).toEqual([48]);
    const dense = after(null, 'dense', { units: 10 });
    expect(dense.shape).toEqual([10]);
    expect([dense.params, dense.macs]).toEqual([48 * 10 + 10, 480]);
  });
  it('dense fed an image has no shape', () => {
    expect(after([4, 4, 3], 'dense').shape).toBeNull();
  });
  it('output is a dense layer to the classes', () => {
    const out = after(null, 'output', { classes: 10 });
    expect([out.shape, out.params]).toEqual([[10], 490]);
  });
  it('zeroPad2d pads space and channels', () => {
    const pad = after([8, 8, 16], 'zeroPad2d', {
      top: 1,
      bottom: 2,
      left: 0,
      right: 1,
      channelsBefore: 8,
      channelsAfter: 8,
    });
    expect(pad.shape).toEqual([11, 9, 32]);
  });
  it('add and concat merge inputs in edge order', () => {
    const b = new GraphBuilder('merge');
    const x = b.add('input', { height: 8, width: 8, channels: 4 });
    const c1 = b.add('conv2d', { filters: 4 }, { from: x });
    const c2 = b.add('conv2d', { filters: 6 }, { from: x });
    const add = b.add('add', {}, { from: [x, c1] });
    const cat = b.add('concat', {}, { from: [c1, c2] });
    const bad = b.add('add', {}, { from: [c1, c2] });
    const inf = inferGraph(b.build());
    expect(inf.nodes[add]!.shape).toEqual([8, 8, 4]);
    expect(inf.nodes[cat]!.shape).toEqual([8, 8, 10]);
    expect(inf.nodes[bad]!.shape).toBeNull();
  });
  it('residualStage is inferred through its expansion (option A shortcut)', () => {
    const stage = after([32, 32, 16], 'residualStage', {
      blocks: 3,
      filters: 32,
      firstStride: 2,
      shortcut: 'identityPad',
      residual: true,
    });
    expect(stage.shape).toEqual([16, 16, 32]);
    // block 1: 3·3·16·32 + 3·3·32·32 + 2 BN(32); blocks 2–3: 2·3·3·32·32 + 2 BN(32)
    expect(stage.params).toBe(4608 + 9216 + 256 + 2 * (2 * 9216 + 256));
  });
  it('residualStage with a projection shortcut adds the 1×1 conv and its BN', () => {
    const common = { blocks: 1, filters: 32, firstStride: 2, residual: true } as const;
    const a = after([32, 32, 16], 'residualStage', { ...common, shortcut: 'identityPad' });
    const b = after([32, 32, 16], 'residualStage', { ...common, shortcut: 'projection' });
    expect(b.params - a.params).toBe(16 * 32 + 4 * 32);
  });
  it('vggBlock', () => {
    const block = after([224, 224, 3], 'vggBlock', { convs: 2, filters: 64, batchNorm: false });
    expect(block.shape).toEqual([112, 112, 64]);
    expect(block.params).toBe(3 * 3 * 3 * 64 + 64 + 3 * 3 * 64 * 64 + 64);
  });
});

describe('inferGraph robustness', () => {
  it('never throws and sums totals over known nodes', () => {
    const b = new GraphBuilder('t');
    b.add('input', { height: 28, width: 28, channels: 1 });
    b.add('conv2d', { filters: 2, kernel: 3, padding: 'valid' });
    b.add('dense', { units: 3 }); // image into dense: unknown
    b.add('output', { classes: 2 });
    const inf = inferGraph(b.build());
    expect(inf.totalParams).toBe(3 * 3 * 2 + 2);
    expect(inf.order).toHaveLength(4);
  });
  it('omits nodes on a cycle from the order but still lists them', () => {
    const b = new GraphBuilder('cycle');
    b.add('input', {}, { id: 'in' });
    b.add('activation', {}, { id: 'a', from: ['in'] });
    b.add('add', {}, { id: 'b', from: ['a'] });
    b.add('activation', {}, { id: 'c' });
    b.connect('c', 'b');
    b.add('output', {}, { id: 'out', from: [] });
    const inf = inferGraph(b.build());
    expect(inf.order).toEqual(['in', 'a', 'out']);
    expect(inf.nodes['b']?.shape).toBeNull();
  });
});
