import type { LayerVariable } from '@tensorflow/tfjs';
import { tf } from '../../backends/tf';
import { numberFrom, single, type ConfigDict, type LayerArgs, type SymbolicShape } from './base';

export type DilatedConvArgs = LayerArgs & {
  filters: number;
  kernel: number;
  dilation: number;
  padding: 'same' | 'valid';
  useBias: boolean;
};

/**
 * A stride-1 dilated ("atrous") convolution that can be trained: tfjs's conv
 * gradients reject dilation > 1, so this computes it the way TensorFlow's
 * atrous_conv2d does — space-to-batch by the dilation, an ordinary conv,
 * batch-to-space — whose pieces all have gradients on every backend.
 * Weights are `kernel` [k, k, in, filters] and `bias` [filters], like Conv2D.
 */
export class DilatedConv2D extends tf.layers.Layer {
  static readonly className = 'Deepwire>DilatedConv2D';
  readonly filters: number;
  readonly kernel: number;
  readonly dilation: number;
  readonly padding: 'same' | 'valid';
  readonly useBias: boolean;
  private kernelWeight: LayerVariable | null = null;
  private biasWeight: LayerVariable | null = null;

  constructor(args: DilatedConvArgs) {
    super(args);
    this.filters = args.filters;
    this.kernel = args.kernel;
    this.dilation = args.dilation;
    this.padding = args.padding;
    this.useBias = args.useBias;
  }

  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as SymbolicShape;
    const channels = shape[3];
    if (channels == null) throw new Error(`${this.name}: the channel count must be known`);
    const zeros = tf.initializers.zeros();
    this.kernelWeight = this.addWeight(
      'kernel',
      [this.kernel, this.kernel, channels, this.filters],
      'float32',
      zeros,
    );
    if (this.useBias) this.biasWeight = this.addWeight('bias', [this.filters], 'float32', zeros);
    this.built = true;
  }

  private span(): number {
    return (this.kernel - 1) * this.dilation;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const shrink = this.padding === 'same' ? 0 : this.span();
    const side = (n: number | null | undefined) => (n == null ? null : n - shrink);
    return [inputShape[0] ?? null, side(inputShape[1]), side(inputShape[2]), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = single(inputs) as tf.Tensor4D;
    const kernel = this.kernelWeight;
    if (!kernel) throw new Error(`${this.name} called before build`);
    return tf.tidy(() => {
      const d = this.dilation;
      const total = this.padding === 'same' ? this.span() : 0;
      // TensorFlow's 'same': the smaller half of the padding goes first.
      const before = Math.floor(total / 2);
      const after = total - before;
      const [, height, width] = x.shape;
      const extraH = (d - ((height + total) % d)) % d;
      const extraW = (d - ((width + total) % d)) % d;
      const blocks = tf.spaceToBatchND(
        x,
        [d, d],
        [
          [before, after + extraH],
          [before, after + extraW],
        ],
      );
      const convolved = tf.conv2d(blocks as tf.Tensor4D, kernel.read() as tf.Tensor4D, 1, 'valid');
      const y = tf.batchToSpaceND(
        convolved,
        [d, d],
        [
          [0, extraH],
          [0, extraW],
        ],
      );
      return this.biasWeight ? tf.add(y, this.biasWeight.read()) : y;
    });
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel: this.kernel,
      dilation: this.dilation,
      padding: this.padding,
      useBias: this.useBias,
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: ConfigDict,
  ): T {
    return new cls({
      ...config,
      filters: numberFrom(config, 'filters', 1),
      kernel: numberFrom(config, 'kernel', 1),
      dilation: numberFrom(config, 'dilation', 1),
      padding: config.padding === 'valid' ? 'valid' : 'same',
      useBias: config.useBias !== false,
    });
  }
}
