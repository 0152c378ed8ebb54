import { describe, expect, it } from 'vitest';
import { niceTicks, renderLineChartSvg } from './svgChart';

describe('renderLineChartSvg', () => {
  const svg = renderLineChartSvg(
    [
      {
        label: 'plain-20 train',
        color: '#123456',
        points: [
          { x: 1, y: 0.5 },
          { x: 2, y: 0.3 },
          { x: 3, y: 0.2 },
        ],
      },
      {
        label: 'a<b & "c"',
        color: '#654321',
        width: 3,
        points: [
          { x: 1, y: 0.6 },
          { x: 2, y: null },
          { x: 3, y: 0.4 },
        ],
      },
    ],
    { title: 'Training error', xLabel: 'epoch', yLabel: 'error', percentY: true, yRange: [0, 1] },
  );

  it('writes a well-formed SVG with one polyline per unbroken stretch and a legend', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polyline [^>]*data-series="0"/g)).toHaveLength(1);
    // The null in series 1 splits it into two single points.
    expect(svg.match(/<circle [^>]*data-series="1"/g)).toHaveLength(2);
    expect(svg).toContain('plain-20 train');
    expect(svg).toContain('100%');
  });

  it('escapes text so labels cannot break the markup', () => {
    expect(svg).toContain('a&#60;b &#38; &#34;c&#34;');
    expect(svg).not.toContain('a<b');
  });

  it('maps data into the plot box: lower error is drawn lower on the page', () => {
    const points = /<polyline points="([^"]+)"/
      .exec(svg)?.[1]
      ?.split(' ')
      .map((p) => p.split(',').map(Number));
    const ys = points?.map((p) => p[1] ?? 0) ?? [];
    expect(ys).toHaveLength(3);
    expect(ys[0]).toBeLessThan(ys[2] ?? 0);
  });
});

describe('niceTicks', () => {
  it('picks round steps inside the range', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1, 3)).toEqual([1, 1.5, 2, 2.5, 3]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });
});

describe('renderLineChartSvg bands', () => {
  it('shades each min–max band under the lines, split where a bound is missing', () => {
    const svg = renderLineChartSvg(
      [
        {
          label: 'plain-56 train',
          color: '#d62728',
          points: [1, 2, 3, 4].map((x) => ({ x, y: 0.5 })),
          band: [
            { x: 1, lo: 0.4, hi: 0.6 },
            { x: 2, lo: 0.45, hi: 0.55 },
            { x: 3, lo: null, hi: null },
            { x: 4, lo: 0.3, hi: 0.9 },
          ],
        },
      ],
      { title: 'bands', xLabel: 'epoch', yLabel: 'error' },
    );
    // x=1..2 and x=4 are separate bands: the missing bounds at x=3 are a gap, not a zero; the lone x=4 is a bar.
    expect(svg.match(/<polygon [^>]*data-band="0"/g)).toHaveLength(1);
    expect(svg.match(/<line [^>]*data-band="0"/g)).toHaveLength(1);
    expect(svg.indexOf('<polygon')).toBeLessThan(svg.indexOf('<polyline'));
    // The band (0.3–0.9) widens the fitted y range beyond the line's constant 0.5.
    expect(svg).toMatch(/text-anchor="end">0\.8</);
  });
});
