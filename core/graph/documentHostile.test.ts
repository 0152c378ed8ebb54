import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './builder';
import { inferGraph } from './infer';
import { parseDocument, serializeDocument, type ParseResult } from './document';
import { CURRENT_VERSION } from './schema';

/**
 * Damaged and foreign project files: parseDocument never throws and every
 * failure says what is wrong and where (the field path or the version).
 */

const SEED = 31_337;

function sampleText(): string {
  const b = new GraphBuilder('Hostile sample');
  b.add('input', { height: 28, width: 28, channels: 1 });
  b.add('conv2d', { filters: 8 }, { label: 'first conv' });
  b.add('activation', { fn: 'relu' });
  b.add('maxPool2d');
  b.add('flatten');
  b.add('dense', { units: 32 });
  b.add('output', { classes: 10 });
  return serializeDocument(b.build());
}

const TEXT = sampleText();
const CODES = ['json', 'format', 'version-too-new', 'schema'];

/** Parses without letting an exception escape the assertion, and checks the failure's form. */
function parseSafely(input: unknown): ParseResult {
  let result: ParseResult | undefined;
  expect(() => (result = parseDocument(input))).not.toThrow();
  if (!result) throw new Error('parseDocument returned nothing');
  if (!result.ok) {
    expect(CODES).toContain(result.error.code);
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(result.error.message.length).toBeLessThan(2000);
    if (result.error.code === 'schema') expect(result.error.path).toBeTruthy();
  }
  return result;
}

const V0 = {
  format: 'deepwire',
  version: 0,
  title: 'Old net',
  layers: [
    { name: 'in', kind: 'input', config: { shape: [8, 8, 1] }, x: 0, y: 0 },
    { name: 'f', kind: 'flatten', config: {}, x: 200, y: 0 },
    { name: 'out', kind: 'output', config: { classes: 3 }, x: 400, y: 0 },
  ],
  links: [
    { from: 'in', to: 'f' },
    { from: 'f', to: 'out' },
  ],
};

/** Keys a lookup on a plain object finds on Object.prototype when the file names them. */
const PROTOTYPE_KEYS = ['__proto__', 'valueOf', 'hasOwnProperty', 'constructor', 'toString'];

