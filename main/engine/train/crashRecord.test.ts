import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listRunsDetailed } from '../experiment/runHistory';
import { crashEvent, recordCrash } from './crashRecord';
import { RUN_FILES } from './runFolder';

const runsDir = mkdtempSync(join(tmpdir(), 'deepwire-crash-'));
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));

function runFolder(runId: string, metrics: string): string {
  const dir = join(runsDir, runId);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, RUN_FILES.provenance),
    JSON.stringify({ createdAt: '2026-01-01', dataset: 'digits', backend: 'cpu' }),
  );
  writeFileSync(join(dir, RUN_FILES.metrics), metrics);
  return dir;
}

describe('recordCrash', () => {
  it('closes a line the killed process was cut off in, so the crash and earlier lines still parse', async () => {
    const epoch = JSON.stringify({
      type: 'epoch',
      epoch: 1,
      loss: 1,
      acc: 0.5,
      valLoss: 1,
      valAcc: 0.5,
      valError: 0.5,
      durationMs: 5,
      lr: 0.01,
    });
    const dir = runFolder('20260101-000000-cccccc', `${epoch}\n{"type":"batch","epo`);
    await recordCrash(dir, crashEvent({ code: null, signal: 'SIGKILL' }));
    const lines = readFileSync(join(dir, RUN_FILES.metrics), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'failed', code: 'crash', signal: 'SIGKILL' });
    const [row] = await listRunsDetailed(runsDir, () => false);
    expect(row).toMatchObject({ status: 'crashed', outcome: 'failed', epochs: 1 });
    expect(row?.failure).toMatch(/killed \(SIGKILL\)/);
  });

  it('describes an exit code when there is no signal, and leaves a run that never got a folder alone', async () => {
    expect(crashEvent({ code: 134, signal: null })).toMatchObject({
      reason: expect.stringMatching(/code 134/),
    });
    expect(crashEvent({ code: 134, signal: null })).not.toHaveProperty('signal');
    const missing = join(runsDir, 'never-started');
    await recordCrash(missing, crashEvent({ code: null, signal: 'SIGKILL' }));
    expect(existsSync(missing)).toBe(false);
  });
});
