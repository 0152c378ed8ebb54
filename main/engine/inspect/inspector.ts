import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallRequest, CallResponse } from '../../../core/ipc/contract';
import type { insightCalls, InspectableNode } from '../../../core/ipc/insightContract';
import { initBackend } from '../backends';
import { computeActivations, normaliseInput } from './activations';
import { confusionCell, evaluateRun, predictDropped } from './evaluate';
import { camOverlayPng } from './camPicture';
import { gradCam } from './gradcam';
import { readGradientHistory } from './gradients';
import { InspectError, loadRun, shapesOf, type LoadedRun } from './loadRun';
import { decodeImageBase64, encodePngBase64 } from './png';
import { convStages } from './stages';
import { datasetPreview, datasetSample, DatasetCache, runSplit, sampleBytes } from './samples';
import { extractFilters, extractTemplates, hasConvKernel, templateImageShape } from './weights';
import { RUN_FILES } from '../train/runFolder';

export type InsightChannel = keyof typeof insightCalls;

/** What crosses to the inspection process: the call, plus the run folder the host resolved. */
export interface InspectJob<C extends InsightChannel = InsightChannel> {
  channel: C;
  request: CallRequest<C>;
  runDir?: string;
  /**
   * The run's dataset spec as the host confined it; used instead of the one in
   * the run folder, which the page may have edited.
   */
  dataset?: string;
}

export interface Inspector {
  run<C extends InsightChannel>(job: InspectJob<C>): Promise<CallResponse<C>>;
  dispose(): void;
}

function describeNodes(run: LoadedRun): InspectableNode[] {
  const shapes = shapesOf(run.document);
  const stages = new Set(convStages(run.document, run.expanded).values());
  return run.document.nodes.map((node) => ({
    id: node.id,
    type: node.type,
    ...(node.label ? { label: node.label } : {}),
    shape: shapes.get(node.id) ?? null,
    hasFilters: node.type === 'conv2d' && hasConvKernel(run, node.id),
    hasTemplates: templateImageShape(run, node.id) !== null,
    isStage: stages.has(node.id),
  }));
}

/**
 * The inspection engine, in whatever process runs it: keeps the last runs'
 * rebuilt models and the last datasets, so clicking through nodes and
 * samples does not reload them. A run is reloaded when its final model
 * appears or changes (a run inspected while still training).
 */
