import { create } from 'zustand';
import { IDLE, type TrainingState } from '../../../core/training/state';
import { useTrainingStore } from './trainingStore';

/** Which graph (document id) each run this page started belongs to. */
const useRunGraphs = create<{ graphs: Readonly<Record<string, string>> }>()(() => ({ graphs: {} }));

export function noteRunGraph(runId: string, graphId: string | undefined): void {
  if (graphId === undefined) return;
  useRunGraphs.setState((s) => ({ graphs: { ...s.graphs, [runId]: graphId } }));
}

/**
 * The followed run when it is a run of the open graph, else none: after
 * opening another graph the Training tab must not offer the previous graph's
 * run as this one's.
 */
export function useRunOfGraph(graphId: string | undefined): { runId: string | null; run: TrainingState } {
  const runId = useTrainingStore((s) => s.runId);
  const run = useTrainingStore((s) => s.run);
  const owner = useRunGraphs((s) => (runId === null ? undefined : s.graphs[runId]));
  const own = runId !== null && graphId !== undefined && owner === graphId;
  return own ? { runId, run } : { runId: null, run: IDLE };
}
