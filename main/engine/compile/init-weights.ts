import { createRng, type Rng } from '../../../core/random';
import { tf } from '../backends/tf';
import { SEEDED_BY_LAYER_CLASS } from '../nodes';

/**
 * Seeded weight initialisation. tfjs's initialisers ignore their seed, so
 * every random weight is drawn here from core's PRNG, one stream per layer
 * keyed by the run seed and the layer's name: the same seed gives
 * bit-identical weights, and editing one layer leaves the others' draws alone.
 *
 * - every conv and dense kernel, the Output layer's too: He normal, N(0, 2/fanIn)
 *   (untruncated), as PyTorch's kaiming_normal_ in the reference ResNets, so a
 *   template starts where the paper's code starts;
 * - biases 0; batch-norm γ=1, β=0, moving mean 0, variance 1 (tfjs's constant defaults).
 */
export function initialiseWeights(model: tf.LayersModel, seed: number): void {
  for (const layer of model.layers) {
    // Which layers have a seeded kernel, and its fan-in, is each node type's engine descriptor's to say.
    const seeded = SEEDED_BY_LAYER_CLASS.get(layer.getClassName());
    if (!seeded) continue;
    const kernel = layer.weights.find((w) => w.originalName.endsWith(`/${seeded.role}`));
    if (!kernel) continue;
    const shape = kernel.shape.map((d) => d ?? 1);
    const rng = createRng(layerSeed(seed, layer.name));
    const values = heNormal(shape, rng, seeded.fanIn(shape));
    const tensor = tf.tensor(values, shape, 'float32');
    kernel.write(tensor);
    tensor.dispose();
  }
}

/** fanIn and fanOut of a dense [in, out] or conv [kh, kw, in, out] kernel. */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const fanIn = (shape[shape.length - 2] ?? 1) * receptive;
  const fanOut = (shape[shape.length - 1] ?? 1) * receptive;
  return { fanIn, fanOut };
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function heNormal(shape: readonly number[], rng: Rng, fanIn = fans(shape).fanIn): Float32Array {
  const std = Math.sqrt(2 / fanIn);
  const out = new Float32Array(size(shape));
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
  return out;
}

/** FNV-1a of the name mixed with the seed: independent, stable streams per layer. */
export function layerSeed(seed: number, layerName: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < layerName.length; i++) {
    h ^= layerName.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}
