import { createRng, type Rng } from '../../../../core/random';
import { tf } from '../../backends/tf';
import { numberFrom, single, type ConfigDict, type Kwargs, type LayerArgs, type SymbolicShape } from './base';

export type SeededDropoutArgs = LayerArgs & { rate: number; seed: number };

/**
 * Dropout whose masks come from Deepwire's seeded PRNG. tfjs's Dropout draws
 * from Math.random (or, given a seed, repeats the same mask every batch), so
 * neither gives a reproducible run. The stream state is exposed so a
 * checkpoint can save and restore it.
 */
export class SeededDropout extends tf.layers.Layer {
  static readonly className = 'Deepwire>SeededDropout';
  readonly rate: number;
  readonly seed: number;
  private rng: Rng;

  constructor(args: SeededDropoutArgs) {
    super(args);
    this.rate = args.rate;
    this.seed = args.seed;
    this.rng = createRng(args.seed);
  }

  /** The PRNG position, for checkpoints. */
  rngState(): number {
    return this.rng.state();
  }

  restoreRngState(state: number): void {
    this.rng = createRng(this.seed, state);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = single(inputs);
    if (kwargs.training !== true || this.rate === 0) return tf.clone(x);
    const keep = 1 - this.rate;
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = this.rng.next() < keep ? 1 / keep : 0;
    return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, 'float32')));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: ConfigDict,
  ): T {
    return new cls({ ...config, rate: numberFrom(config, 'rate', 0.5), seed: numberFrom(config, 'seed', 0) });
  }
}
