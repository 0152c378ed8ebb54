import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../core/ipc/contract';
import { idxImages, idxLabels } from '../engine/data/test-fixtures';
import { createInspector } from '../engine/inspect';
import { tinyDigitsGraph } from '../engine/train/fixtures';
import type { ToWorker, WorkerHandle } from '../engine/train/protocol';
import { createTrainingService } from '../engine/train/service';
import type { HostContext } from './context';
import { createDatasetGrants } from './datasetGrants';
import { DATASET_FORBIDDEN, resolveDatasetSpec } from './datasetPaths';
import { dispatchCall } from './dispatch';
import { createCallHandlers, type CallHandlers } from './handlers';
import { createRecentFiles } from './recentFiles';
import { makeTempDir } from './testing';
import type { TrainingService } from './training';
import { createTokenFiles } from './tokenFiles';
import { createWorkspaceFiles } from './workspaceFiles';

const PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
].join('\n');

function png(shade: number): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data.fill(shade);
  for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
  return PNG.sync.write(image);
}

/** A two-class image folder: what a user would train on. */
async function imageFolder(dir: string): Promise<void> {
  for (const [name, shade] of [
    ['cats', 10],
    ['dogs', 200],
  ] as const) {
    await mkdir(join(dir, name), { recursive: true });
    await writeFile(join(dir, name, 'a.png'), png(shade));
  }
}

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let ws: string;
let outside: string;
let sent: ToWorker[];
let service: TrainingService;

function trainingService(): TrainingService {
  const worker: WorkerHandle = {
    send: (message) => void sent.push(message),
    onMessage: () => undefined,
    onExit: () => undefined,
    kill: () => undefined,
    pid: undefined,
  };
  return createTrainingService({
    runsDir: join(tmp.path, 'runs'),
    spawnWorker: () => worker,
    inspector: createInspector(),
  });
}

async function webHandlers(): Promise<CallHandlers> {
  const files = await createWorkspaceFiles(ws);
  const ctx: HostContext = {
    host: 'web',
    version: '0.0.0-test',
    files,
    recent: createRecentFiles(join(tmp.path, 'data')),
    workspace: files.root,
    training: service,
  };
  return createCallHandlers(ctx);
}

function refused(result: IpcResult<unknown>): void {
  expect(result).toEqual({
    ok: false,
    error: { code: 'forbidden', message: DATASET_FORBIDDEN, field: 'dataset' },
  });
}

beforeEach(async () => {
  tmp = await makeTempDir('datasets');
  const base = await realpath(tmp.path);
  ws = join(base, 'ws');
  outside = join(base, 'outside');
  await imageFolder(outside);
  await imageFolder(join(ws, 'pets'));
  sent = [];
  service = trainingService();
});
afterEach(async () => {
  await service.dispose();
  await tmp.dispose();
});

