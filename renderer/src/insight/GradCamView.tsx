import { useRef, useState } from 'react';
import type { SampleRef } from '../../../core/ipc/insightContract';
import { PngCanvas } from './PixelCanvas';
import { SaveImageButton } from './SaveImageButton';
import { CallStatus, useCall } from './useCall';

function sampleKey(sample: SampleRef): string {
  return 'png' in sample
    ? `png:${sample.png.length}:${sample.png.slice(-32)}`
    : `${sample.split}:${sample.index}`;
}

/**
 * Where the net looked: a Grad-CAM heatmap over one picture, at the last
 * conv layer unless another is chosen, for the predicted class unless
 * another is chosen. Computed in the inspection process.
 */
export function GradCamView({ runId, sample }: { runId: string; sample: SampleRef }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = `${runId}/${sampleKey(sample)}`;
  const [choice, setChoice] = useState<{ key: string; nodeId?: string; classIndex?: number }>({ key });
  // Another picture starts from the defaults again.
  const picked = choice.key === key ? choice : { key };
  const state = useCall(`${key}/${picked.nodeId ?? ''}/${picked.classIndex ?? ''}`, (api) =>
    api.runs.gradCam({
      runId,
      sample,
      ...(picked.nodeId !== undefined ? { nodeId: picked.nodeId } : {}),
      ...(picked.classIndex !== undefined ? { classIndex: picked.classIndex } : {}),
    }),
  );
  const cam = state.status === 'done' ? state.value : null;
  const where = 'png' in sample ? 'dropped picture' : `${sample.split} sample ${sample.index}`;
  return (
    <div className="gradcam-view" data-testid="gradcam-view">
      <div className="insight-subhead">
        Grad-CAM · {where}
        {cam?.input.className !== null &&
          cam?.input.className !== undefined &&
          ` · true ${cam.input.className}`}
        <SaveImageButton target={ref} name={`gradcam-${cam?.nodeId ?? 'map'}`} />
      </div>
      <CallStatus state={state} what="Grad-CAM" />
      {cam && (
        <div className="gradcam-layout">
          <div className="insight-controls gradcam-controls">
            <label>
              Layer{' '}
              <select
                aria-label="Grad-CAM layer"
                data-testid="gradcam-layer"
                value={cam.nodeId}
                onChange={(e) => setChoice({ ...picked, nodeId: e.target.value })}
              >
                {cam.layers.map((layer) => (
                  <option key={layer.id} value={layer.id}>
                    {layer.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Class{' '}
              <select
                aria-label="Grad-CAM class"
                data-testid="gradcam-class"
                value={cam.classIndex}
                onChange={(e) => setChoice({ ...picked, classIndex: Number(e.target.value) })}
              >
                {cam.classes.map((name, i) => (
                  <option key={i} value={i}>
                    {name} ({((cam.probs[i] ?? 0) * 100).toFixed(1)}%)
                  </option>
                ))}
              </select>
            </label>
            <span className="muted">
              map {cam.height}×{cam.width}
            </span>
          </div>
          <figure>
            <PngCanvas png={cam.input.png} size={112} title="the picture as the net sees it" />
            <figcaption>input</figcaption>
          </figure>
          <figure ref={ref}>
            <PngCanvas
              png={cam.overlay}
              size={224}
              title={`why ${cam.classes[cam.classIndex] ?? ''}: red is where the class score rises`}
              testId="gradcam-canvas"
            />
          </figure>
        </div>
      )}
    </div>
  );
}