describe('hostile project files', () => {
  it('parses the intact sample', () => {
    expect(parseSafely(TEXT)).toMatchObject({ ok: true, migratedFrom: null });
  });

  it('refuses a file truncated at any offset as invalid JSON', () => {
    // The last character is the trailing newline: dropping only it leaves valid JSON.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TEXT.length - 2 }), (offset) => {
        const result = parseSafely(TEXT.slice(0, offset));
        expect(result).toMatchObject({ ok: false, error: { code: 'json' } });
        if (!result.ok) expect(result.error.message).toMatch(/not valid JSON/);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('never throws on a bit-flipped file and names the field when the JSON survives', () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        (at, bit) => {
          const flipped = Buffer.from(bytes);
          flipped[at] = (flipped[at] ?? 0) ^ (1 << bit);
          const result = parseSafely(flipped.toString('utf8'));
          if (!result.ok && result.error.code === 'schema') {
            expect(result.error.message.startsWith(result.error.path ?? '')).toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it.each([
    ['format', 7, 'format'],
    ['version', '1', 'version'],
    ['name', 42, 'name'],
    ['nodes', {}, 'nodes'],
    ['edges', 'none', 'edges'],
  ])('names the top-level field %s when it has the wrong type', (key, value, path) => {
    const doc = { ...(JSON.parse(TEXT) as Record<string, unknown>), [key]: value };
    expect(parseSafely(doc)).toMatchObject({ ok: false, error: { path } });
  });

  it('names the node, the field and the node id for wrong types inside a node', () => {
    const doc = JSON.parse(TEXT) as { nodes: Array<Record<string, unknown>> };
    const conv = doc.nodes[1] as { id: string; params: Record<string, unknown> };
    conv.params['filters'] = 'eight';
    const result = parseSafely(doc);
    expect(result).toMatchObject({ ok: false, error: { code: 'schema', path: 'nodes[1].params.filters' } });
    if (!result.ok) expect(result.error.message).toContain(`node "${conv.id}"`);
  });

  it.each([[[]], [null], ['"text"'], [42], [true]])('refuses a non-object document %j', (value) => {
    const text = JSON.stringify(value);
    expect(parseSafely(text)).toMatchObject({ ok: false, error: { code: 'format' } });
  });

  it('refuses a newer format version, naming both versions', () => {
    const newer = { ...(JSON.parse(TEXT) as object), version: CURRENT_VERSION + 1, futureField: [1] };
    const result = parseSafely(newer);
    expect(result).toMatchObject({ ok: false, error: { code: 'version-too-new', path: 'version' } });
    if (!result.ok) {
      expect(result.error.message).toContain(`version ${CURRENT_VERSION + 1}`);
      expect(result.error.message).toContain(`version ${CURRENT_VERSION}`);
    }
  });

  it.each([[-1], [1.5], ['0'], [null]])('refuses the unknown version %j', (version) => {
    const doc = { ...(JSON.parse(TEXT) as object), version };
    expect(parseSafely(doc)).toMatchObject({ ok: false, error: { code: 'format', path: 'version' } });
  });

  it('migrates an older (v0) file and says it did', () => {
    const result = parseSafely(JSON.stringify(V0));
    expect(result).toMatchObject({ ok: true, migratedFrom: 0, document: { name: 'Old net' } });
    if (result.ok) expect(result.document.nodes.map((n) => n.type)).toEqual(['input', 'flatten', 'output']);
  });

  it('names the field of a broken v0 file after migration', () => {
    const broken = structuredClone(V0);
    const output = broken.layers[2];
    if (output) output.config = { classes: -3 };
    const result = parseSafely(broken);
    expect(result).toMatchObject({ ok: false, error: { code: 'schema', path: 'nodes[2].params.classes' } });
  });

  it.each(PROTOTYPE_KEYS)('refuses a v0 layer of kind %j, naming the kind, without throwing', (kind) => {
    const hostile = structuredClone(V0);
    const flatten = hostile.layers[1];
    if (flatten) flatten.kind = kind;
    const result = parseSafely(JSON.stringify(hostile));
    expect(result).toMatchObject({ ok: false, error: { code: 'schema', path: 'nodes[1].type' } });
    if (!result.ok) expect(result.error.message).toContain(`"${kind}"`);
  });

  it.each(PROTOTYPE_KEYS)('treats the node id %j as an ordinary id in parsing and inference', (id) => {
    const doc = JSON.parse(TEXT) as { nodes: { id: string }[]; edges: { source: string; target: string }[] };
    const old = doc.nodes[0]?.id ?? '';
    for (const node of doc.nodes) if (node.id === old) node.id = id;
    for (const edge of doc.edges) {
      if (edge.source === old) edge.source = id;
      if (edge.target === old) edge.target = id;
    }
    const result = parseSafely(JSON.stringify(doc));
    if (!result.ok) throw new Error(result.error.message);
    const inference = inferGraph(result.document);
    expect(Object.keys(inference.nodes)).toContain(id);
    expect(inference.nodes[id]?.shape).toEqual([28, 28, 1]);
    expect(Object.keys(inference.nodes)).toHaveLength(result.document.nodes.length);
  });

  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    expect(parseSafely(`\uFEFF${TEXT}`)).toMatchObject({ ok: true, document: { name: 'Hostile sample' } });
    expect(parseSafely(`\uFEFF${JSON.stringify(V0)}`)).toMatchObject({ ok: true, migratedFrom: 0 });
    // Only a leading mark is dropped: anywhere else it is still not JSON.
    expect(parseSafely(` \uFEFF${TEXT}`)).toMatchObject({ ok: false, error: { code: 'json' } });
  });

  it('never throws on arbitrary JSON values, deeply nested or not', () => {
    let deep: unknown = { format: 'deepwire', version: 1 };
    for (let i = 0; i < 5000; i += 1) deep = { format: 'deepwire', version: 0, layers: [deep] };
    parseSafely(deep);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        parseSafely(value);
        parseSafely(JSON.stringify(value));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
