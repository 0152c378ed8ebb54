import { describe, expect, it } from 'vitest';
import { displayName, safeFileName, withDocumentExtension } from './fileNames';

describe('file names', () => {
  it('adds the .deepwire.json extension once', () => {
    expect(withDocumentExtension('net')).toBe('net.deepwire.json');
    expect(withDocumentExtension('net.json')).toBe('net.deepwire.json');
    expect(withDocumentExtension('net.deepwire.json')).toBe('net.deepwire.json');
  });

  it('shows the name without the extension', () => {
    expect(displayName('resnet.deepwire.json')).toBe('resnet');
  });

  it('replaces unsafe characters', () => {
    expect(safeFileName('a/b:c')).toBe('a-b-c');
    expect(safeFileName('  ')).toBe('untitled');
  });
});
