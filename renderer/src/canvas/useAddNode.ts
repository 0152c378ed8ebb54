import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { NodeType } from '../../../core/graph/schema';
import { addNode } from '../actions/addNode';
import { DEFAULT_NODE_SIZE } from '../layout/elkLayout';
import { runAction, useEditorStore } from '../store/editorStore';

/** Margin kept between a newly added node and the view's edge. */
const VIEW_MARGIN = 60;

/**
 * Adds a node without a drop point: into the selected edge, or after the
 * selected node (spliced into its only output, else wired to it), else at
 * the centre of the visible canvas; the view pans to show it.
 */
export function useAddNodeAtView(): (type: NodeType) => void {
  const { screenToFlowPosition, getViewport, setViewport } = useReactFlow();
  return useCallback(
    (type: NodeType) => {
      const state = useEditorStore.getState();
      const fromId = state.selection.nodeIds.at(-1);
      const edgeId = state.selection.nodeIds.length === 0 ? state.selection.edgeIds.at(-1) : undefined;
      const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const centre = canvas
        ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
        : { x: 0, y: 0 };
      const position = {
        x: centre.x - DEFAULT_NODE_SIZE.width / 2,
        y: centre.y - DEFAULT_NODE_SIZE.height / 2,
      };
      runAction(addNode, { type, position, connectFrom: fromId ?? null, spliceEdge: edgeId ?? null });
      const after = useEditorStore.getState();
      const addedId = after.selection.nodeIds[0];
      const added = after.document.nodes.find((n) => n.id === addedId);
      if (!canvas || !added || after.document === state.document) return;
      // Pan just enough to bring a node placed past the view's edge into it.
      const topLeft = screenToFlowPosition({ x: canvas.left, y: canvas.top });
      const corner = screenToFlowPosition({ x: canvas.right, y: canvas.bottom });
      const right = added.position.x + DEFAULT_NODE_SIZE.width + VIEW_MARGIN - corner.x;
      const bottom = added.position.y + DEFAULT_NODE_SIZE.height + VIEW_MARGIN - corner.y;
      const left = topLeft.x - (added.position.x - VIEW_MARGIN);
      const top = topLeft.y - (added.position.y - VIEW_MARGIN);
      const dx = right > 0 ? -right : left > 0 ? left : 0;
      const dy = bottom > 0 ? -bottom : top > 0 ? top : 0;
      if (dx === 0 && dy === 0) return;
      const view = getViewport();
      void setViewport({ x: view.x + dx * view.zoom, y: view.y + dy * view.zoom, zoom: view.zoom });
    },
    [screenToFlowPosition, getViewport, setViewport],
  );
}
