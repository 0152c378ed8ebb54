import { describe, expect, it } from 'vitest';
import { collapseGroup, expandComposites, expandNode } from './expand';
import { inferGraph } from './infer';
import { validateGraph } from './validate';
import { buildCifarNet } from '../templates/resnet';
import { buildVgg } from '../templates/vgg';
import type { GraphDocument } from './schema';

function normalized(doc: GraphDocument) {
  return {
    ...doc,
    nodes: [...doc.nodes].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...doc.edges].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('expandComposites', () => {
  it('expands every composite into primitives with the same shapes and counts', () => {
    const doc = buildCifarNet({ depth: 20, residual: true });
    const flat = expandComposites(doc);
    expect(flat.nodes.some((n) => n.type === 'residualStage')).toBe(false);
    const before = inferGraph(doc);
    const after = inferGraph(flat);
    expect(after.totalParams).toBe(before.totalParams);
    expect(after.totalMacs).toBe(before.totalMacs);
    expect(after.nodes['output']?.shape).toEqual([10]);
    expect(validateGraph(flat).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('uses deterministic ids and records the group', () => {
    const flat = expandComposites(buildCifarNet({ depth: 20, residual: true }));
    const conv = flat.nodes.find((n) => n.id === 'stage2.b0.conv1');
    expect(conv?.group).toMatchObject({ id: 'stage2', type: 'residualStage' });
    expect(flat.nodes.some((n) => n.id === 'stage2.b0.pad')).toBe(true);
    expect(expandComposites(buildCifarNet({ depth: 20, residual: true }))).toEqual(flat);
  });

  it("pads a strided block's first conv as PyTorch's padding=1, so it samples the pixels the shortcut keeps", () => {
    // Input 28×28: stage 2 sees 28 (even) and stage 3 sees 14 (even); an odd size needs the bottom row too.
    const flat = expandComposites(
      buildCifarNet({ depth: 20, residual: true, input: { height: 28, width: 28, channels: 1 } }),
    );
    const byId = new Map(flat.nodes.map((n) => [n.id, n]));
    const pad = byId.get('stage2.b0.pad1');
    expect(pad?.type === 'zeroPad2d' && pad.params).toMatchObject({ top: 1, left: 1, bottom: 0, right: 0 });
    const conv = byId.get('stage2.b0.conv1');
    expect(conv?.type === 'conv2d' && conv.params).toMatchObject({ stride: 2, padding: 'valid', kernel: 3 });
    // Output i's window starts at padded row 2i, input row 2i−1: centred on input 2i, as the 1×1 stride-2 subsample.
    const shapes = inferGraph(flat).nodes;
    expect(shapes['stage2.b0.conv1']?.shape).toEqual([14, 14, 32]);
    expect(shapes['stage3.b0.conv1']?.shape).toEqual([7, 7, 64]);
    expect(validateGraph(flat)).toEqual([]);
    const odd = expandComposites(
      buildCifarNet({ depth: 20, residual: true, input: { height: 30, width: 30, channels: 1 } }),
    );
    const oddPad = odd.nodes.find((n) => n.id === 'stage3.b0.pad1');
    expect(oddPad?.type === 'zeroPad2d' && oddPad.params).toMatchObject({
      top: 1,
      bottom: 1,
      left: 1,
      right: 1,
    });
  });

  it('leaves a document without composites untouched', () => {
    const doc = expandComposites(buildVgg(16));
    expect(expandComposites(doc)).toBe(doc);
  });
});

describe('expandNode / collapseGroup', () => {
  it('round-trips a residual stage with an identity shortcut', () => {
    const doc = buildCifarNet({ depth: 20, residual: true });
    const expanded = expandNode(doc, 'stage1');
    expect(expanded.nodes.filter((n) => n.group?.id === 'stage1').length).toBeGreaterThan(10);
    expect(expanded.nodes.some((n) => n.id === 'stage2')).toBe(true);
    expect(inferGraph(expanded).totalParams).toBe(inferGraph(doc).totalParams);
    expect(normalized(collapseGroup(expanded, 'stage1'))).toEqual(normalized(doc));
  });

  it('round-trips a projection stage and a VGG block', () => {
    const resnet = buildCifarNet({ depth: 20, residual: true, shortcut: 'projection' });
    expect(normalized(collapseGroup(expandNode(resnet, 'stage3'), 'stage3'))).toEqual(normalized(resnet));
    const vgg = buildVgg(11);
    expect(normalized(collapseGroup(expandNode(vgg, 'block2'), 'block2'))).toEqual(normalized(vgg));
  });

  it('lays the primitives out left to right from the composite position', () => {
    const doc = buildVgg(11);
    const at = doc.nodes.find((n) => n.id === 'block2')!.position;
    const members = expandNode(doc, 'block2').nodes.filter((n) => n.group?.id === 'block2');
    expect(members[0]!.position).toEqual(at);
    const xs = members.map((n) => n.position.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('ignores ids that are not composites or groups', () => {
    const doc = buildVgg(11);
    expect(expandNode(doc, 'input')).toBe(doc);
    expect(collapseGroup(doc, 'nothing')).toBe(doc);
  });
});
