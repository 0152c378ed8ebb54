import { useEffect, useMemo, useRef } from 'react';
import type { CallResponse } from '../../../core/ipc/contract';
import { MAX_ACTIVATION_NODES, type InspectableNode } from '../../../core/ipc/insightContract';
import { useEditorStore } from '../store/editorStore';
import { mapPicture } from './colorScale';
import { useInsightStore, sampleKey } from './insightStore';
import { PixelCanvas, PngCanvas } from './PixelCanvas';
import { SamplePicker } from './SamplePicker';
import { SaveImageButton } from './SaveImageButton';
import { SoftmaxBars } from './SoftmaxBars';
import { CallStatus, useCall } from './useCall';

type FeatureMap = CallResponse<'runs.activations'>['maps'][number];

const MAX_MAPS_DRAWN = 64;

function scaleFor(height: number, width: number, target: number): number {
  return Math.max(1, Math.floor(target / Math.max(height, width, 1)));
}

/** All channels of one node's output as a grid of small maps. */
function MapGrid({ map }: { map: FeatureMap }) {
  const plane = map.height * map.width;
  const count = Math.min(map.shown, MAX_MAPS_DRAWN);
  const pictures = useMemo(
    () => Array.from({ length: count }, (_, c) => mapPicture(map.values, c * plane, map.height, map.width)),
    [map, count, plane],
  );
  const scale = map.height === 1 ? 2 : scaleFor(map.height, map.width, 64);
  return (
    <div className="map-grid">
      {pictures.map((picture, c) => (
        <PixelCanvas
          key={c}
          picture={picture}
          scale={scale}
          title={`channel ${c}`}
          testId="activation-canvas"
        />
      ))}
    </div>
  );
}

/** The most active channel of a map (largest mean): one representative picture per stage. */
function strongestChannel(map: FeatureMap): number {
  const plane = map.height * map.width;
  let best = 0;
  let bestMean = -Infinity;
  for (let c = 0; c < map.shown; c++) {
    let sum = 0;
    for (let i = 0; i < plane; i++) sum += map.values[c * plane + i] ?? 0;
    if (sum / plane > bestMean) {
      bestMean = sum / plane;
      best = c;
    }
  }
  return best;
}

/**
 * Pick a sample, click a node: its feature maps, one per channel. Below, the
 * same sample through the depth of the net (one map per conv stage: edges,
 * then parts, then objects).
 */
export function ActivationsView({
  runId,
  nodes,
  classes,
}: {
  runId: string;
  nodes: InspectableNode[];
  classes: string[];
}) {
  const sample = useInsightStore((s) => s.sample);
  const selected = useInsightStore((s) => s.nodeId);
  const imageNodes = nodes.filter((n) => n.type !== 'output');
  // Clicking a node on the canvas picks it here too, when the run's graph has a node of that id.
  const canvasPick = useEditorStore((s) =>
    s.selection.nodeIds.length === 1 ? s.selection.nodeIds[0] : undefined,
  );
  useEffect(() => {
    if (canvasPick && nodes.some((n) => n.id === canvasPick))
      useInsightStore.setState({ nodeId: canvasPick });
  }, [canvasPick, nodes]);
  const nodeId =
    selected && nodes.some((n) => n.id === selected)
      ? selected
      : (nodes.find((n) => n.isStage)?.id ?? nodes[0]?.id ?? null);
  const stages = nodes.filter((n) => n.isStage).slice(0, MAX_ACTIVATION_NODES - 1);
  const ids = [...new Set([nodeId ?? '', ...stages.map((n) => n.id)])].filter(Boolean);
  const state = useCall(ids.length > 0 ? `${runId}/${ids.join(',')}/${sampleKey(sample)}` : null, (api) =>
    api.runs.activations({ runId, sample, nodeIds: ids }),
  );
  const grid = useRef<HTMLDivElement>(null);
  const strip = useRef<HTMLDivElement>(null);
  const result = state.status === 'done' ? state.value : null;
  const main = result?.maps.find((m) => m.nodeId === nodeId);
  const top = result ? result.probs.indexOf(Math.max(...result.probs)) : -1;
  return (
    <div className="insight-view" data-testid="activations-view">
      <div className="insight-controls">
        <SamplePicker />
      </div>
      <div className="node-chips" role="listbox" aria-label="Node">
        {imageNodes.map((n) => (
          <button
            key={n.id}
            role="option"
            aria-selected={n.id === nodeId}
            className={n.id === nodeId ? 'chip active' : 'chip'}
            data-testid={`node-chip-${n.id}`}
            onClick={() => useInsightStore.setState({ nodeId: n.id })}
            title={n.shape ? n.shape.join('×') : ''}
          >
            {n.label ?? n.id}
          </button>
        ))}
      </div>
      <CallStatus state={state} what="activations" />
      {result && (
        <div className="activation-layout">
          <figure className="sample-figure">
            <PngCanvas png={result.input.png} size={96} title="input" testId="sample-canvas" />
            <figcaption>
              {result.input.className ?? 'your image'}
              {top >= 0 && <> → {classes[top] ?? top}</>}
            </figcaption>
            <SoftmaxBars probs={result.probs} classes={classes} highlight={result.input.label} width={180} />
          </figure>
          <div>
            <div className="insight-subhead">
              {nodeId} {main ? `— ${main.shape.join('×')}` : ''}
              {main && main.shown < main.channels ? ` (first ${main.shown} channels)` : ''}
              <SaveImageButton target={grid} name={`activations-${nodeId ?? ''}`} />
            </div>
            <div ref={grid}>{main && <MapGrid map={main} />}</div>
          </div>
        </div>
      )}
      {result && stages.length > 0 && (
        <div className="depth-strip-block">
          <div className="insight-subhead">
            Through the depth: one map per conv stage (edges → parts → objects)
            <SaveImageButton target={strip} name="activations-depth" />
          </div>
          <div ref={strip} className="depth-strip" data-testid="depth-strip">
            {stages.map((stage) => {
              const map = result.maps.find((m) => m.nodeId === stage.id);
              if (!map || map.height === 1) return null;
              const c = strongestChannel(map);
              const picture = mapPicture(map.values, c * map.height * map.width, map.height, map.width);
              return (
                <figure key={stage.id}>
                  <PixelCanvas
                    picture={picture}
                    scale={scaleFor(map.height, map.width, 96)}
                    title={`${stage.id}, channel ${c}`}
                  />
                  <figcaption>
                    {stage.label ?? stage.id} ({map.height}×{map.width})
                  </figcaption>
                </figure>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
