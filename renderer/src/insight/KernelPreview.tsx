import { useEffect, useRef, useState } from 'react';
import type { Padding } from '../../../core/graph/schema';
import { kernelPreviewGeometry } from './kernelPreview';
import { SaveImageButton } from './SaveImageButton';

/** Room the inspector column leaves for the input and output grids side by side. */
const WIDTH = 250;
const MAX_DRAWN = 16;

/**
 * Conv arithmetic, animated: the kernel slides over an N×N input (padding
 * ring dashed) at the node's stride, output cells fill in as it goes, and
 * input rows/columns that no window reaches are shaded red, with
 * (N − F + 2P)/S + 1 and its numbers. Inputs larger than 16 are previewed
 * on 9×9 with the same kernel, stride and padding.
 */
export function KernelPreview({
  n,
  kernel,
  stride,
  padding,
  dilation = 1,
}: {
  n: number;
  kernel: number;
  stride: number;
  padding: Padding;
  dilation?: number;
}) {
  const shownN = n <= MAX_DRAWN ? n : 9;
  const g = kernelPreviewGeometry({ n: shownN, kernel, stride, padding, dilation });
  const real = shownN === n ? g : kernelPreviewGeometry({ n, kernel, stride, padding, dilation });
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(true);
  const ref = useRef<SVGSVGElement>(null);
  const total = g.windows.length;
  useEffect(() => {
    if (!playing || total === 0) return;
    const timer = window.setInterval(() => setFrame((f) => (f + 1) % (total + 2)), 450);
    return () => window.clearInterval(timer);
  }, [playing, total]);
  const drawable = g.padded <= 24 && g.out <= 24;
  const cell = Math.max(5, Math.min(14, Math.floor((WIDTH - 24) / Math.max(g.padded + g.out, 1))));
  const current = g.windows[Math.min(frame, total - 1)];
  const inW = g.padded * cell;
  const outX = inW + 24;
  const width = outX + Math.max(g.out, 1) * cell + 4;
  const height = Math.max(inW, g.out * cell) + 4;
  const firstUnused = g.padded - g.unused;
  return (
    <div data-testid="kernel-preview">
      {drawable ? (
        <svg ref={ref} width={width} height={height} role="img" aria-label="kernel sliding over the input">
          {Array.from({ length: g.padded * g.padded }, (_, i) => {
            const r = Math.floor(i / g.padded);
            const c = i % g.padded;
            const pad =
              r < g.padBefore || c < g.padBefore || r >= g.padBefore + g.n || c >= g.padBefore + g.n;
            const unused = r >= firstUnused || c >= firstUnused;
            return (
              <rect
                key={i}
                className={unused ? 'cell-unused' : pad ? 'cell-pad' : 'cell-input'}
                x={c * cell + 1}
                y={r * cell + 1}
                width={cell - 2}
                height={cell - 2}
                fill={unused ? '#6b2a2a' : pad ? 'none' : '#2a3039'}
                stroke={pad ? '#8a94a3' : 'none'}
                strokeDasharray={pad ? '2 2' : undefined}
              />
            );
          })}
          {current && frame < total && (
            <rect
              x={current.col * cell}
              y={current.row * cell}
              width={g.kernel * cell}
              height={g.kernel * cell}
              fill="rgba(76,154,255,0.25)"
              stroke="#4c9aff"
              strokeWidth={2}
            />
          )}
          {g.windows.map((w, i) => (
            <rect
              key={`o${i}`}
              x={outX + w.outCol * cell + 1}
              y={w.outRow * cell + 1}
              width={cell - 2}
              height={cell - 2}
              fill={i <= frame ? (i === frame ? '#4c9aff' : '#2d5f9e') : '#20242c'}
            />
          ))}
        </svg>
      ) : (
        <p className="muted">Too large to draw; the numbers below still hold.</p>
      )}
      <div className="muted">
        {shownN !== n && (
          <>
            Previewed on {shownN}×{shownN}; your input is {n}×{n}.{' '}
          </>
        )}
        {real.formula} → output {real.out}×{real.out}
        {real.unused > 0 && (
          <strong className="insight-error">
            {' '}
            · {real.unused} row{real.unused > 1 ? 's' : ''}/column{real.unused > 1 ? 's' : ''} never covered
          </strong>
        )}
      </div>
      <button onClick={() => setPlaying(!playing)}>{playing ? 'Pause' : 'Play'}</button>{' '}
      {drawable && <SaveImageButton target={ref} name="conv-arithmetic" />}
    </div>
  );
}
