import { GraphBuilder } from '../../../core/graph/builder';
import type { GraphDocument } from '../../../core/graph/schema';

/** A small graph that uses every primitive node type (and every activation), for compile tests. */
export function everyNodeTypeGraph(): GraphDocument {
  const g = new GraphBuilder('every node type');
  const input = g.add('input', { height: 12, width: 12, channels: 3 }, { id: 'in' });
  g.add('conv2d', { filters: 4, kernel: 3, stride: 1, padding: 'same' }, { id: 'conv same' });
  g.add('activation', { fn: 'relu' }, { id: 'relu' });
  g.add('conv2d', { filters: 4, kernel: 3, stride: 2, padding: 1, useBias: false }, { id: 'conv/explicit' });
  g.add('batchNorm', { momentum: 0.9, epsilon: 1e-3 }, { id: 'bn' });
  g.add('activation', { fn: 'leakyRelu', alpha: 0.1 }, { id: 'leaky' });
  g.add('lrn', { depthRadius: 1, bias: 1, alpha: 1e-3, beta: 0.75 }, { id: 'lrn' });
  const dilated = g.add(
    'conv2d',
    { filters: 4, kernel: 3, stride: 1, padding: 'same', dilation: 2 },
    { id: 'dilated' },
  );
  g.add('activation', { fn: 'elu', alpha: 0.5 }, { id: 'elu' });
  const side = g.add(
    'conv2d',
    { filters: 2, kernel: 1, stride: 2, padding: 'valid' },
    { id: 'side', from: input },
  );
  g.add('activation', { fn: 'tanh' }, { id: 'tanh' });
  const padded = g.add(
    'zeroPad2d',
    { top: 0, bottom: 0, left: 0, right: 0, channelsBefore: 1, channelsAfter: 1 },
    { id: 'chanpad' },
  );
  g.add('add', {}, { id: 'add', from: ['elu', padded] });
  g.add('concat', {}, { id: 'concat', from: ['add', dilated] });
  g.add('maxPool2d', { pool: 2, stride: 2, padding: 'valid' }, { id: 'maxpool' });
  g.add('avgPool2d', { pool: 2, stride: 1, padding: 'same' }, { id: 'avgpool same' });
  g.add('avgPool2d', { pool: 2, stride: 1, padding: 1 }, { id: 'avgpool explicit' });
  g.add(
    'zeroPad2d',
    { top: 1, bottom: 0, left: 0, right: 1, channelsBefore: 0, channelsAfter: 0 },
    { id: 'pad' },
  );
  g.add('activation', { fn: 'selu' }, { id: 'selu' });
  const gap = g.add('globalAvgPool2d', {}, { id: 'gap', from: 'selu' });
  g.add('flatten', {}, { id: 'flatten', from: 'selu' });
  g.add('dense', { units: 8, useBias: true }, { id: 'dense' });
  g.add('activation', { fn: 'sigmoid' }, { id: 'sigmoid' });
  g.add('activation', { fn: 'gelu' }, { id: 'gelu' });
  g.add('activation', { fn: 'binaryStep' }, { id: 'step' });
  g.add('activation', { fn: 'identity' }, { id: 'identity' });
  g.add('dropout', { rate: 0.25 }, { id: 'dropout' });
  g.add('batchNorm', {}, { id: 'bn-vector' });
  g.add('activation', { fn: 'softmax' }, { id: 'softmax' });
  g.add('concat', {}, { id: 'joined', from: ['softmax', gap] });
  g.add('output', { classes: 5 }, { id: 'out' });
  void side;
  return g.build();
}

/** ResNet-20 for 32×32×3 (He et al. 2016, option-A shortcuts), built from residual-stage composites. */
export function resnet20Graph(): GraphDocument {
  const g = new GraphBuilder('ResNet-20');
  g.add('input', { height: 32, width: 32, channels: 3 }, { id: 'input' });
  g.add('conv2d', { filters: 16, kernel: 3, stride: 1, padding: 'same', useBias: false }, { id: 'stem' });
  g.add('batchNorm', {}, { id: 'stem-bn' });
  g.add('activation', { fn: 'relu' }, { id: 'stem-relu' });
  for (const [i, filters] of [16, 32, 64].entries()) {
    g.add(
      'residualStage',
      { blocks: 3, filters, firstStride: i === 0 ? 1 : 2, shortcut: 'identityPad', residual: true },
      { id: `stage${i + 1}` },
    );
  }
  g.add('globalAvgPool2d', {}, { id: 'gap' });
  g.add('output', { classes: 10 }, { id: 'output' });
  return g.build();
}
