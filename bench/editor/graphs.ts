import { GraphBuilder } from '../../core/graph/builder';
import { expandComposites } from '../../core/graph/expand';
import type { GraphDocument } from '../../core/graph/schema';
import { buildCifarNet } from '../../core/templates/resnet';

/**
 * The graphs both editor benches measure. Built with explicit ids, so the
 * builder's own bookkeeping does not dominate generation of big graphs.
 */

/** input → (conv, BN, ReLU)* → flatten → output: a long chain of `count` nodes. */
export function chainGraph(count = 1000): GraphDocument {
  const b = new GraphBuilder(`chain-${count}`);
  b.add('input', { height: 16, width: 16, channels: 8 }, { id: 'in' });
  const kinds = ['conv2d', 'batchNorm', 'activation'] as const;
  for (let i = 0; i < count - 3; i++) {
    const kind = kinds[i % 3]!;
    if (kind === 'conv2d') b.add(kind, { filters: 8 }, { id: `n${i}` });
    else b.add(kind, {}, { id: `n${i}` });
  }
  b.add('flatten', {}, { id: 'flat' });
  b.add('output', {}, { id: 'out' });
  return b.build();
}

/**
 * A wide ResNet-like graph: `branches` parallel conv towers read the same
 * input (fan-out), each tower is residual blocks with adds, and every tower
 * joins in one concat (fan-in). About `count` nodes.
 */
export function wideResidualGraph(count = 1000, branches = 8): GraphDocument {
  const b = new GraphBuilder('wide-resnet-1000');
  b.add('input', { height: 16, width: 16, channels: 8 }, { id: 'in' });
  const perBranch = Math.floor((count - 4) / branches);
  const blocks = Math.floor(perBranch / 3);
  const tails: string[] = [];
  for (let t = 0; t < branches; t++) {
    let previous = 'in';
    for (let k = 0; k < blocks; k++) {
      const id = `t${t}b${k}`;
      b.add('conv2d', { filters: 8 }, { id: `${id}c`, from: previous, row: t });
      b.add('batchNorm', {}, { id: `${id}n`, row: t });
      previous = b.add('add', {}, { id: `${id}a`, from: [`${id}n`, previous], row: t });
    }
    tails.push(previous);
  }
  b.add('concat', {}, { id: 'join', from: tails });
  b.add('globalAvgPool2d', {}, { id: 'gap' });
  b.add('output', {}, { id: 'out' });
  return b.build();
}

/** The ResNet-110 template with its three stage composites expanded into ~550 primitives. */
export function resnet110Expanded(): GraphDocument {
  return expandComposites(buildCifarNet({ depth: 110, residual: true }));
}

/** The ResNet-110 template as the gallery opens it: three collapsed stage composites. */
export function resnet110Collapsed(): GraphDocument {
  return buildCifarNet({ depth: 110, residual: true });
}

export const BENCH_GRAPHS: { name: string; build: () => GraphDocument }[] = [
  { name: 'chain-1000', build: () => chainGraph() },
  { name: 'chain-5000', build: () => chainGraph(5000) },
  { name: 'wide-resnet-1000', build: () => wideResidualGraph() },
  { name: 'resnet110-expanded', build: resnet110Expanded },
  { name: 'resnet110-collapsed', build: resnet110Collapsed },
];
