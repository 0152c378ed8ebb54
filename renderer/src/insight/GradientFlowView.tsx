import { useRef, useState } from 'react';
import type { CallResponse } from '../../../core/ipc/contract';
import { cssColor, logPosition, positiveExtent, sequentialColor } from './colorScale';
import { SaveImageButton } from './SaveImageButton';
import { CallStatus, useCall } from './useCall';
import { runLabel } from '../../../core/training/runLabel';

type History = CallResponse<'runs.gradients'>;

const ROW = 10;
const LABEL = 110;

/** Layer × step heatmap of gradient norms on a log colour scale (first layer on top). */
function Heatmap({
  history,
  range,
  step,
  width,
}: {
  history: History;
  range: [number, number];
  step: number;
  width: number;
}) {
  const cols = Math.max(history.steps.length, 1);
  const cell = (width - LABEL) / cols;
  const height = history.layers.length * ROW + 18;
  const ref = useRef<SVGSVGElement>(null);
  return (
    <div className="gradient-heatmap">
      <svg ref={ref} width={width} height={height} role="img" data-testid="gradient-heatmap">
        <rect width={width} height={height} fill="#181b21" />
        {history.layers.map((layer, r) => (
          <g key={layer}>
            <text x={LABEL - 4} y={r * ROW + ROW - 2} fontSize={8} textAnchor="end" fill="#8a94a3">
              {layer.slice(-18)}
            </text>
            {history.norms[r]?.map((norm, c) => {
              const t = logPosition(norm, range[0], range[1]);
              return (
                <rect
                  key={c}
                  className="heat-cell"
                  x={LABEL + c * cell}
                  y={r * ROW}
                  width={Math.max(cell, 0.5)}
                  height={ROW - 1}
                  fill={t === null ? '#000' : cssColor(sequentialColor(t))}
                >
                  <title>{`${layer} @ step ${history.steps[c] ?? c}: ${norm ?? 'n/a'}`}</title>
                </rect>
              );
            })}
          </g>
        ))}
        <rect
          x={LABEL + step * cell}
          y={0}
          width={Math.max(cell, 1)}
          height={history.layers.length * ROW}
          fill="none"
          stroke="#fff"
          strokeWidth={1}
        />
        <text x={LABEL} y={height - 4} fontSize={9} fill="#8a94a3">
          step {history.steps[0] ?? 0} → {history.steps.at(-1) ?? 0}; colour: log10 ‖∇‖ from{' '}
          {range[0].toExponential(1)} to {range[1].toExponential(1)}
        </text>
      </svg>
      <SaveImageButton target={ref} name={`gradients-${history.runId}`} />
    </div>
  );
}

/** Per-layer bars at one step, bar length on a log axis: vanishing gradients show as a collapsing ramp. */
function StepBars({
  history,
  range,
  step,
  width,
}: {
  history: History;
  range: [number, number];
  step: number;
  width: number;
}) {
  const ref = useRef<SVGSVGElement>(null);
  const height = history.layers.length * ROW + 4;
  return (
    <div>
      <svg ref={ref} width={width} height={height} role="img" data-testid="gradient-bars">
        <rect width={width} height={height} fill="#181b21" />
        {history.layers.map((layer, r) => {
          const norm = history.norms[r]?.[step] ?? null;
          const t = logPosition(norm, range[0] / 10, range[1]);
          return (
            <g key={layer}>
              <text x={LABEL - 4} y={r * ROW + ROW - 2} fontSize={8} textAnchor="end" fill="#8a94a3">
                {layer.slice(-18)}
              </text>
              <rect
                x={LABEL}
                y={r * ROW + 1}
                width={(t ?? 0) * (width - LABEL - 60)}
                height={ROW - 2}
                fill="#4c9aff"
              />
              <text
                x={LABEL + (t ?? 0) * (width - LABEL - 60) + 3}
                y={r * ROW + ROW - 2}
                fontSize={8}
                fill="#8a94a3"
              >
                {norm === null ? 'n/a' : norm.toExponential(1)}
              </text>
            </g>
          );
        })}
      </svg>
      <SaveImageButton target={ref} name={`gradient-bars-${history.runId}`} />
    </div>
  );
}

function RunGradients({
  history,
  width,
  range,
}: {
  history: History;
  width: number;
  range: [number, number];
}) {
  const [step, setStep] = useState<number | null>(null);
  if (history.steps.length === 0) {
    return (
      <p className="muted">
        {history.runId}: no gradient norms recorded (set “gradient norms every N batches” above 0 when
        training).
      </p>
    );
  }
  const at = Math.min(step ?? history.steps.length - 1, history.steps.length - 1);
  return (
    <div className="run-gradients" data-testid={`gradients-${history.runId}`}>
      <div className="insight-subhead">{history.runId}</div>
      <Heatmap history={history} range={range} step={at} width={width} />
      <label className="step-slider">
        step {history.steps[at]}
        <input
          type="range"
          min={0}
          max={history.steps.length - 1}
          value={at}
          onChange={(e) => setStep(Number(e.target.value))}
          aria-label="Step"
        />
      </label>
      <StepBars history={history} range={range} step={at} width={width} />
    </div>
  );
}

/**
 * Gradient flow for one or more runs, side by side (plain vs residual):
 * layer × time heatmaps of the gradient-norm stream and per-layer bars at a
 * chosen step, on one shared log colour scale so the runs compare directly.
 * Exported for the degradation experiment's view.
 */
export function GradientFlowView({ runIds, width = 420 }: { runIds: string[]; width?: number }) {
  const state = useCall(runIds.length > 0 ? runIds.join('|') : null, (api) =>
    Promise.all(runIds.map((runId) => api.runs.gradients({ runId }))),
  );
  if (state.status !== 'done') return <CallStatus state={state} what="gradient norms" />;
  const range = positiveExtent(state.value.flatMap((h) => h.norms));
  const each = runIds.length > 1 ? Math.min(width, 380) : width;
  return (
    <div className="gradient-flow" data-testid="gradient-flow">
      {state.value.map((history) => (
        <RunGradients key={history.runId} history={history} width={each} range={range} />
      ))}
    </div>
  );
}

/** The Inside tab's gradient view: the chosen run, optionally beside a second one (plain vs residual). */
export function GradientCompare({ runId }: { runId: string }) {
  const [other, setOther] = useState('');
  const runs = useCall('gradient-runs', (api) => api.runs.list({}));
  const others = runs.status === 'done' ? runs.value.filter((r) => r.runId !== runId) : [];
  return (
    <div className="insight-view">
      <div className="insight-controls">
        <label>
          Side by side with{' '}
          <select
            value={other}
            onChange={(e) => setOther(e.target.value)}
            aria-label="Compare gradients with"
          >
            <option value="">(no other run)</option>
            {others.map((r) => (
              <option key={r.runId} value={r.runId} title={`run ${r.runId}`}>
                {runLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">Rows: layers from input (top) to output; columns: training steps.</span>
      </div>
      <GradientFlowView runIds={other ? [runId, other] : [runId]} />
    </div>
  );
}
