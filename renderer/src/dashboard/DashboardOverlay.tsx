import { useEffect } from 'react';
import { ComparePanel } from '../compare/ComparePanel';
import { ExperimentPanel } from '../experiment/ExperimentPanel';
import { onTrainingEvent } from '../experiment/experimentStore';
import { Modal } from '../modal/Modal';
import { getApi } from '../platform/api';
import { openDashboard, useDashboard, type DashboardView } from './dashboardStore';
import './dashboard.css';
import { LiveDashboard } from './LiveDashboard';
import { receiveLiveEvent } from './liveRuns';
import { RunHistory } from './RunHistory';

const VIEWS: { id: DashboardView; label: string }[] = [
  { id: 'live', label: 'Dashboard' },
  { id: 'history', label: 'History' },
  { id: 'compare', label: 'Compare' },
  { id: 'experiment', label: 'Degradation experiment' },
];

/** Listens to every training event from app start, so the dashboard has a run's whole history when opened. */
function useTrainingEvents(): void {
  useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    void getApi()
      .then((api) => {
        if (cancelled) return;
        unsubscribe = api.training.onEvent((payload) => {
          receiveLiveEvent(payload);
          onTrainingEvent(payload);
        });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, []);
}

function close(): void {
  useDashboard.setState({ open: false });
}

/** Runs, compare and the experiment in one large overlay: they need more room than the bottom panel. */
export function DashboardOverlay() {
  useTrainingEvents();
  const { open, view } = useDashboard();
  if (!open) return null;
  return (
    <Modal
      label="Runs"
      onClose={close}
      className="dash-overlay"
      testId="dashboard"
      backdropClassName="dash-backdrop"
      closeOnBackdrop={false}
    >
      <nav className="dash-tabs" role="tablist">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            role="tab"
            aria-selected={view === v.id}
            className={view === v.id ? 'tab active' : 'tab'}
            data-testid={`dash-tab-${v.id}`}
            onClick={() => openDashboard(v.id)}
          >
            {v.label}
          </button>
        ))}
        <button className="dash-close" data-testid="dash-close" onClick={close} aria-label="Close runs">
          ×
        </button>
      </nav>
      <div className="dash-content">
        {view === 'live' && <LiveDashboard />}
        {view === 'history' && <RunHistory />}
        {view === 'compare' && <ComparePanel />}
        {view === 'experiment' && <ExperimentPanel />}
      </div>
    </Modal>
  );
}

/** Toolbar entries: open the dashboard, run history or the experiment. */
export function DashboardButtons() {
  return (
    <>
      <button
        data-testid="toolbar-runs"
        onClick={() => openDashboard('history')}
        title="Run history and comparison"
      >
        Runs
      </button>
      <button
        data-testid="toolbar-experiment"
        onClick={() => openDashboard('experiment')}
        title="Plain vs residual: the degradation experiment"
      >
        Experiment
      </button>
    </>
  );
}
