import fc from 'fast-check';
import { ACTIVATION_FUNCTIONS, CURRENT_VERSION, DOCUMENT_FORMAT } from '../../../core/graph/schema';
import type { GraphDocument, GraphEdge, PrimitiveNode } from '../../../core/graph/schema';

/**
 * fast-check arbitraries for random graph documents made of primitive nodes:
 * tiny image chains with optional add/concat diamonds and a dense head (the
 * "valid-looking" family), and the same graphs broken on purpose. Shapes stay
 * tiny so a compile takes milliseconds on the cpu backend.
 */

type Params<T extends PrimitiveNode['type']> = Extract<PrimitiveNode, { type: T }>['params'];
type Op = { [T in PrimitiveNode['type']]: { type: T; params: Params<T> } }[PrimitiveNode['type']];
type ImageStep = { kind: 'op'; op: Op } | { kind: 'merge'; merge: 'add' | 'concat' };

const fraction = (min: number, max: number) =>
  fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
const paddings = fc.constantFrom<Params<'conv2d'>['padding']>('same', 'valid', 0, 1);

const imageOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    type: fc.constant('conv2d' as const),
    params: fc.record({
      filters: fc.integer({ min: 1, max: 4 }),
      kernel: fc.integer({ min: 1, max: 3 }),
      stride: fc.integer({ min: 1, max: 2 }),
      padding: paddings,
      dilation: fc.integer({ min: 1, max: 2 }),
      useBias: fc.boolean(),
    }),
  }),
  fc.record({
    type: fc.constantFrom('maxPool2d' as const, 'avgPool2d' as const),
    params: fc.record({
      pool: fc.integer({ min: 1, max: 2 }),
      stride: fc.integer({ min: 1, max: 2 }),
      padding: fc.constantFrom<Params<'maxPool2d'>['padding']>('same', 'valid'),
    }),
  }),
  fc.record({
    type: fc.constant('activation' as const),
    params: fc.record({ fn: fc.constantFrom(...ACTIVATION_FUNCTIONS), alpha: fraction(0, 1) }),
  }),
  fc.record({
    type: fc.constant('batchNorm' as const),
    params: fc.record({ momentum: fraction(0.5, 0.99), epsilon: fc.constantFrom(0.001, 0.01) }),
  }),
  fc.record({ type: fc.constant('dropout' as const), params: fc.record({ rate: fraction(0, 0.5) }) }),
  fc.record({
    type: fc.constant('zeroPad2d' as const),
    params: fc.record({
      top: fc.integer({ min: 0, max: 1 }),
      bottom: fc.integer({ min: 0, max: 1 }),
      left: fc.integer({ min: 0, max: 1 }),
      right: fc.integer({ min: 0, max: 1 }),
      channelsBefore: fc.integer({ min: 0, max: 1 }),
      channelsAfter: fc.integer({ min: 0, max: 1 }),
    }),
  }),
  fc.record({
    type: fc.constant('lrn' as const),
    params: fc.record({
      depthRadius: fc.integer({ min: 0, max: 2 }),
      bias: fc.constantFrom(1, 2),
      alpha: fc.constantFrom(0.0001, 0.001),
      beta: fc.constantFrom(0.5, 0.75),
    }),
  }),
);

