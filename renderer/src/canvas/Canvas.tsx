import { useCallback, useMemo, useRef, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { NodeType, Position } from '../../../core/graph/schema';
import { addNode } from '../actions/addNode';
import { connect } from '../actions/connect';
import { moveNodes } from '../actions/moveNodes';
import { select } from '../actions/select';
import { problemsByNode } from '../store/analysis';
import { runAction, useEditorStore } from '../store/editorStore';
import type { Size } from '../store/types';
import {
  createEdgeDeriver,
  createNodeDeriver,
  statusClass,
  type LayerFlowNode,
  type WireFlowEdge,
} from './flowModel';
import { FIT_VIEW_OPTIONS } from '../files/viewControls';
import { LayerNode } from './LayerNode';
import { PALETTE_DRAG_TYPE, isNodeType } from './paletteDrag';
import { useDrawnMark } from './useDrawnMark';
import './canvas.css';

/** Module scope so React Flow never sees a new nodeTypes object (its error002). */
const nodeTypes = { layer: LayerNode };

const MINIMAP_COLORS = { ok: '#3d5a80', warning: '#d9a23a', error: '#e05252' } as const;

/** Reads the status the deriver put on the node, so a changed status is a changed node and redraws. */
function minimapColor(node: LayerFlowNode): string {
  if (node.className === statusClass('error')) return MINIMAP_COLORS.error;
  return node.className === statusClass('warning') ? MINIMAP_COLORS.warning : MINIMAP_COLORS.ok;
}

function applyNodeChanges(changes: NodeChange<LayerFlowNode>[]): void {
  const state = useEditorStore.getState();
  const positions: Record<string, Position> = {};
  const sizes: Record<string, Size> = {};
  const selected = new Set(state.selection.nodeIds);
  let moved = false;
  let dragging = false;
  let selectionChanged = false;
  for (const change of changes) {
    if (change.type === 'position') {
      moved = true;
      if (change.position) positions[change.id] = change.position;
      if (change.dragging) dragging = true;
    } else if (change.type === 'dimensions' && change.dimensions) {
      sizes[change.id] = change.dimensions;
    } else if (change.type === 'select') {
      selectionChanged = true;
      if (change.selected) selected.add(change.id);
      else selected.delete(change.id);
    }
  }
  if (Object.keys(sizes).length > 0) state.setMeasured(sizes);
  if (moved) runAction(moveNodes, { positions, dragging });
  if (selectionChanged) {
    const order = useEditorStore.getState().document.nodes.filter((n) => selected.has(n.id));
    runAction(select, {
      nodeIds: order.map((n) => n.id),
      edgeIds: useEditorStore.getState().selection.edgeIds,
    });
  }
}

function applyEdgeChanges(changes: EdgeChange<WireFlowEdge>[]): void {
  const selected = new Set(useEditorStore.getState().selection.edgeIds);
  let selectionChanged = false;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    selectionChanged = true;
    if (change.selected) selected.add(change.id);
    else selected.delete(change.id);
  }
  if (selectionChanged) {
    runAction(select, { nodeIds: useEditorStore.getState().selection.nodeIds, edgeIds: [...selected] });
  }
}

/** The edge under a screen point (its wide invisible hit path counts), so a drop on it splices. */
function edgeAt(x: number, y: number): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id');
  }
  return null;
}

function onConnect(connection: Connection): void {
  runAction(connect, { source: connection.source, target: connection.target });
}

/** The React Flow canvas over the document; deletion and shortcuts are handled by editor actions. */
export function Canvas() {
  const deriveNodes = useMemo(() => createNodeDeriver(), []);
  const deriveEdges = useMemo(() => createEdgeDeriver(), []);
  const docNodes = useEditorStore((s) => s.document.nodes);
  const docEdges = useEditorStore((s) => s.document.edges);
  const selection = useEditorStore((s) => s.selection);
  const measured = useEditorStore((s) => s.measured);
  const problems = useEditorStore((s) => s.analysis.problems);
  const faultyEdges = useMemo(
    () => new Set(problems.flatMap((p) => (p.edgeId ? [p.edgeId] : []))),
    [problems],
  );
  const nodes = useMemo(
    () => deriveNodes(docNodes, selection, measured, problemsByNode(problems)),
    [deriveNodes, docNodes, selection, measured, problems],
  );
  const edges = useMemo(
    () => deriveEdges(docEdges, selection, faultyEdges),
    [deriveEdges, docEdges, selection, faultyEdges],
  );
  const { screenToFlowPosition } = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  useDrawnMark(canvasRef);
  // A class, not React state: panning must not re-render the canvas (see canvas.css).
  const onMoveStart = useCallback(() => canvasRef.current?.classList.add('viewport-moving'), []);
  const onMoveEnd = useCallback(() => canvasRef.current?.classList.remove('viewport-moving'), []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!isNodeType(type)) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      runAction(addNode, {
        type: type as NodeType,
        position: { x: position.x - 90, y: position.y - 30 },
        spliceEdge: edgeAt(event.clientX, event.clientY),
      });
    },
    [screenToFlowPosition],
  );

  return (
    <div ref={canvasRef} className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<LayerFlowNode, WireFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={applyNodeChanges}
        onEdgesChange={applyEdgeChanges}
        onConnect={onConnect}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Control', 'Meta']}
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2.5}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        proOptions={{ hideAttribution: true }}
        colorMode="dark"
        defaultEdgeOptions={{ type: 'smoothstep' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <MiniMap<LayerFlowNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
