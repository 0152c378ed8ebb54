import { describe, expect, it } from 'vitest';
import { formatTable, type ParityRow } from './compare';

const epoch = (running: number, train: number, val: number) => ({
  runningError: running,
  train: { loss: 1, error: train },
  val: { loss: 1, error: val },
});

describe('formatTable', () => {
  it("puts the last epoch's errors of Deepwire, the replay and the plain-PyTorch reference side by side", () => {
    const row: ParityRow = {
      name: 'resnet20',
      backend: 'wasm',
      stepOne: {
        lossRel: 1e-7,
        logitsRel: 1e-6,
        worstGrad: { key: 'conv1.weight', rel: 2e-5, torchRel: 1e-6 },
        unmatched: [],
        pass: true,
      },
      losses: [{ step: 10, deepwire: 2.1, torch: 2.2 }],
      epochs: [
        { deepwire: { runningError: 0.5, trainError: 0.45, valError: 0.48 }, torch: epoch(0.52, 0.44, 0.47) },
        { deepwire: { runningError: 0.31, trainError: 0.3, valError: 0.33 }, torch: epoch(0.32, 0.29, 0.34) },
      ],
      reference: [epoch(0.6, 0.5, 0.5), epoch(0.36, 0.35, 0.38)],
    };
    const table = formatTable([row]);
    expect(table).toContain('running train err DW / PT / PT ref');
    expect(table).toContain('| 31.0% / 32.0% / 36.0% | 30.0% / 29.0% | 33.0% / 34.0% / 38.0% | pass |');
    expect(table).toContain('2.100 / 2.200');
  });

  it('leaves the reference cells empty when no reference ran', () => {
    const table = formatTable([
      {
        name: 'lenet5',
        backend: 'cpu',
        stepOne: {
          lossRel: 0,
          logitsRel: 0,
          worstGrad: { key: 'c1.bias', rel: 0, torchRel: 0 },
          unmatched: [],
          pass: true,
        },
        losses: [],
        epochs: [
          { deepwire: { runningError: 0.2, trainError: 0.1, valError: 0.15 }, torch: epoch(0.2, 0.1, 0.15) },
        ],
      },
    ]);
    expect(table).toContain('| 20.0% / 20.0% / – |');
  });
});
