import type { CompiledGraph } from '../compile';
import { createPredictor, type EngineChoice, type Predictor } from '../infer/engine';
import type { LoadedRun } from './loadRun';

/**
 * One predictor per loaded model, for the last few models: the engine check
 * (an ONNX build, the equality check, a timing of both engines) runs once
 * per model, and an evicted model's onnxruntime sessions are released.
 */
const predictors = new Map<CompiledGraph, Promise<Predictor>>();
const KEEP = 3;

export function predictorFor(run: LoadedRun): Promise<Predictor> {
  const hit = predictors.get(run.compiled);
  if (hit) return hit;
  const created = createPredictor(run.compiled, run.document);
  created.catch(() => predictors.delete(run.compiled));
  predictors.set(run.compiled, created);
  while (predictors.size > KEEP) {
    const [oldest, entry] = predictors.entries().next().value ?? [];
    if (oldest === undefined || !entry) break;
    predictors.delete(oldest);
    void entry.then(
      (p) => p.release(),
      () => undefined,
    );
  }
  return created;
}

/** Which engine runs this run's forward passes, and why. */
export async function inferenceEngineOf(run: LoadedRun): Promise<EngineChoice> {
  return (await predictorFor(run)).choice;
}
