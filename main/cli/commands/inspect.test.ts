import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as inspect } from './inspect';
import { run as template } from './template';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('deepwire template / inspect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deepwire-cli-'));

  it('writes a template and inspects it: ResNet-56 prints 0.85M trainable params', async () => {
    const file = join(dir, 'r56.json');
    const io = capture();
    expect(await template(['resnet56', '--out', file])).toBe(0);
    expect(await inspect([file])).toBe(0);
    expect(io.out()).toContain('Trainable params: 853,018 (0.85M)');
    expect(io.out()).toContain('No problems.');
  });

  it('lists templates, and refuses an unknown one with exit 2', async () => {
    const io = capture();
    expect(await template(['--list'])).toBe(0);
    expect(io.out()).toMatch(/resnet110\s+ResNet-110/);
    expect(await template(['alexnet-huge'])).toBe(2);
    expect(io.err()).toContain("unknown template 'alexnet-huge'");
  });

  it('exits 1 when the graph has errors and 2 when the file is unreadable or invalid', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({ format: 'deepwire', version: 1, name: 'x', nodes: [], edges: [] }),
    );
    const io = capture();
    expect(await inspect([broken])).toBe(1);
    expect(io.out()).toContain('no-output');
    expect(await inspect([join(dir, 'missing.json')])).toBe(2);
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(await inspect([join(dir, 'bad.json')])).toBe(2);
    expect(io.err()).toContain('not valid JSON');
  });
});
