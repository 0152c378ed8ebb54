import { NODE_TITLES } from '../../../core/graph/defaults';
import type { NodeType } from '../../../core/graph/schema';

export type PaletteGroup = { readonly title: string; readonly types: readonly NodeType[] };

/** Every node type, once, in the order a CNN is usually built. */
export const PALETTE_GROUPS: readonly PaletteGroup[] = [
  { title: 'Input / Output', types: ['input', 'output'] },
  { title: 'Convolution', types: ['conv2d', 'zeroPad2d'] },
  { title: 'Pooling', types: ['maxPool2d', 'avgPool2d', 'globalAvgPool2d'] },
  { title: 'Activation', types: ['activation'] },
  { title: 'Normalisation', types: ['batchNorm', 'lrn', 'dropout'] },
  { title: 'Dense', types: ['flatten', 'dense'] },
  { title: 'Merge', types: ['add', 'concat'] },
  { title: 'Composites', types: ['residualStage', 'vggBlock'] },
];

/** Short hints shown under each palette entry and in quick-add. */
export const NODE_HINTS: { [T in NodeType]: string } = {
  input: 'Image H×W×C',
  conv2d: 'Filters slide over the image',
  maxPool2d: 'Keep the strongest response',
  avgPool2d: 'Average each window',
  globalAvgPool2d: 'One value per channel',
  activation: 'ReLU, sigmoid, GELU, …',
  batchNorm: 'Normalise per channel',
  lrn: "AlexNet's local response norm",
  dense: 'Fully connected',
  flatten: '3-D → vector',
  dropout: 'Randomly zero units',
  add: 'Skip connection (sum)',
  concat: 'Stack channels',
  zeroPad2d: 'Pad borders or channels',
  output: 'Classes, softmax',
  residualStage: 'n basic blocks (ResNet)',
  vggBlock: 'k 3×3 convs + pool',
};

/** Case-insensitive match on title, type id and hint, best (prefix) matches first. */
export function searchNodeTypes(query: string): NodeType[] {
  const q = query.trim().toLowerCase();
  const all = PALETTE_GROUPS.flatMap((g) => g.types);
  if (!q) return all;
  const scored = all
    .map((type) => {
      const title = NODE_TITLES[type].toLowerCase();
      const id = type.toLowerCase();
      const hint = NODE_HINTS[type].toLowerCase();
      const score =
        title.startsWith(q) || id.startsWith(q)
          ? 0
          : title.includes(q) || id.includes(q)
            ? 1
            : hint.includes(q)
              ? 2
              : -1;
      return { type, score };
    })
    .filter((entry) => entry.score >= 0);
  return scored.sort((a, b) => a.score - b.score).map((entry) => entry.type);
}
