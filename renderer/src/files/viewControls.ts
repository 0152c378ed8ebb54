/**
 * Hooks into the React Flow viewport for code outside React (file commands).
 * The canvas registers them on mount.
 */
export const viewControls: { fitView: () => void } = { fitView: () => undefined };
