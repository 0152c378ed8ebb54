import { describe, expect, it } from 'vitest';
import { clampPanelHeight, DEFAULT_PANEL_HEIGHT } from './panelHeight';

describe('clampPanelHeight', () => {
  it('keeps a dragged height within the window, leaving the toolbar and some canvas', () => {
    expect(clampPanelHeight(500, 900)).toBe(500);
    expect(clampPanelHeight(20, 900)).toBe(120);
    expect(clampPanelHeight(880, 900)).toBe(700);
  });

  it('falls back to the default for a stored value it cannot read', () => {
    expect(clampPanelHeight(Number.NaN, 900)).toBe(DEFAULT_PANEL_HEIGHT);
  });
});
