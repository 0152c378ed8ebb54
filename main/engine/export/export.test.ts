import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../../core/graph/schema';
import { buildLeNet5 } from '../../../core/templates/classic';
import { everyNodeTypeGraph, resnet20Graph } from '../compile/test-graphs';
import { exportRun, formatVerification, TOLERANCE, type ExportFormat } from './index';
import { findTorchPython } from './pytorch';
import { dilatedConvGraph, writeFakeRun } from './test-helpers';
import { noteMissingDependency } from '../../services/testing';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-export-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const GRAPHS: [string, () => GraphDocument][] = [
  ['LeNet-5', buildLeNet5],
  ['ResNet-20', resnet20Graph],
  ['every node type', () => everyNodeTypeGraph()],
  // Compiled to Deepwire>DilatedConv2D: ONNX `dilations`, Keras `dilation_rate`, PyTorch `dilation=`.
  ['dilated convolutions', dilatedConvGraph],
];
const FORMATS: ExportFormat[] = ['tfjs', 'onnx', 'keras', 'pytorch'];

describe.each(GRAPHS)('%s exports', (label, build) => {
  let runDir = '';
  beforeAll(async () => {
    runDir = join(scratch, label.replace(/\W/g, '_'));
    await writeFakeRun(runDir, build(), 7);
  });

  it.each(FORMATS)(
    '%s: written and numerically verified',
    async (format) => {
      const torch = await findTorchPython();
      const result = await exportRun(runDir, { format, out: join(runDir, `export-${format}`) });
      expect(result.files.length).toBeGreaterThan(1);
      expect(result.verification.length).toBeGreaterThan(0);
      for (const v of result.verification) {
        if (!v.ran) {
          // Only the PyTorch check may be skipped, and only when no python3 has torch.
          expect(format).toBe('pytorch');
          expect('reason' in torch).toBe(true);
          noteMissingDependency(`[${label}] ${formatVerification(v)}`);
          continue;
        }
        expect(v.maxAbsDiff, formatVerification(v)).toBeLessThanOrEqual(TOLERANCE);
      }
    },
    120_000,
  );
});
