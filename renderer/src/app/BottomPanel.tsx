import { InsightPanel } from '../insight/InsightPanel';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { SummaryPanel } from '../panels/SummaryPanel';
import { useEditorStore } from '../store/editorStore';
import { useUiStore } from '../store/uiStore';
import { TrainingPanel } from '../training/TrainingPanel';
import { PanelSplitter } from './PanelSplitter';

const TABS = [
  { id: 'problems', label: 'Problems' },
  { id: 'summary', label: 'Summary' },
  { id: 'training', label: 'Training' },
  { id: 'inside', label: 'Inside' },
] as const;

export function BottomPanel() {
  const tab = useUiStore((s) => s.bottomTab);
  const errors = useEditorStore((s) => s.analysis.problems.filter((p) => p.severity === 'error').length);
  const warnings = useEditorStore((s) => s.analysis.problems.filter((p) => p.severity === 'warning').length);
  return (
    <section className="bottom-panel">
      <PanelSplitter />
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'tab active' : 'tab'}
            data-testid={`tab-${t.id}`}
            onClick={() => useUiStore.setState({ bottomTab: t.id })}
          >
            {t.label}
            {t.id === 'problems' && (
              <span className="tab-counts">
                {errors > 0 && <span className="count-error">{errors}</span>}
                {warnings > 0 && <span className="count-warning">{warnings}</span>}
              </span>
            )}
          </button>
        ))}
      </nav>
      <div className="tab-body">
        {tab === 'problems' && <ProblemsPanel />}
        {tab === 'summary' && <SummaryPanel />}
        {tab === 'training' && <TrainingPanel />}
        {tab === 'inside' && <InsightPanel />}
      </div>
    </section>
  );
}
