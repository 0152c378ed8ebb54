import type uPlot from 'uplot';

/** The app's colours for a chart, read from its CSS variables (uPlot draws on a canvas, which cannot use var()). */
export type ChartTheme = { text: string; grid: string };

const FALLBACK: ChartTheme = { text: '#8a94a3', grid: '#2a3039' };

export function chartTheme(): ChartTheme {
  if (typeof document === 'undefined') return FALLBACK;
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { text: read('--text-dim', FALLBACK.text), grid: read('--border', FALLBACK.grid) };
}

/** An axis in the app's colours: labels and tick values in the dim text colour, grid and ticks in the border colour. */
export function themedAxis(axis: uPlot.Axis, theme: ChartTheme): uPlot.Axis {
  return {
    stroke: theme.text,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    ...axis,
  };
}
