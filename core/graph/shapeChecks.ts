import type { GraphNode, PrimitiveNode } from './schema';
import type { Window } from './nodes/descriptor';
import { describe, windowOf } from './nodes/registry';
import { sameLeading } from './nodes/merge';
import { isComposite } from './schema';
import { convOutputSize, describeConvFormula, effectiveKernel, formatDims, sameShape } from './shape';
import type { Shape } from './shape';
import { flattenFix, shortcutFixes } from './fixes';
import type { EdgeShape, Fix } from './fixes';
import { inferComposite } from './composites';
import type { CompositeNode } from './composites';
import { plural } from './naming';

/** A shape problem found on one node; validate.ts adds the node scope and the full message prefix. */
export type ShapeIssue = {
  code:
    | 'add-shape-mismatch'
    | 'concat-shape-mismatch'
    | 'dense-needs-flatten'
    | 'needs-image'
    | 'non-positive-size'
    | 'stride-leftover'
    | 'stride-with-dilation';
  severity: 'error' | 'warning';
  /** Completes a sentence that starts with the node's name. */
  text: string;
  fixes?: Fix[];
};

function windowIssues(w: Window, image: Shape): ShapeIssue[] {
  // Fast path for the common, valid case: no messages are built for a window that fits.
  const h = convOutputSize(image[0]!, w.kernel, w.stride, w.padding, w.dilation);
  const v = convOutputSize(image[1]!, w.kernel, w.stride, w.padding, w.dilation);
  if (h.size > 0 && v.size > 0 && h.unused === 0 && v.unused === 0) return [];
  return describeWindowIssues(w, image);
}

function describeWindowIssues(w: Window, image: Shape): ShapeIssue[] {
  const axes = [
    { name: 'height', unit: 'row', n: image[0]! },
    { name: 'width', unit: 'column', n: image[1]! },
  ];
  const sizes = axes.map((a) => ({
    ...a,
    ...convOutputSize(a.n, w.kernel, w.stride, w.padding, w.dilation),
  }));
  const formula = (n: number) => describeConvFormula(n, w.kernel, w.stride, w.padding, w.dilation);
  const empty = sizes.filter((a) => a.size <= 0);
  if (empty.length > 0) {
    const what = empty.map((a) => `a ${a.name} of ${a.size} (${formula(a.n)})`).join(' and ');
    return [
      {
        code: 'non-positive-size',
        severity: 'error',
        text: `would output ${what}: the window is larger than its padded input. Use a smaller window or stride, or more padding.`,
      },
    ];
  }
  // A window narrower than its stride subsamples on purpose; the leftover only matters when windows touch.
  const leftover = sizes.filter((a) => a.unused > 0);
  if (leftover.length === 0 || effectiveKernel(w.kernel, w.dilation) < w.stride) return [];
  const sameNumbers = leftover.length === 2 && leftover[0]!.n === leftover[1]!.n;
  const formulas = sameNumbers
    ? formula(leftover[0]!.n)
    : leftover.map((a) => `${a.name}: ${formula(a.n)}`).join('; ');
  const counts = leftover
    .map((a, i) =>
      i === 0 ? `${a.unused} input ${plural(a.unused, a.unit).split(' ')[1]!}` : plural(a.unused, a.unit),
    )
    .join(' and ');
  const verb = sameNumbers ? 'is not a whole number' : 'is not whole';
  return [
    {
      code: 'stride-leftover',
      severity: 'warning',
      text: `: ${formulas} ${verb}: the stride leaves ${counts} unused.`,
    },
  ];
}

/** The shape problems of one primitive, given its inputs in edge order. */
export function primitiveIssues(node: PrimitiveNode, inputs: readonly EdgeShape[]): ShapeIssue[] {
  const traits = describe(node.type).traits;
  const first = inputs[0];
  const shape = first?.shape ?? null;
  if (shape && traits.accepts === 'image' && shape.length !== 3) {
    const text = `needs an image (height×width×channels) but gets a vector of ${formatDims(shape)}. Remove the Flatten or Dense before it.`;
    return [{ code: 'needs-image', severity: 'error', text }];
  }
  if (traits.accepts === 'vector' && first && shape && shape.length === 3) {
    return [
      {
        code: 'dense-needs-flatten',
        severity: 'error',
        text: `is fully connected and needs a vector, but gets a ${formatDims(shape)} image. Insert a Flatten before it.`,
        fixes: [flattenFix(first.edge.id)],
      },
    ];
  }
  const paramIssue = traits.paramIssue?.(node.params);
  if (paramIssue) return [{ ...paramIssue, severity: 'error' }];
  const w = windowOf(node);
  if (w && shape) return windowIssues(w, shape);
  if (traits.merge && inputs.length >= 2) return mergeIssues(node, traits.merge, inputs);
  return [];
}

function mergeIssues(
  node: PrimitiveNode,
  kind: 'add' | 'concat',
  inputs: readonly EdgeShape[],
): ShapeIssue[] {
  const shapes: Shape[] = [];
  for (const input of inputs) {
    if (!input.shape) return [];
    shapes.push(input.shape);
  }
  const listed = () => shapes.map(formatDims).join(', ');
  const first = shapes[0]!;
  if (kind === 'add') {
    if (shapes.every((s) => sameShape(s, first))) return [];
    const fixes = shortcutFixes(node.id, inputs);
    return [
      {
        code: 'add-shape-mismatch',
        severity: 'error',
        text: `adds tensors of different shapes (${listed()}); every input must have the same shape.${fixes.length > 0 ? ' Project or zero-pad the shortcut.' : ''}`,
        ...(fixes.length > 0 ? { fixes } : {}),
      },
    ];
  }
  if (shapes.every((s) => sameLeading(s, first))) return [];
  return [
    {
      code: 'concat-shape-mismatch',
      severity: 'error',
      text: `joins tensors on channels, so all but the last dimension must match, but gets ${listed()}.`,
    },
  ];
}

/** A composite's problems come from its primitives, each code reported once, naming where inside. */
export function compositeIssues(node: CompositeNode, input: Shape | null): ShapeIssue[] {
  if (input && input.length !== 3) {
    const text = `needs an image (height×width×channels) but gets a vector of ${formatDims(input)}.`;
    return [{ code: 'needs-image', severity: 'error', text }];
  }
  const { inner } = inferComposite(node, input);
  const seen = new Set<string>();
  const issues: ShapeIssue[] = [];
  for (const { node: primitive, inputs } of inner) {
    const edgeShapes = inputs.map((shape) => ({ edge: { id: '', source: '', target: primitive.id }, shape }));
    for (const issue of primitiveIssues(primitive, edgeShapes)) {
      if (seen.has(issue.code)) continue;
      seen.add(issue.code);
      const where = primitive.id.slice(node.id.length + 1);
      issues.push({
        code: issue.code,
        severity: issue.severity,
        text: `(at ${where})${issue.text.startsWith(':') ? '' : ' '}${issue.text}`,
      });
    }
  }
  return issues;
}

/** False when `nodeIssues` is sure to find nothing, so callers can skip preparing its inputs. */
export function mayHaveIssues(node: GraphNode): boolean {
  const traits = describe(node.type).traits;
  return traits.accepts !== 'any' || traits.merge !== undefined;
}

export function nodeIssues(node: GraphNode, inputs: readonly EdgeShape[]): ShapeIssue[] {
  return isComposite(node) ? compositeIssues(node, inputs[0]?.shape ?? null) : primitiveIssues(node, inputs);
}
