import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Small builders of dataset files for the importer tests (no binaries are committed). */

export function idxImages(
  count: number,
  rows: number,
  cols: number,
  fill: (i: number) => number = (i) => i % 256,
): Buffer {
  const bytes = Buffer.alloc(16 + count * rows * cols);
  bytes.writeUInt32BE(0x803, 0);
  bytes.writeUInt32BE(count, 4);
  bytes.writeUInt32BE(rows, 8);
  bytes.writeUInt32BE(cols, 12);
  for (let i = 0; i < count * rows * cols; i++) bytes[16 + i] = fill(i);
  return bytes;
}

export function idxLabels(labels: number[]): Buffer {
  const bytes = Buffer.alloc(8 + labels.length);
  bytes.writeUInt32BE(0x801, 0);
  bytes.writeUInt32BE(labels.length, 4);
  labels.forEach((label, i) => (bytes[8 + i] = label));
  return bytes;
}

/** One CIFAR-10 record: label, then R, G, B planes where plane c holds value (c+1)*10 + pixel%10. */
export function cifarRecords(labels: number[]): Buffer {
  const record = 1 + 3 * 1024;
  const bytes = Buffer.alloc(labels.length * record);
  labels.forEach((label, r) => {
    bytes[r * record] = label;
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < 1024; p++) bytes[r * record + 1 + c * 1024 + p] = (c + 1) * 10 + (p % 10);
    }
  });
  return bytes;
}

/** A fresh temp folder and its cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `deepwire-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
