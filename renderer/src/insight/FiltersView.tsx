import { useMemo, useRef, useState } from 'react';
import type { CallResponse } from '../../../core/ipc/contract';
import type { InspectableNode } from '../../../core/ipc/insightContract';
import { weightsPicture } from './colorScale';
import { PixelCanvas } from './PixelCanvas';
import { SaveImageButton } from './SaveImageButton';
import { CallStatus, useCall } from './useCall';

const MAX_CHANNELS_DRAWN = 32;
const MAX_FILTERS_DRAWN = 128;

type Filters = CallResponse<'runs.filters'>;

function tileScale(side: number): number {
  return Math.max(2, Math.floor(36 / Math.max(side, 1)));
}

/** One row per filter: its RGB picture, or one tile per input channel. */
function FilterGrid({ filters, mode }: { filters: Filters; mode: 'rgb' | 'channel' }) {
  const [kh, kw] = filters.kernel;
  const per = kh * kw * filters.inChannels;
  const shown = Math.min(filters.shown, MAX_FILTERS_DRAWN);
  const channels = Math.min(filters.inChannels, MAX_CHANNELS_DRAWN);
  const scale = tileScale(Math.max(kh, kw));
  const rows = useMemo(
    () =>
      Array.from({ length: shown }, (_, f) =>
        mode === 'rgb'
          ? [weightsPicture(filters.weights, f * per, kh, kw, filters.inChannels, 'rgb')]
          : Array.from({ length: channels }, (_, c) =>
              weightsPicture(filters.weights, f * per, kh, kw, filters.inChannels, 'channel', c),
            ),
      ),
    [filters, mode, shown, channels, per, kh, kw],
  );
  return (
    <div className={mode === 'rgb' ? 'filter-grid rgb' : 'filter-grid'}>
      {rows.map((pictures, f) => (
        <div key={f} className="filter-row" title={`filter ${f}`}>
          {pictures.map((picture, c) => (
            <PixelCanvas
              key={c}
              picture={picture}
              scale={scale}
              title={mode === 'rgb' ? `filter ${f}` : `filter ${f}, input channel ${c}`}
              testId="filter-canvas"
            />
          ))}
        </div>
      ))}
    </div>
  );
}

/**
 * Conv kernels as pictures: a first layer on an RGB input as colour images
 * (what the network looks for in the raw picture), any layer as one tile per
 * input channel; each filter normalised by its own largest |weight| on a
 * symmetric scale (blue negative, white 0, red positive).
 */
export function FiltersView({ runId, nodes }: { runId: string; nodes: InspectableNode[] }) {
  const convs = nodes.filter((n) => n.hasFilters);
  const [chosen, setChosen] = useState<string | null>(null);
  const nodeId = chosen && convs.some((n) => n.id === chosen) ? chosen : (convs[0]?.id ?? null);
  const state = useCall(nodeId ? `${runId}/${nodeId}` : null, (api) =>
    api.runs.filters({ runId, nodeId: nodeId ?? '' }),
  );
  const [perChannel, setPerChannel] = useState(false);
  const picture = useRef<HTMLDivElement>(null);
  if (convs.length === 0) return <p className="muted">This net has no convolution: no filters to draw.</p>;
  const filters = state.status === 'done' ? state.value : null;
  const mode = filters?.rgb && !perChannel ? 'rgb' : 'channel';
  return (
    <div className="insight-view" data-testid="filters-view">
      <div className="insight-controls">
        <label>
          Layer{' '}
          <select value={nodeId ?? ''} onChange={(e) => setChosen(e.target.value)} aria-label="Conv layer">
            {convs.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label ?? n.id}
              </option>
            ))}
          </select>
        </label>
        {filters?.rgb && (
          <label>
            <input type="checkbox" checked={perChannel} onChange={(e) => setPerChannel(e.target.checked)} />{' '}
            per channel
          </label>
        )}
        {filters && (
          <span className="muted">
            {filters.filters} filters of {filters.kernel.join('×')}×{filters.inChannels}
            {filters.shown < filters.filters || filters.filters > MAX_FILTERS_DRAWN
              ? ' (first ones shown)'
              : ''}
            {filters.inChannels > MAX_CHANNELS_DRAWN && mode === 'channel'
              ? `; first ${MAX_CHANNELS_DRAWN} input channels`
              : ''}
          </span>
        )}
        <SaveImageButton target={picture} name={`filters-${nodeId ?? ''}`} />
      </div>
      <CallStatus state={state} what="filters" />
      <div ref={picture}>{filters && <FilterGrid filters={filters} mode={mode} />}</div>
    </div>
  );
}
