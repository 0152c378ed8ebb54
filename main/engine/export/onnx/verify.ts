import { maxAbsDiff, type CheckBatch } from '../run';
import type { Verification } from '../types';
import { ONNX_INPUT, ONNX_OUTPUT } from './toOnnx';

const CHECK = 'ONNX: onnxruntime-node (CPU)';

/** Runs the written .onnx file in onnxruntime-node on the check batch. */
export async function verifyOnnx(file: string, batch: CheckBatch): Promise<Verification> {
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { check: CHECK, ran: false, reason: `onnxruntime-node could not load: ${message}` };
  }
  const session = await ort.InferenceSession.create(file, { executionProviders: ['cpu'] });
  try {
    const feeds = { [ONNX_INPUT]: new ort.Tensor('float32', batch.x, batch.shape) };
    const result = await session.run(feeds);
    const out = result[ONNX_OUTPUT];
    if (!out) return { check: CHECK, ran: true, maxAbsDiff: Number.POSITIVE_INFINITY };
    return { check: CHECK, ran: true, maxAbsDiff: maxAbsDiff(out.data as Float32Array, batch.expected) };
  } finally {
    await session.release();
  }
}
