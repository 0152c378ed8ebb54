import { GraphBuilder } from '../graph/builder';
import type { GraphDocument } from '../graph/schema';

/** Convolutions per block for each VGG depth (Simonyan & Zisserman 2014, configs A, D, E). */
const VGG_CONVS = { 11: [1, 1, 2, 2, 2], 16: [2, 2, 3, 3, 3], 19: [2, 2, 4, 4, 4] } as const;
const VGG_FILTERS = [64, 128, 256, 512, 512] as const;

/** VGG-11/16/19 on 224×224×3: five VGG blocks, two 4096 FC layers, 1000 classes (VGG-16: 138,357,544 params). */
export function buildVgg(depth: keyof typeof VGG_CONVS): GraphDocument {
  const b = new GraphBuilder(`VGG-${depth}`);
  b.add('input', { height: 224, width: 224, channels: 3 }, { id: 'input' });
  VGG_CONVS[depth].forEach((convs, i) => {
    b.add('vggBlock', { convs, filters: VGG_FILTERS[i]!, batchNorm: false }, { id: `block${i + 1}` });
  });
  b.add('flatten', {}, { id: 'flatten' });
  b.add('dense', { units: 4096 }, { id: 'fc6' });
  b.add('activation', { fn: 'relu' }, { id: 'relu6' });
  b.add('dropout', { rate: 0.5 }, { id: 'drop6' });
  b.add('dense', { units: 4096 }, { id: 'fc7' });
  b.add('activation', { fn: 'relu' }, { id: 'relu7' });
  b.add('dropout', { rate: 0.5 }, { id: 'drop7' });
  b.add('output', { classes: 1000 }, { id: 'fc8' });
  return b.build();
}

/** Three batch-normalised VGG blocks for 32×32×3: the same idea at a size that trains on a CPU. */
export function buildVggSmall(): GraphDocument {
  const b = new GraphBuilder('VGG (small, 32×32)');
  b.add('input', { height: 32, width: 32, channels: 3 }, { id: 'input' });
  [32, 64, 128].forEach((filters, i) => {
    b.add('vggBlock', { convs: 2, filters, batchNorm: true }, { id: `block${i + 1}` });
  });
  b.add('flatten', {}, { id: 'flatten' });
  b.add('dense', { units: 128 }, { id: 'fc' });
  b.add('activation', { fn: 'relu' }, { id: 'fc-relu' });
  b.add('dropout', { rate: 0.5 }, { id: 'drop' });
  b.add('output', { classes: 10 }, { id: 'output' });
  return b.build();
}
