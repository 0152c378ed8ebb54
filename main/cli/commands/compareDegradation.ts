import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { curvesFromEvents, TRAIN_ERROR_LABEL } from '../../../core/experiment/curves';
import { estimateExperiment, type ExperimentEstimate } from '../../../core/experiment/estimate';
import {
  BUDGET_PRESETS,
  EXPERIMENT_DEPTHS,
  MAX_SEEDS,
  planExperiment,
  type BudgetPreset,
  type ExperimentRequest,
} from '../../../core/experiment/plan';
import type { CifarDepth } from '../../../core/templates';
import { trainingEventSchema } from '../../../core/training/events';
import { createExperimentRunner, type ExperimentStatus } from '../../engine/experiment/experiments';
import { measureThroughput } from '../../engine/experiment/probe';
import { getRun } from '../../engine/experiment/runHistory';
import { taggedRuns } from '../../engine/experiment/taggedRuns';
import { createTrainingService } from '../../engine/train/service';
import { spawnNodeWorker } from '../../engine/train/spawn';
import { bandFigure, depthFigure } from '../../../core/experiment/figures';
import { degradationJson, degradationTable, netsOf } from './compareDegradationReport';
import { summarizeExperiment } from '../../../core/experiment/summary';

/**
 * `deepwire compare --degradation`: the one-click experiment of the UI from
 * the terminal (same plan, same orchestrator, runs tagged the same way), so
 * its runs show up in the app's run history and experiment view.
 */

export type DegradationArgs = ExperimentRequest & {
  out: string;
  json: boolean;
  /** Skip the speed probe that estimates the duration before training. */
  estimate: boolean;
  /** Continue this stopped experiment (its runs in `out`/runs) instead of starting one. */
  resume?: string;
};

/** `1,2,3` → [1, 2, 3], or a message naming the problem. */
export function parseSeeds(text: string): number[] | string {
  const seeds = text.split(',').map((s) => Number(s.trim()));
  if (seeds.length === 0 || seeds.length > MAX_SEEDS || !seeds.every((s) => Number.isInteger(s) && s >= 0))
    return `--seeds takes a comma list of 1–${MAX_SEEDS} whole numbers, e.g. 1,2,3`;
  if (new Set(seeds).size !== seeds.length) return '--seeds lists a seed twice';
  return seeds;
}

export function parseDegradationArgs(args: string[]): DegradationArgs | string {
  const request: DegradationArgs = {
    depths: [20, 56],
    dataset: 'shapes',
    preset: 'quick',
    out: 'degradation',
    json: false,
    estimate: true,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? args[++i] ?? '';
    if (flag === '--degradation') continue;
    if (flag === '--json') request.json = true;
    else if (flag === '--no-estimate') request.estimate = false;
    else if (flag === '--depths') {
      const depths = value().split(',').map(Number);
      if (depths.length === 0 || !depths.every((d) => EXPERIMENT_DEPTHS.includes(d as CifarDepth)))
        return `--depths takes a comma list of ${EXPERIMENT_DEPTHS.join('/')}`;
      request.depths = depths as CifarDepth[];
    } else if (flag === '--preset') {
      const preset = value();
      if (!(BUDGET_PRESETS as readonly string[]).includes(preset))
        return `--preset is ${BUDGET_PRESETS.join(', ')}`;
      request.preset = preset as BudgetPreset;
    } else if (flag === '--seeds') {
      const seeds = parseSeeds(value());
      if (typeof seeds === 'string') return seeds;
      request.seeds = seeds;
    } else if (flag === '--dataset') request.dataset = value();
    else if (flag === '--out') request.out = value();
    else if (flag === '--resume') request.resume = value();
    else if (flag === '--epochs' || flag === '--limit' || flag === '--seed') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) return `${flag} needs a positive whole number`;
      if (flag === '--epochs') request.epochs = n;
      else if (flag === '--limit') request.limit = n;
      else request.seeds = [n];
    } else return `unknown option for --degradation: '${arg}'`;
  }
  return request;
}

