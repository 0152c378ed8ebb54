import { useState } from 'react';
import type { SampleRef } from '../../../core/ipc/insightContract';
import { useInsightStore } from './insightStore';

const MAX_DROP_BYTES = 5 * 1024 * 1024;

/** A dropped or chosen file as base64 (what the contract carries), refusing files over 5 MB. */
export async function fileToBase64(file: File): Promise<string> {
  if (file.size > MAX_DROP_BYTES) throw new Error(`${file.name} is over 5 MB`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Choose a sample from the run's splits by index, or drop / pick a PNG or JPEG. */
export function SamplePicker() {
  const sample = useInsightStore((s) => s.sample);
  const [error, setError] = useState<string | null>(null);
  const set = (next: SampleRef) => useInsightStore.setState({ sample: next });
  const take = (file: File | undefined) => {
    if (!file) return;
    fileToBase64(file).then(
      (png) => {
        setError(null);
        set({ png });
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  const split = 'png' in sample ? 'validation' : sample.split;
  const index = 'png' in sample ? 0 : sample.index;
  return (
    <div
      className="sample-picker"
      data-testid="sample-picker"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        take(e.dataTransfer.files[0]);
      }}
    >
      <label>
        Sample{' '}
        <select
          value={split}
          aria-label="Split"
          onChange={(e) => set({ split: e.target.value as 'train' | 'validation' | 'test', index })}
        >
          <option value="validation">validation</option>
          <option value="test">test</option>
          <option value="train">train</option>
        </select>
      </label>
      <button aria-label="Previous sample" onClick={() => set({ split, index: Math.max(0, index - 1) })}>
        ◀
      </button>
      <input
        type="number"
        min={0}
        value={index}
        aria-label="Sample index"
        data-testid="sample-index"
        style={{ width: 64 }}
        onChange={(e) => set({ split, index: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
      />
      <button aria-label="Next sample" onClick={() => set({ split, index: index + 1 })}>
        ▶
      </button>
      <label className="drop-target" title="Drop a PNG or JPEG here, or click to choose one">
        {'png' in sample ? 'your image ✓' : 'or drop an image'}
        <input
          type="file"
          accept="image/png,image/jpeg"
          hidden
          data-testid="sample-file"
          onChange={(e) => take(e.target.files?.[0])}
        />
      </label>
      {error && <span className="insight-error">{error}</span>}
    </div>
  );
}
