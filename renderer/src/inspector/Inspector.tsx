import { useState } from 'react';
import { NODE_TITLES } from '../../../core/graph/defaults';
import { isComposite, type GraphNode } from '../../../core/graph/schema';
import { formatCount, formatShape } from '../../../core/graph/summary';
import { collapseGroup } from '../actions/collapseGroup';
import { expandComposite } from '../actions/expandComposite';
import { setLabel } from '../actions/updateNode';
import { NodeInsight } from '../insight/NodeInsight';
import { nodesById, problemsByNode } from '../store/analysis';
import { runAction, useEditorStore } from '../store/editorStore';
import { FixButtons } from './FixButtons';
import { SeverityIcon } from '../panels/SeverityIcon';
import { ParamEditor } from './ParamEditor';

/** The right-hand panel: the selected node's params, label, shapes, cost and problems. */
export function Inspector() {
  const selected = useEditorStore((s) => s.selection.nodeIds);
  const node = useEditorStore((s) =>
    selected.length === 1 ? nodesById(s.document.nodes).get(selected[0] ?? '') : undefined,
  );
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      {node ? (
        <NodeInspector key={node.id} node={node} />
      ) : selected.length > 1 ? (
        <p className="muted">{selected.length} nodes selected. Ctrl+C copies them with their wires.</p>
      ) : (
        <DocumentOverview />
      )}
    </aside>
  );
}

function DocumentOverview() {
  const nodeCount = useEditorStore((s) => s.document.nodes.length);
  const total = useEditorStore((s) => s.analysis.inference.totalParams);
  const macs = useEditorStore((s) => s.analysis.inference.totalMacs);
  return (
    <div className="inspector-section">
      <h2>Graph</h2>
      <dl className="facts">
        <dt>Layers</dt>
        <dd>{nodeCount}</dd>
        <dt>Params</dt>
        <dd>{formatCount(total)}</dd>
        <dt>MACs</dt>
        <dd>{formatCount(macs)}</dd>
      </dl>
      <p className="muted">
        Select a node to edit it. Drag layers from the palette, or press / to quick-add.
      </p>
    </div>
  );
}

function NodeInspector({ node }: { node: GraphNode }) {
  const inference = useEditorStore((s) => s.analysis.inference.nodes[node.id]);
  const problems = useEditorStore((s) => problemsByNode(s.analysis.problems).get(node.id));
  return (
    <>
      <div className="inspector-section">
        <div className="inspector-kind">{NODE_TITLES[node.type]}</div>
        <LabelField node={node} />
        <div className="inspector-id">id: {node.id}</div>
        {isComposite(node) && (
          <button onClick={() => runAction(expandComposite, { nodeId: node.id })}>Expand into layers</button>
        )}
        {node.group && (
          <button onClick={() => runAction(collapseGroup, { groupId: node.group?.id ?? '' })}>
            Collapse group {node.group.id}
          </button>
        )}
      </div>
      <div className="inspector-section">
        <h2>Parameters</h2>
        <ParamEditor node={node} />
      </div>
      <div className="inspector-section">
        <h2>Shape and cost</h2>
        <dl className="facts">
          <dt>Input</dt>
          <dd>
            {inference && inference.inputShapes.length > 0
              ? inference.inputShapes.map(formatShape).join(', ')
              : '—'}
          </dd>
          <dt>Output</dt>
          <dd data-testid="inspector-output-shape">{formatShape(inference?.shape ?? null)}</dd>
          <dt>Params</dt>
          <dd>{(inference?.params ?? 0).toLocaleString('en-US')}</dd>
          <dt>MACs</dt>
          <dd>{formatCount(inference?.macs ?? 0)}</dd>
        </dl>
      </div>
      <NodeInsight node={node} />
      {problems && problems.length > 0 && (
        <div className="inspector-section">
          <h2>Problems</h2>
          <ul className="inspector-problems">
            {problems.map((p, i) => (
              <li key={`${p.code}-${i}`} className={`severity-${p.severity}`}>
                <span className="problem-icon">
                  <SeverityIcon severity={p.severity} />
                </span>{' '}
                {p.message}
                <FixButtons problem={p} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function LabelField({ node }: { node: GraphNode }) {
  const [text, setText] = useState(node.label ?? '');
  const commit = () => runAction(setLabel, { nodeId: node.id, label: text.trim() });
  return (
    <input
      className="label-input"
      data-testid="inspector-label"
      placeholder={NODE_TITLES[node.type]}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      aria-label="Label"
    />
  );
}
