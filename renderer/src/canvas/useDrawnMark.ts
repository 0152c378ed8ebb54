import { useEffect } from 'react';
import { useEditorStore } from '../store/editorStore';

/** The performance mark the editor sets once a newly opened document is on screen (read by bench/editor). */
export const DOCUMENT_DRAWN_MARK = 'deepwire:document-drawn';

/** React Flow keeps a node hidden until it has measured it, so "drawn" means visible nodes, none hidden. */
function nodesDrawn(canvas: Element): boolean {
  const rendered = canvas.querySelectorAll<HTMLElement>('.react-flow__node');
  if (rendered.length === 0) return false;
  for (const node of rendered) if (node.style.visibility === 'hidden') return false;
  return true;
}

/**
 * Marks `DOCUMENT_DRAWN_MARK` (detail: node count and name) after the first
 * painted frame that shows a newly opened or loaded document, so load time can
 * be measured from the page as the user sees it.
 */
export function useDrawnMark(canvas: React.RefObject<HTMLDivElement | null>): void {
  const saved = useEditorStore((s) => s.savedDocument);
  useEffect(() => {
    if (saved.nodes.length === 0) return;
    let frame = requestAnimationFrame(function check() {
      const root = canvas.current;
      if (!root || !nodesDrawn(root)) {
        frame = requestAnimationFrame(check);
        return;
      }
      // This frame is about to paint: mark right after it.
      setTimeout(() => {
        performance.mark(DOCUMENT_DRAWN_MARK, { detail: { nodes: saved.nodes.length, name: saved.name } });
      }, 0);
    });
    return () => cancelAnimationFrame(frame);
  }, [saved, canvas]);
}
