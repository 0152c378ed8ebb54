/**
 * A small, dependency-free line-chart writer: the CLI's `compare` figure and
 * the UI's "save as SVG". Pure string building, so it is testable and the
 * same in every process.
 */

export type SvgSeries = {
  label: string;
  /** Null leaves a gap. */
  points: { x: number; y: number | null }[];
  color: string;
  /** Bold lines for validation, thin for training (the paper's Figure 1 layout). */
  width?: number;
  dashed?: boolean;
  /** A shaded min–max band around the line (the spread over seeds); null ends a band segment. */
  band?: { x: number; lo: number | null; hi: number | null }[];
};

export type SvgChartOptions = {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Fix the y range (e.g. 0..1 for error); otherwise it is fitted to the data. */
  yRange?: [number, number];
  percentY?: boolean;
};

export const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];

const MARGIN = { left: 64, right: 170, top: 36, bottom: 48 };
/** Short series (epochs, depths) get a dot per point, so single values and corners stay visible. */
const MAX_MARKED_POINTS = 40;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(n: number): string {
  return Number(n.toFixed(2)).toString();
}

/** About five round tick values spanning [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function extent(values: number[], fallback: [number, number]): [number, number] {
  if (values.length === 0) return fallback;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** Splits a series into runs of consecutive non-null points: one polyline each. */
function segments(points: SvgSeries['points']): { x: number; y: number }[][] {
  const out: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y)) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push({ x: p.x, y: p.y });
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Runs of consecutive band points with both bounds finite: one polygon each. */
function bandSegments(band: NonNullable<SvgSeries['band']>): { x: number; lo: number; hi: number }[][] {
  const out: { x: number; lo: number; hi: number }[][] = [];
  let current: { x: number; lo: number; hi: number }[] = [];
  for (const b of band) {
    if (b.lo === null || b.hi === null || !Number.isFinite(b.lo) || !Number.isFinite(b.hi)) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push({ x: b.x, lo: b.lo, hi: b.hi });
  }
  if (current.length > 0) out.push(current);
  return out;
}

export function renderLineChartSvg(series: readonly SvgSeries[], options: SvgChartOptions): string {
  const width = options.width ?? 760;
  const height = options.height ?? 420;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => [
    ...s.points.flatMap((p) => (p.y === null || !Number.isFinite(p.y) ? [] : [p.y])),
    ...(s.band ?? []).flatMap((b) =>
      [b.lo, b.hi].filter((v): v is number => v !== null && Number.isFinite(v)),
    ),
  ]);
  const [x0, x1] = extent(xs, [0, 1]);
  const fitted = extent(ys, [0, 1]);
  // A fitted range gets a margin so the extreme points are not drawn on the frame.
  const margin = (fitted[1] - fitted[0]) * 0.06;
  const [y0, y1] = options.yRange ?? [fitted[0] - margin, fitted[1] + margin];
  const sx = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number) => MARGIN.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const yText = (v: number) => (options.percentY ? `${fmt(v * 100)}%` : fmt(v));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  for (const t of niceTicks(y0, y1)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${fmt(sy(t))}" y2="${fmt(sy(t))}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 6}" y="${fmt(sy(t) + 4)}" text-anchor="end">${yText(t)}</text>`,
    );
  }
  for (const t of niceTicks(x0, x1)) {
    parts.push(
      `<line x1="${fmt(sx(t))}" x2="${fmt(sx(t))}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}" stroke="#333"/>`,
      `<text x="${fmt(sx(t))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${fmt(t)}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );
  // Bands first, so every line is drawn over every band.
  series.forEach((s, i) => {
    for (const part of bandSegments(s.band ?? [])) {
      const [only] = part;
      if (part.length === 1 && only) {
        // A lone point's spread: a translucent bar from min to max.
        parts.push(
          `<line x1="${fmt(sx(only.x))}" x2="${fmt(sx(only.x))}" y1="${fmt(sy(only.lo))}" y2="${fmt(sy(only.hi))}" stroke="${s.color}" stroke-opacity="0.3" stroke-width="8" data-band="${i}"/>`,
        );
        continue;
      }
      const upper = part.map((b) => `${fmt(sx(b.x))},${fmt(sy(b.hi))}`);
      const lower = part.map((b) => `${fmt(sx(b.x))},${fmt(sy(b.lo))}`).reverse();
      parts.push(
        `<polygon points="${[...upper, ...lower].join(' ')}" fill="${s.color}" fill-opacity="0.18" stroke="none" data-band="${i}"/>`,
      );
    }
  });
  series.forEach((s, i) => {
    const stroke = `stroke="${s.color}" stroke-width="${s.width ?? 1.5}" fill="none"${s.dashed ? ' stroke-dasharray="5 3"' : ''}`;
    for (const segment of segments(s.points)) {
      const d = segment.map((p) => `${fmt(sx(p.x))},${fmt(sy(p.y))}`).join(' ');
      parts.push(
        segment.length === 1
          ? `<circle cx="${fmt(sx(segment[0]?.x ?? 0))}" cy="${fmt(sy(segment[0]?.y ?? 0))}" r="3" fill="${s.color}" data-series="${i}"/>`
          : `<polyline points="${d}" ${stroke} data-series="${i}"/>`,
      );
    }
    if (s.points.length <= MAX_MARKED_POINTS) {
      for (const p of s.points) {
        if (p.y === null || !Number.isFinite(p.y)) continue;
        parts.push(
          `<circle cx="${fmt(sx(p.x))}" cy="${fmt(sy(p.y))}" r="2.5" fill="${s.color}" data-marker="${i}"/>`,
        );
      }
    }
    const ly = MARGIN.top + 10 + i * 18;
    const lx = MARGIN.left + plotW + 12;
    parts.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" ${stroke}/>`,
      `<text x="${lx + 28}" y="${ly + 4}">${escapeXml(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
