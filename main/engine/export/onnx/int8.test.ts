import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeNet5 } from '../../../../core/templates/classic';
import { DEFAULT_SETTINGS } from '../../../../core/training/settings';
import { runSession } from '../../train/session';
import { exportRun, verificationFailed } from '../index';
import { INT8_FILE, QUANTIZATION_FILE, type QuantizationReport } from './int8';
import { DATA_TYPE, decodeModel } from './onnx-proto';
import { activationParams, quantizeWeight } from './quantize';

describe('int8 arithmetic', () => {
  it('quantizes each output channel symmetrically within half a step', () => {
    // [in=2, out=3] (Gemm B): channel axis 1, very different ranges per channel.
    const w = new Float32Array([0.5, -10, 0.001, -0.25, 4, -0.002]);
    const { q, scales } = quantizeWeight(w, [2, 3], 1);
    expect(Array.from(scales)).toEqual([0.5 / 127, 10 / 127, 0.002 / 127].map(Math.fround));
    for (let i = 0; i < w.length; i++) {
      const s = scales[i % 3]!;
      expect(Math.abs(q[i]! * s - w[i]!)).toBeLessThanOrEqual(s / 2 + 1e-9);
    }
  });

  it('keeps zero exactly representable in an activation range', () => {
    const { scale, zeroPoint } = activationParams({ min: 0.5, max: 3 });
    expect(zeroPoint).toBe(0);
    expect(scale).toBeCloseTo(3 / 255, 9);
    const signed = activationParams({ min: -1, max: 1 });
    expect(signed.zeroPoint).toBe(128);
  });
});

let scratch = '';
let runDir = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-int8-'));
  runDir = join(scratch, 'lenet');
  const summary = await runSession({
    runId: 'lenet',
    runDir,
    start: {
      document: buildLeNet5(),
      settings: { ...DEFAULT_SETTINGS, dataset: 'digits', limit: 600, epochs: 3, backend: 'wasm' },
    },
    emit: () => undefined,
  });
  expect(summary?.testAcc).toBeGreaterThan(0.5);
}, 600_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('onnx-int8 export of a trained LeNet-5 (digits)', () => {
  it('is at least 3× smaller than the float ONNX and agrees with it on the test split', async () => {
    const out = join(scratch, 'int8');
    const result = await exportRun(runDir, { format: 'onnx-int8', out });
    expect(result.verification).toHaveLength(1);
    expect(result.verification.some(verificationFailed)).toBe(false);
    const report = JSON.parse(await readFile(join(out, QUANTIZATION_FILE), 'utf8')) as QuantizationReport;
    expect(report.calibration.images).toBe(300);
    expect(report.sizeRatio).toBeGreaterThanOrEqual(3);
    expect((await stat(join(out, INT8_FILE))).size).toBe(report.int8Bytes);
    expect(report.evaluation.top1Agreement).toBeGreaterThanOrEqual(0.95);
    expect(Math.abs(report.evaluation.accuracyChange)).toBeLessThanOrEqual(0.05);
    expect(result.verification[0]?.agreement).toBe(report.evaluation.top1Agreement);

    const model = decodeModel(await readFile(join(out, INT8_FILE)));
    const ops = model.graph.node.map((n) => n.opType);
    expect(ops.filter((op) => op === 'QuantizeLinear')).toHaveLength(5);
    const int8 = model.graph.initializer.filter((t) => t.dataType === DATA_TYPE.INT8 && t.dims.length > 1);
    expect(int8.map((t) => t.name).sort()).toEqual(
      ['c1/kernel/int8', 'c3/kernel/int8', 'f5/kernel/int8', 'f6/kernel/int8', 'output/kernel/int8'].sort(),
    );
    expect(model.graph.initializer.some((t) => t.dataType === DATA_TYPE.FLOAT && t.dims.length > 1)).toBe(
      false,
    );
  }, 600_000);
});
