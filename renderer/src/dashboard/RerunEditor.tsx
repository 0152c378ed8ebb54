import { create } from 'zustand';
import type { GraphDocument } from '../../../core/graph/schema';
import { parseSettings, type TrainingSettings } from '../../../core/training/settings';
import { getApi } from '../platform/api';
import { showToast } from '../store/uiStore';
import { SettingsForm } from '../training/SettingsForm';
import { useTrainingStore } from '../training/trainingStore';
import { loadRun, messageOf, useDashboard } from './dashboardStore';
import { followLiveRuns } from './liveRuns';

/** A stored run's graph and a copy of its settings, edited before the re-run starts. */
type Rerun = { runId: string; name: string; document: GraphDocument; settings: TrainingSettings };

const useRerun = create<{ rerun: Rerun | null; starting: boolean }>()(() => ({
  rerun: null,
  starting: false,
}));

async function ensureDatasets(): Promise<void> {
  if (useTrainingStore.getState().datasets.length > 0) return;
  try {
    const datasets = await (await getApi()).dataset.list({});
    useTrainingStore.setState({ datasets });
  } catch {
    // The form still offers the run's own dataset.
  }
}

/** Re-run: opens the run's settings for editing; nothing trains until Start. */
export async function openRerun(runId: string): Promise<void> {
  const run = await loadRun(runId);
  if (!run) return;
  if (!run.document) {
    showToast('error', `Run ${runId}'s stored graph could not be read, so it cannot be re-run.`);
    return;
  }
  const parsed = parseSettings(run.settings);
  if (!parsed.ok) {
    showToast('error', `Run ${runId}'s stored settings could not be read (${parsed.error}).`);
    return;
  }
  void ensureDatasets();
  useRerun.setState({
    rerun: { runId, name: run.document.name, document: run.document, settings: parsed.settings },
  });
}

async function start(rerun: Rerun): Promise<void> {
  useRerun.setState({ starting: true });
  try {
    const api = await getApi();
    const { runId } = await api.training.start({ document: rerun.document, settings: rerun.settings });
    followLiveRuns();
    useRerun.setState({ rerun: null });
    useDashboard.setState({ view: 'live' });
    showToast('info', `Re-running ${rerun.name} (${rerun.runId}) as ${runId}.`);
  } catch (error) {
    showToast('error', `Could not re-run: ${messageOf(error)}`);
  } finally {
    useRerun.setState({ starting: false });
  }
}

/** The run's settings, editable, with Start and Cancel; shown in Run history while a re-run is being set up. */
export function RerunEditor() {
  const { rerun, starting } = useRerun();
  if (!rerun) return null;
  const set = (settings: TrainingSettings) => useRerun.setState({ rerun: { ...rerun, settings } });
  return (
    <section className="rerun-editor" data-testid="rerun-editor" data-run-id={rerun.runId}>
      <h3>
        Re-run {rerun.name} <small className="mono">{rerun.runId}</small>
      </h3>
      <p className="muted">The same graph, with these settings (edit any before it starts).</p>
      <SettingsForm settings={rerun.settings} onChange={set} disabled={starting} />
      <div className="dialog-actions">
        <button type="button" onClick={() => useRerun.setState({ rerun: null })}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          data-testid="rerun-start"
          disabled={starting}
          onClick={() => void start(rerun)}
        >
          Start re-run
        </button>
      </div>
    </section>
  );
}
