import { useRef, useState } from 'react';
import type { CallResponse } from '../../../core/ipc/contract';
import type { GalleryItem, SampleRef } from '../../../core/ipc/insightContract';
import { ClassMetricsTable } from './ClassMetricsTable';
import { ConfusionCellView, type ConfusionCellRef } from './ConfusionCellView';
import { GradCamView } from './GradCamView';
import { cssColor, sequentialColor } from './colorScale';
import { PngCanvas } from './PixelCanvas';
import { fileToBase64 } from './SamplePicker';
import { SaveImageButton } from './SaveImageButton';
import { SoftmaxBars } from './SoftmaxBars';
import { CallStatus, useCall } from './useCall';

type Evaluation = CallResponse<'runs.evaluate'>;

/** Rows: true class, columns: predicted; cell colour by the share of its row. A click selects a cell. */
export function ConfusionMatrix({
  evaluation,
  selected,
  onSelect,
}: {
  evaluation: Evaluation;
  selected?: ConfusionCellRef | null;
  onSelect?: (cell: ConfusionCellRef) => void;
}) {
  const ref = useRef<SVGSVGElement>(null);
  const n = evaluation.classes.length;
  const cell = Math.max(14, Math.min(28, Math.floor(300 / Math.max(n, 1))));
  const label = 90;
  const size = label + n * cell + 4;
  return (
    <div className="confusion">
      <svg ref={ref} width={size} height={size + 14} role="img" data-testid="confusion-matrix">
        <rect width={size} height={size + 14} fill="#181b21" />
        {evaluation.classes.map((name, i) => (
          <g key={i}>
            <text
              x={label - 4}
              y={label + i * cell + cell * 0.7}
              fontSize={9}
              textAnchor="end"
              fill="#8a94a3"
            >
              {name.slice(0, 14)}
            </text>
            <text
              fontSize={9}
              fill="#8a94a3"
              transform={`translate(${label + i * cell + cell * 0.7}, ${label - 4}) rotate(-60)`}
            >
              {name.slice(0, 14)}
            </text>
          </g>
        ))}
        {evaluation.matrix.map((row, i) => {
          const total = row.reduce((a, b) => a + b, 0) || 1;
          return row.map((count, j) => (
            <g key={`${i}-${j}`}>
              <rect
                className="confusion-cell"
                x={label + j * cell}
                y={label + i * cell}
                width={cell - 1}
                height={cell - 1}
                fill={count === 0 ? '#20242c' : cssColor(sequentialColor(count / total))}
                stroke={
                  selected?.label === i && selected.predicted === j ? '#ffffff' : i === j ? '#4cbb7f' : 'none'
                }
                data-testid={`confusion-cell-${i}-${j}`}
                data-count={count}
                style={onSelect ? { cursor: 'pointer' } : undefined}
                onClick={onSelect ? () => onSelect({ label: i, predicted: j }) : undefined}
              >
                <title>{`true ${evaluation.classes[i]}, predicted ${evaluation.classes[j]}: ${count}`}</title>
              </rect>
              {count > 0 && cell >= 18 && (
                <text
                  x={label + j * cell + cell / 2}
                  y={label + i * cell + cell * 0.65}
                  fontSize={8}
                  textAnchor="middle"
                  fill="#111"
                  pointerEvents="none"
                >
                  {count}
                </text>
              )}
            </g>
          ));
        })}
        <text x={4} y={size + 10} fontSize={9} fill="#8a94a3">
          rows: true class · columns: predicted · {evaluation.count} {evaluation.split} samples ·{' '}
          {(evaluation.accuracy * 100).toFixed(1)}% correct
        </text>
      </svg>
      <SaveImageButton target={ref} name="confusion-matrix" />
    </div>
  );
}

function Gallery({
  title,
  items,
  classes,
  testId,
  onPick,
}: {
  title: string;
  items: GalleryItem[];
  classes: string[];
  testId: string;
  onPick: (index: number) => void;
}) {
  return (
    <div className="gallery" data-testid={testId}>
      <div className="insight-subhead">
        {title} ({items.length})
      </div>
      <div className="gallery-items">
        {items.map((item) => (
          <figure key={item.index} onClick={() => onPick(item.index)} className="pickable">
            <PngCanvas png={item.png} size={56} title={`sample ${item.index}: show its Grad-CAM`} />
            <figcaption>
              {classes[item.label]} → <strong>{classes[item.predicted]}</strong>
            </figcaption>
            <SoftmaxBars probs={item.probs} classes={classes} highlight={item.label} width={150} />
          </figure>
        ))}
      </div>
    </div>
  );
}

