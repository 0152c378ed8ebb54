import { NODE_TITLES } from '../../../core/graph/defaults';
import { useFocusNode } from '../canvas/useFocusNode';
import { FixButtons } from '../inspector/FixButtons';
import { nodesById } from '../store/analysis';
import { SeverityIcon } from './SeverityIcon';
import { useEditorStore } from '../store/editorStore';

/** Every problem, errors first; clicking one selects its node and brings it into view. */
export function ProblemsPanel() {
  const problems = useEditorStore((s) => s.analysis.problems);
  const nodes = useEditorStore((s) => s.document.nodes);
  const focusNode = useFocusNode();
  const byId = nodesById(nodes);
  const sorted = [...problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  if (sorted.length === 0) {
    return (
      <div className="problems-empty" data-testid="problems-list">
        ✓ No problems: every shape fits.
      </div>
    );
  }
  return (
    <ul className="problems-list" data-testid="problems-list">
      {sorted.map((problem, i) => {
        const node = problem.nodeId ? byId.get(problem.nodeId) : undefined;
        const title = node ? node.label || NODE_TITLES[node.type] : problem.edgeId ? 'Connection' : 'Graph';
        return (
          <li
            key={`${problem.code}-${problem.nodeId ?? ''}-${problem.edgeId ?? ''}-${i}`}
            className={`problem-item severity-${problem.severity}`}
            data-testid="problem-item"
            data-code={problem.code}
            data-severity={problem.severity}
            onClick={() => problem.nodeId && focusNode(problem.nodeId)}
          >
            <span className="problem-icon">
              <SeverityIcon severity={problem.severity} />
            </span>
            <span className="problem-node">{title}</span>
            {node && <span className="problem-id">{node.id}</span>}
            <span className="problem-message">{problem.message}</span>
            <FixButtons problem={problem} />
          </li>
        );
      })}
    </ul>
  );
}
