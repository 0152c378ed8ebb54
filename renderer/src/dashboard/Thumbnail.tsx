import type { GraphThumbnail } from '../../../core/ipc/dashboardContract';

/** A graph's shape at a glance: one dot per node at its stored position, wires between them. */
export function Thumbnail({ thumbnail }: { thumbnail: GraphThumbnail | undefined }) {
  if (!thumbnail || thumbnail.nodes.length === 0) return <svg className="run-thumb" width={96} height={40} />;
  const xs = thumbnail.nodes.map((n) => n.x);
  const ys = thumbnail.nodes.map((n) => n.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const w = Math.max(Math.max(...xs) - minX, 1);
  const h = Math.max(Math.max(...ys) - minY, 1);
  const sx = (x: number) => 4 + ((x - minX) / w) * 88;
  const sy = (y: number) => 4 + ((y - minY) / h) * 32;
  return (
    <svg
      className="run-thumb"
      width={96}
      height={40}
      data-testid="run-thumbnail"
      data-nodes={thumbnail.nodes.length}
    >
      {thumbnail.edges.map(([a, b], i) => {
        const p = thumbnail.nodes[a];
        const q = thumbnail.nodes[b];
        return p && q ? (
          <line
            key={i}
            x1={sx(p.x)}
            y1={sy(p.y)}
            x2={sx(q.x)}
            y2={sy(q.y)}
            stroke="#7a8599"
            strokeWidth={1}
          />
        ) : null;
      })}
      {thumbnail.nodes.map((n, i) => (
        <circle
          key={i}
          cx={sx(n.x)}
          cy={sy(n.y)}
          r={2.5}
          fill={n.type === 'residualStage' ? '#f1b24e' : '#4e9af1'}
        />
      ))}
    </svg>
  );
}
