import { describe, expect, it } from 'vitest';
import { applyFix } from './fixes';
import type { Fix } from './fixes';
import { analyzeGraph, validateGraph } from './validate';
import { GraphBuilder } from './builder';
import type { GraphDocument } from './schema';

function mismatchedAdd(inputChannels: number): GraphDocument {
  const b = new GraphBuilder('shortcut');
  b.add('input', { height: 32, width: 32, channels: inputChannels }, { id: 'in' });
  b.add('conv2d', { filters: 32, stride: 2 }, { id: 'main' });
  b.add('add', {}, { id: 'sum', from: ['main', 'in'] });
  b.add('globalAvgPool2d', {}, { id: 'gap' });
  b.add('output', {}, { id: 'out' });
  return b.build();
}

function fixFor(doc: GraphDocument, kind: Fix['kind']): Fix {
  const fix = validateGraph(doc)
    .flatMap((p) => p.fixes ?? [])
    .find((f) => f.kind === kind);
  expect(fix).toBeDefined();
  return fix!;
}

describe('applyFix', () => {
  it('insertFlatten puts a Flatten on the edge and the error goes away', () => {
    const b = new GraphBuilder('t');
    b.add('input', {}, { id: 'in' });
    b.add('dense', {}, { id: 'd' });
    b.add('output', {}, { id: 'out' });
    const doc = b.build();
    const fixed = applyFix(doc, fixFor(doc, 'insertFlatten'));
    expect(validateGraph(fixed)).toEqual([]);
    expect(fixed.nodes.map((n) => n.type)).toEqual(['input', 'dense', 'output', 'flatten']);
    expect(doc.nodes).toHaveLength(3); // pure
  });

  it('projectionShortcut inserts conv 1×1 stride 2 + batch norm', () => {
    const doc = mismatchedAdd(16);
    const fixed = applyFix(doc, fixFor(doc, 'projectionShortcut'));
    const { problems, inference } = analyzeGraph(fixed);
    expect(problems).toEqual([]);
    const projection = fixed.nodes.find((n) => n.type === 'conv2d' && n.params.kernel === 1)!;
    expect(projection.params).toMatchObject({ filters: 32, stride: 2, useBias: false });
    expect(inference.nodes['sum']?.shape).toEqual([16, 16, 32]);
    // the add still reads the main path first
    expect(fixed.edges.filter((e) => e.target === 'sum').map((e) => e.source)).toEqual([
      'main',
      'projectionBn',
    ]);
  });

  it('zeroPadShortcut subsamples and pads channels (option A)', () => {
    const doc = mismatchedAdd(16);
    const fixed = applyFix(doc, fixFor(doc, 'zeroPadShortcut'));
    expect(validateGraph(fixed)).toEqual([]);
    const pad = fixed.nodes.find((n) => n.type === 'zeroPad2d')!;
    expect(pad.params).toMatchObject({ channelsBefore: 8, channelsAfter: 8 });
    expect(
      fixed.nodes.some((n) => n.type === 'maxPool2d' && n.params.pool === 1 && n.params.stride === 2),
    ).toBe(true);
  });

  it('offers no zero-pad fix when the shortcut has more channels than the main path', () => {
    const doc = mismatchedAdd(64);
    const kinds = validateGraph(doc)
      .flatMap((p) => p.fixes ?? [])
      .map((f) => f.kind);
    expect(kinds).toEqual(['projectionShortcut']);
  });

  it('gives new nodes unique ids', () => {
    const b = new GraphBuilder('t');
    b.add('input', {}, { id: 'in' });
    b.add('flatten', {}, { id: 'flatten' });
    b.add('dense', {}, { id: 'd', from: 'in' });
    b.add('output', {}, { id: 'out', from: 'd' });
    const doc = b.build();
    const fixed = applyFix(doc, fixFor(doc, 'insertFlatten'));
    expect(new Set(fixed.nodes.map((n) => n.id)).size).toBe(fixed.nodes.length);
    expect(fixed.nodes.at(-1)?.id).toBe('flatten-2');
  });

  it('returns the document unchanged when the fix no longer applies', () => {
    const doc = mismatchedAdd(16);
    const fix = fixFor(doc, 'projectionShortcut');
    const once = applyFix(doc, fix);
    expect(applyFix(once, fix)).toBe(once);
    expect(applyFix(doc, { kind: 'insertFlatten', edgeId: 'nope', label: '' })).toBe(doc);
  });
});
