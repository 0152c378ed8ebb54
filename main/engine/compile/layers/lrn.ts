import { tf } from '../../backends/tf';
import { numberFrom, single, type ConfigDict, type LayerArgs, type SymbolicShape } from './base';

export type LrnArgs = LayerArgs & { depthRadius: number; bias: number; alpha: number; beta: number };

/**
 * AlexNet's local response normalisation across channels:
 * b = a / (bias + alpha · Σ a² over 2r+1 neighbouring channels)^beta.
 * tfjs has the op (with gradients on cpu and wasm) but no layer.
 */
export class LocalResponseNorm extends tf.layers.Layer {
  static readonly className = 'Deepwire>LRN';
  readonly depthRadius: number;
  readonly bias: number;
  readonly alpha: number;
  readonly beta: number;

  constructor(args: LrnArgs) {
    super(args);
    this.depthRadius = args.depthRadius;
    this.bias = args.bias;
    this.alpha = args.alpha;
    this.beta = args.beta;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() =>
      tf.localResponseNormalization(
        single(inputs) as tf.Tensor4D,
        this.depthRadius,
        this.bias,
        this.alpha,
        this.beta,
      ),
    );
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      depthRadius: this.depthRadius,
      bias: this.bias,
      alpha: this.alpha,
      beta: this.beta,
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: ConfigDict,
  ): T {
    return new cls({
      ...config,
      depthRadius: numberFrom(config, 'depthRadius', 2),
      bias: numberFrom(config, 'bias', 1),
      alpha: numberFrom(config, 'alpha', 1),
      beta: numberFrom(config, 'beta', 0.5),
    });
  }
}
