import { useRef } from 'react';
import { SaveImageButton } from './SaveImageButton';

/**
 * A softmax output as horizontal bars, one per class, largest highlighted;
 * `highlight` marks the true class when known.
 */
export function SoftmaxBars({
  probs,
  classes,
  highlight = null,
  width = 220,
  saveName,
}: {
  probs: number[];
  classes: string[];
  highlight?: number | null;
  width?: number;
  saveName?: string;
}) {
  const ref = useRef<SVGSVGElement>(null);
  const row = 13;
  const labelWidth = Math.min(90, width * 0.45);
  const barWidth = width - labelWidth - 36;
  const top = probs.indexOf(Math.max(...probs));
  return (
    <div className="softmax-bars">
      <svg ref={ref} width={width} height={probs.length * row + 2} data-testid="softmax-bars" role="img">
        <rect width={width} height={probs.length * row + 2} fill="#181b21" />
        {probs.map((p, i) => (
          <g key={i} transform={`translate(0, ${i * row + 1})`}>
            <text
              x={labelWidth - 4}
              y={row - 3}
              fontSize={10}
              textAnchor="end"
              fill={i === highlight ? '#4cbb7f' : '#8a94a3'}
            >
              {(classes[i] ?? String(i)).slice(0, 16)}
            </text>
            <rect x={labelWidth} y={1} width={barWidth} height={row - 3} fill="#232833" />
            <rect
              className="softmax-bar"
              x={labelWidth}
              y={1}
              width={Math.max(0, Math.min(1, p)) * barWidth}
              height={row - 3}
              fill={i === top ? '#4c9aff' : '#3a424e'}
            />
            <text x={labelWidth + barWidth + 3} y={row - 3} fontSize={9} fill="#8a94a3">
              {(p * 100).toFixed(0)}%
            </text>
          </g>
        ))}
      </svg>
      {saveName && <SaveImageButton target={ref} name={saveName} />}
    </div>
  );
}
