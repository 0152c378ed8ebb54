import { readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HostError } from '../../services/errors';
import { makeTempDir } from '../../services/testing';
import { createWorkspaceFiles } from '../../services/workspaceFiles';
import { writeTfjsFolder } from '../import/test-helpers';
import { recordingSpawner } from '../process/recordingSpawner';
import { createProcessImporter, nodeExportSpawner, type ExportRequest } from './exportProcess';
import { createExportHandlers } from './handlers';

/**
 * Model imports run in the export worker, never on the host's event loop:
 * the host's own importer is replaced by one that fails, and imports still
 * work, because they happen in the child the spawner starts.
 */
vi.mock('../import/index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../import/index')>();
  const onTheHost = (): never => {
    throw new Error('a model file was parsed on the host');
  };
  return { ...actual, importModel: onTheHost, importToRun: onTheHost };
});

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let workspace = '';
let files: Awaited<ReturnType<typeof createWorkspaceFiles>>;

beforeAll(async () => {
  temp = await makeTempDir('import-process');
  workspace = join(temp.path, 'workspace');
  files = await createWorkspaceFiles(workspace);
  await writeTfjsFolder(workspace, 'model');
  const linked = await writeTfjsFolder(workspace, 'linked');
  await writeFile(join(temp.path, 'outside.bin'), Buffer.alloc(51 * 4, 7));
  await rm(join(linked, 'weights.bin'));
  await symlink(join(temp.path, 'outside.bin'), join(linked, 'weights.bin'));
});

afterAll(async () => {
  await temp.dispose();
});

describe('runs.importModel in the export worker', () => {
  it('by default imports in a child process: the host’s importer is never called', async () => {
    const runsDir = join(workspace, 'runs');
    const handlers = createExportHandlers({ runsDir, files });
    const result = await handlers['runs.importModel']({ fileId: 'model/model.json' });
    expect(result.source).toBe('tfjs');
    expect(result.document).toMatchObject({ format: 'deepwire', name: 'm' });
    expect((await stat(join(runsDir, result.runId, 'model', 'weights.bin'))).size).toBe(51 * 4);
  }, 120_000);

  it('starts one process per import through the injected spawner; refusals come back typed, naming the file', async () => {
    const spawner = recordingSpawner<ExportRequest>(nodeExportSpawner());
    const runsDir = join(temp.path, 'runs-spawner');
    const handlers = createExportHandlers({
      runsDir,
      files,
      importModel: createProcessImporter(spawner.spawn),
    });
    const result = await handlers['runs.importModel']({ fileId: 'model/model.json' });
    expect(spawner.started).toHaveLength(1);
    expect(result.document).toMatchObject({ format: 'deepwire' });
    const error: unknown = await handlers['runs.importModel']({ fileId: 'linked/model.json' }).catch(
      (e: unknown) => e,
    );
    expect(spawner.started).toHaveLength(2);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: 'bad-request', field: 'fileId' });
    expect((error as HostError).message).toBe(
      'model.json: Weight file weights.bin is a link that points outside the model folder; refused',
    );
    expect(await readdir(runsDir)).toEqual([result.runId]);
  }, 120_000);

  it('a killed import process fails only that import, saying how it ended; the next one works', async () => {
    const spawner = recordingSpawner<ExportRequest>(nodeExportSpawner());
    const importToRun = createProcessImporter(spawner.spawn);
    const runsDir = join(temp.path, 'runs-killed');
    const doomed = importToRun(join(workspace, 'model'), runsDir, 'model');
    spawner.started[0]?.kill();
    await expect(doomed).rejects.toThrow('the import process ended early (SIGKILL); try again');
    const imported = await importToRun(join(workspace, 'model'), runsDir, 'model');
    expect(spawner.started).toHaveLength(2);
    expect(await readdir(runsDir)).toEqual([imported.runId]);
  }, 120_000);
});
