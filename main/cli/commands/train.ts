import { readFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument, parseJsonText } from '../../../core/graph/document';
import type { GraphDocument } from '../../../core/graph/schema';
import { JSON_SIZE_LIMITS, parseJsonCapped } from '../../../core/json/safeJson';
import { analyzeGraph } from '../../../core/graph/validate';
import type { TrainingEvent } from '../../../core/training/events';
import { estimateTrainingMemory, memoryRefusal } from '../../../core/training/memoryEstimate';
import { parseSettings, type TrainingSettings } from '../../../core/training/settings';
import { getTemplate } from '../../../core/templates';
import { WARNING_MARK } from '../../engine/backends/report';
import { createTrainingService } from '../../engine/train/service';
import { spawnNodeWorker } from '../../engine/train/spawn';
import type { TrainingService } from '../../services/training';
import { parseTrainArgs, TRAIN_USAGE, type TrainArgs } from './trainArgs';
import { epochLine, epochText, progressBar, summaryLine, summaryText } from './trainOutput';

/** A graph file, or a built-in template id (`lenet5`, `resnet20`, …). */
async function loadGraph(spec: string): Promise<GraphDocument | string> {
  let raw: unknown;
  try {
    raw = parseJsonText(await readFile(spec, 'utf8'));
  } catch (error) {
    const template = getTemplate(spec);
    if (template) return template.build();
    const code = (error as { code?: string }).code;
    return code === 'ENOENT'
      ? `no such file or template '${spec}'`
      : `cannot read ${spec}: ${(error as Error).message}`;
  }
  const parsed = parseDocument(raw);
  if (!parsed.ok) return `${spec} is not a valid graph: ${JSON.stringify(parsed.error)}`;
  return parsed.document;
}

/** The errors that block training, one line each with the node they belong to. */
export function graphErrors(doc: GraphDocument): string[] {
  return analyzeGraph(doc)
    .problems.filter((p) => p.severity === 'error')
    .map(
      (p) => `  ${p.nodeId ? `node '${p.nodeId}'` : p.edgeId ? `edge '${p.edgeId}'` : 'graph'}: ${p.message}`,
    );
}

/** Refuses, before any process starts, a model whose weights alone exceed this machine's memory. */
export function memoryPreflight(
  doc: GraphDocument,
  settings: TrainingSettings,
  totalMemoryBytes = totalmem(),
): string | null {
  return memoryRefusal(estimateTrainingMemory(doc, settings), totalMemoryBytes)?.message ?? null;
}

/** `deepwire train`: exit 0 when the run finished, 1 on a training failure, 2 on bad arguments or graph. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(TRAIN_USAGE);
    return 0;
  }
  const parsed = parseTrainArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`deepwire train: ${parsed}\n${TRAIN_USAGE}`);
    return 2;
  }
  const runsDir = resolve(parsed.out);
  const resumeId = parsed.resume;
  if (resumeId !== undefined) {
    const saved = await readFile(join(runsDir, resumeId, 'settings.json'), 'utf8')
      .then((text) =>
        parseSettings(parseJsonCapped(text, 'settings.json', { maxLength: JSON_SIZE_LIMITS.runFile })),
      )
      .catch(() => null);
    if (!saved?.ok) {
      process.stderr.write(`deepwire train: no resumable run '${resumeId}' in ${runsDir}\n`);
      return 2;
    }
    return follow(parsed, runsDir, saved.settings.epochs, (service) =>
      service.handle('training.resumeRun', { runId: resumeId }),
    );
  }
  const graph = await loadGraph(parsed.graph);
  if (typeof graph === 'string') {
    process.stderr.write(`deepwire train: ${graph}\n`);
    return 2;
  }
  const errors = graphErrors(graph);
  if (errors.length > 0) {
    process.stderr.write(`deepwire train: the graph has ${errors.length} error(s):\n${errors.join('\n')}\n`);
    return 2;
  }
  const settings = parseSettings(parsed.settings);
  if (!settings.ok) {
    process.stderr.write(`deepwire train: ${settings.error}\n`);
    return 2;
  }
  const tooLarge = memoryPreflight(graph, settings.settings);
  if (tooLarge) {
    process.stderr.write(`deepwire train: ${tooLarge}\n`);
    return 2;
  }
  return follow(parsed, runsDir, settings.settings.epochs, (service) =>
    service.handle('training.start', { document: graph, settings: settings.settings }),
  );
}

/** Starts (or resumes) one run in its own process and prints its stream until it ends. */
async function follow(
  parsed: TrainArgs,
  runsDir: string,
  epochs: number,
  begin: (service: TrainingService) => Promise<{ runId: string }>,
): Promise<number> {
  const service = createTrainingService({ runsDir, spawnWorker: () => spawnNodeWorker() });
  const tty = !parsed.json && process.stdout.isTTY === true;
  let runId = '';
  let backend = '';
  const finished = new Promise<TrainingEvent>((resolveEnd) => {
    service.onEvent(({ runId: id, event: raw }) => {
      if (id !== runId) return;
      const event = raw as TrainingEvent;
      if (event.type === 'batch' && tty) process.stdout.write(`\r\x1b[2K${progressBar(event, epochs)}`);
      if (event.type === 'status' && event.backend) backend = event.backend;
      if (event.type === 'status' && event.backendReport) {
        // --json keeps stdout to JSON lines, but a warning (e.g. a software GPU) still reaches stderr.
        const lines = event.backendReport.split('\n');
        const shown = parsed.json ? lines.filter((l) => l.startsWith(WARNING_MARK)) : lines;
        if (shown.length > 0) process.stderr.write(`${shown.join('\n')}\n`);
      }
      if (event.type === 'epoch') {
        if (parsed.json) process.stdout.write(`${epochLine(event, backend)}\n`);
        else process.stdout.write(`${tty ? '\r\x1b[2K' : ''}${epochText(event)}\n`);
      }
      if (event.type === 'done' || event.type === 'failed') resolveEnd(event);
      if (event.type === 'status' && event.phase === 'stopped') resolveEnd(event);
    });
  });
  const interrupt = () => void service.handle('training.stop', { runId }).catch(() => undefined);
  process.once('SIGINT', interrupt);
  try {
    try {
      runId = (await begin(service)).runId;
    } catch (error) {
      // The service refused before starting anything (e.g. a run with no checkpoint to resume).
      process.stderr.write(`deepwire train: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const end = await finished;
    if (end.type === 'done') {
      // The service names run folders relative to the workspace (for the page); the terminal gets the full path.
      const summary = { ...end.summary, runDir: join(runsDir, runId) };
      process.stdout.write(parsed.json ? `${summaryLine(runId, summary)}\n` : summaryText(runId, summary));
      return 0;
    }
    if (end.type === 'failed') {
      const where = end.nodeId ? ` (node '${end.nodeId}')` : '';
      process.stderr.write(`${tty ? '\n' : ''}deepwire train: ${end.reason}${where} [${end.code}]\n`);
      return 1;
    }
    process.stderr.write(
      `deepwire train: stopped; continue with: deepwire train --resume ${runId} --out ${runsDir}\n`,
    );
    return 130;
  } finally {
    process.off('SIGINT', interrupt);
    await service.dispose();
  }
}
