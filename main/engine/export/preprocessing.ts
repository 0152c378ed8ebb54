import { z } from 'zod';
import { parseJsonCapped } from '../../../core/json/safeJson';
import type { Normalisation } from '../train/runFolder';

/**
 * What a model expects of a picture, carried inside every export so that a
 * model used outside Deepwire (or imported back) sees the pixels it was
 * trained on: decode → composite alpha over black → bilinear resize to
 * `inputShape` → channels (gray takes the red channel of a gray picture, RGB
 * in that order) → `(byte / 255 − mean[c]) / std[c]`, NHWC float32.
 */
export const PREPROCESSING_FORMAT = 'deepwire-preprocessing';
/** The file written beside the weights (Keras, PyTorch, bundle) and looked for beside an imported file. */
export const PREPROCESSING_FILE = 'preprocessing.json';
/** ONNX metadata_props key, TF.js userDefinedMetadata and Keras metadata.json key. */
export const PREPROCESSING_KEY = 'deepwire.preprocessing';

const MAX_CLASSES = 100_000;
const side = z.number().int().min(1).max(65_536);
const perChannel = z.array(z.number().finite()).min(1).max(4);

export const preprocessingSchema = z.object({
  format: z.literal(PREPROCESSING_FORMAT),
  version: z.literal(1),
  inputShape: z.tuple([side, side, z.union([z.literal(1), z.literal(3)])]),
  layout: z.literal('NHWC'),
  channelOrder: z.enum(['gray', 'RGB']),
  /** Bytes are divided by this before the mean is taken off. */
  pixelScale: z.literal(255),
  mean: perChannel,
  std: perChannel,
  resize: z.literal('bilinear-half-pixel'),
  alpha: z.literal('composite-over-black'),
  classes: z.array(z.string().max(256)).min(1).max(MAX_CLASSES),
});
export type Preprocessing = z.infer<typeof preprocessingSchema>;

/** The metadata of a run, from its normalisation.json; null for inputs a picture cannot feed (not 1 or 3 channels). */
export function preprocessingOf(norm: Normalisation): Preprocessing | null {
  const [h, w, c] = norm.inputShape;
  if (c !== 1 && c !== 3) return null;
  const parsed = preprocessingSchema.safeParse({
    format: PREPROCESSING_FORMAT,
    version: 1,
    inputShape: [h, w, c],
    layout: 'NHWC',
    channelOrder: c === 1 ? 'gray' : 'RGB',
    pixelScale: 255,
    mean: norm.mean,
    std: norm.std,
    resize: 'bilinear-half-pixel',
    alpha: 'composite-over-black',
    classes: norm.classes,
  });
  return parsed.success ? parsed.data : null;
}

export function normalisationOf(p: Preprocessing): Normalisation {
  return { inputShape: p.inputShape, mean: p.mean, std: p.std, classes: p.classes };
}

/** A JSON text or an already parsed value → the metadata, or why it is not usable (never quoting the value). */
export function readPreprocessing(
  raw: unknown,
): { ok: true; value: Preprocessing } | { ok: false; why: string } {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = parseJsonCapped(raw, 'the preprocessing metadata', { maxLength: 4 * 1024 * 1024 });
    } catch {
      return { ok: false, why: 'it is not valid JSON' };
    }
  }
  const parsed = preprocessingSchema.safeParse(value);
  if (parsed.success) {
    const { inputShape, mean, std } = parsed.data;
    if (mean.length !== inputShape[2] || std.length !== inputShape[2])
      return { ok: false, why: `mean and std need ${inputShape[2]} values, one per channel` };
    return { ok: true, value: parsed.data };
  }
  const issue = parsed.error.issues[0];
  return { ok: false, why: `field '${issue?.path.join('.') ?? ''}' is missing or invalid` };
}

/** One readable line, for READMEs and import notes. */
export function describePreprocessing(p: Preprocessing): string {
  const [h, w, c] = p.inputShape;
  const list = (xs: number[]) => xs.map((x) => x.toPrecision(4)).join(', ');
  return `${h}×${w}×${c} ${p.channelOrder}, (pixel/255 − [${list(p.mean)}]) / [${list(p.std)}], ${p.classes.length} classes`;
}
