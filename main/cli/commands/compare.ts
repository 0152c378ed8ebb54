import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseDocument, parseJsonText } from '../../../core/graph/document';
import type { GraphDocument } from '../../../core/graph/schema';
import { summarize } from '../../../core/graph/summary';
import { analyzeGraph } from '../../../core/graph/validate';
import { parseSettings } from '../../../core/training/settings';
import { buildCifarNet, getTemplate, type CifarDepth } from '../../../core/templates';
import { CIFAR_DEPTHS } from '../../../core/templates/resnet';
import { runSequence, type SequenceItem } from '../../engine/experiment/sequence';
import { createTrainingService } from '../../engine/train/service';
import { spawnNodeWorker } from '../../engine/train/spawn';
import { parseSeeds, runDegradation } from './compareDegradation';
import { compareFigure, compareTable, seedTable } from './compareReport';
import { TRAIN_ERROR_KIND, TRAIN_ERROR_LABEL } from '../../../core/experiment/curves';
import { bandFigure } from '../../../core/experiment/figures';
import { PALETTE } from '../../../core/experiment/svgChart';
import { parseTrainArgs, TRAIN_USAGE } from './trainArgs';

export const COMPARE_USAGE = `Usage: deepwire compare <graph|template> <graph|template> … [train options] [--out DIR]
Trains each graph in turn on the same data with the same seed, prints a table
and writes DIR/compare.svg (running training error thin, validation error bold) and DIR/compare.json.
Train error is the running mean over each epoch's batches in training mode, not a pass after the epoch.
  --out DIR           where the figure, table and runs go (default ./compare)
  --width N           first-stage filters of plainN/resnetN templates (16 in the paper)
  --input HxWxC       input shape of plainN/resnetN templates (e.g. 28x28x1)
  --seeds 1,2,3       train every graph once per seed: the table gives mean ± std, the figure the
                      mean with a shaded min–max band
Or the degradation experiment (plain-N and ResNet-N, each once per seed, as in the app):
  deepwire compare --degradation [--depths 20,56] [--preset quick|standard|paper] [--seeds 1,2,3]
                   [--dataset D] [--epochs N] [--limit N] [--out DIR] [--json] [--no-estimate] [--resume EXP-ID]
  Prints the estimated time (a short speed probe of this machine) before training; --json prints one
  object with, per net, trainErr and valErr as { mean, std, values } in fractions, trainErrKind (how
  train error is counted) and the recipe.
Train options, as for deepwire train:
${TRAIN_USAGE.split('\n')
  .slice(1)
  .filter((l) => !l.includes('--out') && !l.includes('--json'))
  .join('\n')}`;

export type CompareArgs = {
  graphs: string[];
  out: string;
  width?: number;
  input?: { height: number; width: number; channels: number };
  /** One run per graph and seed; absent: one run with the settings' seed. */
  seeds?: number[];
  settings: Record<string, unknown>;
};

/** Flags of `deepwire train` that take no value; every other flag takes one. */
const TRAIN_SWITCHES = new Set(['--json']);

export function parseCompareArgs(args: string[]): CompareArgs | string {
  const graphs: string[] = [];
  const trainFlags: string[] = [];
  let out = 'compare';
  let width: number | undefined;
  let input: CompareArgs['input'];
  let seeds: number[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--out') {
      const v = value();
      if (!v) return '--out needs a folder';
      out = v;
    } else if (flag === '--width') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1 || v > 1024) return '--width needs a whole number 1–1024';
      width = v;
    } else if (flag === '--seeds') {
      const parsed = parseSeeds(value() ?? '');
      if (typeof parsed === 'string') return parsed;
      seeds = parsed;
    } else if (flag === '--input') {
      const match = /^(\d+)x(\d+)x(\d+)$/.exec(value() ?? '');
      if (!match) return '--input needs HxWxC, e.g. 28x28x1';
      input = { height: Number(match[1]), width: Number(match[2]), channels: Number(match[3]) };
    } else if (flag?.startsWith('-')) {
      trainFlags.push(arg);
      if (inline === undefined && !TRAIN_SWITCHES.has(arg)) trainFlags.push(args[++i] ?? '');
    } else graphs.push(arg);
  }
  if (graphs.length < 2) return 'compare needs at least two graphs or templates';
  const train = parseTrainArgs([graphs[0] ?? '', ...trainFlags]);
  if (typeof train === 'string') return train;
  return {
    graphs,
    out,
    settings: train.settings,
    ...(width ? { width } : {}),
    ...(input ? { input } : {}),
    ...(seeds ? { seeds } : {}),
  };
}

const emptyGraph: GraphDocument = { format: 'deepwire', version: 1, name: '', nodes: [], edges: [] };

