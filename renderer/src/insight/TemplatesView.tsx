import { useMemo, useRef, useState } from 'react';
import type { InspectableNode } from '../../../core/ipc/insightContract';
import { weightsPicture } from './colorScale';
import { PixelCanvas } from './PixelCanvas';
import { SaveImageButton } from './SaveImageButton';
import { CallStatus, useCall } from './useCall';

/**
 * The primer's weight templates (§8): each class row of a dense layer fed by
 * a flattened image, reshaped to the image and drawn as a picture labelled
 * with its class (RGB around gray; a gray input on the diverging scale).
 */
export function TemplatesView({ runId, nodes }: { runId: string; nodes: InspectableNode[] }) {
  const candidates = nodes.filter((n) => n.hasTemplates);
  const [chosen, setChosen] = useState<string | null>(null);
  const nodeId = chosen && candidates.some((n) => n.id === chosen) ? chosen : (candidates[0]?.id ?? null);
  const state = useCall(nodeId ? `${runId}/${nodeId}` : null, (api) =>
    api.runs.templates({ runId, nodeId: nodeId ?? '' }),
  );
  const ref = useRef<HTMLDivElement>(null);
  const templates = state.status === 'done' ? state.value : null;
  const pictures = useMemo(() => {
    if (!templates) return [];
    const [h, w, c] = templates.shape;
    return Array.from({ length: templates.shown }, (_, u) =>
      weightsPicture(templates.weights, u * h * w * c, h, w, c, c === 3 ? 'rgb' : 'channel'),
    );
  }, [templates]);
  if (candidates.length === 0) {
    return (
      <p className="muted" data-testid="templates-view">
        Weight templates need a dense or output layer fed by a Flatten of a gray or RGB image, like the
        &quot;Linear classifier&quot; template (input → flatten → output).
      </p>
    );
  }
  const side = templates ? Math.max(templates.shape[0], templates.shape[1]) : 1;
  return (
    <div className="insight-view" data-testid="templates-view">
      <div className="insight-controls">
        <label>
          Layer{' '}
          <select value={nodeId ?? ''} onChange={(e) => setChosen(e.target.value)} aria-label="Dense layer">
            {candidates.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label ?? n.id}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          f = Wx + b: each row of W, reshaped to the image, is a template of its class.
        </span>
        <SaveImageButton target={ref} name={`templates-${nodeId ?? ''}`} />
      </div>
      <CallStatus state={state} what="templates" />
      <div ref={ref} className="template-grid">
        {pictures.map((picture, u) => (
          <figure key={u}>
            <PixelCanvas
              picture={picture}
              scale={Math.max(1, Math.floor(72 / side))}
              title={templates?.classes[u]}
              testId="template-canvas"
            />
            <figcaption>{templates?.classes[u]}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