describe('dataset paths under the web host', () => {
  it('previews a folder inside the workspace, by relative or absolute path', async () => {
    const handlers = await webHandlers();
    for (const spec of ['folder:pets', `folder:${join(ws, 'pets')}`]) {
      const result = await dispatchCall(handlers, 'dataset.preview', { spec, perClass: 1 });
      expect(result).toMatchObject({ ok: true, value: { classes: ['cats', 'dogs'], counts: [1, 1] } });
    }
  });

  it('refuses an absolute path, ../ and a symlink out of the workspace on all five calls, before opening anything', async () => {
    await symlink(outside, join(ws, 'link'));
    const handlers = await webHandlers();
    const specs = [`folder:${outside}`, 'folder:../outside', 'folder:link', 'folder:link/cats/..'];
    for (const spec of specs) {
      refused(await dispatchCall(handlers, 'dataset.preview', { spec, perClass: 2 }));
      refused(await dispatchCall(handlers, 'dataset.sample', { spec, split: 'train', index: 0 }));
      refused(await dispatchCall(handlers, 'training.start', { document: {}, settings: { dataset: spec } }));
      refused(
        await dispatchCall(handlers, 'training.startExperiment', {
          depths: [20],
          dataset: spec,
          epochs: 1,
          preset: 'quick',
        }),
      );
      refused(
        await dispatchCall(handlers, 'training.estimateExperiment', {
          depths: [20],
          dataset: spec,
          preset: 'quick',
          measure: true,
        }),
      );
    }
    expect(sent).toEqual([]);
  });

  it('refuses files of a workspace dataset that link out of its folder, naming only the link', async () => {
    await mkdir(join(ws, 'mixed', 'cats'), { recursive: true });
    await writeFile(join(ws, 'mixed', 'cats', 'own.png'), png(1));
    await symlink(join(outside, 'cats', 'a.png'), join(ws, 'mixed', 'cats', 'stolen.png'));
    await mkdir(join(ws, 'idx'));
    await writeFile(join(outside, 'train-images-idx3-ubyte'), idxImages(1, 2, 2));
    await symlink(join(outside, 'train-images-idx3-ubyte'), join(ws, 'idx', 'train-images-idx3-ubyte'));
    await writeFile(join(ws, 'idx', 'train-labels-idx1-ubyte'), idxLabels([0]));
    const handlers = await webHandlers();
    for (const [spec, name] of [
      ['folder:mixed', 'stolen.png'],
      ['mnist:idx', 'train-images-idx3-ubyte'],
    ] as const) {
      const result = await dispatchCall(handlers, 'dataset.preview', { spec, perClass: 1 });
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'bad-request',
          message: `${name}: is a link that leads outside its dataset folder`,
          field: 'dataset',
        },
      });
    }
  });

  it('gives the same refusal whether an outside path exists or not', async () => {
    const handlers = await webHandlers();
    const specs = [
      `csv:${join(outside, 'missing.csv')}`,
      `folder:${join(outside, 'missing')}`,
      `folder:${outside}`,
      'csv:/etc/passwd',
      'csv:../outside/missing/deeper.csv',
    ];
    for (const spec of specs) refused(await dispatchCall(handlers, 'dataset.preview', { spec, perClass: 1 }));
  });

  it('names the file, line and expectation of a bad CSV and quotes none of its content', async () => {
    await writeFile(join(ws, 'passwd.csv'), PASSWD);
    const handlers = await webHandlers();
    const result = await dispatchCall(handlers, 'dataset.preview', { spec: 'csv:passwd.csv', perClass: 1 });
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.error.message;
    expect(message).toMatch(/^passwd\.csv: line 2: expected a label then the pixels/);
    for (const word of PASSWD.split(/[:\n/]/).filter((w) => w.length > 1)) {
      expect(message).not.toContain(word);
    }
    expect(message).not.toContain(tmp.path);
  });

  it('hands training the real path it checked, and keeps built-in datasets', async () => {
    await symlink(join(ws, 'pets'), join(ws, 'alias'));
    const handlers = await webHandlers();
    const started = await dispatchCall(handlers, 'training.start', {
      document: tinyDigitsGraph(),
      settings: { dataset: 'folder:alias' },
    });
    expect(started.ok).toBe(true);
    const first = sent[0];
    expect(first?.type === 'start' && first.settings.dataset).toBe(`folder:${join(ws, 'pets')}`);
    const policy = { roots: [ws], base: ws };
    expect(await resolveDatasetSpec('digits', policy)).toBe('digits');
    expect(await resolveDatasetSpec('shapes:28:gray', policy)).toBe('shapes:28:gray');
    expect(await resolveDatasetSpec('fashion-mnist', policy)).toBe('fashion-mnist');
    for (const spec of [
      'fashion-mnist:/usr/share/datasets/fashion-mnist',
      'fashion-mnist:/usr/share/datasets/fashion-mnist/',
    ]) {
      expect(await resolveDatasetSpec(spec, policy)).toBe('fashion-mnist');
    }
    await expect(resolveDatasetSpec('mnist:/usr/share/datasets/fashion-mnist', policy)).rejects.toMatchObject(
      {
        code: 'forbidden',
      },
    );
    expect(await resolveDatasetSpec('folder:alias', policy)).toBe(`folder:${join(ws, 'pets')}`);
  });
});

describe('dataset paths in the app', () => {
  async function appHandlers(picked: string | null): Promise<CallHandlers> {
    return createCallHandlers({
      host: 'electron',
      version: '0.0.0-test',
      files: createTokenFiles(),
      recent: createRecentFiles(join(tmp.path, 'data')),
      dialogs: {
        open: async () => null,
        save: async () => null,
        openDataset: async () => picked,
      },
      datasetGrants: createDatasetGrants(join(tmp.path, 'data')),
      training: service,
    });
  }

  it('reads only what the user picked in the dataset dialog, and remembers the grant', async () => {
    const before = await appHandlers(null);
    refused(await dispatchCall(before, 'dataset.preview', { spec: `folder:${outside}`, perClass: 1 }));
    expect(await dispatchCall(before, 'file.datasetDialog', { kind: 'folder' })).toEqual({
      ok: true,
      value: null,
    });

    const handlers = await appHandlers(outside);
    const picked = await dispatchCall(handlers, 'file.datasetDialog', { kind: 'folder' });
    expect(picked).toEqual({ ok: true, value: { spec: `folder:${outside}`, name: 'outside' } });
    const preview = await dispatchCall(handlers, 'dataset.preview', {
      spec: `folder:${outside}`,
      perClass: 1,
    });
    expect(preview).toMatchObject({ ok: true, value: { classes: ['cats', 'dogs'] } });

    // A fresh start (new stores over the same data folder) keeps the grant, and nothing more.
    const later = await appHandlers(null);
    expect(
      await dispatchCall(later, 'dataset.preview', { spec: `folder:${outside}`, perClass: 1 }),
    ).toMatchObject({
      ok: true,
    });
    refused(await dispatchCall(later, 'dataset.preview', { spec: `folder:${ws}`, perClass: 1 }));
    refused(await dispatchCall(later, 'dataset.preview', { spec: 'folder:pets', perClass: 1 }));
  });
});
