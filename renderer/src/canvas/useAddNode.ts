import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { NodeType } from '../../../core/graph/schema';
import { addNode } from '../actions/addNode';
import { DEFAULT_NODE_SIZE } from '../layout/elkLayout';
import { runAction, useEditorStore } from '../store/editorStore';

/** Horizontal step between a node and the one quick-added after it. */
const FOLLOW_GAP = 60;

/**
 * Adds a node without a drop point: after the selected node (wired to it)
 * when there is one, else at the centre of the visible canvas.
 */
export function useAddNodeAtView(): (type: NodeType) => void {
  const { screenToFlowPosition, getViewport, setViewport } = useReactFlow();
  return useCallback(
    (type: NodeType) => {
      const state = useEditorStore.getState();
      const fromId = state.selection.nodeIds.at(-1);
      const from = fromId ? state.document.nodes.find((n) => n.id === fromId) : undefined;
      const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      if (from) {
        const width = state.measured[from.id]?.width ?? DEFAULT_NODE_SIZE.width;
        const position = { x: from.position.x + width + FOLLOW_GAP, y: from.position.y };
        runAction(addNode, { type, position, connectFrom: from.id });
        // Follow the chain: pan just enough to bring a node added past the view's edge into it.
        if (canvas) {
          const corner = screenToFlowPosition({ x: canvas.right, y: canvas.bottom });
          const overflowX = Math.max(0, position.x + DEFAULT_NODE_SIZE.width + FOLLOW_GAP - corner.x);
          const overflowY = Math.max(0, position.y + DEFAULT_NODE_SIZE.height + FOLLOW_GAP - corner.y);
          if (overflowX > 0 || overflowY > 0) {
            const view = getViewport();
            void setViewport({
              x: view.x - overflowX * view.zoom,
              y: view.y - overflowY * view.zoom,
              zoom: view.zoom,
            });
          }
        }
        return;
      }
      const centre = canvas
        ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
        : { x: 0, y: 0 };
      const position = {
        x: centre.x - DEFAULT_NODE_SIZE.width / 2,
        y: centre.y - DEFAULT_NODE_SIZE.height / 2,
      };
      runAction(addNode, { type, position });
    },
    [screenToFlowPosition, getViewport, setViewport],
  );
}
