import { GraphBuilder } from '../graph/builder';
import type { GraphDocument } from '../graph/schema';

export type CifarDepth = 20 | 32 | 44 | 56 | 110;
export const CIFAR_DEPTHS: readonly CifarDepth[] = [20, 32, 44, 56, 110];

export type CifarNetOptions = {
  depth: CifarDepth;
  residual: boolean;
  /** First stage's filters (16 in the paper); the next stages double it. */
  width?: number;
  input?: { height: number; width: number; channels: number };
  classes?: number;
  shortcut?: 'identityPad' | 'projection';
};

/**
 * He et al. 2016's CIFAR networks: conv3×3 + BN + ReLU, three stages of
 * n = (depth − 2)/6 basic blocks (strides 1/2/2, filters w/2w/4w), global
 * average pooling, softmax. `residual: false` builds the plain net of the
 * same depth from the same stage composites — the degradation experiment.
 */
export function buildCifarNet(opts: CifarNetOptions): GraphDocument {
  const width = opts.width ?? 16;
  const blocks = (opts.depth - 2) / 6;
  const shortcut = opts.shortcut ?? 'identityPad';
  const b = new GraphBuilder(`${opts.residual ? 'ResNet' : 'Plain'}-${opts.depth}`);
  b.add('input', opts.input ?? { height: 32, width: 32, channels: 3 }, { id: 'input' });
  b.add('conv2d', { filters: width, kernel: 3, padding: 'same', useBias: false }, { id: 'conv1' });
  b.add('batchNorm', {}, { id: 'bn1' });
  b.add('activation', { fn: 'relu' }, { id: 'relu1' });
  [1, 2, 4].forEach((scale, i) => {
    const params = {
      blocks,
      filters: width * scale,
      firstStride: i === 0 ? 1 : 2,
      shortcut,
      residual: opts.residual,
    };
    b.add('residualStage', params, { id: `stage${i + 1}` });
  });
  b.add('globalAvgPool2d', {}, { id: 'gap' });
  b.add('output', { classes: opts.classes ?? 10 }, { id: 'output' });
  return b.build();
}

/** ResNet-18 for 224×224×3 ImageNet with projection shortcuts: ≈ 11.7M params. */
export function buildResNet18(): GraphDocument {
  const b = new GraphBuilder('ResNet-18');
  b.add('input', { height: 224, width: 224, channels: 3 }, { id: 'input' });
  b.add('conv2d', { filters: 64, kernel: 7, stride: 2, padding: 'same', useBias: false }, { id: 'conv1' });
  b.add('batchNorm', {}, { id: 'bn1' });
  b.add('activation', { fn: 'relu' }, { id: 'relu1' });
  b.add('zeroPad2d', { top: 1, bottom: 1, left: 1, right: 1 }, { id: 'pad1' });
  b.add('maxPool2d', { pool: 3, stride: 2, padding: 'valid' }, { id: 'pool1' });
  [64, 128, 256, 512].forEach((filters, i) => {
    const params = {
      blocks: 2,
      filters,
      firstStride: i === 0 ? 1 : 2,
      shortcut: 'projection' as const,
      residual: true,
    };
    b.add('residualStage', params, { id: `stage${i + 1}` });
  });
  b.add('globalAvgPool2d', {}, { id: 'gap' });
  b.add('output', { classes: 1000 }, { id: 'fc' });
  return b.build();
}
