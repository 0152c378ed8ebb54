import type { GraphDocument } from './schema';
import { inputArity } from './schema';
import { inferIndexed } from './infer';
import type { GraphInference } from './infer';
import { indexGraph } from './topology';
import type { GraphIndex } from './topology';
import type { Fix } from './fixes';
import { mayHaveIssues, nodeIssues } from './shapeChecks';
import { listNames, nodeName, plural } from './naming';
import { formatCount } from './summary';

export type ProblemCode =
  | 'duplicate-id'
  | 'dangling-edge'
  | 'cycle'
  | 'missing-input'
  | 'extra-input'
  | 'no-input-node'
  | 'no-output'
  | 'multiple-outputs'
  | 'unreachable'
  | 'add-shape-mismatch'
  | 'concat-shape-mismatch'
  | 'dense-needs-flatten'
  | 'needs-image'
  | 'non-positive-size'
  | 'stride-leftover'
  | 'stride-with-dilation'
  | 'softmax-before-output'
  | 'huge-model';

export type Problem = {
  code: ProblemCode;
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  message: string;
  fixes?: Fix[];
};

/** Above this many parameters a model will not fit or train comfortably here. */
export const HUGE_MODEL_PARAMS = 500_000_000;

/** Every problem of the document: structure first, then shapes node by node in topological order. */
export function validateGraph(doc: GraphDocument, inference?: GraphInference): Problem[] {
  const index = indexGraph(doc);
  return validateIndexed(doc, index, inference ?? inferIndexed(index));
}

/** The one call the editor makes on each change: shapes, counts and problems, sharing one graph index. */
export function analyzeGraph(doc: GraphDocument): { inference: GraphInference; problems: Problem[] } {
  const index = indexGraph(doc);
  const inference = inferIndexed(index);
  return { inference, problems: validateIndexed(doc, index, inference) };
}

function validateIndexed(doc: GraphDocument, index: GraphIndex, inference: GraphInference): Problem[] {
  return [
    ...duplicateIds(doc),
    ...danglingEdges(doc, index),
    ...cycles(index),
    ...arity(index),
    ...endpoints(doc),
    ...shapes(index, inference),
    ...softmaxBeforeOutput(index),
    ...unreachable(doc, index),
    ...hugeModel(inference),
  ];
}

function duplicateIds(doc: GraphDocument): Problem[] {
  const problems: Problem[] = [];
  const nodeIds = new Set<string>();
  for (const node of doc.nodes) {
    if (nodeIds.has(node.id)) {
      problems.push({
        code: 'duplicate-id',
        severity: 'error',
        nodeId: node.id,
        message: `Two nodes share the id "${node.id}"; every node needs its own id.`,
      });
    }
    nodeIds.add(node.id);
  }
  const edgeIds = new Set<string>();
  for (const edge of doc.edges) {
    if (edgeIds.has(edge.id)) {
      problems.push({
        code: 'duplicate-id',
        severity: 'error',
        edgeId: edge.id,
        message: `Two connections share the id "${edge.id}"; every connection needs its own id.`,
      });
    }
    edgeIds.add(edge.id);
  }
  return problems;
}

function danglingEdges(doc: GraphDocument, index: GraphIndex): Problem[] {
  const problems: Problem[] = [];
  for (const edge of doc.edges) {
    const missing = [edge.source, edge.target].filter((id) => !index.nodeById.has(id));
    if (missing.length === 0) continue;
    problems.push({
      code: 'dangling-edge',
      severity: 'error',
      edgeId: edge.id,
      message: `The connection "${edge.id}" points to ${listNames(missing.map((id) => `"${id}"`))}, which does not exist; delete it.`,
    });
  }
  return problems;
}

function cycles(index: GraphIndex): Problem[] {
  return index.cycles.map((members) => {
    const names = members.map((id) => nodeName(index.nodeById.get(id)!));
    const subject = members.length === 1 ? `${names[0]!} feeds itself` : `${listNames(names)} form a cycle`;
    return {
      code: 'cycle' as const,
      severity: 'error' as const,
      nodeId: members[0]!,
      message: `${subject}; data must flow one way from the input to the output.`,
    };
  });
}

