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
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (type: NodeType) => {
      const state = useEditorStore.getState();
      const fromId = state.selection.nodeIds.at(-1);
      const from = fromId ? state.document.nodes.find((n) => n.id === fromId) : undefined;
      if (from) {
        const width = state.measured[from.id]?.width ?? DEFAULT_NODE_SIZE.width;
        const position = { x: from.position.x + width + FOLLOW_GAP, y: from.position.y };
        runAction(addNode, { type, position, connectFrom: from.id });
        return;
      }
      const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const centre = canvas
        ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
        : { x: 0, y: 0 };
      const position = {
        x: centre.x - DEFAULT_NODE_SIZE.width / 2,
        y: centre.y - DEFAULT_NODE_SIZE.height / 2,
      };
      runAction(addNode, { type, position });
    },
    [screenToFlowPosition],
  );
}