export function createInspector(opts: { cacheDir?: string } = {}): Inspector {
  const datasets = new DatasetCache(opts.cacheDir);
  const runs = new Map<string, { stamp: string; run: Promise<LoadedRun> }>();
  let backendReady: Promise<unknown> | null = null;

  /** The run, reading the host's confined dataset spec (when given) instead of the stored one. */
  async function withData(runDir: string, dataset: string | undefined): Promise<LoadedRun> {
    const run = await loaded(runDir);
    return dataset === undefined ? run : { ...run, settings: { ...run.settings, dataset } };
  }

  async function loaded(runDir: string): Promise<LoadedRun> {
    backendReady ??= initBackend({ force: 'cpu' });
    await backendReady;
    const stamp = await stat(join(runDir, RUN_FILES.model, 'weights.bin')).then(
      (s) => `${s.mtimeMs}:${s.size}`,
      () => 'untrained',
    );
    const cached = runs.get(runDir);
    if (cached && cached.stamp === stamp) return cached.run;
    if (cached)
      void cached.run.then(
        (r) => r.compiled.model.dispose(),
        () => undefined,
      );
    const run = loadRun(runDir);
    runs.set(runDir, { stamp, run });
    run.catch(() => runs.delete(runDir));
    while (runs.size > 2) {
      const [oldest, entry] = runs.entries().next().value ?? [];
      if (oldest === undefined || !entry) break;
      runs.delete(oldest);
      void entry.run.then(
        (r) => r.compiled.model.dispose(),
        () => undefined,
      );
    }
    return run;
  }

  async function sampleInput(
    run: LoadedRun,
    sample: CallRequest<'runs.activations'>['sample'],
  ): Promise<{ pixels: Uint8Array; label: number | null; className: string | null }> {
    if ('png' in sample)
      return { pixels: decodeImageBase64(sample.png, run.inputShape), label: null, className: null };
    const { samples, classes } = await runSplit(datasets, run, sample.split);
    const label = samples.labels[sample.index] ?? null;
    return {
      pixels: sampleBytes(samples, sample.index),
      label,
      className: label === null ? null : (classes[label] ?? null),
    };
  }

  const handlers: { [C in InsightChannel]: (job: InspectJob<C>) => Promise<CallResponse<C>> } = {
    'dataset.preview': ({ request }) => datasetPreview(datasets, request.spec, request.perClass),
    'dataset.sample': ({ request }) => datasetSample(datasets, request.spec, request.split, request.index),
    'runs.inspectable': async ({ request, runDir }) => {
      const run = await loaded(need(runDir));
      return {
        runId: request.runId,
        name: run.document.name,
        dataset: run.settings.dataset,
        classes: run.norm.classes,
        inputShape: run.inputShape,
        nodes: describeNodes(run),
      };
    },
    'runs.filters': async ({ request, runDir }) => extractFilters(await loaded(need(runDir)), request.nodeId),
    'runs.templates': async ({ request, runDir }) =>
      extractTemplates(await loaded(need(runDir)), request.nodeId),
    'runs.activations': async ({ request, runDir, dataset }) => {
      const run = await withData(need(runDir), dataset);
      const input = await sampleInput(run, request.sample);
      const { maps, probs } = await computeActivations(
        run,
        normaliseInput(run, input.pixels),
        request.nodeIds,
      );
      return {
        input: {
          png: encodePngBase64(input.pixels, run.inputShape),
          label: input.label,
          className: input.className,
        },
        probs,
        maps,
      };
    },
    'runs.evaluate': async ({ request, runDir, dataset }) =>
      evaluateRun(datasets, await withData(need(runDir), dataset), {
        limit: request.limit,
        ...(request.split ? { split: request.split } : {}),
        ...(request.gallery !== undefined ? { gallery: request.gallery } : {}),
      }),
    'runs.confusionCell': async ({ request, runDir, dataset }) =>
      confusionCell(datasets, await withData(need(runDir), dataset), request),
    'runs.gradCam': async ({ request, runDir, dataset }) => {
      const run = await withData(need(runDir), dataset);
      const input = await sampleInput(run, request.sample);
      const cam = await gradCam(run, normaliseInput(run, input.pixels), request);
      return {
        ...cam,
        overlay: camOverlayPng(input.pixels, run.inputShape, cam).toString('base64'),
        input: {
          png: encodePngBase64(input.pixels, run.inputShape),
          label: input.label,
          className: input.className,
          shape: run.inputShape,
        },
        classes: Array.from({ length: cam.probs.length }, (_, i) => run.norm.classes[i] ?? String(i)),
      };
    },
    'runs.predict': async ({ request, runDir }) => predictDropped(await loaded(need(runDir)), request.png),
    'runs.gradients': async ({ request, runDir }) => readGradientHistory(need(runDir), request.runId),
  };

  return {
    run: <C extends InsightChannel>(job: InspectJob<C>) => {
      // The map is keyed by channel, so this handler takes exactly this channel's job.
      const handler = handlers[job.channel] as unknown as (job: InspectJob<C>) => Promise<CallResponse<C>>;
      return handler(job);
    },
    dispose: () => {
      for (const entry of runs.values())
        void entry.run.then(
          (r) => r.compiled.model.dispose(),
          () => undefined,
        );
      runs.clear();
    },
  };
}

function need(runDir: string | undefined): string {
  if (!runDir) throw new InspectError('bad-request', 'this call needs a run', 'runId');
  return runDir;
}
