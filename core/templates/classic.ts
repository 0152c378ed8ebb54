import { GraphBuilder } from '../graph/builder';
import type { GraphDocument } from '../graph/schema';

/** LeCun et al. 1998, in the common modern form: ≈ 61.7k params. */
export function buildLeNet5(): GraphDocument {
  const b = new GraphBuilder('LeNet-5');
  b.add('input', { height: 28, width: 28, channels: 1 }, { id: 'input' });
  b.add('conv2d', { filters: 6, kernel: 5, padding: 'same' }, { id: 'c1' });
  b.add('activation', { fn: 'tanh' }, { id: 'c1-tanh' });
  b.add('avgPool2d', { pool: 2, stride: 2 }, { id: 's2' });
  b.add('conv2d', { filters: 16, kernel: 5, padding: 'valid' }, { id: 'c3' });
  b.add('activation', { fn: 'tanh' }, { id: 'c3-tanh' });
  b.add('avgPool2d', { pool: 2, stride: 2 }, { id: 's4' });
  b.add('flatten', {}, { id: 'flatten' });
  b.add('dense', { units: 120 }, { id: 'f5' });
  b.add('activation', { fn: 'tanh' }, { id: 'f5-tanh' });
  b.add('dense', { units: 84 }, { id: 'f6' });
  b.add('activation', { fn: 'tanh' }, { id: 'f6-tanh' });
  b.add('output', { classes: 10 }, { id: 'output' });
  return b.build();
}

/** The primer's f = Wx + b: each output row is a class template the size of the image. */
export function buildLinearClassifier(): GraphDocument {
  const b = new GraphBuilder('Linear classifier');
  b.add('input', { height: 32, width: 32, channels: 3 }, { id: 'input' });
  b.add('flatten', {}, { id: 'flatten' });
  b.add('output', { classes: 10 }, { id: 'output' });
  return b.build();
}

/** The start-up example: the smallest net that shows every basic layer. */
export function buildSimpleCnn(): GraphDocument {
  const b = new GraphBuilder('Simple CNN');
  b.add('input', { height: 28, width: 28, channels: 1 }, { id: 'input' });
  b.add('conv2d', { filters: 8, kernel: 3, padding: 'same' }, { id: 'conv' });
  b.add('activation', { fn: 'relu' }, { id: 'relu' });
  b.add('maxPool2d', { pool: 2, stride: 2 }, { id: 'pool' });
  b.add('flatten', {}, { id: 'flatten' });
  b.add('dense', { units: 64 }, { id: 'dense' });
  b.add('activation', { fn: 'relu' }, { id: 'dense-relu' });
  b.add('output', { classes: 10 }, { id: 'output' });
  return b.build();
}

/**
 * Krizhevsky et al. 2012 in its single-tower form (227×227×3, LRN after the
 * first two convs): ≈ 62.4M params.
 */
export function buildAlexNet(): GraphDocument {
  const b = new GraphBuilder('AlexNet');
  const relu = (id: string) => b.add('activation', { fn: 'relu' }, { id });
  const lrn = (id: string) => b.add('lrn', { depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 }, { id });
  b.add('input', { height: 227, width: 227, channels: 3 }, { id: 'input' });
  b.add('conv2d', { filters: 96, kernel: 11, stride: 4, padding: 'valid' }, { id: 'conv1' });
  relu('relu1');
  lrn('lrn1');
  b.add('maxPool2d', { pool: 3, stride: 2 }, { id: 'pool1' });
  b.add('conv2d', { filters: 256, kernel: 5, padding: 2 }, { id: 'conv2' });
  relu('relu2');
  lrn('lrn2');
  b.add('maxPool2d', { pool: 3, stride: 2 }, { id: 'pool2' });
  b.add('conv2d', { filters: 384, kernel: 3, padding: 1 }, { id: 'conv3' });
  relu('relu3');
  b.add('conv2d', { filters: 384, kernel: 3, padding: 1 }, { id: 'conv4' });
  relu('relu4');
  b.add('conv2d', { filters: 256, kernel: 3, padding: 1 }, { id: 'conv5' });
  relu('relu5');
  b.add('maxPool2d', { pool: 3, stride: 2 }, { id: 'pool5' });
  b.add('flatten', {}, { id: 'flatten' });
  b.add('dense', { units: 4096 }, { id: 'fc6' });
  relu('relu6');
  b.add('dropout', { rate: 0.5 }, { id: 'drop6' });
  b.add('dense', { units: 4096 }, { id: 'fc7' });
  relu('relu7');
  b.add('dropout', { rate: 0.5 }, { id: 'drop7' });
  b.add('output', { classes: 1000 }, { id: 'fc8' });
  return b.build();
}

/** AlexNet's layout (5 convs with LRN, 3 FC) scaled down for 32×32 CIFAR-size input. */
export function buildAlexNetSmall(): GraphDocument {
  const b = new GraphBuilder('AlexNet (small, 32×32)');
  const relu = (id: string) => b.add('activation', { fn: 'relu' }, { id });
  b.add('input', { height: 32, width: 32, channels: 3 }, { id: 'input' });
  b.add('conv2d', { filters: 48, kernel: 5, padding: 'same' }, { id: 'conv1' });
  relu('relu1');
  b.add('lrn', {}, { id: 'lrn1' });
  b.add('maxPool2d', { pool: 2, stride: 2 }, { id: 'pool1' });
  b.add('conv2d', { filters: 96, kernel: 5, padding: 'same' }, { id: 'conv2' });
  relu('relu2');
  b.add('lrn', {}, { id: 'lrn2' });
  b.add('maxPool2d', { pool: 2, stride: 2 }, { id: 'pool2' });
  b.add('conv2d', { filters: 128, kernel: 3, padding: 'same' }, { id: 'conv3' });
  relu('relu3');
  b.add('conv2d', { filters: 128, kernel: 3, padding: 'same' }, { id: 'conv4' });
  relu('relu4');
  b.add('conv2d', { filters: 96, kernel: 3, padding: 'same' }, { id: 'conv5' });
  relu('relu5');
  b.add('maxPool2d', { pool: 2, stride: 2 }, { id: 'pool5' });
  b.add('flatten', {}, { id: 'flatten' });
  b.add('dense', { units: 256 }, { id: 'fc6' });
  relu('relu6');
  b.add('dropout', { rate: 0.5 }, { id: 'drop6' });
  b.add('dense', { units: 128 }, { id: 'fc7' });
  relu('relu7');
  b.add('dropout', { rate: 0.5 }, { id: 'drop7' });
  b.add('output', { classes: 10 }, { id: 'output' });
  return b.build();
}
