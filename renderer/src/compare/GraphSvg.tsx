import type { DiffMark } from '../../../core/graph/diff';
import type { GraphDocument, GraphNode } from '../../../core/graph/schema';

const NODE_W = 150;
const NODE_H = 54;

const MARK_FILL: Record<DiffMark, string> = {
  same: '#2a2f3a',
  added: '#1f5f2f',
  removed: '#6b2222',
  changed: '#6b5a1a',
};

/** The parameter a person looks for first on each kind of node. */
function keyParam(node: GraphNode): string {
  switch (node.type) {
    case 'conv2d':
      return `${node.params.filters}× ${node.params.kernel}×${node.params.kernel} /${node.params.stride}`;
    case 'dense':
      return `${node.params.units} units`;
    case 'residualStage':
      return `${node.params.blocks} blocks · ${node.params.filters} · ${node.params.residual ? 'residual' : 'plain'}`;
    case 'vggBlock':
      return `${node.params.convs} convs · ${node.params.filters}`;
    case 'activation':
      return node.params.fn;
    case 'input':
      return `${node.params.height}×${node.params.width}×${node.params.channels}`;
    case 'output':
      return `${node.params.classes} classes`;
    case 'maxPool2d':
    case 'avgPool2d':
      return `${node.params.pool}×${node.params.pool} /${node.params.stride}`;
    case 'dropout':
      return `rate ${node.params.rate}`;
    default:
      return '';
  }
}

/**
 * A read-only drawing of a graph exactly as stored (positions from the
 * document), nodes tinted by their diff mark. SVG, so it scales into any
 * panel and can be saved as it is.
 */
export function GraphSvg({
  document,
  marks,
  testId,
  height = 220,
}: {
  document: GraphDocument;
  marks?: (nodeId: string) => DiffMark;
  testId: string;
  height?: number;
}) {
  const byId = new Map(document.nodes.map((n) => [n.id, n]));
  const xs = document.nodes.map((n) => n.position.x);
  const ys = document.nodes.map((n) => n.position.y);
  const minX = Math.min(0, ...xs) - 10;
  const minY = Math.min(0, ...ys) - 10;
  const width = Math.max(...xs, 0) - minX + NODE_W + 10;
  const tall = Math.max(...ys, 0) - minY + NODE_H + 10;
  const counts = { added: 0, removed: 0, changed: 0 };
  return (
    <svg
      className="graph-svg"
      data-testid={testId}
      viewBox={`${minX} ${minY} ${width} ${tall}`}
      preserveAspectRatio="xMidYMid meet"
      style={{ width: '100%', height }}
      role="img"
      aria-label={`graph ${document.name}`}
    >
      {document.edges.map((edge) => {
        const a = byId.get(edge.source);
        const b = byId.get(edge.target);
        if (!a || !b) return null;
        return (
          <line
            key={edge.id}
            x1={a.position.x + NODE_W}
            y1={a.position.y + NODE_H / 2}
            x2={b.position.x}
            y2={b.position.y + NODE_H / 2}
            stroke="#8892a6"
            strokeWidth={2}
          />
        );
      })}
      {document.nodes.map((node) => {
        const mark = marks?.(node.id) ?? 'same';
        if (mark !== 'same') counts[mark]++;
        return (
          <g
            key={node.id}
            transform={`translate(${node.position.x} ${node.position.y})`}
            data-mark={mark}
            data-node-id={node.id}
          >
            <rect
              width={NODE_W}
              height={NODE_H}
              rx={6}
              fill={MARK_FILL[mark]}
              stroke={mark === 'same' ? '#4a5263' : '#f0f0f0'}
              strokeWidth={mark === 'same' ? 1 : 2.5}
            />
            <text x={8} y={20} fill="#f0f0f0" fontSize={14} fontWeight="bold">
              {node.label ?? node.id}
            </text>
            <text x={8} y={40} fill="#c8cdd8" fontSize={12}>
              {keyParam(node) || node.type}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
