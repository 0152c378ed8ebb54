import { summarize } from '../graph/summary';
import { trainSamplesPerEpoch, type ExperimentMember } from './plan';

/**
 * How long an experiment will take on this machine, before it starts:
 * measured training speed (images per second of a probe net, turned into
 * multiply-accumulates per second) times the experiment's work.
 */

export type Throughput = {
  /** Training multiply-accumulates per second: img/s of the probe × its forward MACs per image. */
  macsPerSec: number;
  imgPerSec: number;
  backend: string;
  /** The net that was measured, e.g. `plain-56`. */
  probe: string;
  /** Seconds a run spends outside its training steps (process start, compile, data loading), measured by the probe. */
  setupSec: number;
};

export type ExperimentEstimate = {
  seconds: number;
  runs: number;
  backend: string;
  /** `≈ 4 min 10 s on tensorflow (plain-56 measured at 812 img/s; 12 runs)`. */
  text: string;
};

/** Validation is a forward pass only: about a third of a training step's cost per image. */
const FORWARD_SHARE = 1 / 3;

/** Forward MACs of every training and validation image over all epochs of every member; null when a size is unknown. */
export function experimentWork(members: readonly ExperimentMember[]): number | null {
  let total = 0;
  // Seeds of one net share its document: infer each graph once.
  const macsOf = new Map<ExperimentMember['document'], number>();
  for (const m of members) {
    const split = m.settings.validationSplit ?? 0;
    const train = trainSamplesPerEpoch(m.settings.dataset ?? '', m.settings.limit, split);
    if (train === undefined) return null;
    const validation = split > 0 ? (train * split) / (1 - split) : 0;
    const macs = macsOf.get(m.document) ?? summarize(m.document).totalMacs;
    macsOf.set(m.document, macs);
    total += (m.settings.epochs ?? 1) * macs * (train + validation * FORWARD_SHARE);
  }
  return total;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${s % 60} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

export function estimateExperiment(
  members: readonly ExperimentMember[],
  speed: Throughput,
): ExperimentEstimate | null {
  const work = experimentWork(members);
  if (work === null || !(speed.macsPerSec > 0)) return null;
  const seconds = work / speed.macsPerSec + members.length * speed.setupSec;
  return {
    seconds,
    runs: members.length,
    backend: speed.backend,
    text:
      `≈ ${formatDuration(seconds)} on ${speed.backend} (${speed.probe} measured at ` +
      `${Math.round(speed.imgPerSec)} img/s and ${Math.round(speed.setupSec)} s set-up a run; ${members.length} runs)`,
  };
}
