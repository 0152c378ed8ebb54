import { useEffect, useMemo, useState } from 'react';
import { phaseOf, reduceTrainingState } from '../../../core/training/state';
import { getApi } from '../platform/api';
import { useEditorStore } from '../store/editorStore';
import { GraphRuns } from './GraphRuns';
import { noteRunGraph, useRunOfGraph } from './runOfGraph';
import { SettingsForm } from './SettingsForm';
import { TrainingChart } from './TrainingChart';
import './training.css';
import { runTiming, type RunTiming } from './progress';
import { statusText } from './statusText';
import { beginRun, isActive, receiveEvent, useTrainingStore } from './trainingStore';

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

/** Why the Train button is disabled, or null when the graph can train. */
function useBlockingReason(): string | null {
  const problems = useEditorStore((s) => s.analysis.problems);
  return useMemo(() => {
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length === 0) return null;
    const listed = errors
      .slice(0, 3)
      .map((p) => (p.nodeId ? `${p.nodeId}: ${p.message}` : p.message))
      .join('; ');
    return `Fix ${errors.length} error${errors.length === 1 ? '' : 's'} before training: ${listed}${errors.length > 3 ? '; …' : ''}`;
  }, [problems]);
}

/** The clock for the status line: ticks once a second while a run trains, so elapsed and ETA move between batches. */
function useTiming(active: boolean): RunTiming | null {
  const { run, clock, runSettings } = useTrainingStore();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  if (run.kind === 'idle' || !run.lastBatch || !clock || !runSettings) return null;
  return runTiming(runSettings, run.lastBatch, clock, Math.max(now, clock.firstBatch?.at ?? 0));
}

/** Settings, Train / pause / resume / stop, a status line, the live chart and failures. */
export function TrainingPanel() {
  const document = useEditorStore((s) => s.document);
  const { callError, errorDismissed, settings } = useTrainingStore();
  const { runId, run } = useRunOfGraph(document.id);
  const blocked = useBlockingReason();
  const active = isActive(run);
  const timing = useTiming(run.kind === 'running');

  useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    void getApi().then((api) => {
      if (cancelled) return;
      unsubscribe = api.training.onEvent(receiveEvent);
      void api.dataset
        .list({})
        .then((datasets) => useTrainingStore.setState({ datasets }))
        .catch(() => undefined);
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, []);

  const call = (fn: (api: Awaited<ReturnType<typeof getApi>>) => Promise<unknown>) =>
    getApi()
      .then(fn)
      .catch((error: unknown) =>
        useTrainingStore.setState({ callError: messageOf(error), errorDismissed: false }),
      );

  const start = () =>
    call(async (api) => {
      const settings = useTrainingStore.getState().settings;
      const { runId: id } = await api.training.start({
        document,
        settings,
      });
      beginRun(id, settings);
      noteRunGraph(id, document.id);
    });
  const control = (verb: 'pause' | 'resume' | 'stop') => () =>
    runId && call((api) => api.training[verb]({ runId }));

  // A stopped or crashed run picks up from its last epoch checkpoint, in the same run folder.
  const canContinue =
    runId !== null && (run.kind === 'stopped' || (run.kind === 'failed' && run.failure.code === 'crash'));
  const continueRun = () =>
    runId &&
    call(async (api) => {
      await api.training.resumeRun({ runId });
      // Its first event (compiling, or queued) may already have arrived: only mark the start if not.
      useTrainingStore.setState((s) => ({
        run:
          s.run.kind === 'stopped' || s.run.kind === 'failed'
            ? reduceTrainingState(s.run, { type: 'status', phase: 'compiling' })
            : s.run,
        errorDismissed: true,
      }));
    });

  const failure = run.kind === 'failed' ? run.failure : null;
  const errorText = failure
    ? `${failure.reason}${failure.nodeId ? ` (node ${failure.nodeId})` : ''}`
    : callError;

  return (
    <div className="training-panel" data-testid="training-panel">
      <div className="train-controls">
        <SettingsForm
          settings={settings}
          onChange={(next) => useTrainingStore.setState({ settings: next })}
          disabled={active}
        />
        <div className="train-buttons">
          <button data-testid="train-button" disabled={blocked !== null || active} onClick={start}>
            Train
          </button>
          <button data-testid="train-pause" disabled={run.kind !== 'running'} onClick={control('pause')}>
            Pause
          </button>
          <button data-testid="train-resume" disabled={run.kind !== 'paused'} onClick={control('resume')}>
            Resume
          </button>
          <button data-testid="train-stop" disabled={!active} onClick={control('stop')}>
            Stop
          </button>
          {canContinue && (
            <button
              data-testid="train-continue-run"
              title="Continue this run from its last checkpoint"
              onClick={continueRun}
            >
              Continue run
            </button>
          )}
          <GraphRuns graphId={document.id} finishedRunId={run.kind === 'done' ? runId : null} />
        </div>
        {blocked && (
          <div className="train-disabled-reason" data-testid="train-disabled-reason">
            {blocked}
          </div>
        )}
      </div>
      <div
        className="train-status"
        data-testid="train-status"
        data-phase={phaseOf(run)}
        data-run-id={runId ?? ''}
      >
        {statusText(run, timing)}
      </div>
      {errorText && !errorDismissed && (
        <div
          className="train-error"
          role="alert"
          data-testid="train-error"
          data-code={failure?.code ?? 'call'}
        >
          <span>Training failed: {errorText}</span>
          <button onClick={() => useTrainingStore.setState({ errorDismissed: true })} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {run.kind !== 'idle' && run.backendReport && (
        <details className="train-backend" data-testid="train-backend-report">
          <summary>Backend: {run.backend ?? '…'}</summary>
          <pre>{run.backendReport}</pre>
        </details>
      )}
      {run.kind !== 'idle' && <TrainingChart run={run} />}
    </div>
  );
}
