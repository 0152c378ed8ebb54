import { describe, expect, it } from 'vitest';
import { emptyDocument, parseDocument, serializeDocument } from './document';
import { GraphBuilder } from './builder';

function sample() {
  const b = new GraphBuilder('sample');
  b.add('input', { height: 28, width: 28, channels: 1 }, { id: 'in' });
  b.add('conv2d', { filters: 4 }, { id: 'conv', label: 'Edges' });
  b.add('flatten', {}, { id: 'flat' });
  b.add('output', { classes: 10 }, { id: 'out' });
  return b.build();
}

describe('parseDocument', () => {
  it('round-trips a serialized document', () => {
    const doc = sample();
    const text = serializeDocument(doc);
    const parsed = parseDocument(text);
    expect(parsed).toEqual({ ok: true, document: doc, migratedFrom: null });
    expect(text.endsWith('}\n')).toBe(true);
    expect(serializeDocument(parsed.ok ? parsed.document : doc)).toBe(text);
  });

  it('accepts an already-parsed object', () => {
    const result = parseDocument(JSON.parse(serializeDocument(sample())));
    expect(result.ok).toBe(true);
  });

  it('migrates version 0 and reports where it came from', () => {
    const result = parseDocument({
      format: 'deepwire',
      version: 0,
      title: 'old',
      layers: [{ name: 'in', kind: 'input', config: { shape: [8, 8, 3] }, x: 1, y: 2 }],
      links: [],
    });
    expect(result.ok && result.migratedFrom).toBe(0);
    expect(result.ok && result.document.nodes[0]?.params).toEqual({ height: 8, width: 8, channels: 3 });
  });

  it('refuses a newer version, naming it', () => {
    const result = parseDocument({ format: 'deepwire', version: 7, name: 'x', nodes: [], edges: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('version-too-new');
    expect(result.error.message).toContain('version 7');
    expect(result.error.message).toContain('up to version 1');
  });

  it('reports bad JSON', () => {
    const result = parseDocument('{"format": "deepwire",');
    expect(!result.ok && result.error.code).toBe('json');
  });

  it('reports a wrong format marker', () => {
    expect(!parseDocument({ format: 'keras' }).ok).toBe(true);
    const result = parseDocument('[1,2]');
    expect(!result.ok && result.error.code).toBe('format');
  });

  it('names the field path and node id of a schema error', () => {
    const doc = JSON.parse(serializeDocument(sample()));
    doc.nodes[1].params.kernel = 0;
    const result = parseDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('schema');
    expect(result.error.path).toBe('nodes[1].params.kernel');
    expect(result.error.message).toContain('nodes[1].params.kernel: must be ≥ 1');
    expect(result.error.message).toContain('node "conv"');
  });

  it('says which type a field should have', () => {
    const doc = JSON.parse(serializeDocument(sample()));
    doc.nodes[1].params.filters = 'many';
    const result = parseDocument(doc);
    expect(!result.ok && result.error.message).toMatch(
      /nodes\[1\]\.params\.filters: must be a number \(got "many"\)/,
    );
  });

  it('names an unknown node type and a bad padding', () => {
    const doc = JSON.parse(serializeDocument(sample()));
    doc.nodes[2].type = 'capsule';
    const unknown = parseDocument(doc);
    expect(!unknown.ok && unknown.error.message).toContain('nodes[2].type: unknown node type "capsule"');
    const padded = JSON.parse(serializeDocument(sample()));
    padded.nodes[1].params.padding = 'full';
    const bad = parseDocument(padded);
    expect(!bad.ok && bad.error.message).toContain('allowed: "same", "valid", a number');
  });
});

describe('emptyDocument', () => {
  it('is a valid current-version document', () => {
    const doc = emptyDocument('New graph');
    expect(parseDocument(doc)).toEqual({ ok: true, document: doc, migratedFrom: null });
  });
});
