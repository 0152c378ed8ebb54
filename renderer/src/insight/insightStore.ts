import { create } from 'zustand';
import type { SampleRef } from '../../../core/ipc/insightContract';

export type InsightView = 'filters' | 'activations' | 'templates' | 'gradients' | 'predictions' | 'dataset';

/** Which run, view, node and sample the inside views show: UI state only, never in the document. */
type InsightState = {
  readonly runId: string | null;
  readonly view: InsightView;
  readonly nodeId: string | null;
  readonly sample: SampleRef;
  /** Shown over the editor instead of inside the short bottom panel. */
  readonly expanded: boolean;
};

export const useInsightStore = create<InsightState>()(() => ({
  runId: null,
  view: 'activations',
  nodeId: null,
  sample: { split: 'validation', index: 0 },
  expanded: false,
}));

/** A short stable key for a sample, for refetching when it changes (a dropped image by length and ends). */
export function sampleKey(sample: SampleRef): string {
  if ('png' in sample) return `png:${sample.png.length}:${sample.png.slice(0, 32)}:${sample.png.slice(-32)}`;
  return `${sample.split}:${sample.index}`;
}
