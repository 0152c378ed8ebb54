import {
  BACKEND_CHOICES,
  OPTIMIZERS,
  type Schedule,
  type TrainingSettings,
} from '../../../core/training/settings';

export const TRAIN_USAGE = `Usage: deepwire train <graph.deepwire.json | template-id> [options]
       deepwire train --resume <run-id> [--out DIR] [--json]   continue a stopped or crashed run
  --dataset SPEC      digits | shapes | fashion-mnist[:dir] | mnist:dir | cifar10:dir | folder:dir | csv:file  (default digits)
  --epochs N          (default 3)
  --iterations N      stop after exactly N optimizer steps, the last epoch partial (at most --epochs)
  --batch-size N      (default 32)
  --lr X              learning rate (default 0.001)
  --optimizer NAME    ${OPTIMIZERS.join(' | ')}  (default adam)
  --seed N            (default 1)
  --backend NAME      ${BACKEND_CHOICES.join(' | ')}  (default auto)
  --limit N           train on the first N samples only
  --validation X      fraction held out for validation (default 0.1)
  --weight-decay X    L2 penalty on kernels (default 0)
  --schedule S        constant | cosine | step:EVERY:GAMMA (epochs) | multistep:M1,M2:GAMMA[:iter]
                      (e.g. multistep:32000,48000:0.1:iter divides the rate by 10 at those iterations)
  --warmup N          linear learning-rate warm-up over N epochs (default 0)
  --augment LIST      seeded augmentation, applied in this order: flip (mirror half the samples),
                      crop:N (pad with black by N px, crop back at random), shift:N (move up to N px,
                      the uncovered pixels 0 after normalisation, i.e. the mean colour); or none
  --out DIR           runs folder (default ./runs)
  --json              one JSON object per line (every epoch, then a summary)
`;

export interface TrainArgs {
  /** Empty when resuming. */
  graph: string;
  /** Continue this run (in `out`) from its last checkpoint instead of starting one. */
  resume?: string;
  out: string;
  json: boolean;
  /** Raw settings fields, validated later by parseSettings. */
  settings: Record<string, unknown>;
}

const NUMERIC: Record<string, string> = {
  '--epochs': 'epochs',
  '--iterations': 'maxIterations',
  '--batch-size': 'batchSize',
  '--lr': 'learningRate',
  '--seed': 'seed',
  '--limit': 'limit',
  '--validation': 'validationSplit',
  '--weight-decay': 'weightDecay',
  '--warmup': 'warmupEpochs',
};
const TEXT: Record<string, string> = {
  '--dataset': 'dataset',
  '--optimizer': 'optimizer',
  '--backend': 'backend',
};

/** `flip,crop:4,shift:2` → { flip: true, cropPadding: 4, shift: 2 }; `none` → null. */
export function parseAugment(text: string): TrainingSettings['augment'] | string {
  if (text === 'none') return null;
  const augment = { flip: false, cropPadding: 0, shift: 0 };
  for (const part of text.split(',')) {
    const [name, value, extra] = part.trim().split(':');
    const amount = /^\d+$/.test(value ?? '') && extra === undefined ? Number(value) : NaN;
    if (name === 'flip' && value === undefined) augment.flip = true;
    else if (name === 'crop' && amount <= 64) augment.cropPadding = amount;
    else if (name === 'shift' && amount <= 64) augment.shift = amount;
    else return `--augment takes flip, crop:N, shift:N (N ≤ 64) or none, got '${part}'`;
  }
  // Without a shift the settings read as they did before `shift` existed.
  const { shift, ...withoutShift } = augment;
  return shift > 0 ? augment : withoutShift;
}

/** `cosine`, `step:30:0.1`, `multistep:32000,48000:0.1:iter`; validated again by the settings schema. */
export function parseSchedule(text: string): Schedule | string {
  const [kind, a, b, c] = text.split(':');
  const usage = `--schedule takes constant, cosine, step:EVERY:GAMMA or multistep:M1,M2:GAMMA[:iter], got '${text}'`;
  if ((kind === 'constant' || kind === 'cosine') && a === undefined) return { kind };
  const numbers = (...texts: string[]) => texts.every((t) => t.trim() !== '' && Number.isFinite(Number(t)));
  if (kind === 'step' && a && b && c === undefined && numbers(a, b))
    return { kind, every: Number(a), gamma: Number(b) };
  if (
    kind === 'multistep' &&
    a &&
    b &&
    numbers(b, ...a.split(',')) &&
    (c === undefined || c === 'iter' || c === 'epoch')
  ) {
    return {
      kind,
      milestones: a.split(',').map(Number),
      gamma: Number(b),
      unit: c === 'iter' ? 'iteration' : 'epoch',
    };
  }
  return usage;
}

/** Returns the parsed arguments or a message naming the bad one. */
export function parseTrainArgs(args: string[]): TrainArgs | string {
  const settings: Record<string, unknown> = {};
  let graph: string | undefined;
  let out = 'runs';
  let json = false;
  let resume: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--json') json = true;
    else if (flag === '--resume') {
      const v = value();
      if (!v) return '--resume needs a run id';
      resume = v;
    } else if (flag === '--out') {
      const v = value();
      if (!v) return '--out needs a folder';
      out = v;
    } else if (flag && flag in NUMERIC) {
      const raw = value();
      const number = Number(raw);
      if (raw === undefined || raw === '' || !Number.isFinite(number))
        return `${flag} needs a number, got '${raw ?? ''}'`;
      settings[NUMERIC[flag]!] = number;
    } else if (flag === '--augment' || flag === '--schedule') {
      const v = value() ?? '';
      const parsed = flag === '--augment' ? parseAugment(v) : parseSchedule(v);
      if (typeof parsed === 'string') return parsed;
      settings[flag === '--augment' ? 'augment' : 'schedule'] = parsed;
    } else if (flag && flag in TEXT) {
      const v = value();
      if (!v) return `${flag} needs a value`;
      settings[TEXT[flag]!] = v;
    } else if (flag?.startsWith('-')) return `unknown option '${flag}'`;
    else if (graph === undefined) graph = arg;
    else return `unexpected argument '${arg}'`;
  }
  if (resume !== undefined) {
    if (graph !== undefined || Object.keys(settings).length > 0) {
      return '--resume takes the graph and settings from the run; give only --out and --json';
    }
    return { graph: '', resume, out, json, settings };
  }
  if (!graph) return 'missing the graph file (or a template id such as lenet5)';
  return { graph, out, json, settings };
}
