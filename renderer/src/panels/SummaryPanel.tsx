import { useMemo } from 'react';
import { formatCount, formatShape, summarize } from '../../../core/graph/summary';
import { humanBytes } from '../../../core/training/memoryEstimate';
import { useFocusNode } from '../canvas/useFocusNode';
import { useEditorStore } from '../store/editorStore';
import { useTrainingStore } from '../training/trainingStore';

/** Totals as "853,018 (0.85M)": the exact count and the short form. */
export function formatTotal(n: number): string {
  return `${n.toLocaleString('en-US')} (${formatCount(n)})`;
}

/** Keras `model.summary()` for the graph: one row per layer in topological order, then totals. */
export function SummaryPanel() {
  const inference = useEditorStore((s) => s.analysis.inference);
  const focusNode = useFocusNode();
  // Positions do not change the summary, and the inference object is replaced
  // exactly when the structure changes, so it alone keys the memo (drags stay cheap).
  // The training-step column follows the batch and optimizer chosen in the Training panel.
  const batchSize = useTrainingStore((s) => s.settings.batchSize);
  const optimizer = useTrainingStore((s) => s.settings.optimizer);
  const summary = useMemo(
    () => summarize(useEditorStore.getState().document, inference, { batchSize, optimizer }),
    [inference, batchSize, optimizer],
  );
  return (
    <div className="summary">
      <table className="summary-table" data-testid="summary-table">
        <thead>
          <tr>
            <th>Layer (type)</th>
            <th>Output shape</th>
            <th className="num">Params</th>
            <th className="num">MACs</th>
            <th className="num" title="One sample's output at inference (float32)">
              Act/sample
            </th>
            <th
              className="num"
              title={`Outputs and their gradients in one training step at batch ${batchSize}`}
            >
              Train @{batchSize}
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr key={row.nodeId} onClick={() => focusNode(row.nodeId)}>
              <td>
                {row.name} <span className="muted">({row.title})</span>
              </td>
              <td className="mono">{formatShape(row.shape)}</td>
              <td className="num">{row.params.toLocaleString('en-US')}</td>
              <td className="num">{formatCount(row.macs)}</td>
              <td className="num">{humanBytes(row.activationBytes)}</td>
              <td className="num" data-testid="summary-step-bytes">
                {humanBytes(row.stepActivationBytes)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="summary-totals">
        <dt>Total params</dt>
        <dd data-testid="summary-total-params">{formatTotal(summary.totalParams)}</dd>
        <dt>Trainable params</dt>
        <dd data-testid="summary-trainable-params">{formatTotal(summary.trainableParams)}</dd>
        <dt>Non-trainable params</dt>
        <dd>{formatTotal(summary.totalParams - summary.trainableParams)}</dd>
        <dt>Total MACs</dt>
        <dd data-testid="summary-total-macs">{formatTotal(summary.totalMacs)}</dd>
        <dt>Training step</dt>
        <dd data-testid="summary-step-total">
          ~{humanBytes(summary.step.totalBytes)} at batch {batchSize} ({optimizer}), activations{' '}
          {humanBytes(summary.step.activationBytes)}
        </dd>
      </dl>
    </div>
  );
}