const imageStep: fc.Arbitrary<ImageStep> = fc.oneof(
  { weight: 4, arbitrary: imageOp.map((op) => ({ kind: 'op' as const, op })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<'add' | 'concat'>('add', 'concat')
      .map((merge) => ({ kind: 'merge' as const, merge })),
  },
);

export type GraphRecipe = {
  input: Params<'input'>;
  steps: ImageStep[];
  head: 'flatten' | 'globalAvgPool2d';
  dense: Op[];
  classes: number;
};

export const graphRecipe: fc.Arbitrary<GraphRecipe> = fc.record({
  input: fc.record({
    height: fc.integer({ min: 3, max: 8 }),
    width: fc.integer({ min: 3, max: 8 }),
    channels: fc.integer({ min: 1, max: 3 }),
  }),
  steps: fc.array(imageStep, { maxLength: 5 }),
  head: fc.constantFrom('flatten' as const, 'globalAvgPool2d' as const),
  dense: fc.array(
    fc.oneof(
      fc.record({
        type: fc.constant('dense' as const),
        params: fc.record({ units: fc.integer({ min: 1, max: 5 }), useBias: fc.boolean() }),
      }),
      fc.record({
        type: fc.constant('activation' as const),
        params: fc.record({
          fn: fc.constantFrom('relu' as const, 'tanh' as const),
          alpha: fc.constant(0.01),
        }),
      }),
    ),
    { maxLength: 2 },
  ),
  classes: fc.integer({ min: 2, max: 4 }),
});

/** Builds a document from a recipe: one chain, each merge a diamond of relu + batchNorm over the same input. */
export function buildGraph(recipe: GraphRecipe): GraphDocument {
  const nodes: PrimitiveNode[] = [];
  const edges: GraphEdge[] = [];
  let last = '';
  const add = (op: Op, from: string[]): string => {
    const id = `n${nodes.length}`;
    nodes.push({ id, ...op, position: { x: nodes.length * 200, y: 0 } } as PrimitiveNode);
    for (const source of from) edges.push({ id: `e${edges.length}`, source, target: id });
    return id;
  };
  last = add({ type: 'input', params: recipe.input }, []);
  for (const step of recipe.steps) {
    if (step.kind === 'op') {
      last = add(step.op, [last]);
      continue;
    }
    const left = add({ type: 'activation', params: { fn: 'relu', alpha: 0.01 } }, [last]);
    const right = add({ type: 'batchNorm', params: { momentum: 0.9, epsilon: 0.001 } }, [last]);
    last = add({ type: step.merge, params: {} }, [left, right]);
  }
  last = add({ type: recipe.head, params: {} }, [last]);
  for (const op of recipe.dense) last = add(op, [last]);
  add({ type: 'output', params: { classes: recipe.classes } }, [last]);
  return { format: DOCUMENT_FORMAT, version: CURRENT_VERSION, name: 'fuzz', nodes, edges };
}

export type Breakage = 'cycle' | 'dangling-edge' | 'mismatched-add' | 'dense-on-image';

/** The same graph broken in one way the editor must report against a node or edge. */
export function breakGraph(recipe: GraphRecipe, how: Breakage): GraphDocument {
  const doc = buildGraph(recipe);
  const at = (i: number) => doc.nodes[i]?.id ?? 'n0';
  const output = at(doc.nodes.length - 1);
  switch (how) {
    case 'cycle':
      // The output feeds back into the first layer after the input.
      return { ...doc, edges: [...doc.edges, { id: 'back', source: output, target: at(1) }] };
    case 'dangling-edge':
      return { ...doc, edges: [...doc.edges, { id: 'ghost', source: 'nowhere', target: output }] };
    case 'mismatched-add':
      return mismatchedAdd(recipe);
    case 'dense-on-image': {
      const dense: Op = { type: 'dense', params: { units: 3, useBias: true } };
      const rebuilt = buildGraph({ ...recipe, dense: [] });
      const headIndex = rebuilt.nodes.findIndex((n) => n.type === recipe.head);
      const head = rebuilt.nodes[headIndex];
      if (head) rebuilt.nodes[headIndex] = { ...head, ...dense } as PrimitiveNode;
      return rebuilt;
    }
  }
}

/** input → conv with one more channel than the input; add(input, conv) cannot match shapes. */
function mismatchedAdd(recipe: GraphRecipe): GraphDocument {
  const doc = buildGraph({ ...recipe, steps: [] });
  const [input, head] = doc.nodes;
  if (!input || !head) return doc;
  const conv: PrimitiveNode = {
    id: 'wide',
    type: 'conv2d',
    params: {
      filters: recipe.input.channels + 1,
      kernel: 1,
      stride: 1,
      padding: 'same',
      dilation: 1,
      useBias: true,
    },
    position: { x: 0, y: 100 },
  };
  const merge: PrimitiveNode = { id: 'merge', type: 'add', params: {}, position: { x: 100, y: 100 } };
  const edges = doc.edges.filter((e) => e.source !== input.id);
  edges.push(
    { id: 'm0', source: input.id, target: 'wide' },
    { id: 'm1', source: input.id, target: 'merge' },
    { id: 'm2', source: 'wide', target: 'merge' },
    { id: 'm3', source: 'merge', target: head.id },
  );
  return { ...doc, nodes: [...doc.nodes, conv, merge], edges };
}
