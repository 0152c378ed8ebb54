import { describe, expect, it } from 'vitest';
import { getTemplate } from '../templates';
import { gpuBufferRefusal } from './gpuLimits';

describe('gpuBufferRefusal', () => {
  const doc = () => {
    const t = getTemplate('lenet5');
    if (!t) throw new Error('lenet5 template missing');
    return t.build();
  };

  it('accepts LeNet-5 at batch 64 on a 128 MiB binding limit', () => {
    expect(
      gpuBufferRefusal(doc(), 64, { maxBufferSize: 2 ** 28, maxStorageBufferBindingSize: 2 ** 27 }),
    ).toBeNull();
  });

  it('refuses a batch whose largest layer output exceeds the binding limit, naming the node and a batch that fits', () => {
    const refusal = gpuBufferRefusal(doc(), 4096, {
      maxBufferSize: 2 ** 30,
      maxStorageBufferBindingSize: 2 ** 20,
    });
    expect(refusal).not.toBeNull();
    expect(refusal!.message).toMatch(/^Node '.+' needs one .+ GPU buffer for its output at batch size 4096/);
    expect(refusal!.message).toMatch(/lower the batch size to \d+ or less/);
  });
});
