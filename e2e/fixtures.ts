import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { WorkerHandle } from '../main/engine/train/protocol';
import { createTrainingService } from '../main/engine/train/service';
import { startWebHost, type WebHost } from '../main/host/webHost';
import { datasetPolicyFor, resolveDatasetSpec } from '../main/services/datasetPaths';
import { createWorkspaceFiles } from '../main/services/workspaceFiles';
import type { TrainingService } from '../main/services/training';
import { RunHolds } from './runHolds';

type WorkerFixtures = {
  /** The web host for this worker, in-process on a free port, over a fresh temp workspace. */
  webHost: WebHost;
};

type TestFixtures = {
  /** Absolute path of the host's workspace folder (files saved from the page land here). */
  workspace: string;
  /** The printed URL, token included. */
  appUrl: string;
};

const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** DEEPWIRE_E2E_RENDERER_DIR lets a local run use a private build while others rebuild out/. */
function rendererOption(): { rendererDir?: string } {
  const rendererDir = process.env.DEEPWIRE_E2E_RENDERER_DIR;
  return rendererDir ? { rendererDir } : {};
}

/**
 * e2e tests import `test` and `expect` from here: `page` is already on the
 * editor served by the web host, waiting until `[data-testid=app-ready]`.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  webHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const root = await mkdtemp(join(tmpdir(), 'deepwire-e2e-'));
      const host = await startWebHost({
        port: 0,
        workspace: join(root, 'workspace'),
        dataDir: join(root, 'data'),
        log,
        ...rendererOption(),
      });
      await use(host);
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  workspace: async ({ webHost }, use) => use(webHost.workspace),
  appUrl: async ({ webHost }, use) => use(webHost.url),
  page: async ({ page, webHost }, use) => {
    // Uncaught page errors are failures, not noise.
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    // Hot-exit backups left by an earlier test on this worker's host would be offered back to this one.
    await rm(join(webHost.dataDir, 'backups'), { recursive: true, force: true });
    await page.goto(webHost.url);
    await expect(page.getByTestId('app-ready')).toBeVisible();
    await use(page);
    expect(errors, `uncaught errors in the page: ${errors.map((e) => e.message).join('; ')}`).toEqual([]);
  },
});

/** A web host wired like `deepwire serve`: real training processes, runs in `<workspace>/runs`. */
export interface TrainingHost {
  host: WebHost;
  training: TrainingService;
  /** Every training process the host started, oldest first: a test can kill one as the OS would. */
  workers: WorkerHandle[];
  /** Holds a run at chosen batches until the test releases it, so no spec races the machine's speed. */
  holds: RunHolds;
}

type TrainingWorkerFixtures = WorkerFixtures & {
  /** Which spec file the host belongs to: a distinct value per file gives each file its own worker. */
  trainingSpec: string;
  trainingHost: TrainingHost;
};

const trainingBase = test.extend<object, TrainingWorkerFixtures>({
  trainingSpec: ['', { scope: 'worker', option: true }],
  trainingHost: [
    async ({ trainingSpec }, use) => {
      if (!trainingSpec) throw new Error('use trainingHostTest(<spec name>), not the bare training fixture');
      const root = await mkdtemp(join(tmpdir(), `deepwire-e2e-${trainingSpec}-`));
      const workspace = join(root, 'workspace');
      const holds = new RunHolds();
      const files = await createWorkspaceFiles(workspace);
      const training = createTrainingService({
        runsDir: join(workspace, 'runs'),
        spawnWorker: holds.spawn,
        cacheDir: join(root, 'data', 'cache'),
        files,
        // As `deepwire serve` does: a run's dataset is confined to this workspace.
        confineDataset: (spec) => resolveDatasetSpec(spec, datasetPolicyFor({ workspace: files.root })),
      });
      const host = await startWebHost({
        port: 0,
        workspace,
        dataDir: join(root, 'data'),
        training,
        log,
        ...rendererOption(),
      });
      await use({
        host,
        training,
        get workers() {
          return holds.workers;
        },
        holds,
      });
      await host.close();
      await training.dispose();
      await rm(root, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  webHost: [async ({ trainingHost }, use) => use(trainingHost.host), { scope: 'worker' }],
});

/**
 * The test object for a spec that trains: its web host has a training
 * service and a workspace of its own. Specs read `runs/` assuming only their
 * own runs are there, so a host must never pass from one file to another;
 * Playwright reuses a worker (and its worker fixtures) only for files with the
 * same worker options, so each file's distinct `spec` name keeps them apart.
 */
export function trainingHostTest(spec: string): typeof trainingBase {
  return trainingBase.extend<object, { trainingSpec: string }>({
    trainingSpec: [spec, { scope: 'worker' }],
  });
}

export { expect };
