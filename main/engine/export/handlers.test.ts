import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../../core/graph/document';
import { buildLeNet5 } from '../../../core/templates/classic';
import { dispatchCall } from '../../services/dispatch';
import { HostError } from '../../services/errors';
import { createCallHandlers } from '../../services/handlers';
import { createRecentFiles } from '../../services/recentFiles';
import { makeTempDir } from '../../services/testing';
import { createWorkspaceFiles } from '../../services/workspaceFiles';
import type { Inspector } from '../inspect';
import { createTrainingService } from '../train/service';
import { createExportHandlers, toWireVerification, type ExportHandlers } from './handlers';
import { writeFakeRun } from './test-helpers';

const RUN_ID = '20250101-000000-abcdef';
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let workspace = '';
let handlers: ExportHandlers;

/** A stand-in: export and import never reach the inspection process, so none is started. */
const noInspector = {
  dispose: () => undefined,
} as unknown as Inspector;

async function expectHostError(promise: Promise<unknown>, code: string, field?: string): Promise<HostError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  const hostError = error as HostError;
  expect(hostError.code).toBe(code);
  if (field !== undefined) expect(hostError.field).toBe(field);
  return hostError;
}

beforeAll(async () => {
  temp = await makeTempDir('export-handlers');
  workspace = join(temp.path, 'workspace');
  const files = await createWorkspaceFiles(workspace);
  await writeFakeRun(join(workspace, 'runs', RUN_ID), buildLeNet5(), 5);
  handlers = createExportHandlers({ runsDir: join(workspace, 'runs'), files });
}, 60_000);

afterAll(async () => {
  await temp.dispose();
});

describe('runs.export', () => {
  it('writes a verified TF.js export into the run folder, named for the workspace browser', async () => {
    const result = await handlers['runs.export']({ runId: RUN_ID, format: 'tfjs' });
    expect(result.fileId).toBe(`runs/${RUN_ID}/exports/tfjs`);
    expect(result.folder).toBe(`workspace/runs/${RUN_ID}/exports/tfjs`);
    expect(result.files).toContain('model.json');
    expect(result.files).toContain('README.md');
    expect(result.files.every((name) => !name.startsWith('/'))).toBe(true);
    expect(result.verification.length).toBeGreaterThan(0);
    for (const check of result.verification) {
      expect(check.ran).toBe(true);
      expect(check.maxAbsDiff).toBeLessThanOrEqual(result.tolerance);
    }
    const manifest = JSON.parse(
      await readFile(join(workspace, 'runs', RUN_ID, 'exports', 'tfjs', 'model.json'), 'utf8'),
    ) as { weightsManifest?: unknown };
    expect(manifest.weightsManifest).toBeDefined();
  }, 60_000);

  it('refuses run ids that are malformed or name no run', async () => {
    await expectHostError(
      handlers['runs.export']({ runId: '../etc', format: 'tfjs' }),
      'bad-request',
      'runId',
    );
    await expectHostError(
      handlers['runs.export']({ runId: 'no-such-run', format: 'onnx' }),
      'not-found',
      'runId',
    );
  });

  it('reports a run without a final model by its id, never by its path', async () => {
    const unfinished = join(workspace, 'runs', 'unfinished');
    await mkdir(unfinished, { recursive: true });
    await writeFile(join(unfinished, 'graph.deepwire.json'), JSON.stringify(buildLeNet5()));
    const error = await expectHostError(
      handlers['runs.export']({ runId: 'unfinished', format: 'tfjs' }),
      'bad-request',
      'runId',
    );
    expect(error.message).toContain("run 'unfinished'");
    expect(error.message).not.toContain(temp.path);
  }, 30_000);
});

