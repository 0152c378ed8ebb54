import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { select } from '../actions/select';
import { DEFAULT_NODE_SIZE } from '../layout/elkLayout';
import { runAction, useEditorStore } from '../store/editorStore';

/** Selects a node and pans the view so it sits in the middle (keeps the zoom unless far out). */
export function useFocusNode(): (nodeId: string) => void {
  const { setCenter, getZoom } = useReactFlow();
  return useCallback(
    (nodeId: string) => {
      const state = useEditorStore.getState();
      const node = state.document.nodes.find((n) => n.id === nodeId);
      if (!node) return;
      runAction(select, { nodeIds: [nodeId], edgeIds: [] });
      const size = state.measured[nodeId] ?? DEFAULT_NODE_SIZE;
      void setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, {
        zoom: Math.max(getZoom(), 0.8),
        duration: 250,
      });
    },
    [setCenter, getZoom],
  );
}
