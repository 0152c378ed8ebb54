import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations';
import { CURRENT_VERSION, documentSchema } from './schema';

const V0 = {
  format: 'deepwire',
  version: 0,
  title: 'Old digits net',
  layers: [
    { name: 'in', kind: 'input', config: { shape: [28, 28, 1] }, x: 0, y: 0 },
    {
      name: 'c1',
      kind: 'conv',
      config: { filters: 8, kernelSize: 3, strides: 1, padding: 'same' },
      x: 200,
      y: 0,
    },
    { name: 'r1', kind: 'relu', config: {}, x: 400, y: 0 },
    { name: 'p1', kind: 'maxpool', config: { poolSize: 2 }, x: 600, y: 0 },
    { name: 'f', kind: 'flatten', config: {}, x: 800, y: 0 },
    { name: 'out', kind: 'output', config: { classes: 10 }, x: 1000, y: 0 },
  ],
  links: [
    { from: 'in', to: 'c1' },
    { from: 'c1', to: 'r1' },
    { from: 'r1', to: 'p1' },
    { from: 'p1', to: 'f' },
    { from: 'f', to: 'out' },
  ],
};

describe('migration chain', () => {
  it('is ordered and contiguous up to the current version', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.from).toBe(i);
      expect(m.to).toBe(i + 1);
    });
    expect(MIGRATIONS.at(-1)?.to).toBe(CURRENT_VERSION);
  });

  it('v0 → v1 maps layers to typed nodes and links to edges', () => {
    const up = MIGRATIONS[0]!.up(V0);
    const doc = documentSchema.parse(up);
    expect(doc.name).toBe('Old digits net');
    expect(doc.nodes.map((n) => n.type)).toEqual([
      'input',
      'conv2d',
      'activation',
      'maxPool2d',
      'flatten',
      'output',
    ]);
    const conv = doc.nodes[1]!;
    expect(conv.type === 'conv2d' && conv.params).toEqual({
      filters: 8,
      kernel: 3,
      stride: 1,
      padding: 'same',
      dilation: 1,
      useBias: true,
    });
    expect(doc.nodes[3]!.params).toEqual({ pool: 2, stride: 2, padding: 'valid' });
    expect(doc.nodes[5]!.position).toEqual({ x: 1000, y: 0 });
    expect(doc.edges).toEqual([
      { id: 'e1', source: 'in', target: 'c1' },
      { id: 'e2', source: 'c1', target: 'r1' },
      { id: 'e3', source: 'r1', target: 'p1' },
      { id: 'e4', source: 'p1', target: 'f' },
      { id: 'e5', source: 'f', target: 'out' },
    ]);
  });

  it('v0 → v1 carries unknown kinds over so the schema can name them', () => {
    const up = MIGRATIONS[0]!.up({ ...V0, layers: [{ name: 'x', kind: 'capsule', config: {} }], links: [] });
    expect(documentSchema.safeParse(up).success).toBe(false);
  });

  it('migrate runs every step from the given version and is pure', () => {
    const before = JSON.stringify(V0);
    const out = migrate(V0, 0);
    expect(out['version']).toBe(CURRENT_VERSION);
    expect(JSON.stringify(V0)).toBe(before);
    expect(migrate(out, CURRENT_VERSION)).toBe(out);
  });
});
