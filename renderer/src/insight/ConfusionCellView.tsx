import { useRef, useState } from 'react';
import type { SampleRef } from '../../../core/ipc/insightContract';
import { PngCanvas } from './PixelCanvas';
import { SaveImageButton } from './SaveImageButton';
import { CallStatus, useCall } from './useCall';

export interface ConfusionCellRef {
  label: number;
  predicted: number;
}

const PAGE = 24;

/**
 * The pictures of one confusion-matrix cell, a page at a time, from the
 * samples the matrix counted; clicking one explains it with a Grad-CAM.
 */
export function ConfusionCellView({
  runId,
  split,
  limit,
  cell,
  classes,
  onPick,
}: {
  runId: string;
  split: 'validation' | 'test';
  limit: number;
  cell: ConfusionCellRef;
  classes: string[];
  onPick: (sample: SampleRef) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [page, setPage] = useState({ key: '', offset: 0 });
  const cellKey = `${runId}/${split}/${limit}/${cell.label}/${cell.predicted}`;
  // A new cell starts at its first page.
  const offset = page.key === cellKey ? page.offset : 0;
  const state = useCall(`${cellKey}/${offset}`, (api) =>
    api.runs.confusionCell({ runId, split, limit, ...cell, offset, pageSize: PAGE }),
  );
  const result = state.status === 'done' ? state.value : null;
  const total = result?.total ?? 0;
  const name = `confusion-${classes[cell.label] ?? cell.label}-as-${classes[cell.predicted] ?? cell.predicted}`;
  return (
    <div className="gallery confusion-cell-view" data-testid="confusion-cell-view">
      <div className="insight-subhead">
        <span data-testid="confusion-cell-title">
          true {classes[cell.label]}, predicted {classes[cell.predicted]}: {total}{' '}
          {total === 1 ? 'picture' : 'pictures'}
          {total > PAGE && ` (${offset + 1}–${Math.min(offset + PAGE, total)})`}
        </span>
        <button
          disabled={offset === 0}
          onClick={() => setPage({ key: cellKey, offset: Math.max(0, offset - PAGE) })}
        >
          Previous
        </button>
        <button
          disabled={offset + PAGE >= total}
          onClick={() => setPage({ key: cellKey, offset: offset + PAGE })}
        >
          Next
        </button>
        <SaveImageButton target={ref} name={name.replace(/[^\w.-]+/g, '_')} />
      </div>
      <CallStatus state={state} what="pictures" />
      <div className="gallery-items" ref={ref}>
        {result?.items.map((item) => (
          <figure key={item.index}>
            <button
              className="cell-item"
              data-testid="cell-item"
              title={`sample ${item.index}: show its Grad-CAM`}
              onClick={() => onPick({ split, index: item.index })}
            >
              <PngCanvas png={item.png} size={56} />
            </button>
            <figcaption>{((item.probs[item.predicted] ?? 0) * 100).toFixed(0)}%</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
