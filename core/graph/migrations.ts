import { CURRENT_VERSION } from './schema';

/**
 * The versioned migration chain (tldraw-style): pure, ordered steps, each
 * taking the raw JSON of version `from` to version `from + 1`. Steps never
 * throw: anything they cannot make sense of is carried over as-is so the
 * schema check afterwards names the offending field.
 */
export type RawDocument = Record<string, unknown>;
export type Migration = { from: number; to: number; description: string; up(doc: RawDocument): RawDocument };

type V0Converter = (config: RawDocument) => { type: string; params: RawDocument };

/**
 * Version 0: the pre-release format, with Keras-flavoured layer kinds.
 * `{ format: 'deepwire', version: 0, title, layers: [{ name, kind, config, x, y }], links: [{ from, to }] }`
 * A Map, not an object: a kind read from the file such as 'constructor' must not find a prototype member.
 */
const V0_KINDS: ReadonlyMap<string, V0Converter> = new Map(
  Object.entries({
    input: (c) => {
      const shape = Array.isArray(c['shape']) ? c['shape'] : [];
      return { type: 'input', params: { height: shape[0], width: shape[1], channels: shape[2] } };
    },
    conv: (c) => ({
      type: 'conv2d',
      params: {
        filters: c['filters'],
        kernel: c['kernelSize'] ?? 3,
        stride: c['strides'] ?? 1,
        padding: c['padding'] ?? 'valid',
        dilation: c['dilationRate'] ?? 1,
        useBias: c['useBias'] ?? true,
      },
    }),
    maxpool: (c) => ({ type: 'maxPool2d', params: poolParamsV0(c) }),
    avgpool: (c) => ({ type: 'avgPool2d', params: poolParamsV0(c) }),
    dense: (c) => ({ type: 'dense', params: { units: c['units'], useBias: c['useBias'] ?? true } }),
    flatten: () => ({ type: 'flatten', params: {} }),
    dropout: (c) => ({ type: 'dropout', params: { rate: c['rate'] ?? 0.5 } }),
    relu: () => activationV0('relu'),
    tanh: () => activationV0('tanh'),
    sigmoid: () => activationV0('sigmoid'),
    softmax: () => activationV0('softmax'),
    add: () => ({ type: 'add', params: {} }),
    output: (c) => ({ type: 'output', params: { classes: c['classes'] ?? c['units'] } }),
  } satisfies Record<string, V0Converter>),
);

function poolParamsV0(c: RawDocument): RawDocument {
  const pool = c['poolSize'] ?? 2;
  return { pool, stride: c['strides'] ?? pool, padding: c['padding'] ?? 'valid' };
}

function activationV0(fn: string): { type: string; params: RawDocument } {
  return { type: 'activation', params: { fn, alpha: 0.01 } };
}

function asRecord(value: unknown): RawDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawDocument) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const v0ToV1: Migration = {
  from: 0,
  to: 1,
  description: 'layers/links become typed nodes/edges; layer kinds map to node types; title becomes name',
  up(doc) {
    const nodes = asArray(doc['layers']).map((raw) => {
      const layer = asRecord(raw);
      const kind = String(layer['kind']);
      const convert = V0_KINDS.get(kind);
      const converted = convert
        ? convert(asRecord(layer['config']))
        : { type: kind, params: asRecord(layer['config']) };
      return {
        id: layer['name'],
        type: converted.type,
        params: converted.params,
        position: { x: layer['x'] ?? 0, y: layer['y'] ?? 0 },
      };
    });
    const edges = asArray(doc['links']).map((raw, i) => {
      const link = asRecord(raw);
      return { id: `e${i + 1}`, source: link['from'], target: link['to'] };
    });
    return { format: doc['format'], version: 1, name: doc['title'] ?? 'Untitled', nodes, edges };
  },
};

/** Ordered: MIGRATIONS[i] takes version i to i + 1. */
export const MIGRATIONS: readonly Migration[] = [v0ToV1];

/** The oldest version the chain can still read. */
export const OLDEST_VERSION = 0;

/**
 * Runs every step from `version` up to CURRENT_VERSION. The caller has
 * already checked `OLDEST_VERSION ≤ version ≤ CURRENT_VERSION`.
 */
export function migrate(doc: RawDocument, version: number): RawDocument {
  let current = doc;
  for (const step of MIGRATIONS) {
    if (step.from >= version && step.to <= CURRENT_VERSION) current = step.up(current);
  }
  return current;
}
