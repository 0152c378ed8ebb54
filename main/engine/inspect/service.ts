import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallRequest, CallResponse } from '../../../core/ipc/contract';
import { HostError } from '../../services/errors';
import { DatasetError } from '../data';
import { confinedRunDataset, type ConfineDataset } from '../train/runDataset';
import { RUN_ID_PATTERN } from '../train/runFolder';
import type { InsightChannel, Inspector } from './inspector';
import { InspectError } from './loadRun';
import { RemoteInspectError } from './process';

export type InsightHandlers = {
  [C in InsightChannel]: (request: CallRequest<C>) => Promise<CallResponse<C>>;
};

/** Whether a call reads its run's dataset (the others use only the model, a dropped picture or history). */
function loadsRunDataset(channel: InsightChannel, request: CallRequest<InsightChannel>): boolean {
  if (channel === 'runs.evaluate' || channel === 'runs.confusionCell') return true;
  if (channel !== 'runs.activations' && channel !== 'runs.gradCam') return false;
  const { sample } = request as CallRequest<'runs.activations' | 'runs.gradCam'>;
  return 'split' in sample;
}

const HOST_CODES = new Set(['bad-request', 'not-found', 'unsupported', 'io', 'internal', 'forbidden']);

function toHostError(error: unknown): unknown {
  if (error instanceof InspectError || error instanceof RemoteInspectError) {
    const code = HOST_CODES.has(error.code)
      ? (error.code as ConstructorParameters<typeof HostError>[0])
      : 'internal';
    return new HostError(code, error.message, error.field);
  }
  // An in-process inspector throws the loader's own error; its message names the file, never content.
  if (error instanceof DatasetError) return new HostError('bad-request', error.message, 'dataset');
  return error;
}

/**
 * The host side of the inside-the-network calls, wired into the
 * TrainingService: checks the run id names a folder under `runsDir` (never
 * a path), then hands the job to the inspector (a child process in the app).
 */
export function createInsightHandlers(opts: {
  runsDir: string;
  inspector: Inspector;
  /** Confines the dataset a run folder names before a call loads it (see ConfineDataset). */
  confineDataset?: ConfineDataset;
}): InsightHandlers {
  async function runDirOf(runId: string): Promise<string> {
    if (!RUN_ID_PATTERN.test(runId)) throw new HostError('bad-request', 'invalid run id', 'runId');
    const dir = join(opts.runsDir, runId);
    await access(dir).catch(() => {
      throw new HostError('not-found', `no run '${runId}'`, 'runId');
    });
    return dir;
  }

  async function forward<C extends InsightChannel>(
    channel: C,
    request: CallRequest<C>,
  ): Promise<CallResponse<C>> {
    const runDir =
      'runId' in request && typeof request.runId === 'string' ? await runDirOf(request.runId) : undefined;
    const dataset =
      runDir && opts.confineDataset && loadsRunDataset(channel, request)
        ? await confinedRunDataset(runDir, opts.confineDataset)
        : undefined;
    try {
      return await opts.inspector.run({
        channel,
        request,
        ...(runDir ? { runDir } : {}),
        ...(dataset !== undefined ? { dataset } : {}),
      });
    } catch (error) {
      throw toHostError(error);
    }
  }

  return {
    'dataset.preview': (r) => forward('dataset.preview', r),
    'dataset.sample': (r) => forward('dataset.sample', r),
    'runs.inspectable': (r) => forward('runs.inspectable', r),
    'runs.filters': (r) => forward('runs.filters', r),
    'runs.activations': (r) => forward('runs.activations', r),
    'runs.templates': (r) => forward('runs.templates', r),
    'runs.evaluate': (r) => forward('runs.evaluate', r),
    'runs.predict': (r) => forward('runs.predict', r),
    'runs.gradients': (r) => forward('runs.gradients', r),
    'runs.confusionCell': (r) => forward('runs.confusionCell', r),
    'runs.gradCam': (r) => forward('runs.gradCam', r),
  };
}
