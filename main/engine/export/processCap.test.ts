import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLeNet5 } from '../../../core/templates/classic';
import type { ImportedModel } from '../import';
import { createExportHandlers } from './handlers';

/** Imports the test finishes by hand; `started` counts those handed to a process. */
function manualImports() {
  const state = { started: 0, finish: [] as (() => void)[] };
  const run = () =>
    new Promise<ImportedModel>((resolve) => {
      state.started++;
      state.finish.push(() =>
        resolve({ document: buildLeNet5(), source: 'onnx', notes: [], runId: `r${state.started}` }),
      );
    });
  return { state, run };
}

describe('model import processes', () => {
  it('run one at a time: the next starts only when the one before has finished', async () => {
    const imports = manualImports();
    const handlers = createExportHandlers({
      runsDir: join('/nowhere', 'runs'),
      files: { pathForRead: async (id) => join('/nowhere', id), idFor: () => undefined },
      importModel: imports.run,
    });
    const first = handlers['runs.importModel']({ fileId: 'a.onnx' });
    const second = handlers['runs.importModel']({ fileId: 'b.onnx' });
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(imports.state.started).toBe(1);
    imports.state.finish[0]!();
    await first;
    expect(imports.state.started).toBe(2);
    imports.state.finish[1]!();
    await expect(second).resolves.toMatchObject({ runId: 'r2', name: 'b.onnx' });
  });
});
