import { tf } from '../backends/tf';
import type { CompiledGraph } from '../compile';
import type { ExportIr } from '../export/ir';
import { pyIdentifiers } from '../export/pytorch/modelPy';

/** Which elements of one ReLU's output Deepwire's step-1 forward let through, by model.py attribute. */
export interface ReluMask {
  module: string;
  /** NHWC for images, [batch, units] for vectors; 1 where the input was > 0. */
  shape: number[];
  mask: Uint8Array;
}

/**
 * The ReLU masks of a training-mode forward pass on `x`. A net of a million
 * activations has, in float32, about one ReLU input within rounding of zero,
 * which two frameworks may put on opposite sides: both gradients are right for
 * their side of the kink, yet differ everywhere below it. The float64 reference
 * gradient is therefore taken at Deepwire's side of every kink (the masks
 * here), which compares the formulas rather than a coin flip.
 */
export function reluMasks(compiled: CompiledGraph, ir: ExportIr, x: tf.Tensor): ReluMask[] {
  const ids = pyIdentifiers(ir.ops);
  const ops = ir.ops.filter((op) => op.node.type === 'activation' && op.node.params.fn === 'relu');
  if (ops.length === 0) return [];
  const outputs = ops.map((op) => compiled.model.getLayer(op.name).output as tf.SymbolicTensor);
  const probe = tf.model({ inputs: compiled.model.inputs, outputs });
  const masks: ReluMask[] = [];
  tf.tidy(() => {
    const result = probe.apply(x, { training: true });
    const values = (Array.isArray(result) ? result : [result]) as tf.Tensor[];
    for (const [i, op] of ops.entries()) {
      const out = values[i]!;
      masks.push({
        module: ids.get(op.name) ?? op.name,
        shape: out.shape.map((d) => d ?? 1),
        mask: Uint8Array.from(out.greater(0).dataSync()),
      });
    }
  });
  return masks;
}
