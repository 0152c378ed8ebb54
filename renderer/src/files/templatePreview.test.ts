import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../actions/testState';
import { buildPreview, previewPositions } from './templatePreview';

describe('template preview', () => {
  it('keeps spread-out positions', () => {
    const doc = sampleDocument();
    expect(previewPositions(doc).get('conv')).toEqual({ x: 200, y: 0 });
  });

  it('layers a document whose nodes all sit at the origin', () => {
    const doc = sampleDocument();
    const stacked = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    const positions = previewPositions(stacked);
    expect(positions.get('input')?.x).toBeLessThan(positions.get('conv')?.x ?? 0);
    expect(positions.get('flat')?.x).toBeLessThan(positions.get('out')?.x ?? 0);
  });

  it('scales boxes and lines into the view box', () => {
    const preview = buildPreview(sampleDocument(), 240, 120);
    expect(preview.boxes).toHaveLength(4);
    expect(preview.lines).toHaveLength(3);
    for (const b of preview.boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x).toBeLessThanOrEqual(240);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeLessThanOrEqual(120);
    }
  });
});
