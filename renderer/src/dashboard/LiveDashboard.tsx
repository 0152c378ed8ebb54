import { useState } from 'react';
import { getApi } from '../platform/api';
import { showToast } from '../store/uiStore';
import { useTrainingStore } from '../training/trainingStore';
import {
  batchErrorData,
  batchLossData,
  epochLossData,
  errorData,
  formatPercent,
  formatSeconds,
  learningRateData,
} from './chartData';
import {
  etaSeconds,
  focusRun,
  followLiveRuns,
  liveRun,
  liveRunIds,
  useLiveRuns,
  type LiveRun,
} from './liveRuns';
import { SmoothingSlider, useSmoothing } from './SmoothingSlider';
import { UPlotChart } from './UPlotChart';
import { BATCH_LOSS_SERIES } from '../training/TrainingChart';
import { TRAIN_ERROR_LABEL } from '../../../core/experiment/curves';

const LOSS_SERIES = [
  { label: 'train loss', color: '#f1b24e', width: 1.5 },
  { label: 'val loss', color: '#f15a4e', width: 3 },
];
/** The run picker's entry for "whichever run is training now". */
const FOLLOW = '';

const ERROR_SERIES = [
  { label: TRAIN_ERROR_LABEL, color: '#4e9af1', width: 1.5 },
  { label: 'val error', color: '#b07af1', width: 3 },
];
const BATCH_ERROR_SERIES = [{ label: 'batch error', color: '#5ad17a', width: 1 }];
const LR_SERIES = [{ label: 'learning rate', color: '#f14eb9', width: 2 }];

async function control(verb: 'pause' | 'resume' | 'stop' | 'resumeRun', runId: string): Promise<void> {
  try {
    const api = await getApi();
    await api.training[verb]({ runId });
  } catch (error) {
    showToast(
      'error',
      `Could not ${verb === 'resumeRun' ? 'resume from the checkpoint' : verb}: ${String((error as Error).message ?? error)}`,
    );
  }
}

function Stats({ run }: { run: LiveRun }) {
  const now =
    run.phase === 'done' || run.phase === 'failed' || run.phase === 'stopped' ? run.lastSeen : Date.now();
  const lastEpoch = run.curves.epoch.length - 1;
  return (
    <dl className="dash-stats" data-testid="dash-stats">
      <dt>Phase</dt>
      <dd data-testid="dash-phase">{run.phase}</dd>
      <dt>Backend</dt>
      <dd data-testid="dash-backend">{run.backend ?? '…'}</dd>
      <dt>Images/s</dt>
      <dd>{run.lastBatch ? Math.round(run.lastBatch.imgPerSec) : '—'}</dd>
      <dt>Epoch</dt>
      {/* The counters as numbers too: tests wait on them instead of parsing the text. */}
      <dd
        data-testid="dash-epoch"
        data-epoch={run.lastBatch?.epoch ?? 0}
        data-batch={run.lastBatch?.batch ?? 0}
        data-batches={run.lastBatch?.batches ?? 0}
      >
        {run.lastBatch ? `${run.lastBatch.epoch}${run.epochsPlanned ? `/${run.epochsPlanned}` : ''}` : '—'}
        {run.lastBatch ? ` · batch ${run.lastBatch.batch}/${run.lastBatch.batches}` : ''}
      </dd>
      <dt>Elapsed</dt>
      <dd>{formatSeconds((now - run.firstSeen) / 1000)}</dd>
      <dt>ETA</dt>
      <dd>{formatSeconds(etaSeconds(run, now))}</dd>
      <dt>Val error</dt>
      <dd>{formatPercent(run.curves.valError[lastEpoch])}</dd>
    </dl>
  );
}

/** Live charts and controls for the runs this window has seen, one at a time. */
export function LiveDashboard() {
  useLiveRuns((s) => s.version);
  const focusRunId = useLiveRuns((s) => s.focusRunId);
  const follow = useLiveRuns((s) => s.follow);
  const trainingRunId = useTrainingStore((s) => s.runId);
  const plannedEpochs = useTrainingStore((s) => s.settings.epochs);
  const [log, setLog] = useState(false);
  const smoothing = useSmoothing((s) => s.weight);
  const run = liveRun(focusRunId);
  if (run && run.epochsPlanned === null && run.runId === trainingRunId) run.epochsPlanned = plannedEpochs;
  const ids = liveRunIds();
  if (!run) {
    return (
      <div className="dash-empty" data-testid="dash-live" data-phase="idle">
        No run in this session yet: train from the Training tab, re-run one from History or start the
        experiment.
      </div>
    );
  }
  const c = run.curves;
  const terminal = run.phase === 'done' || run.phase === 'failed' || run.phase === 'stopped';
  return (
    <div className="dash-live" data-testid="dash-live" data-phase={run.phase} data-run-id={run.runId}>
      <div className="dash-toolbar">
        <label>
          Run{' '}
          <select
            value={follow ? FOLLOW : run.runId}
            onChange={(e) => (e.target.value === FOLLOW ? followLiveRuns() : focusRun(e.target.value))}
            data-testid="dash-run-select"
            data-follow={follow}
          >
            <option value={FOLLOW}>Follow the live run ({run.runId})</option>
            {ids.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => void control('pause', run.runId)} disabled={run.phase !== 'training'}>
          Pause
        </button>
        <button onClick={() => void control('resume', run.runId)} disabled={run.phase !== 'paused'}>
          Resume
        </button>
        <button onClick={() => void control('stop', run.runId)} disabled={terminal}>
          Stop
        </button>
        <button
          data-testid="dash-resume-checkpoint"
          onClick={() => void control('resumeRun', run.runId)}
          disabled={!(run.phase === 'stopped' || run.phase === 'failed')}
          title="Continue from the last checkpoint (same run folder)"
        >
          Resume from checkpoint
        </button>
        <label>
          <input
            type="checkbox"
            checked={log}
            onChange={(e) => setLog(e.target.checked)}
            data-testid="dash-log"
          />{' '}
          log scale
        </label>
        <SmoothingSlider />
      </div>
      {run.failure && (
        <div className="dash-failure" role="alert">
          Failed: {run.failure}
        </div>
      )}
      <div className="dash-body">
        <Stats run={run} />
        <div className="dash-grid">
          <UPlotChart
            testId="dash-chart-batch-loss"
            title="Loss per batch"
            series={BATCH_LOSS_SERIES}
            data={batchLossData(c, log, smoothing)}
            xLabel="epoch"
            yLabel="loss"
            log={log}
          />
          <UPlotChart
            testId="dash-chart-batch-error"
            title="Error per batch (train)"
            series={BATCH_ERROR_SERIES}
            data={batchErrorData(c, log)}
            xLabel="epoch"
            yLabel="error"
            log={log}
            percent
          />
          <UPlotChart
            testId="dash-chart-loss"
            title="Loss per epoch"
            series={LOSS_SERIES}
            data={epochLossData(c, log)}
            xLabel="epoch"
            yLabel="loss"
            log={log}
          />
          <UPlotChart
            testId="dash-chart-error"
            title="Error per epoch (accuracy = 1 − error)"
            series={ERROR_SERIES}
            data={errorData(c, log)}
            xLabel="epoch"
            yLabel="error"
            log={log}
            percent
          />
          <UPlotChart
            testId="dash-chart-lr"
            title="Learning rate"
            series={LR_SERIES}
            data={learningRateData(c)}
            xLabel="epoch"
            yLabel="rate"
          />
        </div>
      </div>
    </div>
  );
}
