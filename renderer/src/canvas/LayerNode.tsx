import { memo } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { NODE_TITLES } from '../../../core/graph/defaults';
import { inputArity, isComposite } from '../../../core/graph/schema';
import { formatCount, formatShape } from '../../../core/graph/summary';
import { collapseGroup } from '../actions/collapseGroup';
import { expandComposite } from '../actions/expandComposite';
import { nodesById, problemsByNode, statusOf } from '../store/analysis';
import { runAction, useEditorStore } from '../store/editorStore';
import { describeParams } from './describeParams';
import type { LayerFlowNode } from './flowModel';

/** Below this zoom the text is unreadable anyway: nodes draw as bare coloured boxes (cheap with 1,000 nodes). */
export const DETAIL_ZOOM = 0.45;
/** Below this zoom a title is a few pixels tall: it keeps its box but is not painted (text is the costly raster). */
export const TITLE_ZOOM = 0.2;

/** A stable hue per expansion group, so a stage's primitives read as one family. */
function groupHue(groupId: string): number {
  let hash = 0;
  for (let i = 0; i < groupId.length; i++) hash = (hash * 31 + groupId.charCodeAt(i)) >>> 0;
  return hash % 360;
}

/**
 * The one custom node. Every value comes from the store through a selector
 * returning a primitive or an unchanged reference, so a node re-renders only
 * when its own document node, shape, params count or problems change.
 */
function LayerNodeView({ id, selected }: NodeProps<LayerFlowNode>) {
  const node = useEditorStore((s) => nodesById(s.document.nodes).get(id));
  const shape = useEditorStore((s) => formatShape(s.analysis.inference.nodes[id]?.shape ?? null));
  const params = useEditorStore((s) => s.analysis.inference.nodes[id]?.params ?? 0);
  const status = useEditorStore((s) => statusOf(problemsByNode(s.analysis.problems).get(id)));
  const messages = useEditorStore((s) =>
    (problemsByNode(s.analysis.problems).get(id) ?? []).map((p) => p.message).join('\n'),
  );
  const detailed = useStore((s) => s.transform[2] >= DETAIL_ZOOM);
  const titled = useStore((s) => s.transform[2] >= TITLE_ZOOM);
  if (!node) return null;

  const title = node.label || NODE_TITLES[node.type];
  const detail = describeParams(node);
  const takesInput = inputArity(node.type).max > 0;
  const merges = inputArity(node.type).max > 1;
  const group = node.group;
  const classes = [
    'layer-node',
    `status-${status}`,
    selected ? 'selected' : '',
    isComposite(node) ? 'composite' : '',
    detailed ? '' : 'overview',
    titled ? '' : 'untitled',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={classes}
      data-testid={`node-${id}`}
      data-node-type={node.type}
      data-status={status}
      title={messages || undefined}
      style={group ? { borderLeftColor: `hsl(${groupHue(group.id)} 60% 55%)` } : undefined}
    >
      {takesInput && (
        <Handle type="target" position={Position.Left} className={merges ? 'handle-merge' : undefined} />
      )}
      {detailed ? (
        <>
          <div className="layer-node-header">
            <span className={`layer-node-type type-${node.type}`}>{title}</span>
            {isComposite(node) && (
              <button
                className="node-button nodrag"
                title="Expand into its layers"
                data-testid="node-expand"
                onClick={() => runAction(expandComposite, { nodeId: id })}
              >
                ⊞
              </button>
            )}
            {group && (
              <button
                className="node-button nodrag"
                title={`Collapse back into ${group.id}`}
                data-testid="node-collapse"
                onClick={() => runAction(collapseGroup, { groupId: group.id })}
              >
                ⊟
              </button>
            )}
          </div>
          {detail && <div className="layer-node-detail">{detail}</div>}
          <div className="layer-node-footer">
            <span className="layer-node-shape" data-testid="node-shape">
              {shape}
            </span>
            <span
              className="layer-node-params"
              data-testid="node-params"
              title={`${params.toLocaleString('en-US')} parameters`}
            >
              {params > 0 ? formatCount(params) : '–'}
            </span>
          </div>
        </>
      ) : (
        <div className={`layer-node-type type-${node.type}`}>{title}</div>
      )}
      {status !== 'ok' && <div className="layer-node-badge">{status === 'error' ? '!' : '⚠'}</div>}
      {node.type !== 'output' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
