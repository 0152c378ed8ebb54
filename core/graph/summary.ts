import {
  activationBytesPerSample,
  activationValuesPerSample,
  estimateTrainingMemory,
  humanBytes,
  trainingActivationBytes,
} from '../training/memoryEstimate';
import { DEFAULT_SETTINGS, type OptimizerName } from '../training/settings';
import type { GraphDocument, NodeType } from './schema';
import { NODE_TITLES } from './defaults';
import { inferGraph } from './infer';
import type { GraphInference, Shape } from './infer';

export type SummaryRow = {
  nodeId: string;
  /** The label, or the id. */
  name: string;
  type: NodeType;
  title: string;
  shape: Shape | null;
  params: number;
  macs: number;
  /** One sample's output at inference (a composite: every layer inside it), float32 bytes. */
  activationBytes: number;
  /** What its outputs and their gradients take in one training step at the chosen batch. */
  stepActivationBytes: number;
};

/** The batch and optimizer the training-step figures are for. */
export type StepSettings = { batchSize: number; optimizer: OptimizerName };

export type Summary = {
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  totalMacs: number;
  step: StepSettings & {
    /** Every node's outputs and gradients at this batch. */
    activationBytes: number;
    /** Activations plus weights, gradients and optimizer state (the pre-flight estimate). */
    totalBytes: number;
  };
};

/**
 * One row per node in topological order (composites as one row), like
 * Keras's model.summary(), with each node's activation memory per sample and
 * in a training step at `step`'s batch (the training memory estimate's arithmetic).
 */
export function summarize(
  doc: GraphDocument,
  inference: GraphInference = inferGraph(doc),
  step: StepSettings = { batchSize: DEFAULT_SETTINGS.batchSize, optimizer: DEFAULT_SETTINGS.optimizer },
): Summary {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const activations = activationValuesPerSample(doc);
  const rows: SummaryRow[] = [];
  for (const id of inference.order) {
    const node = byId.get(id);
    const info = inference.nodes[id];
    if (!node || !info) continue;
    rows.push({
      nodeId: id,
      name: node.label ?? node.id,
      type: node.type,
      title: NODE_TITLES[node.type],
      shape: info.shape,
      params: info.params,
      macs: info.macs,
      activationBytes: activationBytesPerSample(activations.get(id) ?? 0),
      stepActivationBytes: trainingActivationBytes(activations.get(id) ?? 0, step.batchSize),
    });
  }
  const estimate = estimateTrainingMemory(doc, step);
  return {
    rows,
    totalParams: inference.totalParams,
    trainableParams: inference.trainableParams,
    totalMacs: inference.totalMacs,
    step: { ...step, activationBytes: estimate.activationBytes, totalBytes: estimate.totalBytes },
  };
}

/** A fixed-width text table with totals, as the CLI prints it. */
export function formatSummary(summary: Summary): string {
  const header = [
    'Layer (type)',
    'Output shape',
    'Params',
    'MACs',
    'Act/sample',
    `Train @${summary.step.batchSize}`,
  ];
  const body = summary.rows.map((r) => [
    `${r.name} (${r.title})`,
    formatShape(r.shape),
    formatInteger(r.params),
    r.macs === 0 ? '0' : formatCount(r.macs),
    humanBytes(r.activationBytes),
    humanBytes(r.stepActivationBytes),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('   ')
      .trimEnd();
  const total = widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1);
  const nonTrainable = summary.totalParams - summary.trainableParams;
  return [
    line(header),
    '═'.repeat(total),
    ...body.map(line),
    '═'.repeat(total),
    `Total params: ${formatInteger(summary.totalParams)} (${formatCount(summary.totalParams)})`,
    `Trainable params: ${formatInteger(summary.trainableParams)} (${formatCount(summary.trainableParams)})`,
    `Non-trainable params: ${formatInteger(nonTrainable)} (${formatCount(nonTrainable)})`,
    `Multiply-adds per example: ${formatCount(summary.totalMacs)}`,
    `Training step at batch ${summary.step.batchSize} (${summary.step.optimizer}): ~${humanBytes(summary.step.totalBytes)}, ` +
      `of which activations and their gradients ${humanBytes(summary.step.activationBytes)}`,
    '',
  ].join('\n');
}

/** 853018 → "853,018". */
export function formatInteger(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Short counts the way papers quote them: 850_000 → "0.85M", 61_706 →
 * "61.7k", 138_357_544 → "138.4M". Below 100k in thousands, then millions
 * (two decimals under 1M), then billions as "G".
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  const trim = (text: string) => text.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
  if (a < 1_000) return sign + String(Math.round(a));
  if (a < 100_000) return `${sign}${trim((a / 1_000).toFixed(1))}k`;
  if (a < 1_000_000) return `${sign}${trim((a / 1_000_000).toFixed(2))}M`;
  if (a < 999_950_000) return `${sign}${trim((a / 1_000_000).toFixed(1))}M`;
  return `${sign}${trim((a / 1_000_000_000).toFixed(1))}G`;
}

/** "28×28×1", "120" for a vector, "?" when unknown. */
export function formatShape(shape: Shape | null): string {
  if (!shape) return '?';
  return shape.join('×');
}
