import type { NodeType, ParamsOf } from './schema';

/** Sensible starting params for every node type: what the palette drops on the canvas. */
export const DEFAULT_PARAMS: { [T in NodeType]: ParamsOf<T> } = {
  input: { height: 28, width: 28, channels: 1 },
  conv2d: { filters: 16, kernel: 3, stride: 1, padding: 'same', dilation: 1, useBias: true },
  maxPool2d: { pool: 2, stride: 2, padding: 'valid' },
  avgPool2d: { pool: 2, stride: 2, padding: 'valid' },
  globalAvgPool2d: {},
  activation: { fn: 'relu', alpha: 0.01 },
  batchNorm: { momentum: 0.9, epsilon: 0.001 },
  lrn: { depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
  dense: { units: 64, useBias: true },
  flatten: {},
  dropout: { rate: 0.5 },
  add: {},
  concat: {},
  zeroPad2d: { top: 1, bottom: 1, left: 1, right: 1, channelsBefore: 0, channelsAfter: 0 },
  output: { classes: 10 },
  residualStage: { blocks: 3, filters: 16, firstStride: 1, shortcut: 'identityPad', residual: true },
  vggBlock: { convs: 2, filters: 64, batchNorm: false },
};

/** Human names for the palette, the summary table and error messages. */
export const NODE_TITLES: { [T in NodeType]: string } = {
  input: 'Input',
  conv2d: 'Conv 2D',
  maxPool2d: 'Max pool',
  avgPool2d: 'Average pool',
  globalAvgPool2d: 'Global average pool',
  activation: 'Activation',
  batchNorm: 'Batch norm',
  lrn: 'Local response norm',
  dense: 'Dense (fully connected)',
  flatten: 'Flatten',
  dropout: 'Dropout',
  add: 'Add (skip connection)',
  concat: 'Concatenate',
  zeroPad2d: 'Zero padding',
  output: 'Output (softmax)',
  residualStage: 'Residual / plain stage',
  vggBlock: 'VGG block',
};
