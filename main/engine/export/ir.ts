import { expandComposites } from '../../../core/graph/expand';
import type { GraphDocument, PrimitiveNode } from '../../../core/graph/schema';
import type { CompiledGraph } from '../compile';
import { orderGraph } from '../compile/graph-order';

/**
 * The exporters' common view of a trained model: the expanded graph in
 * evaluation order, each primitive with its layer name, input layer names,
 * output shape (batch excluded, tfjs NHWC layout) and trained weights in
 * tfjs layout (conv kernels [kh, kw, in, out], dense kernels [in, out]).
 * Every format is written from this, so they all agree on names and order.
 */
export type IrWeight = { shape: number[]; values: Float32Array };

export type IrOp = {
  node: PrimitiveNode;
  /** tfjs layer name of the node's main layer; also its name in every export. */
  name: string;
  inputs: string[];
  /** Output shape without the batch dimension, NHWC for images. */
  shape: number[];
  /** Input shape of the first input (batch excluded). */
  inputShape: number[];
  weights: Record<string, IrWeight>;
};

export type ExportIr = {
  name: string;
  input: { name: string; shape: [number, number, number] };
  ops: IrOp[];
  output: string;
  classes: number;
};

/** tfjs weight variable names (after the layer scope) for the weights each kind of node has. */
const WEIGHT_SUFFIXES = ['kernel', 'bias', 'gamma', 'beta', 'moving_mean', 'moving_variance'] as const;

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

function dims(shape: readonly (number | null)[]): number[] {
  return shape.slice(1).map((d) => d ?? 0);
}

export function buildIr(doc: GraphDocument, compiled: CompiledGraph): ExportIr {
  const expanded = expandComposites(doc);
  const { order, inputsOf, inputNodeIds, outputNodeId } = orderGraph(expanded);
  if (inputNodeIds.length !== 1)
    throw new ExportError(`Export supports one Input node; this graph has ${inputNodeIds.length}`);
  const ops: IrOp[] = [];
  let input: ExportIr['input'] | undefined;
  for (const node of order) {
    const name = compiled.layerNameOf(node.id);
    const layer = compiled.model.getLayer(name);
    const outShape = layer.outputShape;
    if (!Array.isArray(outShape) || Array.isArray(outShape[0]))
      throw new ExportError(`Layer ${name} has no single output shape`);
    const inputs = (inputsOf.get(node.id) ?? []).map((id) => compiled.layerNameOf(id));
    const firstIn = inputs[0] === undefined ? undefined : ops.find((op) => op.name === inputs[0]);
    const weights: Record<string, IrWeight> = {};
    for (const variable of layer.weights) {
      const suffix = WEIGHT_SUFFIXES.find((s) => variable.originalName.endsWith(`/${s}`));
      if (!suffix) throw new ExportError(`Unexpected weight ${variable.originalName} in ${name}`);
      const value = variable.read();
      weights[suffix] = { shape: value.shape.slice(), values: new Float32Array(value.dataSync()) };
    }
    const shape = dims(outShape as (number | null)[]);
    ops.push({ node, name, inputs, shape, inputShape: firstIn?.shape ?? shape, weights });
    if (node.type === 'input') {
      const p = node.params;
      input = { name, shape: [p.height, p.width, p.channels] };
    }
  }
  const outputNode = order.find((n) => n.id === outputNodeId);
  if (!input || outputNode?.type !== 'output') throw new ExportError('The graph has no Input → Output path');
  return {
    name: doc.name,
    input,
    ops,
    output: compiled.layerNameOf(outputNodeId),
    classes: outputNode.params.classes,
  };
}

// Window arithmetic has one home, in core.
export { samePads, windowPads } from '../../../core/graph/shape';

/** Conv kernel [kh, kw, in, out] → [out, in, kh, kw] (ONNX, PyTorch). */
export function kernelToOihw(w: IrWeight): IrWeight {
  const [kh = 1, kw = 1, cin = 1, cout = 1] = w.shape;
  const out = new Float32Array(w.values.length);
  for (let h = 0; h < kh; h++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++)
          out[((o * cin + i) * kh + h) * kw + x] = w.values[((h * kw + x) * cin + i) * cout + o] ?? 0;
  return { shape: [cout, cin, kh, kw], values: out };
}

/** Dense kernel [in, out] → [out, in] (PyTorch Linear). */
export function transpose2d(w: IrWeight): IrWeight {
  const [rows = 1, cols = 1] = w.shape;
  const out = new Float32Array(w.values.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = w.values[r * cols + c] ?? 0;
  return { shape: [cols, rows], values: out };
}

export function isImage(shape: readonly number[]): boolean {
  return shape.length === 3;
}
