import os from 'node:os';
import type * as Ort from 'onnxruntime-node';
import { isImage, type ExportIr } from '../export/ir';
import { encodeModel, DATA_TYPE, type OnnxModel } from '../export/onnx/onnx-proto';
import { irToOnnx, ONNX_INPUT, ONNX_OUTPUT, onnxTensorOf } from '../export/onnx/toOnnx';

type OrtModule = typeof Ort;

/** A layer's output for a batch, in tfjs layout: [n, ...shape], NHWC for images. */
export type LayerOutput = { values: Float32Array; shape: number[] };
export type LayerOutputs = { maps: Map<string, LayerOutput>; probs: Float32Array };

/** The run's ONNX export in onnxruntime-node, fed and answering in Deepwire's NHWC layout. */
export interface OnnxRunner {
  /** Class probabilities, [n, classes] row-major, for n NHWC inputs. */
  predict(x: Float32Array, n: number): Promise<Float32Array>;
  /** The named layers' outputs (those the export has) and the probabilities, for n inputs. */
  layers(x: Float32Array, n: number, layerNames: string[]): Promise<LayerOutputs>;
  release(): Promise<void>;
}

/** onnxruntime-node, or the reason it cannot load here (a platform without its native binding). */
export async function loadOrt(): Promise<{ ort: OrtModule } | { error: string }> {
  try {
    return { ort: await import('onnxruntime-node') };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The same model with every layer's output also a graph output, so feature maps can be read. */
function withLayerOutputs(model: OnnxModel, ir: ExportIr): OnnxModel {
  const extra = ir.ops
    .filter((op) => op.name !== ir.output)
    .map((op) => ({ name: onnxTensorOf(ir, op.name), type: { tensorType: { elemType: DATA_TYPE.FLOAT } } }));
  return { ...model, graph: { ...model.graph, output: [...model.graph.output, ...extra] } };
}

/** [n, C, H, W] → [n, H, W, C]. */
function nchwToNhwc(data: Float32Array, n: number, c: number, h: number, w: number): Float32Array {
  const out = new Float32Array(data.length);
  const plane = h * w;
  for (let b = 0; b < n; b++) {
    const base = b * c * plane;
    for (let ch = 0; ch < c; ch++) {
      const src = base + ch * plane;
      for (let i = 0; i < plane; i++) out[base + i * c + ch] = data[src + i] ?? 0;
    }
  }
  return out;
}

/**
 * Builds the ONNX model from the run's IR in memory and opens it in
 * onnxruntime on the CPU with one intra-op thread per core, as the wasm
 * kernels use. The session with every layer as an output (which stops
 * onnxruntime fusing across layers and keeps every buffer) opens only when
 * feature maps are first asked for.
 */
export async function createOnnxRunner(
  ort: OrtModule,
  ir: ExportIr,
  opts: { threads?: number } = {},
): Promise<OnnxRunner> {
  const model = irToOnnx(ir, 'deepwire-inference');
  const options: Ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: opts.threads ?? os.availableParallelism(),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  const session = await ort.InferenceSession.create(encodeModel(model), options);
  let probe: Promise<Ort.InferenceSession> | null = null;
  const [h, w, c] = ir.input.shape;
  const feeds = (x: Float32Array, n: number) => ({
    [ONNX_INPUT]: new ort.Tensor('float32', x.subarray(0, n * h * w * c), [n, h, w, c]),
  });
  const shapeOf = new Map(ir.ops.map((op) => [op.name, op.shape]));

  return {
    async predict(x, n) {
      const result = await session.run(feeds(x, n));
      const out = result[ONNX_OUTPUT];
      if (!out) throw new Error(`the ONNX model gave no '${ONNX_OUTPUT}'`);
      return out.data as Float32Array;
    },
    async layers(x, n, layerNames) {
      probe ??= ort.InferenceSession.create(encodeModel(withLayerOutputs(model, ir)), options);
      // Layers the export has no op for (a node's inner helper layers) have no tensor to fetch.
      const names = [...new Set(layerNames)].filter((name) => shapeOf.has(name) && name !== ir.output);
      const fetches = [...names.map((name) => onnxTensorOf(ir, name)), ONNX_OUTPUT];
      const result = await (await probe).run(feeds(x, n), fetches);
      const maps = new Map<string, LayerOutput>();
      names.forEach((name, i) => {
        const tensor = result[fetches[i] ?? ''];
        const shape = shapeOf.get(name);
        if (!tensor || !shape) return;
        const data = tensor.data as Float32Array;
        const [lh = 1, lw = 1, lc = 1] = shape;
        maps.set(name, { shape, values: isImage(shape) ? nchwToNhwc(data, n, lc, lh, lw) : data });
      });
      const probs = result[ONNX_OUTPUT];
      if (!probs) throw new Error(`the ONNX model gave no '${ONNX_OUTPUT}'`);
      return { maps, probs: probs.data as Float32Array };
    },
    async release() {
      await session.release();
      if (probe) await (await probe).release();
    },
  };
}
