import type { CompositeType, GraphEdge, NodeOfType, ParamsOf, PrimitiveNode } from './schema';
import { inferLayer } from './layers';
import type { LayerResult } from './layers';
import type { Shape } from './shape';

export type CompositeNode = NodeOfType<CompositeType>;

/**
 * A composite's primitives. Edges whose `source` is COMPOSITE_INPUT stand
 * for "the composite's input" and are rewired to the real upstream node(s)
 * by the expander; `exit` is the node whose output is the composite's output.
 * Nodes are listed in topological order.
 */
export type CompositeExpansion = { nodes: PrimitiveNode[]; edges: GraphEdge[]; exit: string };

/** Placeholder source for the composite's input (never a valid node id: ids are non-empty). */
export const COMPOSITE_INPUT = '';

const DX = 180;
const DY = 130;

type Emitter = {
  node<T extends PrimitiveNode['type']>(
    id: string,
    type: T,
    params: ParamsOf<T>,
    column: number,
    row?: number,
  ): string;
  edge(source: string, target: string): void;
  result(exit: string): CompositeExpansion;
};

function emitter(composite: CompositeNode): Emitter {
  const nodes: PrimitiveNode[] = [];
  const edges: GraphEdge[] = [];
  const group = {
    id: composite.id,
    type: composite.type,
    params: composite.params,
    position: composite.position,
    ...(composite.label === undefined ? {} : { label: composite.label }),
  };
  return {
    node(id, type, params, column, row = 0) {
      const fullId = `${composite.id}.${id}`;
      const position = { x: composite.position.x + column * DX, y: composite.position.y + row * DY };
      nodes.push({ id: fullId, type, params, position, group } as PrimitiveNode);
      return fullId;
    },
    edge(source, target) {
      edges.push({ id: `${composite.id}.e${edges.length + 1}`, source, target });
    },
    result: (exit) => ({ nodes, edges, exit }),
  };
}

const conv3 = (
  filters: number,
  stride: number,
  useBias: boolean,
  padding: 'same' | 'valid' = 'same',
): ParamsOf<'conv2d'> => ({
  filters,
  kernel: 3,
  stride,
  padding,
  dilation: 1,
  useBias,
});
// Moving statistics settle within ~20 steps at 0.9 (PyTorch's default); Keras's 0.99 needs hundreds,
// which leaves short runs (the quick degradation preset) validating on unsettled statistics.
// epsilon 1e-5 as PyTorch's BatchNorm2d and the paper's reference code (Keras's 1e-3 damps small variances).
const BN: ParamsOf<'batchNorm'> = { momentum: 0.9, epsilon: 1e-5 };
/**
 * PyTorch's padding=1 for a 3×3 window at stride 2: one row and column on top/left, and on the
 * bottom/right only where an odd size reaches it (on an even size PyTorch's last pad row is never read).
 */
function strideTwoPad(input: Shape | null): ParamsOf<'zeroPad2d'> {
  const odd = (i: number) => (input && input.length === 3 ? input[i]! % 2 : 1);
  return { top: 1, bottom: odd(0), left: 1, right: odd(1), channelsBefore: 0, channelsAfter: 0 };
}
const RELU: ParamsOf<'activation'> = { fn: 'relu', alpha: 0.01 };

/**
 * He et al. 2016 basic blocks. The first block takes the stride; when it
 * changes the shape the shortcut is either pure subsampling plus zero
 * channels (option A) or a 1×1 projection with BN (option B).
 */
function residualStage(node: NodeOfType<'residualStage'>, input: Shape | null): CompositeExpansion {
  const p = node.params;
  const e = emitter(node);
  const inChannels = input && input.length === 3 ? input[2]! : p.filters;
  let previous = COMPOSITE_INPUT;
  let column = 0;
  for (let b = 0; b < p.blocks; b++) {
    const stride = b === 0 ? p.firstStride : 1;
    const channels = b === 0 ? inChannels : p.filters;
    const id = (name: string) => `b${b}.${name}`;
    let convIn = previous;
    if (stride > 1) {
      // 'same' at stride 2 pads only bottom/right, centring output i on input 2i+1 while the
      // shortcut samples 2i; the paper's and PyTorch's padding=1 centres it on 2i, aligned.
      convIn = e.node(id('pad1'), 'zeroPad2d', strideTwoPad(input), column++);
      e.edge(previous, convIn);
    }
    const conv1 = e.node(
      id('conv1'),
      'conv2d',
      conv3(p.filters, stride, false, stride > 1 ? 'valid' : 'same'),
      column++,
    );
    e.edge(convIn, conv1);
    const bn1 = e.node(id('bn1'), 'batchNorm', BN, column++);
    e.edge(conv1, bn1);
    const relu1 = e.node(id('relu1'), 'activation', RELU, column++);
    e.edge(bn1, relu1);
    const conv2 = e.node(id('conv2'), 'conv2d', conv3(p.filters, 1, false), column++);
    e.edge(relu1, conv2);
    const bn2 = e.node(id('bn2'), 'batchNorm', BN, column++);
    e.edge(conv2, bn2);
    let mainOut = bn2;
    if (p.residual) {
      const shortcut = shortcutPath(e, p, previous, stride, channels, id, column - 4);
      const add = e.node(id('add'), 'add', {}, column++);
      e.edge(bn2, add);
      e.edge(shortcut, add);
      mainOut = add;
    }
    const out = e.node(id('relu2'), 'activation', RELU, column++);
    e.edge(mainOut, out);
    previous = out;
  }
  return e.result(previous);
}

