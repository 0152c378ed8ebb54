import type { RefObject } from 'react';
import { PngCanvas } from './PixelCanvas';
import { CallStatus, useCall } from './useCall';

/**
 * A few pictures of every class of a dataset spec, each class named with its
 * train count. Shared by the Inside view's dataset preview and the dataset
 * chooser, so both show a dataset the same way.
 */
export function DatasetSamples({
  spec,
  perClass,
  size,
  frame,
}: {
  spec: string;
  perClass: number;
  size: number;
  frame?: RefObject<HTMLDivElement | null>;
}) {
  const state = useCall(spec, (api) => api.dataset.preview({ spec, perClass }));
  const preview = state.status === 'done' ? state.value : null;
  return (
    <>
      <CallStatus state={state} what="dataset preview" />
      <div ref={frame} data-testid="dataset-samples" data-classes={preview?.classes.length ?? 0}>
        {preview?.classes.map((name, label) => (
          <div key={label} className="dataset-row">
            <span className="dataset-class">
              {name} <span className="muted">({preview.counts[label] ?? 0})</span>
            </span>
            {preview.samples
              .filter((s) => s.label === label)
              .map((s, i) => (
                <PngCanvas key={i} png={s.png} size={size} title={name} testId="dataset-canvas" />
              ))}
          </div>
        ))}
      </div>
    </>
  );
}
