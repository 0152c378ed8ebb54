import { useRef, useState } from 'react';
import { DatasetSamples } from './DatasetSamples';
import { SaveImageButton } from './SaveImageButton';

/** The dataset as pictures: a few samples of every class with the class's train count. */
export function DatasetPreview({ initialSpec }: { initialSpec: string }) {
  const [text, setText] = useState(initialSpec);
  const [spec, setSpec] = useState(initialSpec);
  const ref = useRef<HTMLDivElement>(null);
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
      <DatasetSamples spec={spec} perClass={8} size={40} frame={ref} />
    </div>
  );
}
