import { tf } from '../../backends/tf';
import { single, type ConfigDict, type LayerArgs, type SymbolicShape } from './base';

/**
 * Binary step: forward 1 where x ≥ 0, else 0. Its true gradient is zero
 * almost everywhere, so it trains with a straight-through estimator: the
 * backward pass lets dy through where |x| ≤ 1 and blocks it outside (the
 * clipped "hard-tanh" STE of Hubara et al., 2016), which keeps saturated
 * units from drifting without bound.
 */
export class BinaryStep extends tf.layers.Layer {
  static readonly className = 'Deepwire>BinaryStep';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => binaryStepStraightThrough(single(inputs)));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig() };
  }
}

const stepWithClippedIdentityGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args;
  if (!(x instanceof tf.Tensor) || typeof save !== 'function')
    throw new Error('BinaryStep: bad customGrad call');
  save([x]);
  return {
    value: tf.cast(tf.greaterEqual(x, 0), 'float32'),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [input] = saved;
      if (!input) throw new Error('BinaryStep: saved input missing');
      return [tf.mul(dy, tf.cast(tf.lessEqual(tf.abs(input), 1), 'float32'))];
    },
  };
});

function binaryStepStraightThrough(x: tf.Tensor): tf.Tensor {
  return stepWithClippedIdentityGradient(x);
}
