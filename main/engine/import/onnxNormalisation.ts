import { ImportError } from './errors';
import { float32, floatAttr, intAttr } from './onnxAttributes';
import type { OperatorHandler } from './onnxBuilder';

/** BatchNormalization and LRN: shape-preserving layers with their own parameters. */

const BATCH_NORM_ROLES = ['gamma', 'beta', 'moving_mean', 'moving_variance'] as const;

export const convertBatchNorm: OperatorHandler = (b, step) => {
  const { node: n, what } = step;
  const src = b.source(step);
  const id = b.claimFor(step);
  b.add(
    {
      id,
      type: 'batchNorm',
      params: { momentum: floatAttr(n, 'momentum', 0.9), epsilon: floatAttr(n, 'epsilon', 1e-5) },
    },
    [src.id],
  );
  BATCH_NORM_ROLES.forEach((role, i) =>
    b.tensors.push({ name: `${id}/${role}`, ...b.weight(n.input[i + 1], `${what} ${role}`) }),
  );
  b.produce(step.out, { ...src, id });
};

/** ONNX's LRN divides alpha by the window size and counts the whole window; Deepwire's takes a radius. */
export const convertLrn: OperatorHandler = (b, step) => {
  const { node: n, what } = step;
  const size = intAttr(n, 'size', 0);
  if (size % 2 !== 1) throw new ImportError(`${what}: LRN size ${size} is even; Deepwire's window is 2r+1`);
  const src = b.source(step);
  const id = b.claimFor(step);
  const alpha = float32(floatAttr(n, 'alpha', 1e-4) / size);
  b.add(
    {
      id,
      type: 'lrn',
      params: {
        depthRadius: (size - 1) / 2,
        bias: floatAttr(n, 'bias', 1),
        alpha,
        beta: floatAttr(n, 'beta', 0.75),
      },
    },
    [src.id],
  );
  b.produce(step.out, { ...src, id });
};
