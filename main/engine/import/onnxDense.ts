import { ImportError } from './errors';
import { floatAttr, intAttr } from './onnxAttributes';
import type { OperatorHandler } from './onnxBuilder';
import { transposed } from './onnxTensors';

/**
 * Gemm / MatMul → a dense layer. A MatMul whose result feeds an Add with a
 * constant is MatMul + bias: the Add is folded in as the dense layer's bias.
 */
export const convertDense: OperatorHandler = (b, step) => {
  const { node: n, what, out } = step;
  const src = b.source(step);
  if (src.kind === 'image') throw new ImportError(`${what}: needs a flattened vector input`);
  if (
    n.opType === 'Gemm' &&
    (intAttr(n, 'transA', 0) !== 0 || floatAttr(n, 'alpha', 1) !== 1 || floatAttr(n, 'beta', 1) !== 1)
  )
    throw new ImportError(`${what}: only Gemm with transA=0, alpha=beta=1 is supported`);
  const w = b.weight(n.input[1], `${what} weights`);
  const kernel =
    n.opType === 'Gemm' && intAttr(n, 'transB', 0) === 1
      ? transposed(w.shape, w.values)
      : { shape: w.shape, values: w.values };
  const units = kernel.shape[1] ?? 1;
  const id = b.claimFor(step);
  let useBias = n.input[2] !== undefined && n.input[2] !== '';
  const bias = useBias ? b.weight(n.input[2], `${what} bias`) : undefined;
  const addNode = !useBias
    ? b.graphNodes.find(
        (m) => m.opType === 'Add' && m.input.includes(out) && m.input.some((i) => b.init.has(i)),
      )
    : undefined;
  let outName = out;
  const extra = addNode
    ? b.weight(
        addNode.input.find((i) => b.init.has(i)),
        `${what} bias`,
      )
    : undefined;
  if (addNode && extra) {
    useBias = true;
    b.consumed.add(addNode);
    outName = addNode.output[0] ?? out;
  }
  b.add({ id, type: 'dense', params: { units, useBias } }, [src.id]);
  b.tensors.push({ name: `${id}/kernel`, ...kernel });
  const biasValues = bias ?? extra;
  if (biasValues) b.tensors.push({ name: `${id}/bias`, shape: [units], values: biasValues.values });
  b.produce(outName, { id, kind: 'vector', shape: [units] });
};
