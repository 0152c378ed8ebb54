import { tf } from '../../backends/tf';
import { numberFrom, single, type ConfigDict, type LayerArgs, type SymbolicShape } from './base';

export type ZeroPadArgs = LayerArgs & {
  top: number;
  bottom: number;
  left: number;
  right: number;
  channelsBefore: number;
  channelsAfter: number;
};

const SIDES = ['top', 'bottom', 'left', 'right', 'channelsBefore', 'channelsAfter'] as const;

/**
 * Zero padding in space and in channels. tfjs's ZeroPadding2D pads only
 * space; the channel part is what ResNet's option-A shortcut needs to match
 * a wider stage without parameters.
 */
export class ZeroPadChannels extends tf.layers.Layer {
  static readonly className = 'Deepwire>ZeroPadChannels';
  readonly pads: Record<(typeof SIDES)[number], number>;

  constructor(args: ZeroPadArgs) {
    super(args);
    this.pads = {
      top: args.top,
      bottom: args.bottom,
      left: args.left,
      right: args.right,
      channelsBefore: args.channelsBefore,
      channelsAfter: args.channelsAfter,
    };
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const [batch, h, w, c] = inputShape;
    const grow = (n: number | null | undefined, extra: number) => (n == null ? null : n + extra);
    const p = this.pads;
    return [
      batch ?? null,
      grow(h, p.top + p.bottom),
      grow(w, p.left + p.right),
      grow(c, p.channelsBefore + p.channelsAfter),
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const p = this.pads;
    return tf.tidy(() =>
      tf.pad(single(inputs), [
        [0, 0],
        [p.top, p.bottom],
        [p.left, p.right],
        [p.channelsBefore, p.channelsAfter],
      ]),
    );
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), ...this.pads };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: ConfigDict,
  ): T {
    const pads = Object.fromEntries(SIDES.map((side) => [side, numberFrom(config, side, 0)]));
    return new cls({ ...config, ...pads });
  }
}
