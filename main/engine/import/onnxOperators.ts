import { ImportError } from './errors';
import {
  ACTIVATION_OPERATORS,
  convertBinaryStep,
  convertGeluDiv,
  convertIdentityOrDropout,
  convertSoftmax,
} from './onnxActivations';
import type { NodeStep, OnnxGraphBuilder, OperatorHandler } from './onnxBuilder';
import { convertDense } from './onnxDense';
import { convertBatchNorm, convertLrn } from './onnxNormalisation';
import { convertFlatten, convertMerge, convertPad, convertTranspose } from './onnxShapes';
import { convertConv, convertGlobalAveragePool, convertPool } from './onnxWindows';

/**
 * The allow-list: every ONNX operator the importer understands and its
 * converter. A Map, not an object, so names like 'constructor' are not found
 * on a prototype. Anything else is refused with the node's name.
 */
export const ONNX_OPERATORS: ReadonlyMap<string, OperatorHandler> = new Map<string, OperatorHandler>([
  ['Conv', convertConv],
  ['MaxPool', convertPool],
  ['AveragePool', convertPool],
  ['GlobalAveragePool', convertGlobalAveragePool],
  ...ACTIVATION_OPERATORS,
  ['Softmax', convertSoftmax],
  ['Identity', convertIdentityOrDropout],
  ['Dropout', convertIdentityOrDropout],
  ['BatchNormalization', convertBatchNorm],
  ['LRN', convertLrn],
  ['Gemm', convertDense],
  ['MatMul', convertDense],
  ['Transpose', convertTranspose],
  ['Flatten', convertFlatten],
  ['Reshape', convertFlatten],
  ['Add', convertMerge],
  ['Sum', convertMerge],
  ['Concat', convertMerge],
  ['Pad', convertPad],
  ['GreaterOrEqual', convertBinaryStep],
  ['Div', convertGeluDiv],
]);

/** Converts every ONNX node in graph order, skipping those already folded into an earlier one. */
export function convertNodes(b: OnnxGraphBuilder): void {
  b.graphNodes.forEach((node, index) => {
    if (b.consumed.has(node)) return;
    const step: NodeStep = {
      node,
      index,
      what: `ONNX node '${node.name || index}' (${node.opType})`,
      out: node.output[0] ?? '',
    };
    const convert = ONNX_OPERATORS.get(node.opType);
    if (!convert) throw new ImportError(`${step.what}: the operator has no Deepwire node`);
    convert(b, step);
  });
}
