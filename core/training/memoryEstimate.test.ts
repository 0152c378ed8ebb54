import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/builder';
import { getTemplate } from '../templates';
import {
  estimateTrainingMemory,
  humanBytes,
  isOutOfMemory,
  memoryRefusal,
  memoryWarning,
  outOfMemoryReason,
} from './memoryEstimate';

/** input 28×28×1 → flatten → output(10): 784·10 + 10 = 7,850 weights; 784 + 784 + 10 values per sample. */
function digitsClassifier() {
  const b = new GraphBuilder('tiny');
  b.add('input', { height: 28, width: 28, channels: 1 });
  b.add('flatten');
  b.add('output', { classes: 10 });
  return b.build();
}

describe('estimateTrainingMemory', () => {
  it('counts weights, gradients, optimizer slots and activations × batch from core inference', () => {
    const adam = estimateTrainingMemory(digitsClassifier(), { batchSize: 32, optimizer: 'adam' });
    expect(adam.weightsBytes).toBe(7850 * 4);
    expect(adam.gradientBytes).toBe(7850 * 4);
    expect(adam.optimizerBytes).toBe(2 * 7850 * 4);
    expect(adam.activationBytes).toBe((784 + 784 + 10) * 32 * 2 * 4);
    expect(adam.totalBytes).toBe(
      adam.weightsBytes + adam.gradientBytes + adam.optimizerBytes + adam.activationBytes,
    );
    const sgd = estimateTrainingMemory(digitsClassifier(), { batchSize: 32, optimizer: 'sgd' });
    expect(sgd.optimizerBytes).toBe(0);
  });

  it('grows activations linearly with the batch size and nothing else', () => {
    const small = estimateTrainingMemory(digitsClassifier(), { batchSize: 8, optimizer: 'momentum' });
    const large = estimateTrainingMemory(digitsClassifier(), { batchSize: 64, optimizer: 'momentum' });
    expect(large.activationBytes).toBe(small.activationBytes * 8);
    expect(large.weightsBytes + large.optimizerBytes).toBe(small.weightsBytes + small.optimizerBytes);
  });
});

describe('memoryWarning', () => {
  const estimate = estimateTrainingMemory(digitsClassifier(), { batchSize: 32, optimizer: 'adam' });

  it('is silent when the estimate fits in half the machine', () => {
    expect(memoryWarning(estimate, estimate.totalBytes * 2, 32)).toBeNull();
  });

  it('warns with the size and the advice when it does not', () => {
    const message = memoryWarning(estimate, estimate.totalBytes, 32);
    expect(message).toMatch(/batch size 32/);
    expect(message).toMatch(/lower the batch size/);
  });
});

/** LeNet-5 on a 60,000 × 60,000 × 1 input: its first dense layer alone is ~1.6 TB of weights. */
function hugeLenet() {
  const doc = getTemplate('lenet5')!.build();
  const input = doc.nodes.find((n) => n.type === 'input')!;
  input.params = { height: 60_000, width: 60_000, channels: 1 };
  return doc;
}

describe('memoryRefusal', () => {
  const GB24 = 24 * 1024 ** 3;

  it('refuses weights larger than the machine, in human sizes, naming the dominating node', () => {
    const refusal = memoryRefusal(
      estimateTrainingMemory(hugeLenet(), { batchSize: 32, optimizer: 'adam' }),
      GB24,
    );
    expect(refusal?.nodeId).toBe('f5');
    expect(refusal?.message).toMatch(/needs ~1\.6 TB for weights; this machine has 24 GB/);
    expect(refusal?.message).toMatch(/Node 'f5'/);
    expect(refusal?.message).not.toMatch(/\d{10,}/);
  });

  it('lets a model whose weights fit start (the warning covers the rest)', () => {
    const lenet = getTemplate('lenet5')!.build();
    expect(
      memoryRefusal(estimateTrainingMemory(lenet, { batchSize: 32, optimizer: 'adam' }), GB24),
    ).toBeNull();
  });

  it('writes sizes the way people read them', () => {
    expect(humanBytes(512)).toBe('512 B');
    expect(humanBytes(1.5 * 1024 ** 2)).toBe('1.5 MB');
    expect(humanBytes(24 * 1024 ** 3)).toBe('24 GB');
    expect(humanBytes(1.6 * 1024 ** 4)).toBe('1.6 TB');
  });
});

describe('out-of-memory failures', () => {
  it.each([
    'Failed to allocate memory: out of memory',
    'RangeError: Array buffer allocation failed',
    'WebAssembly.Memory.grow(): Maximum memory size exceeded; Cannot allocate Wasm memory',
    'OOM when allocating tensor with shape[256,512,512,64]',
  ])('recognises %j', (message) => {
    expect(isOutOfMemory(message)).toBe(true);
  });

  it('does not mistake other failures for it', () => {
    expect(isOutOfMemory('Shapes [3] and [4] must match')).toBe(false);
    expect(isOutOfMemory('zoom level out of range')).toBe(false);
  });

  it('says what happened and to lower the batch size, keeping the cause short', () => {
    const reason = outOfMemoryReason(`Array buffer allocation failed ${'x'.repeat(1000)}`);
    expect(reason).toMatch(/^Training ran out of memory\. Lower the batch size/);
    expect(reason.length).toBeLessThan(500);
  });
});
