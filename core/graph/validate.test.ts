import { describe, expect, it } from 'vitest';
import { analyzeGraph, validateGraph } from './validate';
import type { Problem, ProblemCode } from './validate';
import { GraphBuilder } from './builder';
import type { GraphDocument } from './schema';

function codes(doc: GraphDocument): ProblemCode[] {
  return validateGraph(doc).map((p) => p.code);
}

function only(doc: GraphDocument, code: ProblemCode): Problem {
  const found = validateGraph(doc).filter((p) => p.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** input(in) → … → flatten → output(out), with `middle` inserted. */
function net(middle: (b: GraphBuilder) => void, input = { height: 8, width: 8, channels: 3 }): GraphDocument {
  const b = new GraphBuilder('t');
  b.add('input', input, { id: 'in' });
  middle(b);
  b.add('flatten', {}, { id: 'flat' });
  b.add('output', { classes: 10 }, { id: 'out' });
  return b.build();
}

describe('validateGraph', () => {
  it('accepts a valid net with no problems', () => {
    expect(validateGraph(net((b) => b.add('conv2d', { filters: 4 })))).toEqual([]);
  });

  it('duplicate-id', () => {
    const doc = net(() => undefined);
    doc.nodes.push({ ...doc.nodes[1]!, position: { x: 5, y: 5 } });
    expect(only(doc, 'duplicate-id')).toMatchObject({ severity: 'error', nodeId: 'flat' });
  });

  it('dangling-edge', () => {
    const doc = net(() => undefined);
    doc.edges.push({ id: 'ghost', source: 'flat', target: 'nowhere' });
    const problem = only(doc, 'dangling-edge');
    expect(problem.edgeId).toBe('ghost');
    expect(problem.message).toContain('"nowhere"');
  });

  it('cycle', () => {
    const doc = net((b) => {
      b.add('add', {}, { id: 'sum', from: ['in'] });
      b.add('activation', {}, { id: 'act' });
      b.connect('act', 'sum');
    });
    const problem = only(doc, 'cycle');
    expect(problem.nodeId).toBe('sum');
    expect(problem.message).toMatch(/Add \(skip connection\) "sum" and Activation "act" form a cycle/);
  });

  it('missing-input', () => {
    const doc = net((b) => b.add('dense', { units: 4 }, { id: 'lonely', from: [] }));
    expect(only(doc, 'missing-input')).toMatchObject({ nodeId: 'lonely', severity: 'error' });
  });

  it('extra-input', () => {
    const doc = net((b) => b.add('conv2d', {}, { id: 'c', from: ['in', 'in'] }));
    expect(only(doc, 'extra-input').message).toContain('Conv 2D "c" takes one input but has 2');
  });

  it('no-input-node', () => {
    const b = new GraphBuilder('t');
    b.add('output', {}, { id: 'out' });
    expect(codes(b.build())).toContain('no-input-node');
  });

  it('no-output', () => {
    const b = new GraphBuilder('t');
    b.add('input', {}, { id: 'in' });
    expect(codes(b.build())).toEqual(['no-output']);
  });

  it('multiple-outputs', () => {
    const doc = net((b) => b.add('flatten', {}, { id: 'f2' }));
    doc.nodes.push({ id: 'out2', type: 'output', params: { classes: 2 }, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'x', source: 'f2', target: 'out2' });
    expect(validateGraph(doc).filter((p) => p.code === 'multiple-outputs')).toHaveLength(2);
  });

  it('unreachable (warning)', () => {
    const doc = net((b) => {
      b.add('conv2d', {}, { id: 'side', from: ['in'] });
      b.add('flatten', {}, { id: 'f0', from: ['in'] });
    });
    expect(only(doc, 'unreachable')).toMatchObject({ nodeId: 'side', severity: 'warning' });
  });

  it('add-shape-mismatch offers projection and zero-pad fixes on the shortcut edge', () => {
    const doc = net((b) => {
      b.add('conv2d', { filters: 8, stride: 2 }, { id: 'main' });
      b.add('add', {}, { id: 'sum', from: ['main', 'in'] });
    });
    const problem = only(doc, 'add-shape-mismatch');
    expect(problem.message).toContain('4×4×8, 8×8×3');
    const shortcut = doc.edges.find((e) => e.source === 'in' && e.target === 'sum')!;
    expect(problem.fixes?.map((f) => f.kind)).toEqual(['projectionShortcut', 'zeroPadShortcut']);
    expect(problem.fixes?.every((f) => f.kind !== 'insertFlatten' && f.edgeId === shortcut.id)).toBe(true);
  });

  it('concat-shape-mismatch', () => {
    const doc = net((b) => {
      b.add('maxPool2d', {}, { id: 'p' });
      b.add('concat', {}, { id: 'cat', from: ['in', 'p'] });
    });
    expect(only(doc, 'concat-shape-mismatch').message).toContain('8×8×3, 4×4×3');
  });

  it('dense-needs-flatten', () => {
    const b = new GraphBuilder('t');
    b.add('input', {}, { id: 'in' });
    b.add('dense', {}, { id: 'd' });
    b.add('output', {}, { id: 'out' });
    const problem = only(b.build(), 'dense-needs-flatten');
    expect(problem.fixes?.[0]).toMatchObject({ kind: 'insertFlatten', edgeId: 'e1' });
  });

  it('needs-image', () => {
    const b = new GraphBuilder('t');
    b.add('input', {}, { id: 'in' });
    b.add('flatten', {}, { id: 'f' });
    b.add('conv2d', {}, { id: 'c' });
    b.add('output', {}, { id: 'out' });
    expect(only(b.build(), 'needs-image').message).toContain('Conv 2D "c" needs an image');
  });

  it('non-positive-size names the dimension', () => {
    const doc = net((b) => b.add('conv2d', { kernel: 5, padding: 'valid' }, { id: 'big' }), {
      height: 3,
      width: 9,
      channels: 1,
    });
    const problem = only(doc, 'non-positive-size');
    expect(problem.message).toContain('a height of -1 ((3 − 5 + 2·0)/1 + 1 = -1)');
    expect(problem.message).not.toContain('width of');
  });

  it('stride-leftover: 3×3 at stride 3 on 7×7 leaves one row and one column', () => {
    const doc = net((b) => b.add('conv2d', { kernel: 3, stride: 3, padding: 'valid' }, { id: 'c' }), {
      height: 7,
      width: 7,
      channels: 1,
    });
    const problem = only(doc, 'stride-leftover');
    expect(problem.severity).toBe('warning');
    expect(problem.message).toBe(
      'Conv 2D "c": (7 − 3 + 2·0)/3 + 1 = 2.33 is not a whole number: the stride leaves 1 input row and 1 column unused.',
    );
  });

  it('stride-with-dilation: a strided atrous conv is refused before training', () => {
    const doc = net(
      (b) => b.add('conv2d', { kernel: 3, stride: 2, dilation: 2, padding: 'same' }, { id: 'c' }),
      {
        height: 16,
        width: 16,
        channels: 1,
      },
    );
    const problem = only(doc, 'stride-with-dilation');
    expect(problem.severity).toBe('error');
    expect(problem.nodeId).toBe('c');
    expect(problem.message).toContain('stride 2 with dilation 2');
  });

  it('stride-leftover inside a composite is reported on the composite', () => {
    const doc = net((b) => b.add('vggBlock', { convs: 1, filters: 4 }, { id: 'vgg' }), {
      height: 7,
      width: 8,
      channels: 1,
    });
    const problem = only(doc, 'stride-leftover');
    expect(problem.nodeId).toBe('vgg');
    expect(problem.message).toContain('(at pool): height: (7 − 2 + 2·0)/2 + 1 = 3.5 is not whole');
  });

  it('softmax-before-output', () => {
    const doc = net(() => undefined);
    doc.nodes.push({
      id: 'sm',
      type: 'activation',
      params: { fn: 'softmax', alpha: 0 },
      position: { x: 0, y: 0 },
    });
    doc.edges = doc.edges.filter((e) => e.target !== 'out');
    doc.edges.push({ id: 'a', source: 'flat', target: 'sm' }, { id: 'b', source: 'sm', target: 'out' });
    expect(only(doc, 'softmax-before-output').severity).toBe('warning');
  });

  it('huge-model', () => {
    const doc = net((b) => b.add('conv2d', { filters: 20_000, kernel: 60, padding: 'same' }), {
      height: 8,
      width: 8,
      channels: 100,
    });
    expect(only(doc, 'huge-model').message).toMatch(/7\.2G parameters/);
  });

  it('never throws on broken graphs and still infers what it can', () => {
    const b = new GraphBuilder('broken');
    b.add('add', {}, { id: 'a', from: [] });
    b.add('conv2d', {}, { id: 'c', from: ['a', 'missing'] });
    const doc = b.build();
    doc.edges.push({ id: 'self', source: 'c', target: 'c' });
    const { problems, inference } = analyzeGraph(doc);
    expect(problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['cycle', 'dangling-edge', 'no-output']),
    );
    expect(inference.nodes['c']?.shape).toBeNull();
  });
});

// Speed at this scale is a goal measured by bench/core-infer.ts, never asserted against the clock here.
describe('analyzeGraph at 1,000 nodes', () => {
  it('analyses a 1,002-node residual graph cleanly', () => {
    const b = new GraphBuilder('wide');
    b.add('input', { height: 16, width: 16, channels: 8 }, { id: 'in' });
    let previous = 'in';
    for (let i = 0; i < 333; i++) {
      b.add('conv2d', { filters: 8 }, { from: previous });
      const bn = b.add('batchNorm');
      previous = b.add('add', {}, { from: [bn, previous] });
    }
    b.add('flatten');
    b.add('output');
    const doc = b.build();
    expect(doc.nodes).toHaveLength(1002);
    const { problems, inference } = analyzeGraph(doc);
    expect(problems).toEqual([]);
    expect(inference.order).toHaveLength(1002);
  });
});
