/**
 * Hooks into the React Flow viewport for code outside React (file commands).
 * The editor registers them on mount.
 */
export const viewControls: { fitView: () => void; resetView: () => void } = {
  fitView: () => undefined,
  resetView: () => undefined,
};

/** Zooming past this to fit a small graph makes nodes look oversized. */
export const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1.1, duration: 200 } as const;
