import { describe, expect, it } from 'vitest';
import { importedTitle, isModelFileName } from './modelFiles';

describe('model file names', () => {
  it('accepts the formats the importer reads, case-insensitively', () => {
    for (const name of ['model.json', 'net.KERAS', 'resnet.onnx', 'config.json']) {
      expect(isModelFileName(name)).toBe(true);
    }
    for (const name of ['weights.bin', 'model.py', 'README.md', 'onnx']) {
      expect(isModelFileName(name)).toBe(false);
    }
  });

  it('titles the imported document after the file, marked as imported', () => {
    expect(importedTitle('model.json')).toBe('model (imported)');
    expect(importedTitle('ResNet20.onnx')).toBe('ResNet20 (imported)');
    expect(importedTitle('.keras')).toBe('model (imported)');
  });
});