function shortcutPath(
  e: Emitter,
  p: ParamsOf<'residualStage'>,
  from: string,
  stride: number,
  channels: number,
  id: (name: string) => string,
  column: number,
): string {
  if (stride === 1 && channels === p.filters) return from;
  let tail = from;
  const link = (next: string) => {
    e.edge(tail, next);
    tail = next;
  };
  if (p.shortcut === 'projection') {
    link(
      e.node(
        id('proj'),
        'conv2d',
        { filters: p.filters, kernel: 1, stride, padding: 'valid', dilation: 1, useBias: false },
        column,
        1,
      ),
    );
    link(e.node(id('projbn'), 'batchNorm', BN, column + 1, 1));
    return tail;
  }
  if (stride > 1)
    link(e.node(id('subsample'), 'maxPool2d', { pool: 1, stride, padding: 'valid' }, column, 1));
  const extra = Math.max(0, p.filters - channels);
  const before = Math.floor(extra / 2);
  const pad = { top: 0, bottom: 0, left: 0, right: 0, channelsBefore: before, channelsAfter: extra - before };
  if (extra > 0) link(e.node(id('pad'), 'zeroPad2d', pad, column + 1, 1));
  return tail;
}

/** k × (3×3 same conv [+ BN] + ReLU), then 2×2 max pool at stride 2. */
function vggBlock(node: NodeOfType<'vggBlock'>): CompositeExpansion {
  const p = node.params;
  const e = emitter(node);
  let previous = COMPOSITE_INPUT;
  let column = 0;
  const link = (next: string) => {
    e.edge(previous, next);
    previous = next;
  };
  for (let i = 1; i <= p.convs; i++) {
    link(e.node(`conv${i}`, 'conv2d', conv3(p.filters, 1, !p.batchNorm), column++));
    if (p.batchNorm) link(e.node(`bn${i}`, 'batchNorm', BN, column++));
    link(e.node(`relu${i}`, 'activation', RELU, column++));
  }
  link(e.node('pool', 'maxPool2d', { pool: 2, stride: 2, padding: 'valid' }, column));
  return e.result(previous);
}

/** The primitives a composite stands for, given its input shape (which decides the shortcut). */
export function buildComposite(node: CompositeNode, input: Shape | null): CompositeExpansion {
  return node.type === 'residualStage' ? residualStage(node, input) : vggBlock(node);
}

export type InnerInference = { node: PrimitiveNode; inputs: (Shape | null)[]; result: LayerResult };

/** Infers a composite through its expansion: the exit's shape, summed params and MACs, and each primitive's detail. */
export function inferComposite(node: CompositeNode, input: Shape | null): CompositeInference {
  // Inference and validation both need a composite's expansion, and the editor
  // re-analyses on every edit while composites keep their identity: memoise
  // per node object, checked against what the expansion depends on.
  const key = compositeKey(node, input);
  const cached = compositeCache.get(node);
  if (cached && cached.key === key) return cached.value;
  const value = inferExpansion(node, input);
  compositeCache.set(node, { key, value });
  return value;
}

type CompositeInference = { result: LayerResult; inner: InnerInference[]; expansion: CompositeExpansion };

const compositeCache = new WeakMap<CompositeNode, { key: string; value: CompositeInference }>();

function compositeKey(node: CompositeNode, input: Shape | null): string {
  const { id, type, params, position, label } = node;
  return JSON.stringify([id, type, params, position.x, position.y, label ?? null, input]);
}

function inferExpansion(node: CompositeNode, input: Shape | null): CompositeInference {
  const expansion = buildComposite(node, input);
  const shapes = new Map<string, Shape | null>([[COMPOSITE_INPUT, input]]);
  const sourcesOf = new Map<string, string[]>();
  for (const edge of expansion.edges) {
    const list = sourcesOf.get(edge.target) ?? [];
    list.push(edge.source);
    sourcesOf.set(edge.target, list);
  }
  const inner: InnerInference[] = [];
  const total: LayerResult = { shape: null, params: 0, trainableParams: 0, macs: 0 };
  for (const primitive of expansion.nodes) {
    const inputs = (sourcesOf.get(primitive.id) ?? []).map((source) => shapes.get(source) ?? null);
    const result = inferLayer(primitive, inputs);
    shapes.set(primitive.id, result.shape);
    inner.push({ node: primitive, inputs, result });
    total.params += result.params;
    total.trainableParams += result.trainableParams;
    total.macs += result.macs;
  }
  total.shape = shapes.get(expansion.exit) ?? null;
  return { result: total, inner, expansion };
}
