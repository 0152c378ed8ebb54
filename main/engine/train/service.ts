import { totalmem } from 'node:os';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from '../../../core/graph/document';
import type { CallRequest, CallResponse, EventPayload } from '../../../core/ipc/contract';
import { trainingEventSchema, type TrainingEvent } from '../../../core/training/events';
import { estimateTrainingMemory, memoryRefusal } from '../../../core/training/memoryEstimate';
import { parseSettings } from '../../../core/training/settings';
import { HostError } from '../../services/errors';
import type { TrainingChannel, TrainingService } from '../../services/training';
import { listBuiltInDatasets } from '../data';
import type { ExportRunner, ImportRunner } from '../export/exportProcess';
import { createExportHandlers, type ModelFileAccess } from '../export/handlers';
import { createInsightHandlers, createProcessInspector, type Inspector } from '../inspect';
import { createDashboardHandlers } from '../experiment/handlers';
import { defaultTrainingSlots, ProcessLimiter, QueueCancelled } from '../process/limiter';
import { hasCheckpoint } from './checkpoint';
import { confinedRunDataset, type ConfineDataset } from './runDataset';
import { crashEvent, recordCrash } from './crashRecord';
import { pageEvent, type PagePaths } from './pagePaths';
import type { SpawnWorker, ToWorker, WorkerHandle } from './protocol';
import { newRunId, RUN_FILES, RUN_ID_PATTERN } from './runFolder';

interface ActiveRun {
  worker: WorkerHandle;
  /** Set once the run has reported done, failed or stopped: a later exit is then normal. */
  finished: boolean;
}

export interface TrainingServiceOptions {
  runsDir: string;
  spawnWorker: SpawnWorker;
  /** Where imported datasets are cached (the app's data folder). */
  cacheDir?: string;
  /** Runs the inside-the-network calls; default: an inspection child process started on first use. */
  inspector?: Inspector;
  /** The host's file ids: lets `runs.importModel` open a chosen model file and exports name their folder. */
  files?: ModelFileAccess;
  /** Runs `runs.export`; default: a Node child process per export (Electron passes a utility-process one). */
  exportRun?: ExportRunner;
  /** Runs `runs.importModel`; default: the export worker in a Node child process (Electron passes a utility-process one). */
  importModel?: ImportRunner;
  /** Training processes at once; further runs wait, queued (default: one per core, at most two). */
  maxTrainings?: number;
  /** The machine's memory, for refusing a model whose weights cannot fit (default os.totalmem()). */
  totalMemoryBytes?: number;
  /**
   * The host's dataset confinement, applied to the spec a run folder names before a resume or an
   * inspection loads it (the page can edit run folders in its workspace). None: the stored spec (CLI).
   */
  confineDataset?: ConfineDataset;
}

function isTerminal(event: TrainingEvent): boolean {
  return (
    event.type === 'done' || event.type === 'failed' || (event.type === 'status' && event.phase === 'stopped')
  );
}

/**
 * The TrainingService the hosts forward `training.*`, `dataset.*` and
 * `runs.*` calls to: one training process per run, at most `maxTrainings` at
 * once (the rest wait, announced by `queued` events), events relayed to
 * subscribers with host paths made relative, and a process that dies without
 * finishing recorded in its run folder and reported as a `crash` failure, so
 * the editor keeps working and can start another run.
 */
