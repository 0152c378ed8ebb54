import { join } from 'node:path';
import { parseDocument } from '../../../core/graph/document';
import type { CallRequest, CallResponse, EventPayload } from '../../../core/ipc/contract';
import { trainingEventSchema, type TrainingEvent } from '../../../core/training/events';
import { parseSettings } from '../../../core/training/settings';
import { HostError } from '../../services/errors';
import type { TrainingChannel, TrainingService } from '../../services/training';
import { listBuiltInDatasets } from '../data';
import type { ExportRunner } from '../export/exportProcess';
import { createExportHandlers, type ModelFileAccess } from '../export/handlers';
import { createInsightHandlers, createProcessInspector, type Inspector } from '../inspect';
import { createDashboardHandlers } from '../experiment/handlers';
import type { SpawnWorker, WorkerHandle } from './protocol';
import { newRunId, RUN_ID_PATTERN } from './runFolder';

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
}

function isTerminal(event: TrainingEvent): boolean {
  return (
    event.type === 'done' || event.type === 'failed' || (event.type === 'status' && event.phase === 'stopped')
  );
}

/**
 * The TrainingService the hosts forward `training.*`, `dataset.*` and
 * `runs.*` calls to: one training process per run, events relayed to
 * subscribers, and a process that dies without finishing reported as a
 * `crash` failure, so the editor keeps working and can start another run.
 */
export function createTrainingService(opts: TrainingServiceOptions): TrainingService {
  const runs = new Map<string, ActiveRun>();
  const listeners = new Set<(payload: EventPayload<'training.event'>) => void>();
  const inspector =
    opts.inspector ?? createProcessInspector(opts.cacheDir ? { cacheDir: opts.cacheDir } : {});

  const publish = (runId: string, event: TrainingEvent) => {
    for (const listener of listeners) listener({ runId, event });
  };

  function launch(runId: string, first: Parameters<WorkerHandle['send']>[0]): void {
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
    worker.onExit(({ code, signal }) => {
      if (runs.get(runId) === run) runs.delete(runId);
      if (run.finished) return;
      run.finished = true;
      const how = signal ? `was killed (${signal})` : `exited with code ${code ?? 'unknown'}`;
      publish(runId, {
        type: 'failed',
        code: 'crash',
        reason: `The training process ${how}. The graph is unchanged; the run can be resumed from its last checkpoint.`,
      });
    });
    worker.send(first);
  }

  function activeRun(runId: string): ActiveRun {
    const run = runs.get(runId);
    if (!run) throw new HostError('not-found', `no active run '${runId}'`);
    return run;
  }

  const handlers: { [C in TrainingChannel]: (request: CallRequest<C>) => Promise<CallResponse<C>> } = {
    'training.start': async ({ document, settings }) => {
      const parsedDoc = parseDocument(document);
      if (!parsedDoc.ok) throw new HostError('bad-request', 'the graph document is not valid', 'document');
      const parsedSettings = parseSettings(settings);
      if (!parsedSettings.ok) throw new HostError('bad-request', parsedSettings.error, 'settings');
      const runId = newRunId();
      launch(runId, {
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
      activeRun(runId).worker.send({ type: 'stop' });
      return {};
    },
    'training.resumeRun': async ({ runId }) => {
      if (!RUN_ID_PATTERN.test(runId)) throw new HostError('bad-request', 'invalid run id', 'runId');
      const existing = runs.get(runId);
      if (existing && !existing.finished) {
        throw new HostError('bad-request', `run '${runId}' is still running`, 'runId');
      }
      launch(runId, {
        type: 'resumeRun',
        runId,
        runDir: join(opts.runsDir, runId),
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
      });
      return { runId };
    },
    'dataset.list': async () => listBuiltInDatasets(),
    ...createDashboardHandlers({
      runsDir: opts.runsDir,
      isActive: (runId) => runs.has(runId),
      service: () => trainingService,
    }),
    ...createInsightHandlers({ runsDir: opts.runsDir, inspector }),
    ...createExportHandlers({
      runsDir: opts.runsDir,
      ...(opts.files ? { files: opts.files } : {}),
      ...(opts.exportRun ? { exportRun: opts.exportRun } : {}),
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
