import type { OnnxGraph, OnnxModel } from '../export/onnx/onnx-proto';
import { PREPROCESSING_KEY } from '../export/preprocessing';
import { ImportError, IMPORT_LIMITS } from './errors';
import { foldPadding, foldSoftmaxOutput } from './folds';
import { readCapped } from './read';
import { intsAttr } from './onnxAttributes';
import { OnnxGraphBuilder, type TrackedTensor } from './onnxBuilder';
import { convertNodes } from './onnxOperators';
import { decodeOnnx, readInitializers, type Initializer } from './onnxTensors';
import { toDocument } from './document';
import type { ImportResult } from './spec';

/**
 * ONNX → Deepwire graph, for models built from operators Deepwire has nodes
 * for (what Deepwire's own ONNX export writes, and the same ops from other
 * tools). Image tensors are tracked as NCHW with their [H, W, C] size so
 * explicit pads can be recognised as 'same'. Unknown operators are refused
 * with the node's name (the allow-list is ONNX_OPERATORS in onnxOperators.ts).
 */
export async function importOnnx(path: string): Promise<ImportResult> {
  const model = await readOnnxModel(path);
  const graph = model.graph;
  const init = readInitializers(model);
  const builder = new OnnxGraphBuilder(graph.node, init);
  const { nhwcInput } = addGraphInput(builder, graph, init);
  convertNodes(builder);

  const outputName = graph.output[0]?.name;
  const last = outputName === undefined ? undefined : builder.produced(outputName);
  if (!last) throw new ImportError('The ONNX output is not produced by the graph');
  const { nodes, tensors } = builder;
  const folded = foldPadding(foldSoftmaxOutput(nodes, tensors, last.id, new Map()), new Map());
  const { document, weights } = toDocument(graph.name || 'imported', folded, tensors);
  return {
    document,
    weights,
    source: 'onnx',
    notes: nhwcInput ? [] : ['The ONNX input was NCHW; the Deepwire graph takes NHWC.'],
    metadata: model.metadataProps?.find((p) => p.key === PREPROCESSING_KEY)?.value,
  };
}

/** Reads and decodes the file within the size cap, refusing an oversized graph before any initializer is copied. */
async function readOnnxModel(path: string): Promise<OnnxModel> {
  const model = decodeOnnx(await readCapped(path, IMPORT_LIMITS.maxModelBytes, 'The ONNX file'));
  if (model.graph.node.length > IMPORT_LIMITS.maxLayers * 8)
    throw new ImportError('The ONNX graph has too many nodes');
  return model;
}

/**
 * The graph's single image input becomes Deepwire's Input node. An input
 * read first by Transpose(perm [0,3,1,2]) is NHWC (Deepwire's own export):
 * that transpose is folded into the input. Otherwise the input is NCHW.
 */
export function addGraphInput(
  b: OnnxGraphBuilder,
  graph: OnnxGraph,
  init: Map<string, Initializer>,
): { nhwcInput: boolean } {
  const graphInputs = graph.input.filter((v) => !init.has(v.name));
  if (graphInputs.length !== 1)
    throw new ImportError(`The ONNX graph has ${graphInputs.length} inputs; Deepwire graphs have one`);
  const gi = graphInputs[0];
  const dims = gi?.type?.tensorType?.shape?.dim?.map((d) => Number(d.dimValue ?? 0)) ?? [];
  if (!gi || dims.length !== 4) throw new ImportError('The ONNX input must be a 4-D image batch');
  const firstReader = graph.node.find((n) => n.input[0] === gi.name);
  const nhwcInput =
    firstReader?.opType === 'Transpose' && JSON.stringify(intsAttr(firstReader, 'perm')) === '[0,3,1,2]';
  const [, d1 = 0, d2 = 0, d3 = 0] = dims;
  const [height, width, channels] = nhwcInput ? [d1, d2, d3] : [d2, d3, d1];
  const inputId = b.claim(nhwcInput && firstReader ? firstReader.name || 'input' : gi.name, 0);
  b.add({ id: inputId, type: 'input', params: { height, width, channels } }, []);
  const inputTensor: TrackedTensor = { id: inputId, kind: 'image', shape: [height, width, channels] };
  if (nhwcInput && firstReader) {
    b.produce(firstReader.output[0] ?? '', inputTensor);
    b.consumed.add(firstReader);
  } else b.produce(gi.name, inputTensor);
  return { nhwcInput };
}
