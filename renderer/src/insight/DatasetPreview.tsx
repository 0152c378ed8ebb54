import { useRef, useState } from 'react';
import { PngCanvas } from './PixelCanvas';
import { SaveImageButton } from './SaveImageButton';
import { CallStatus, useCall } from './useCall';

/** The dataset as pictures: a few samples of every class with the class's train count. */
export function DatasetPreview({ initialSpec }: { initialSpec: string }) {
  const [text, setText] = useState(initialSpec);
  const [spec, setSpec] = useState(initialSpec);
  const state = useCall(spec, (api) => api.dataset.preview({ spec, perClass: 8 }));
  const ref = useRef<HTMLDivElement>(null);
  const preview = state.status === 'done' ? state.value : null;
  return (
    <div className="insight-view" data-testid="dataset-preview">
      <form
        className="insight-controls"
        onSubmit={(e) => {
          e.preventDefault();
          setSpec(text.trim() || initialSpec);
        }}
      >
        <label>
          Dataset <input value={text} onChange={(e) => setText(e.target.value)} aria-label="Dataset spec" />
        </label>
        <button type="submit">Show</button>
        <SaveImageButton target={ref} name="dataset-preview" />
      </form>
      <CallStatus state={state} what="dataset preview" />
      <div ref={ref}>
        {preview?.classes.map((name, label) => (
          <div key={label} className="dataset-row">
            <span className="dataset-class">
              {name} <span className="muted">({preview.counts[label] ?? 0})</span>
            </span>
            {preview.samples
              .filter((s) => s.label === label)
              .map((s, i) => (
                <PngCanvas key={i} png={s.png} size={40} title={name} testId="dataset-canvas" />
              ))}
          </div>
        ))}
      </div>
    </div>
  );
}
