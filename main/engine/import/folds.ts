import { ImportError } from './errors';
import type { ImportedNode, ImportedTensor } from './spec';

/** Dense(linear) → softmax at the very end is Deepwire's Output node. */
export function foldSoftmaxOutput(
  nodes: ImportedNode[],
  tensors: ImportedTensor[],
  last: string | undefined,
  _consumers: Map<string, number>,
): ImportedNode[] {
  const tail = nodes.find((n) => n.node.id === last);
  if (tail?.node.type === 'output') return nodes;
  const source = tail?.inputs[0];
  const dense = nodes.find((n) => n.node.id === source);
  const readers = nodes.filter((n) => n.inputs.includes(source ?? ''));
  if (
    tail?.node.type === 'activation' &&
    tail.node.params.fn === 'softmax' &&
    dense?.node.type === 'dense' &&
    dense.node.params.useBias &&
    readers.length === 1
  ) {
    const classes = dense.node.params.units;
    dense.node = { id: dense.node.id, type: 'output', params: { classes } };
    return nodes.filter((n) => n !== tail);
  }
  void tensors;
  throw new ImportError("The model must end in a Dense softmax classifier (Deepwire's Output node)");
}

/** Symmetric ZeroPadding2D feeding only a 'valid' conv or pool is that layer's explicit padding. */
export function foldPadding(nodes: ImportedNode[], _consumers: Map<string, number>): ImportedNode[] {
  const removed = new Set<string>();
  for (const pad of nodes) {
    const n = pad.node;
    if (n.type !== 'zeroPad2d') continue;
    const p = n.params;
    if (
      p.channelsBefore ||
      p.channelsAfter ||
      !(p.top === p.bottom && p.left === p.right && p.top === p.left) ||
      p.top === 0
    )
      continue;
    const readers = nodes.filter((r) => r.inputs.includes(n.id));
    const [reader] = readers;
    if (readers.length !== 1 || !reader || reader.inputs.length !== 1) continue;
    const r = reader.node;
    if (
      (r.type === 'conv2d' || r.type === 'maxPool2d' || r.type === 'avgPool2d') &&
      r.params.padding === 'valid'
    ) {
      r.params.padding = p.top;
      reader.inputs = [...pad.inputs];
      removed.add(n.id);
    }
  }
  return nodes.filter((n) => !removed.has(n.node.id));
}