function arity(index: GraphIndex): Problem[] {
  const problems: Problem[] = [];
  for (const node of index.nodeById.values()) {
    const count = (index.incoming.get(node.id) ?? []).length;
    const { min, max } = inputArity(node.type);
    if (count >= min && count <= max) continue;
    const name = nodeName(node);
    if (count < min) {
      const message =
        count === 0
          ? `${name} has no input; connect ${min === 1 ? 'one' : `at least ${min}`}.`
          : `${name} needs at least ${plural(min, 'input')} but has ${count}.`;
      problems.push({ code: 'missing-input', severity: 'error', nodeId: node.id, message });
    } else if (count > max) {
      const takes =
        max === 0 ? 'takes no inputs' : `takes ${max === 1 ? 'one input' : `at most ${max} inputs`}`;
      const message = `${name} ${takes} but has ${count}; remove the extra connection${count - max > 1 ? 's' : ''}.`;
      problems.push({ code: 'extra-input', severity: 'error', nodeId: node.id, message });
    }
  }
  return problems;
}

function endpoints(doc: GraphDocument): Problem[] {
  const problems: Problem[] = [];
  if (!doc.nodes.some((n) => n.type === 'input')) {
    problems.push({
      code: 'no-input-node',
      severity: 'error',
      message: 'The graph has no Input node; add one to say what the network reads.',
    });
  }
  const outputs = doc.nodes.filter((n) => n.type === 'output');
  if (outputs.length === 0) {
    problems.push({
      code: 'no-output',
      severity: 'error',
      message: 'The graph has no Output node; add one to say what the network predicts.',
    });
  }
  if (outputs.length > 1) {
    for (const output of outputs) {
      problems.push({
        code: 'multiple-outputs',
        severity: 'error',
        nodeId: output.id,
        message: `${nodeName(output)} is one of ${outputs.length} Output nodes; a network has exactly one.`,
      });
    }
  }
  return problems;
}

function shapes(index: GraphIndex, inference: GraphInference): Problem[] {
  const problems: Problem[] = [];
  for (const id of index.order) {
    const node = index.nodeById.get(id)!;
    if (!mayHaveIssues(node)) continue;
    const inputs = (index.incoming.get(id) ?? []).map((edge) => ({
      edge,
      shape: inference.nodes[edge.source]?.shape ?? null,
    }));
    for (const issue of nodeIssues(node, inputs)) {
      const joiner = issue.text.startsWith(':') ? '' : ' ';
      problems.push({
        code: issue.code,
        severity: issue.severity,
        nodeId: id,
        message: `${nodeName(node)}${joiner}${issue.text}`,
        ...(issue.fixes ? { fixes: issue.fixes } : {}),
      });
    }
  }
  return problems;
}

function softmaxBeforeOutput(index: GraphIndex): Problem[] {
  const problems: Problem[] = [];
  for (const node of index.nodeById.values()) {
    if (node.type !== 'activation' || node.params.fn !== 'softmax') continue;
    const feedsOutput = (index.outgoing.get(node.id) ?? []).some(
      (e) => index.nodeById.get(e.target)?.type === 'output',
    );
    if (!feedsOutput) continue;
    problems.push({
      code: 'softmax-before-output',
      severity: 'warning',
      nodeId: node.id,
      message: `${nodeName(node)} applies softmax right before the Output, which applies softmax again; use another activation or remove it.`,
    });
  }
  return problems;
}

/** Nodes from which no output can be reached do not affect the prediction. */
function unreachable(doc: GraphDocument, index: GraphIndex): Problem[] {
  const outputs = doc.nodes.filter((n) => n.type === 'output');
  if (outputs.length === 0) return [];
  const reached = new Set<string>(outputs.map((n) => n.id));
  const stack = [...reached];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const edge of index.incoming.get(id) ?? []) {
      if (reached.has(edge.source)) continue;
      reached.add(edge.source);
      stack.push(edge.source);
    }
  }
  const problems: Problem[] = [];
  for (const node of index.nodeById.values()) {
    if (reached.has(node.id)) continue;
    problems.push({
      code: 'unreachable',
      severity: 'warning',
      nodeId: node.id,
      message: `${nodeName(node)} is not connected to the Output, so it does not affect the prediction.`,
    });
  }
  return problems;
}

function hugeModel(inference: GraphInference): Problem[] {
  if (inference.totalParams <= HUGE_MODEL_PARAMS) return [];
  return [
    {
      code: 'huge-model',
      severity: 'warning',
      message: `The model has ${formatCount(inference.totalParams)} parameters, more than ${formatCount(HUGE_MODEL_PARAMS)}; it may not fit in memory or train in reasonable time here.`,
    },
  ];
}

export function isError(problem: Problem): boolean {
  return problem.severity === 'error';
}
