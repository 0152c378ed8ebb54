import type { GraphNode, Padding, PrimitiveNode } from './schema';
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

type Window = { kernel: number; stride: number; padding: Padding; dilation: number };

function windowOf(node: PrimitiveNode): Window | null {
  switch (node.type) {
    case 'conv2d':
      return node.params;
    case 'maxPool2d':
    case 'avgPool2d':
      return {
        kernel: node.params.pool,
        stride: node.params.stride,
        padding: node.params.padding,
        dilation: 1,
      };
    default:
      return null;
  }
}

const NEEDS_IMAGE = new Set<GraphNode['type']>([
  'conv2d',
  'maxPool2d',
  'avgPool2d',
  'globalAvgPool2d',
  'zeroPad2d',
  'lrn',
  'residualStage',
  'vggBlock',
]);

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
  const first = inputs[0];
  const shape = first?.shape ?? null;
  if (shape && NEEDS_IMAGE.has(node.type) && shape.length !== 3) {
    const text = `needs an image (height×width×channels) but gets a vector of ${formatDims(shape)}. Remove the Flatten or Dense before it.`;
    return [{ code: 'needs-image', severity: 'error', text }];
  }
  if ((node.type === 'dense' || node.type === 'output') && first && shape && shape.length === 3) {
    return [
      {
        code: 'dense-needs-flatten',
        severity: 'error',
        text: `is fully connected and needs a vector, but gets a ${formatDims(shape)} image. Insert a Flatten before it.`,
        fixes: [flattenFix(first.edge.id)],
      },
    ];
  }
  if (node.type === 'conv2d' && node.params.stride > 1 && node.params.dilation > 1) {
    // TensorFlow (and so training and export) has no strided atrous convolution; say so before Train does.
    const text = `combines stride ${node.params.stride} with dilation ${node.params.dilation}, which training does not support. Use stride 1 with dilation, or dilation 1 with stride.`;
    return [{ code: 'stride-with-dilation', severity: 'error', text }];
  }
  const w = windowOf(node);
  if (w && shape) return windowIssues(w, shape);
  if ((node.type === 'add' || node.type === 'concat') && inputs.length >= 2) return mergeIssues(node, inputs);
  return [];
}

function mergeIssues(node: PrimitiveNode, inputs: readonly EdgeShape[]): ShapeIssue[] {
  const shapes: Shape[] = [];
  for (const input of inputs) {
    if (!input.shape) return [];
    shapes.push(input.shape);
  }
  const listed = () => shapes.map(formatDims).join(', ');
  const first = shapes[0]!;
  if (node.type === 'add') {
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
  const rank = first.length;
  const ok = shapes.every((s) => s.length === rank && sameLeading(s, first));
  if (ok) return [];
  return [
    {
      code: 'concat-shape-mismatch',
      severity: 'error',
      text: `joins tensors on channels, so all but the last dimension must match, but gets ${listed()}.`,
    },
  ];
}

/** Equal in every dimension but the last (concat joins on channels). */
function sameLeading(a: Shape, b: Shape): boolean {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return false;
  return true;
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

/** Node types whose shape can be wrong at all; the rest accept any input shape inference accepts. */
const CHECKED = new Set<GraphNode['type']>([...NEEDS_IMAGE, 'dense', 'output', 'add', 'concat']);

/** False when `nodeIssues` is sure to find nothing, so callers can skip preparing its inputs. */
export function mayHaveIssues(node: GraphNode): boolean {
  return CHECKED.has(node.type);
}

export function nodeIssues(node: GraphNode, inputs: readonly EdgeShape[]): ShapeIssue[] {
  return isComposite(node) ? compositeIssues(node, inputs[0]?.shape ?? null) : primitiveIssues(node, inputs);
}
