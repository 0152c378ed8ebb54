import type { ActivationFunction } from '../../../core/graph/schema';
import type { OnnxNode } from '../export/onnx/onnx-proto';
import { sanitiseLayerName } from '../compile/names';
import { ImportError } from './errors';
import type { Initializer } from './onnxTensors';
import type { ImportedNode, ImportedTensor, UnplacedNode } from './spec';

/**
 * An ONNX value as the importer tracks it: the Deepwire node producing it and
 * its [H, W, C] (or [features]) size. 'image' is NCHW in the ONNX graph,
 * 'nhwc' an image after the NCHW→NHWC transpose, 'pooled' a global pool's
 * [N, C, 1, 1] result that a Flatten/Reshape turns into a vector for free.
 */
export type TrackedTensor = { id: string; kind: 'image' | 'vector' | 'nhwc' | 'pooled'; shape: number[] };

/** One ONNX node being converted, with the label its errors are reported under. */
export type NodeStep = { node: OnnxNode; index: number; what: string; out: string };

export type OperatorHandler = (b: OnnxGraphBuilder, step: NodeStep) => void;

export type FloatInitializer = Initializer & { values: Float32Array };

/**
 * The state an ONNX import accumulates: Deepwire nodes and weights in graph
 * order, which ONNX value each node produced, the ids taken so far, and the
 * ONNX nodes already folded into an earlier one (skipped when reached).
 */
export class OnnxGraphBuilder {
  readonly nodes: ImportedNode[] = [];
  readonly tensors: ImportedTensor[] = [];
  readonly consumed = new Set<OnnxNode>();
  private readonly byTensor = new Map<string, TrackedTensor>();
  private readonly used = new Set<string>();

  constructor(
    readonly graphNodes: OnnxNode[],
    readonly init: Map<string, Initializer>,
  ) {}

  /** A unique tfjs-safe id from an ONNX node name; 'x/pad' (an exporter's helper) becomes 'x__pad'. */
  claim(onnxName: string, index: number): string {
    const [first, role] = onnxName.split('/');
    // ONNX node names are optional: an unnamed node is named by its position.
    const base = first || `node${index}`;
    const helper = role !== undefined && role === 'pad';
    const stem = sanitiseLayerName(helper ? `${base}__pad` : base);
    let id = stem;
    for (let i = 2; this.used.has(id); i++) id = `${stem}_${i}`;
    this.used.add(id);
    return id;
  }

  claimFor(step: NodeStep): string {
    return this.claim(step.node.name, step.index);
  }

  /** Marks an id as taken without the collision suffixing of claim (ids derived from a claimed one). */
  reserve(id: string): void {
    this.used.add(id);
  }

  add(node: UnplacedNode, inputs: string[]): void {
    this.nodes.push({ node, inputs });
  }

  weight(name: string | undefined, what: string): FloatInitializer {
    const w = name === undefined ? undefined : this.init.get(name);
    if (!w || !(w.values instanceof Float32Array))
      throw new ImportError(`${what} is not a float initializer`);
    return w as FloatInitializer;
  }

  input(name: string | undefined, what: string): TrackedTensor {
    const t = name === undefined ? undefined : this.byTensor.get(name);
    if (!t) throw new ImportError(`${what} reads '${String(name)}', which is not produced before it`);
    return t;
  }

  /** The step's first input, which every single-input operator reads. */
  source(step: NodeStep): TrackedTensor {
    return this.input(step.node.input[0], step.what);
  }

  produce(onnxName: string, tensor: TrackedTensor): void {
    this.byTensor.set(onnxName, tensor);
  }

  produced(onnxName: string): TrackedTensor | undefined {
    return this.byTensor.get(onnxName);
  }

  /** An activation node reading `src`, whose result is ONNX value `out`. */
  addActivation(
    step: NodeStep,
    src: TrackedTensor,
    fn: ActivationFunction,
    alpha: number,
    out: string,
  ): void {
    const id = this.claimFor(step);
    this.add({ id, type: 'activation', params: { fn, alpha } }, [src.id]);
    this.produce(out, { ...src, id });
  }
}
