import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferCsvShape, loadCsv, parseCsv } from './csv';
import { tempDir } from './test-fixtures';
import { DatasetError } from './types';

function row(label: number, pixels: number, value = 0): string {
  return [label, ...new Array<number>(pixels).fill(value)].join(',');
}

describe('CSV importer', () => {
  it('reads label + pixel rows after a header, inferring a square gray image', async () => {
    const { dir, cleanup } = tempDir('csv');
    try {
      const file = join(dir, 'tiny.csv');
      const header = ['label', ...Array.from({ length: 9 }, (_, i) => `p${i}`)].join(',');
      writeFileSync(file, `${header}\n${row(2, 9, 255)}\r\n\n1,0,1,2,3,4,5,6,7,8\n`);
      const { classes, train } = await loadCsv(file);
      expect(train.shape).toEqual([3, 3, 1]);
      expect(train.count).toBe(2);
      expect(Array.from(train.labels)).toEqual([2, 1]);
      expect(Array.from(train.images.subarray(9))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(classes).toEqual(['0', '1', '2']);
    } finally {
      cleanup();
    }
  });

  it('infers square RGB and honours an explicit shape', () => {
    expect(inferCsvShape(784)).toEqual([28, 28, 1]);
    expect(inferCsvShape(3072)).toEqual([32, 32, 3]);
    expect(inferCsvShape(10)).toBeNull();
    const { train } = parseCsv(row(0, 6), 'a.csv', [2, 1, 3]);
    expect(train.shape).toEqual([2, 1, 3]);
  });

  it('names the line of a row with the wrong number of pixels', () => {
    expect(() => parseCsv(`${row(0, 4)}\n${row(1, 4)}\n${row(1, 3)}`, '/d/data.csv')).toThrow(
      'data.csv: line 3: expected a label then 4 pixels (2×2×1)',
    );
  });

  it('names the line and column of a bad pixel and the line of a bad label', () => {
    const error = (() => {
      try {
        parseCsv(`${row(0, 4)}\n1,0,300,0,0`, 'data.csv');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toBe(
      'data.csv: line 2: expected pixel 1 (column 3) to be a whole number 0..255',
    );
    expect((error as DatasetError).field).toBe('line 2 column 3');
    expect(() => parseCsv(`${row(0, 4)}\nx1,0,0,0,0`, 'data.csv')).toThrow(
      /line 2: expected a label \(column 1\) that is a whole number 0\.\.255$/,
    );
  });

  it('refuses a row count that is no square image without a shape', () => {
    expect(() => parseCsv(row(0, 10), 'data.csv')).toThrow(
      /line 1: expected a label then the pixels of a square gray \(s²\) or RGB \(3s²\) image/,
    );
  });
});