/** Every member's stored curves (seed runs of one net share a label), for the band figure. */
async function memberCurves(runsDir: string, status: ExperimentStatus) {
  const runs = [];
  for (const m of status.members) {
    if (!m.runId) continue;
    const run = await getRun(runsDir, m.runId).catch(() => null);
    if (!run) continue;
    const events = run.events.flatMap((e) => {
      const parsed = trainingEventSchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
    runs.push({ label: m.label, residual: m.residual, curves: curvesFromEvents(events) });
  }
  return runs;
}

export async function runDegradation(args: string[]): Promise<number> {
  const parsed = parseDegradationArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`deepwire compare: ${parsed}\n`);
    return 2;
  }
  const { out: outArg, json, estimate: wantEstimate, resume, ...request } = parsed;
  const out = resolve(outArg);
  const runsDir = join(out, 'runs');
  await mkdir(runsDir, { recursive: true });
  const service = createTrainingService({ runsDir, spawnWorker: () => spawnNodeWorker() });
  const runner = createExperimentRunner({ service, runsDir });
  const log = (text: string) => process.stderr.write(text);
  let experimentId: string | null = null;
  const interrupt = () => void (experimentId && runner.stop(experimentId));
  process.once('SIGINT', interrupt);
  const unsubscribe = service.onEvent(({ runId, event }) => {
    const e = event as { type?: string; epoch?: number; acc?: number | null };
    if (e.type !== 'epoch' || !experimentId) return;
    const member = runner.status(experimentId)?.members.find((m) => m.runId === runId);
    const err = typeof e.acc === 'number' ? `${((1 - e.acc) * 100).toFixed(1)}%` : '—';
    log(
      `  ${member ? `${member.label} seed ${member.seed}` : runId} epoch ${e.epoch ?? '?'}: ${TRAIN_ERROR_LABEL} ${err}\n`,
    );
  });
  try {
    let estimate: ExperimentEstimate | null = null;
    if (wantEstimate && !resume) {
      log(
        `Measuring this machine's speed (${request.preset} preset, a few batches of the deepest plain net)…\n`,
      );
      const members = planExperiment(request);
      estimate = estimateExperiment(members, await measureThroughput(service, members, runsDir));
      log(`Estimated time: ${estimate?.text ?? 'unknown (the dataset size is not known)'}\n`);
    }
    experimentId = resume
      ? (await runner.resume(resume, await taggedRuns(runsDir, resume))).experimentId
      : runner.start(request).experimentId;
    const status = await runner.finished(experimentId);
    if (!status) return 1;
    const summary = summarizeExperiment(netsOf(status.members));
    const curves = await memberCurves(runsDir, status);
    const title = `plain vs residual on ${status.request.dataset} (mean, min–max over seeds)`;
    await writeFile(join(out, 'experiment.svg'), bandFigure(curves, title));
    await writeFile(join(out, 'depth.svg'), depthFigure(status.members));
    const report = degradationJson({
      experimentId: status.experimentId,
      request: status.request,
      members: status.members,
      durationMs: status.durationMs,
      estimate,
    });
    await writeFile(join(out, 'experiment.json'), JSON.stringify({ ...report, status }, null, 2));
    if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      process.stdout.write(
        `Experiment ${status.experimentId} (${status.request.preset}, ${status.request.dataset}) in ` +
          `${((status.durationMs ?? 0) / 1000).toFixed(0)} s\n${degradationTable(status.members)}${summary}\n` +
          `Figures: ${join(out, 'experiment.svg')}, ${join(out, 'depth.svg')}\nRuns: ${runsDir}\n`,
      );
    }
    return status.members.every((m) => m.status === 'done') ? 0 : 1;
  } catch (error) {
    log(`deepwire compare: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    unsubscribe();
    process.off('SIGINT', interrupt);
    await service.dispose();
  }
}