describe('runs.importModel', () => {
  it('opens an exported model.json as a valid graph with the same layers', async () => {
    await handlers['runs.export']({ runId: RUN_ID, format: 'tfjs' });
    const result = await handlers['runs.importModel']({ fileId: `runs/${RUN_ID}/exports/tfjs/model.json` });
    expect(result.source).toBe('tfjs');
    expect(result.name).toBe('model.json');
    const parsed = parseDocument(result.document);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.document.nodes.length).toBe(buildLeNet5().nodes.length);
    // The weights were kept as a finished run beside the trained one.
    expect(result.runId).not.toBe(RUN_ID);
    const kept = join(workspace, 'runs', result.runId);
    expect((await stat(join(kept, 'model', 'weights.bin'))).size).toBe(
      (await stat(join(workspace, 'runs', RUN_ID, 'model', 'weights.bin'))).size,
    );
    const provenance = JSON.parse(await readFile(join(kept, 'provenance.json'), 'utf8')) as {
      imported?: { file?: string; source?: string };
    };
    expect(provenance.imported).toMatchObject({ file: 'model.json', source: 'tfjs' });
    expect(JSON.stringify(provenance)).not.toContain(temp.path);
  }, 120_000);

  it('turns a hostile model.json into a typed error naming the file and the field', async () => {
    const dir = join(workspace, 'hostile');
    await mkdir(dir, { recursive: true });
    const exported = JSON.parse(
      await readFile(join(workspace, 'runs', RUN_ID, 'exports', 'tfjs', 'model.json'), 'utf8'),
    ) as { weightsManifest: { paths: string[] }[] };
    const first = exported.weightsManifest[0];
    if (first) first.paths = ['../../../../etc/passwd'];
    await writeFile(join(dir, 'model.json'), JSON.stringify(exported));
    const runsBefore = (await readdir(join(workspace, 'runs'))).sort();
    const error = await expectHostError(
      handlers['runs.importModel']({ fileId: 'hostile/model.json' }),
      'bad-request',
      'fileId',
    );
    expect(error.message).toMatch(/^model\.json: .*outside the model folder/);
    expect(error.message).not.toContain(temp.path);
    // Refused before anything was written: no run, not even a temp folder.
    expect((await readdir(join(workspace, 'runs'))).sort()).toEqual(runsBefore);
  }, 120_000);

  it('refuses ids that leave the workspace and files it does not recognise', async () => {
    await expectHostError(handlers['runs.importModel']({ fileId: '../outside.onnx' }), 'forbidden', 'fileId');
    await writeFile(join(workspace, 'notes.txt'), 'not a model');
    const error = await expectHostError(
      handlers['runs.importModel']({ fileId: 'notes.txt' }),
      'bad-request',
      'fileId',
    );
    expect(error.message).toContain('notes.txt');
  }, 120_000);

  it('is unsupported where the host gave no file access', async () => {
    const bare = createExportHandlers({ runsDir: join(workspace, 'runs') });
    await expectHostError(bare['runs.importModel']({ fileId: 'x.onnx' }), 'unsupported');
  });
});

describe('through the hosts’ dispatch', () => {
  it('routes both channels to the training service and checks the response schema', async () => {
    const files = await createWorkspaceFiles(workspace);
    const training = createTrainingService({
      runsDir: join(workspace, 'runs'),
      spawnWorker: () => {
        throw new Error('no training in this test');
      },
      inspector: noInspector,
      files,
    });
    const calls = createCallHandlers({
      host: 'web',
      version: 'test',
      files,
      recent: createRecentFiles(join(temp.path, 'data')),
      training,
    });
    const exported = await dispatchCall(calls, 'runs.export', { runId: RUN_ID, format: 'onnx' });
    expect(exported.ok).toBe(true);
    if (exported.ok) {
      const value = exported.value as { files: string[]; verification: { ran: boolean }[] };
      expect(value.files).toContain('model.onnx');
      expect(value.verification.every((v) => v.ran)).toBe(true);
    }
    const badFormat = await dispatchCall(calls, 'runs.export', { runId: RUN_ID, format: 'caffe' });
    expect(badFormat).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'format' } });
    const hostile = await dispatchCall(calls, 'runs.importModel', { fileId: 'hostile/model.json' });
    expect(hostile).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'fileId' } });
    await training.dispose();
  }, 120_000);
});

describe('toWireVerification', () => {
  it('keeps finite differences and turns a non-finite one into a failed check with a reason', () => {
    expect(toWireVerification({ check: 'a', ran: true, maxAbsDiff: 3e-8 })).toEqual({
      check: 'a',
      ran: true,
      maxAbsDiff: 3e-8,
    });
    const broken = toWireVerification({ check: 'b', ran: true, maxAbsDiff: Number.POSITIVE_INFINITY });
    expect(broken.maxAbsDiff).toBeUndefined();
    expect(broken.ran).toBe(true);
    expect(broken.reason).toMatch(/did not match/);
    expect(toWireVerification({ check: 'c', ran: false, reason: 'no python' })).toEqual({
      check: 'c',
      ran: false,
      reason: 'no python',
    });
  });
});
