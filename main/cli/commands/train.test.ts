import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../core/training/settings';
import { getTemplate } from '../../../core/templates';
import { memoryPreflight, run } from './train';

const dir = mkdtempSync(join(tmpdir(), 'deepwire-cli-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** LeNet-5 on a 60,000 × 60,000 × 1 input: ~1.6 TB of weights, almost all in dense 'f5'. */
function hugeLenet() {
  const doc = getTemplate('lenet5')!.build();
  const input = doc.nodes.find((n) => n.type === 'input')!;
  input.params = { height: 60_000, width: 60_000, channels: 1 };
  return doc;
}

describe('deepwire train memory pre-flight', () => {
  it('names the dominating node and both sizes in human terms', () => {
    const message = memoryPreflight(hugeLenet(), DEFAULT_SETTINGS, 24 * 1024 ** 3);
    expect(message).toMatch(/needs ~1\.6 TB for weights; this machine has 24 GB\. Node 'f5'/);
    expect(memoryPreflight(getTemplate('lenet5')!.build(), DEFAULT_SETTINGS, 24 * 1024 ** 3)).toBeNull();
  });

  it('refuses with exit 2 before any training process or run folder exists', async () => {
    const graph = join(dir, 'huge.json');
    writeFileSync(graph, JSON.stringify(hugeLenet()));
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const out = join(dir, 'runs');
    expect(await run([graph, '--out', out])).toBe(2);
    expect(err.join('')).toMatch(/for weights; this machine has .* Node 'f5'/);
    expect(err.join('')).not.toMatch(/typed array|\(node 'f5'\) \(node 'f5'\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to resume a run that has no checkpoint, with exit 2 and no process', async () => {
    const out = join(dir, 'resume-runs');
    mkdirSync(join(out, 'r1'), { recursive: true });
    writeFileSync(join(out, 'r1', 'settings.json'), JSON.stringify(DEFAULT_SETTINGS));
    writeFileSync(join(out, 'r1', 'graph.deepwire.json'), JSON.stringify(getTemplate('lenet5')!.build()));
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    expect(await run(['--resume', 'r1', '--out', out])).toBe(2);
    expect(err.join('')).toMatch(/run 'r1' has no checkpoint/);
  });
});
