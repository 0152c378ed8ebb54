/** The bottom panel's height: dragged on its splitter, kept across sessions, always leaving room for the canvas. */

export const PANEL_HEIGHT_KEY = 'deepwire.bottomPanelHeight';
export const DEFAULT_PANEL_HEIGHT = 230;
const MIN_PANEL = 120;
/** Toolbar plus the least canvas worth keeping. */
const MIN_ABOVE = 40 + 160;

/** A height within [120 px, window height − toolbar − 160 px]. */
export function clampPanelHeight(height: number, windowHeight: number): number {
  const max = Math.max(MIN_PANEL, windowHeight - MIN_ABOVE);
  if (!Number.isFinite(height)) return Math.min(DEFAULT_PANEL_HEIGHT, max);
  return Math.round(Math.min(Math.max(height, MIN_PANEL), max));
}

export function storedPanelHeight(): number {
  try {
    const text = globalThis.localStorage?.getItem(PANEL_HEIGHT_KEY);
    const value = text ? Number(text) : NaN;
    return Number.isFinite(value) ? value : DEFAULT_PANEL_HEIGHT;
  } catch {
    return DEFAULT_PANEL_HEIGHT;
  }
}

export function storePanelHeight(height: number): void {
  try {
    globalThis.localStorage?.setItem(PANEL_HEIGHT_KEY, String(height));
  } catch {
    // Without storage the height lasts for this session.
  }
}