/** A graph file, or a template id; plainN/resnetN honour --width and --input. */
async function loadGraph(spec: string, args: CompareArgs): Promise<GraphDocument | string> {
  const cifar = /^(plain|resnet)(\d+)$/.exec(spec);
  const depth = Number(cifar?.[2]);
  if (cifar && CIFAR_DEPTHS.includes(depth as CifarDepth) && (args.width || args.input)) {
    const residual = cifar[1] === 'resnet';
    return {
      ...buildCifarNet({
        depth: depth as CifarDepth,
        residual,
        ...(args.width ? { width: args.width } : {}),
        ...(args.input ? { input: args.input } : {}),
      }),
      name: spec,
    };
  }
  const template = getTemplate(spec);
  if (template) return { ...template.build(), name: spec };
  try {
    const parsed = parseDocument(parseJsonText(await readFile(spec, 'utf8')));
    return parsed.ok ? parsed.document : `${spec} is not a valid graph`;
  } catch (error) {
    return (error as { code?: string }).code === 'ENOENT'
      ? `no such file or template '${spec}'`
      : `cannot read ${spec}: ${(error as Error).message}`;
  }
}

/** `deepwire compare`: exit 0 when every run finished, 1 when any failed, 2 on bad arguments or graphs. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(COMPARE_USAGE);
    return 0;
  }
  if (args.includes('--degradation')) return runDegradation(args);
  const parsed = parseCompareArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`deepwire compare: ${parsed}\n${COMPARE_USAGE}`);
    return 2;
  }
  const settings = parseSettings(parsed.settings);
  if (!settings.ok) {
    process.stderr.write(`deepwire compare: ${settings.error}\n`);
    return 2;
  }
  const items: SequenceItem[] = [];
  for (const spec of parsed.graphs) {
    const doc = await loadGraph(spec, parsed);
    if (typeof doc === 'string') {
      process.stderr.write(`deepwire compare: ${doc}\n`);
      return 2;
    }
    const errors = analyzeGraph(doc).problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      process.stderr.write(
        `deepwire compare: ${spec} has ${errors.length} error(s): ${errors[0]?.message ?? ''}\n`,
      );
      return 2;
    }
    for (const seed of parsed.seeds ?? [settings.settings.seed]) {
      items.push({ label: spec, document: doc, settings: { ...settings.settings, seed } });
    }
  }
  const seedOf = (index: number) => items[index]?.settings.seed ?? settings.settings.seed;
  const out = resolve(parsed.out);
  await mkdir(out, { recursive: true });
  const service = createTrainingService({ runsDir: join(out, 'runs'), spawnWorker: () => spawnNodeWorker() });
  let stopping = false;
  let currentRun: string | null = null;
  const interrupt = () => {
    stopping = true;
    if (currentRun) void service.handle('training.stop', { runId: currentRun }).catch(() => undefined);
  };
  process.once('SIGINT', interrupt);
  const started = Date.now();
  try {
    const states = await runSequence(service, items, {
      cancelled: () => stopping,
      onStarted: async (index, runId) => {
        currentRun = runId;
        process.stderr.write(
          `[${index + 1}/${items.length}] ${items[index]?.label ?? ''} seed ${seedOf(index)}: run ${runId}\n`,
        );
      },
      onEvent: (index, event) => {
        if (event.type === 'epoch') {
          const err = event.acc === null ? '—' : `${((1 - event.acc) * 100).toFixed(1)}%`;
          process.stderr.write(
            `  ${items[index]?.label ?? ''} epoch ${event.epoch}: ${TRAIN_ERROR_LABEL} ${err}\n`,
          );
        }
      },
    });
    const rows = states.map((state, i) => {
      const summary = summarize(items[i]?.document ?? emptyGraph);
      return { state, params: summary.totalParams, macs: summary.totalMacs };
    });
    const seeded = (parsed.seeds?.length ?? 1) > 1;
    const table = seeded
      ? seedTable(rows.map((row, i) => ({ ...row, seed: seedOf(i) })))
      : compareTable(rows);
    process.stdout.write(table);
    const title = `${parsed.graphs.join(' vs ')} on ${settings.settings.dataset}`;
    const figure = seeded
      ? bandFigure(
          states.map((s) => ({ label: s.label, residual: false, curves: s.curves })),
          `${title} (mean, min–max over seeds)`,
          (_label, index) => PALETTE[index % PALETTE.length] ?? '#333',
        )
      : compareFigure(rows, title);
    await writeFile(join(out, 'compare.svg'), figure);
    await writeFile(join(out, 'compare.txt'), table);
    await writeFile(
      join(out, 'compare.json'),
      JSON.stringify(
        {
          settings: settings.settings,
          trainErrKind: TRAIN_ERROR_KIND,
          totalMs: Date.now() - started,
          runs: states,
        },
        null,
        2,
      ),
    );
    process.stdout.write(
      `Figure: ${join(out, 'compare.svg')} (total ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    return states.every((s) => s.status === 'done') ? 0 : 1;
  } finally {
    process.off('SIGINT', interrupt);
    await service.dispose();
  }
}
