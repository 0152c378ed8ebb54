import type { GraphNode } from '../../../core/graph/schema';
import { useEditorStore } from '../store/editorStore';
import { ActivationPlot } from './ActivationPlot';
import { KernelEditor } from './KernelEditor';
import { KernelPreview } from './KernelPreview';
import './insight.css';

/**
 * The inspector's teaching section for the selected node: an activation's
 * plot, a conv/pool node's sliding-window arithmetic, and for a conv a
 * hand-set kernel on a real picture. Nothing for other node types.
 */
export function NodeInsight({ node }: { node: GraphNode }) {
  const inputSide = useEditorStore((s) => s.analysis.inference.nodes[node.id]?.inputShapes[0]?.[0] ?? 7);
  switch (node.type) {
    case 'activation':
      return (
        <div className="inspector-section node-insight">
          <h2>Function</h2>
          <ActivationPlot fn={node.params.fn} alpha={node.params.alpha} />
        </div>
      );
    case 'conv2d':
      return (
        <>
          <div className="inspector-section node-insight">
            <h2>Conv arithmetic</h2>
            <KernelPreview
              n={inputSide}
              kernel={node.params.kernel}
              stride={node.params.stride}
              padding={node.params.padding}
              dilation={node.params.dilation}
            />
          </div>
          <div className="inspector-section node-insight">
            <h2>Try a kernel</h2>
            <KernelEditor />
          </div>
        </>
      );
    case 'maxPool2d':
    case 'avgPool2d':
      return (
        <div className="inspector-section node-insight">
          <h2>Pooling arithmetic</h2>
          <KernelPreview
            n={inputSide}
            kernel={node.params.pool}
            stride={node.params.stride}
            padding={node.params.padding}
          />
        </div>
      );
    default:
      return null;
  }
}
