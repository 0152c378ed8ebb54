import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXPERIMENT_DEPTHS, type BudgetPreset, type ExperimentRequest } from '../../../core/experiment/plan';
import { errorByDepth, summarizeExperiment } from '../../../core/experiment/summary';
import { renderLineChartSvg } from '../../../core/experiment/svgChart';
import type { CifarDepth } from '../../../core/templates';
import { createExperimentRunner } from '../../engine/experiment/experiments';
import { createTrainingService } from '../../engine/train/service';
import { spawnNodeWorker } from '../../engine/train/spawn';

/**
 * `deepwire compare --degradation`: the one-click experiment of the UI from
 * the terminal (same plan, same orchestrator, runs tagged the same way), so
 * its runs show up in the app's run history and experiment view.
 */

export type DegradationArgs = ExperimentRequest & { out: string };

export function parseDegradationArgs(args: string[]): DegradationArgs | string {
  const request: DegradationArgs = {
    depths: [20, 56],
    dataset: 'shapes',
    epochs: 3,
    preset: 'quick',
    out: 'degradation',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? args[++i] ?? '';
    if (flag === '--degradation') continue;
    if (flag === '--depths') {
      const depths = value().split(',').map(Number);
      if (depths.length === 0 || !depths.every((d) => EXPERIMENT_DEPTHS.includes(d as CifarDepth)))
        return `--depths takes a comma list of ${EXPERIMENT_DEPTHS.join('/')}`;
      request.depths = depths as CifarDepth[];
    } else if (flag === '--preset') {
      const preset = value();
      if (preset !== 'quick' && preset !== 'paper') return '--preset is quick or paper';
      request.preset = preset as BudgetPreset;
    } else if (flag === '--dataset') request.dataset = value();
    else if (flag === '--out') request.out = value();
    else if (flag === '--epochs' || flag === '--limit' || flag === '--seed') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) return `${flag} needs a positive whole number`;
      if (flag === '--epochs') request.epochs = n;
      else if (flag === '--limit') request.limit = n;
      else request.seed = n;
    } else return `unknown option for --degradation: '${arg}'`;
  }
  return request;
}

export async function runDegradation(args: string[]): Promise<number> {
  const parsed = parseDegradationArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`deepwire compare: ${parsed}\n`);
    return 2;
  }
  const { out: outArg, ...request } = parsed;
  const out = resolve(outArg);
  const runsDir = join(out, 'runs');
  await mkdir(runsDir, { recursive: true });
  const service = createTrainingService({ runsDir, spawnWorker: () => spawnNodeWorker() });
  const runner = createExperimentRunner({ service, runsDir });
  const { experimentId } = runner.start(request);
  const interrupt = () => void runner.stop(experimentId);
  process.once('SIGINT', interrupt);
  const unsubscribe = service.onEvent(({ runId, event }) => {
    const e = event as { type?: string; epoch?: number; acc?: number | null };
    if (e.type !== 'epoch') return;
    const member = runner.status(experimentId)?.members.find((m) => m.runId === runId);
    const err = typeof e.acc === 'number' ? `${((1 - e.acc) * 100).toFixed(1)}%` : '—';
    process.stderr.write(`  ${member?.label ?? runId} epoch ${e.epoch ?? '?'}: train err ${err}\n`);
  });
  try {
    const status = await runner.finished(experimentId);
    if (!status) return 1;
    const lines = status.members.map(
      (m) =>
        `${m.label.padEnd(11)} train err ${m.trainError === null ? '—' : `${(m.trainError * 100).toFixed(1)}%`}  val err ${m.valError === null ? '—' : `${(m.valError * 100).toFixed(1)}%`}  ${m.status}${m.failure ? `: ${m.failure}` : ''}`,
    );
    const summary = summarizeExperiment(status.members);
    const byDepth = errorByDepth(status.members);
    const depthSvg = renderLineChartSvg(
      [
        {
          label: 'plain',
          color: '#d62728',
          width: 2.5,
          points: byDepth.depths.map((x, i) => ({ x, y: byDepth.plain[i] ?? null })),
        },
        {
          label: 'residual',
          color: '#1f77b4',
          width: 2.5,
          points: byDepth.depths.map((x, i) => ({ x, y: byDepth.residual[i] ?? null })),
        },
      ],
      { title: 'Final training error by depth', xLabel: 'layers', yLabel: 'training error', percentY: true },
    );
    await writeFile(join(out, 'depth.svg'), depthSvg);
    await writeFile(join(out, 'experiment.json'), JSON.stringify({ ...status, summary }, null, 2));
    process.stdout.write(
      `Experiment ${experimentId} (${request.preset}, ${request.dataset}, ${request.epochs} epoch(s)) in ${((status.durationMs ?? 0) / 1000).toFixed(0)} s\n${lines.join('\n')}\n${summary}\nRuns: ${runsDir}\n`,
    );
    return status.members.every((m) => m.status === 'done') ? 0 : 1;
  } finally {
    unsubscribe();
    process.off('SIGINT', interrupt);
    await service.dispose();
  }
}
