import { tf } from '../../backends/tf';
import { numberFrom, single, type ConfigDict, type LayerArgs, type SymbolicShape } from './base';

export type EluArgs = LayerArgs & { alpha: number };

/** ELU with any alpha: x for x > 0, alpha·(eˣ − 1) otherwise. tfjs's ELU layer only accepts alpha = 1. */
export class ScaledElu extends tf.layers.Layer {
  static readonly className = 'Deepwire>ELU';
  readonly alpha: number;

  constructor(args: EluArgs) {
    super(args);
    this.alpha = args.alpha;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = single(inputs);
    return tf.tidy(() => tf.add(tf.relu(x), tf.mul(this.alpha, tf.elu(tf.minimum(x, 0)))));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: ConfigDict,
  ): T {
    return new cls({ ...config, alpha: numberFrom(config, 'alpha', 1) });
  }
}