function DroppedPrediction({ runId, onPick }: { runId: string; onPick: (sample: SampleRef) => void }) {
  const [png, setPng] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const state = useCall(png ? `${runId}/${png.length}/${png.slice(-32)}` : null, (api) =>
    api.runs.predict({ runId, png: png ?? '' }),
  );
  const take = (file: File | undefined) => {
    if (!file) return;
    fileToBase64(file).then(setPng, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const result = state.status === 'done' ? state.value : null;
  return (
    <div
      className="dropped-prediction"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        take(e.dataTransfer.files[0]);
      }}
    >
      <label className="drop-target">
        Drop an image (or click) to classify it
        <input
          type="file"
          accept="image/png,image/jpeg"
          hidden
          data-testid="predict-file"
          onChange={(e) => take(e.target.files?.[0])}
        />
      </label>
      {error && <span className="insight-error">{error}</span>}
      <CallStatus state={state} what="prediction" />
      {result && (
        <figure data-testid="dropped-prediction">
          <PngCanvas png={result.input} size={72} title="as the net sees it" />
          <figcaption>
            → <strong>{result.classes[result.top]}</strong>
          </figcaption>
          <SoftmaxBars probs={result.probs} classes={result.classes} width={200} saveName="prediction" />
          {png && <button onClick={() => onPick({ png })}>Grad-CAM</button>}
        </figure>
      )}
    </div>
  );
}

/** Confusion matrix and right/wrong galleries on the validation (or test) split, plus a dropped image. */
export function PredictionsView({ runId }: { runId: string }) {
  const [split, setSplit] = useState<'validation' | 'test'>('validation');
  const [limit, setLimit] = useState(500);
  const state = useCall(`${runId}/${split}/${limit}`, (api) =>
    api.runs.evaluate({ runId, split, limit, gallery: 8 }),
  );
  const evaluation = state.status === 'done' ? state.value : null;
  // The selected cell and explained picture belong to one evaluation; another one clears them.
  const evaluationKey = `${runId}/${split}/${limit}`;
  const [picked, setPicked] = useState<{
    key: string;
    cell: ConfusionCellRef | null;
    sample: SampleRef | null;
  }>({ key: evaluationKey, cell: null, sample: null });
  const current = picked.key === evaluationKey ? picked : { key: evaluationKey, cell: null, sample: null };
  const pickSample = (sample: SampleRef) => setPicked({ ...current, sample });
  const pickIndex = (index: number) => evaluation && pickSample({ split: evaluation.split, index });
  return (
    <div className="insight-view" data-testid="predictions-view">
      <div className="insight-controls">
        <label>
          Split{' '}
          <select
            value={split}
            onChange={(e) => setSplit(e.target.value as 'validation' | 'test')}
            aria-label="Evaluation split"
          >
            <option value="validation">validation</option>
            <option value="test">test</option>
          </select>
        </label>
        <label>
          Samples{' '}
          <select
            value={limit}
            onChange={(e) => setLimit(Number(e.target.value))}
            aria-label="Evaluation samples"
          >
            {[100, 500, 2000, 10000].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <CallStatus state={state} what="evaluation" />
      <div className="predictions-layout">
        {evaluation && (
          <ConfusionMatrix
            evaluation={evaluation}
            selected={current.cell}
            onSelect={(cell) => setPicked({ ...current, cell })}
          />
        )}
        {evaluation && (
          <ClassMetricsTable
            matrix={evaluation.matrix}
            classes={evaluation.classes}
            onClass={(i) => setPicked({ ...current, cell: { label: i, predicted: i } })}
          />
        )}
        <DroppedPrediction runId={runId} onPick={pickSample} />
      </div>
      {evaluation && current.cell && (
        <ConfusionCellView
          runId={runId}
          split={evaluation.split}
          limit={limit}
          cell={current.cell}
          classes={evaluation.classes}
          onPick={pickSample}
        />
      )}
      {current.sample && <GradCamView runId={runId} sample={current.sample} />}
      {evaluation && (
        <>
          <Gallery
            title="Wrong"
            items={evaluation.wrong}
            classes={evaluation.classes}
            testId="gallery-wrong"
            onPick={pickIndex}
          />
          <Gallery
            title="Correct"
            items={evaluation.correct}
            classes={evaluation.classes}
            testId="gallery-correct"
            onPick={pickIndex}
          />
        </>
      )}
    </div>
  );
}
