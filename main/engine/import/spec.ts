import type { Preprocessing } from '../export/preprocessing';
import type { GraphDocument, PrimitiveNode } from '../../../core/graph/schema';

/**
 * What every importer produces before it becomes a document: primitive
 * nodes (ids already valid tfjs layer names) with their inputs in order, and
 * weights named as Deepwire's compiled layers name them (`<id>/kernel` …).
 */
/** A primitive node without its position (given by the layout), kept discriminated by `type`. */
export type UnplacedNode = PrimitiveNode extends infer N
  ? N extends PrimitiveNode
    ? Omit<N, 'position'>
    : never
  : never;
export type ImportedNode = { node: UnplacedNode; inputs: string[] };
export type ImportedTensor = { name: string; shape: number[]; values: Float32Array };

export type ImportedWeights = {
  /** tfjs weight specs + bytes: `applyWeights(compileGraph(document).model, specs, data)` loads them. */
  specs: { name: string; shape: number[]; dtype: 'float32' }[];
  data: Uint8Array;
};

export type ImportResult = {
  document: GraphDocument;
  weights: ImportedWeights;
  /** Source format, and notes about what was changed on the way (folded layers…). */
  source: 'tfjs' | 'keras' | 'keras-json' | 'onnx';
  notes: string[];
  /** The preprocessing metadata the file carries, unparsed (ONNX metadata_props, TF.js userDefinedMetadata, Keras metadata.json). */
  metadata?: unknown;
  /** What the importer settled on: the file's metadata when usable, null when it assumes none. */
  preprocessing?: Preprocessing | null;
};
