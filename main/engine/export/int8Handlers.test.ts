import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostError } from '../../services/errors';
import { makeTempDir } from '../../services/testing';
import { createExportHandlers } from './handlers';
import type { ExportOptions } from './index';

const RUN_ID = '20250101-000000-int8aa';
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let runsDir = '';

beforeAll(async () => {
  temp = await makeTempDir('export-int8-handlers');
  runsDir = join(temp.path, 'runs');
  await mkdir(join(runsDir, RUN_ID), { recursive: true });
  // A run folder in the workspace is as untrusted as a request: its dataset may point anywhere.
  await writeFile(join(runsDir, RUN_ID, 'settings.json'), JSON.stringify({ dataset: 'folder:/elsewhere' }));
});
afterAll(async () => {
  await temp.dispose();
});

function handlersWith(confine: (spec: string) => Promise<string>) {
  const seen: ExportOptions[] = [];
  const handlers = createExportHandlers({
    runsDir,
    confineDataset: confine,
    exportRun: async (_runDir, opts) => {
      seen.push(opts);
      return { files: [], verification: [] };
    },
  });
  return { handlers, seen };
}

describe('runs.export onnx-int8 on a host that confines datasets', () => {
  it('calibrates on the confined spec of the run’s dataset, never on the raw one', async () => {
    const { handlers, seen } = handlersWith(async (spec) => `confined(${spec})`);
    await handlers['runs.export']({ runId: RUN_ID, format: 'onnx-int8' });
    expect(seen[0]?.dataset).toBe('confined(folder:/elsewhere)');
    await handlers['runs.export']({ runId: RUN_ID, format: 'onnx' });
    expect(seen[1]?.dataset).toBeUndefined();
  });

  it('refuses the export when the host refuses the dataset, before any export runs', async () => {
    const { handlers, seen } = handlersWith(async () => {
      throw new HostError('forbidden', 'dataset outside the workspace', 'dataset');
    });
    await expect(handlers['runs.export']({ runId: RUN_ID, format: 'onnx-int8' })).rejects.toBeInstanceOf(
      HostError,
    );
    expect(seen).toHaveLength(0);
  });
});
