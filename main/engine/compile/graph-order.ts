import { inputArity, isComposite, type GraphDocument, type PrimitiveNode } from '../../../core/graph/schema';
import { CompileError } from './errors';

export type OrderedGraph = {
  /** Nodes the output depends on, inputs first, each after all of its inputs. */
  order: PrimitiveNode[];
  /** Each node's input node ids, in edge order (the order `add`/`concat` combine them). */
  inputsOf: Map<string, string[]>;
  inputNodeIds: string[];
  outputNodeId: string;
};

function findOutput(nodes: readonly PrimitiveNode[]): string {
  const outputs = nodes.filter((n) => n.type === 'output');
  const [first, second] = outputs;
  if (!first) throw new CompileError('no-output', 'The graph has no Output node to train against', undefined);
  if (second) throw new CompileError('multiple-outputs', 'Only one Output node is supported', second.id);
  return first.id;
}

/**
 * Orders the part of the graph the Output node depends on (depth-first from
 * the output, so unconnected scraps are ignored rather than compiled).
 */
export function orderGraph(doc: GraphDocument): OrderedGraph {
  const byId = new Map<string, PrimitiveNode>();
  for (const node of doc.nodes) {
    if (isComposite(node)) {
      throw new CompileError(
        'composite-not-expanded',
        'Composite nodes must be expanded before compiling',
        node.id,
      );
    }
    byId.set(node.id, node);
  }
  const inputsOf = new Map<string, string[]>();
  for (const edge of doc.edges) {
    if (!byId.has(edge.source))
      throw new CompileError('unknown-node', `Edge from unknown node '${edge.source}'`, edge.target);
    if (!byId.has(edge.target))
      throw new CompileError('unknown-node', `Edge to unknown node '${edge.target}'`, edge.source);
    const list = inputsOf.get(edge.target) ?? [];
    list.push(edge.source);
    inputsOf.set(edge.target, list);
  }

  const outputNodeId = findOutput([...byId.values()]);
  const order: PrimitiveNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  // Iterative DFS: deep ResNets (110+ layers) would risk the call stack recursively.
  const stack: { id: string; next: number }[] = [{ id: outputNodeId, next: 0 }];
  state.set(outputNodeId, 'visiting');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const node = byId.get(frame.id)!;
    const inputs = inputsOf.get(frame.id) ?? [];
    if (frame.next === 0) checkArity(node, inputs.length);
    const nextInput = inputs[frame.next];
    if (nextInput === undefined) {
      state.set(frame.id, 'done');
      order.push(node);
      stack.pop();
      continue;
    }
    frame.next++;
    const seen = state.get(nextInput);
    if (seen === 'visiting')
      throw new CompileError('cycle', 'The graph has a cycle through this node', nextInput);
    if (seen === undefined) {
      state.set(nextInput, 'visiting');
      stack.push({ id: nextInput, next: 0 });
    }
  }
  const inputNodeIds = order.filter((n) => n.type === 'input').map((n) => n.id);
  if (inputNodeIds.length === 0)
    throw new CompileError('no-input', 'The Output node is not fed by any Input', outputNodeId);
  return { order, inputsOf, inputNodeIds, outputNodeId };
}

function checkArity(node: PrimitiveNode, count: number): void {
  const { min, max } = inputArity(node.type);
  if (count < min) {
    throw new CompileError(
      'missing-input',
      `${node.type} needs ${min} input${min === 1 ? '' : 's'}, has ${count}`,
      node.id,
    );
  }
  if (count > max) {
    throw new CompileError(
      'too-many-inputs',
      `${node.type} takes at most ${max} input(s), has ${count}`,
      node.id,
    );
  }
}
