import type { Problem } from '../../../core/graph/validate';
import { applyFix } from '../actions/applyFix';
import { runAction } from '../store/editorStore';

/** One button per suggested one-click fix of a problem. */
export function FixButtons({ problem }: { problem: Problem }) {
  if (!problem.fixes || problem.fixes.length === 0) return null;
  return (
    <span className="fix-buttons">
      {problem.fixes.map((fix) => (
        <button
          key={`${fix.kind}-${fix.edgeId}`}
          className="fix-button"
          data-testid="fix-button"
          onClick={(e) => {
            e.stopPropagation();
            runAction(applyFix, fix);
          }}
        >
          Apply: {fix.label}
        </button>
      ))}
    </span>
  );
}