export function createTrainingService(opts: TrainingServiceOptions): TrainingService {
  const runs = new Map<string, ActiveRun>();
  const listeners = new Set<(payload: EventPayload<'training.event'>) => void>();
  const paths: PagePaths = { runsDir: opts.runsDir, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) };
  const processInspector =
    opts.inspector ?? createProcessInspector(opts.cacheDir ? { cacheDir: opts.cacheDir } : {});
  // Inspection jobs go to their process one at a time: a job the process dies in fails alone.
  const inspections = new ProcessLimiter(1);
  const inspector: Inspector = {
    run: (job) => inspections.run(() => processInspector.run(job)),
    dispose: () => {
      inspections.clear();
      processInspector.dispose();
    },
  };

  const publish = (runId: string, event: TrainingEvent) => {
    const payload = { runId, event: pageEvent(event, runId, paths) };
    for (const listener of listeners) listener(payload);
  };
  const slots = new ProcessLimiter(opts.maxTrainings ?? defaultTrainingSlots(), (waiting) =>
    waiting.forEach((runId, ahead) =>
      publish(runId, {
        type: 'status',
        phase: 'queued',
        ahead,
        message: 'waiting for another training to finish',
      }),
    ),
  );
  const isQueued = (runId: string) => slots.waiting.includes(runId);
  /** Queued, or running and not yet ended (a process that sent its last event may still be exiting). */
  const isActive = (runId: string) => isQueued(runId) || runs.get(runId)?.finished === false;

  /** Starts the process; `exited` runs once it is gone (its slot is then free). */
  function launch(runId: string, first: ToWorker, exited: () => void): void {
    const worker = opts.spawnWorker();
    const run: ActiveRun = { worker, finished: false };
    runs.set(runId, run);
    worker.onMessage((message) => {
      const payload = message as { type?: unknown; event?: unknown };
      if (payload?.type !== 'event') return;
      const parsed = trainingEventSchema.safeParse(payload.event);
      if (!parsed.success) return;
      if (isTerminal(parsed.data)) run.finished = true;
      publish(runId, parsed.data);
    });
    worker.onExit((exit) => {
      if (runs.get(runId) === run) runs.delete(runId);
      if (run.finished) return exited();
      run.finished = true;
      const event = crashEvent(exit);
      // Written before it is announced: whoever reacts by listing runs sees it.
      void recordCrash(join(opts.runsDir, runId), event)
        .catch(() => undefined)
        .then(() => {
          publish(runId, event);
          exited();
        });
    });
    worker.send(first);
  }

  function enqueue(runId: string, first: ToWorker): void {
    slots
      .run(() => new Promise<void>((exited) => launch(runId, first, exited)), runId)
      .catch((error: unknown) => {
        // A cancelled wait was announced by stop(); a process that would not start is a crash.
        if (error instanceof QueueCancelled) return;
        publish(runId, {
          type: 'failed',
          code: 'crash',
          reason: `The training process could not start: ${error instanceof Error ? error.message : String(error)}`,
        });
      });
  }

  function activeRun(runId: string): ActiveRun {
    const run = runs.get(runId);
    if (run) return run;
    if (isQueued(runId)) {
      throw new HostError('bad-request', `run '${runId}' is queued and has not started yet`, 'runId');
    }
    throw new HostError('not-found', `no active run '${runId}'`);
  }

  /** A resumed run must have its settings, graph and a complete checkpoint before anything starts. */
  async function checkResumable(runId: string, runDir: string): Promise<void> {
    const has = (file: string) =>
      stat(join(runDir, file)).then(
        (s) => s.isFile(),
        () => false,
      );
    if (!(await has(RUN_FILES.settings)) || !(await has(RUN_FILES.graph))) {
      throw new HostError('not-found', `no run '${runId}'`, 'runId');
    }
    if (!(await hasCheckpoint(runDir))) {
      throw new HostError(
        'not-found',
        `run '${runId}' has no checkpoint to continue from (it ended before its first epoch): train it again`,
        'runId',
      );
    }
  }

  function refuseBusy(runId: string): void {
    if (isActive(runId)) throw new HostError('bad-request', `run '${runId}' is still running`, 'runId');
  }

  const handlers: { [C in TrainingChannel]: (request: CallRequest<C>) => Promise<CallResponse<C>> } = {
    'training.start': async ({ document, settings }) => {
      const parsedDoc = parseDocument(document);
      if (!parsedDoc.ok) throw new HostError('bad-request', 'the graph document is not valid', 'document');
      const parsedSettings = parseSettings(settings);
      if (!parsedSettings.ok) throw new HostError('bad-request', parsedSettings.error, 'settings');
      const estimate = estimateTrainingMemory(parsedDoc.document, parsedSettings.settings);
      const tooLarge = memoryRefusal(estimate, opts.totalMemoryBytes ?? totalmem());
      if (tooLarge) throw new HostError('bad-request', tooLarge.message, 'document');
      const runId = newRunId();
      enqueue(runId, {
        type: 'start',
        runId,
        runDir: join(opts.runsDir, runId),
        document: parsedDoc.document,
        settings: parsedSettings.settings,
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
      });
      return { runId };
    },
    'training.pause': async ({ runId }) => {
      activeRun(runId).worker.send({ type: 'pause' });
      return {};
    },
    'training.resume': async ({ runId }) => {
      activeRun(runId).worker.send({ type: 'continue' });
      return {};
    },
    'training.stop': async ({ runId }) => {
      if (slots.cancel(runId)) {
        publish(runId, { type: 'status', phase: 'stopped', message: 'stopped before it started' });
        return {};
      }
      activeRun(runId).worker.send({ type: 'stop' });
      return {};
    },
    'training.resumeRun': async ({ runId }) => {
      if (!RUN_ID_PATTERN.test(runId)) throw new HostError('bad-request', 'invalid run id', 'runId');
      refuseBusy(runId);
      const runDir = join(opts.runsDir, runId);
      await checkResumable(runId, runDir);
      const dataset = opts.confineDataset ? await confinedRunDataset(runDir, opts.confineDataset) : undefined;
      // Checked again: another resume of this run may have started while the folder was read.
      refuseBusy(runId);
      enqueue(runId, {
        type: 'resumeRun',
        runId,
        runDir,
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
        ...(dataset !== undefined ? { dataset } : {}),
      });
      return { runId };
    },
    'dataset.list': async () => listBuiltInDatasets(),
    ...createDashboardHandlers({
      runsDir: opts.runsDir,
      isActive,
      paths,
      service: () => trainingService,
    }),
    ...createInsightHandlers({
      runsDir: opts.runsDir,
      inspector,
      ...(opts.confineDataset ? { confineDataset: opts.confineDataset } : {}),
    }),
    ...createExportHandlers({
      runsDir: opts.runsDir,
      ...(opts.files ? { files: opts.files } : {}),
      ...(opts.exportRun ? { exportRun: opts.exportRun } : {}),
      ...(opts.importModel ? { importModel: opts.importModel } : {}),
      ...(opts.confineDataset ? { confineDataset: opts.confineDataset } : {}),
    }),
  };

  const trainingService: TrainingService = {
    handle: (channel, request) => {
      const handler = handlers[channel] as (request: unknown) => Promise<CallResponse<typeof channel>>;
      return handler(request);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: async () => {
      slots.clear();
      for (const run of runs.values()) {
        run.finished = true;
        run.worker.kill();
      }
      runs.clear();
      listeners.clear();
      inspector.dispose();
    },
  };
  return trainingService;
}
