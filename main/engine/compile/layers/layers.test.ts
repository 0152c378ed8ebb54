import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../backends/tf';
import { compileGraph } from '../index';
import { everyNodeTypeGraph } from '../test-graphs';
import {
  BinaryStep,
  CUSTOM_LAYERS,
  LocalResponseNorm,
  ScaledElu,
  SeededDropout,
  ZeroPadChannels,
} from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ramp = (shape: number[]) =>
  tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((i % 7) - 3) / 2),
    shape,
  );

describe('custom layers', () => {
  it('are registered under Deepwire names and rebuild from their config', () => {
    const layers: tf.layers.Layer[] = [
      new BinaryStep({ name: 's' }),
      new LocalResponseNorm({ name: 'l', depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 }),
      new ScaledElu({ name: 'e', alpha: 0.3 }),
      new SeededDropout({ name: 'd', rate: 0.2, seed: 9 }),
      new ZeroPadChannels({
        name: 'z',
        top: 1,
        bottom: 0,
        left: 2,
        right: 0,
        channelsBefore: 1,
        channelsAfter: 3,
      }),
    ];
    expect(CUSTOM_LAYERS.map((c) => c.className)).toEqual([
      'Deepwire>BinaryStep',
      'Deepwire>LRN',
      'Deepwire>ELU',
      'Deepwire>SeededDropout',
      'Deepwire>ZeroPadChannels',
      'Deepwire>DilatedConv2D',
    ]);
    for (const layer of layers) {
      const serialized = { className: layer.getClassName(), config: layer.getConfig() };
      const rebuilt = tf.serialization.SerializationMap.getMap().classNameMap[serialized.className];
      expect(rebuilt, serialized.className).toBeDefined();
      const [cls, fromConfig] = rebuilt!;
      const copy = fromConfig(cls, serialized.config) as tf.layers.Layer;
      expect(copy.getConfig()).toEqual(serialized.config);
    }
  });

  it('survive a save / tf.loadLayersModel round trip with identical predictions', async () => {
    const { model } = compileGraph(everyNodeTypeGraph(), { seed: 5 });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const x = ramp([2, 12, 12, 3]);
    const [a, b] = tf.tidy(() => [
      (model.predict(x) as tf.Tensor).dataSync(),
      (loaded.predict(x) as tf.Tensor).dataSync(),
    ]);
    expect(Array.from(b!)).toEqual(Array.from(a!));
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });

  it('binary step is 1 for x ≥ 0 and passes gradients straight through where |x| ≤ 1', () => {
    const layer = new BinaryStep();
    const x = tf.tensor1d([-2, -0.5, 0, 0.5, 2]);
    const y = tf.tidy(() => (layer.apply(x) as tf.Tensor).arraySync());
    const dx = tf.tidy(() =>
      tf
        .grad((t: tf.Tensor) => (layer.apply(t) as tf.Tensor).sum())(x)
        .arraySync(),
    );
    expect(y).toEqual([0, 0, 1, 1, 1]);
    expect(dx).toEqual([0, 1, 1, 1, 0]);
    x.dispose();
  });

  it('ELU with alpha scales the negative side only', () => {
    const out = tf.tidy(() =>
      (new ScaledElu({ alpha: 0.5 }).apply(tf.tensor1d([-1, 2])) as tf.Tensor).arraySync(),
    );
    expect((out as number[])[0]).toBeCloseTo(0.5 * (Math.exp(-1) - 1), 6);
    expect((out as number[])[1]).toBe(2);
  });

  it('seeded dropout repeats its masks for a seed, restores from its state, and is identity at inference', () => {
    const x = tf.ones([4, 50]);
    const masks = (layer: SeededDropout) =>
      tf.tidy(() => [0, 1].map(() => Array.from(layer.call(x, { training: true }).dataSync())));
    const a = new SeededDropout({ rate: 0.5, seed: 7 });
    const b = new SeededDropout({ rate: 0.5, seed: 7 });
    const first = masks(a);
    expect(masks(b)).toEqual(first);
    expect(first[0]).not.toEqual(first[1]);
    expect(new Set(first[0])).toEqual(new Set([0, 2]));

    const state = a.rngState();
    const next = masks(a);
    b.restoreRngState(state);
    expect(masks(b)).toEqual(next);

    const inference = tf.tidy(() => Array.from(a.call(x, {}).dataSync()));
    expect(inference.every((v) => v === 1)).toBe(true);
    x.dispose();
  });
});
