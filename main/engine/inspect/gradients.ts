import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallResponse } from '../../../core/ipc/contract';
import { JSON_SIZE_LIMITS, parseJsonCapped } from '../../../core/json/safeJson';
import { gradNormsEvent } from '../../../core/training/events';
import { RUN_FILES } from '../train/runFolder';

const MAX_STEPS = 4096;

/**
 * The gradNorms history of a run from its metrics.jsonl, as a layer × step
 * table. Layers keep the order they first appear in (the net's order); a
 * long history is thinned evenly so the table stays bounded.
 */
export async function readGradientHistory(
  runDir: string,
  runId: string,
): Promise<CallResponse<'runs.gradients'>> {
  const text = await readFile(join(runDir, RUN_FILES.metrics), 'utf8').catch(() => '');
  const events: { step: number; layers: { nodeId: string; norm: number | null }[] }[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"gradNorms"')) continue;
    try {
      const event = parseJsonCapped(line, RUN_FILES.metrics, { maxLength: JSON_SIZE_LIMITS.metricsLine });
      const parsed = gradNormsEvent.safeParse(event);
      if (parsed.success) events.push(parsed.data);
    } catch {
      // A torn last line of a running or crashed run: skip it.
    }
  }
  const stride = Math.max(1, Math.ceil(events.length / MAX_STEPS));
  const kept = events.filter((_, i) => i % stride === 0);
  const layers: string[] = [];
  const row = new Map<string, number>();
  for (const event of kept) {
    for (const layer of event.layers) {
      if (!row.has(layer.nodeId)) {
        row.set(layer.nodeId, layers.length);
        layers.push(layer.nodeId);
      }
    }
  }
  const norms = layers.map(() => new Array<number | null>(kept.length).fill(null));
  kept.forEach((event, column) => {
    for (const layer of event.layers) {
      const target = norms[row.get(layer.nodeId) ?? -1];
      if (target) target[column] = layer.norm !== null && Number.isFinite(layer.norm) ? layer.norm : null;
    }
  });
  return { runId, steps: kept.map((e) => e.step), layers, norms };
}
