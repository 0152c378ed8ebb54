import { useEffect, useRef, useState } from 'react';
import { clampPanelHeight, storedPanelHeight, storePanelHeight } from './panelHeight';

const STEP = 24;

/** Sets the app grid's bottom row: CSS reads `--bottom-panel-height` on the root element. */
function apply(height: number): void {
  document.documentElement.style.setProperty('--bottom-panel-height', `${height}px`);
}

/**
 * The bar above the bottom panel: drag it (or focus it and press ↑/↓) to
 * resize the panel. The height is kept for the next session.
 */
export function PanelSplitter() {
  const [height, setHeight] = useState(() => clampPanelHeight(storedPanelHeight(), window.innerHeight));
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  useEffect(() => {
    apply(height);
  }, [height]);
  useEffect(() => {
    const refit = () => setHeight((h) => clampPanelHeight(h, window.innerHeight));
    window.addEventListener('resize', refit);
    return () => window.removeEventListener('resize', refit);
  }, []);

  const commit = (next: number) => {
    const clamped = clampPanelHeight(next, window.innerHeight);
    setHeight(clamped);
    storePanelHeight(clamped);
  };

  return (
    <div
      className="panel-splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the bottom panel"
      aria-valuenow={height}
      tabIndex={0}
      data-testid="bottom-splitter"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { startY: e.clientY, startHeight: height };
      }}
      onPointerMove={(e) => {
        if (drag.current)
          setHeight(
            clampPanelHeight(drag.current.startHeight + drag.current.startY - e.clientY, window.innerHeight),
          );
      }}
      onPointerUp={(e) => {
        if (!drag.current) return;
        commit(drag.current.startHeight + drag.current.startY - e.clientY);
        drag.current = null;
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowUp') commit(height + STEP);
        else if (e.key === 'ArrowDown') commit(height - STEP);
        else return;
        e.preventDefault();
      }}
    />
  );
}
