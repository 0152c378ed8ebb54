import { z } from 'zod';
import { LIMITS } from '../graph/schema';

/**
 * Channels of the "inside the network" views: filters, activation maps,
 * weight templates, evaluation, prediction, gradient flow and the dataset
 * preview. Spread into `calls` in contract.ts. Every array and string is
 * capped so a huge model or image can never produce an unbounded message:
 * pictures cross as base64 PNG, tensors as flat float arrays with their shape.
 */

/** Floats in one tensor payload (4 MiB of float32, ~10 MiB of JSON). */
export const MAX_FLOATS = 1_048_576;
/** A dropped image: 5 MB of PNG/JPEG bytes as base64. */
export const MAX_IMAGE_BASE64 = Math.ceil((5 * 1024 * 1024 * 4) / 3) + 4;
export const MAX_ACTIVATION_NODES = 32;
export const MAX_GALLERY = 24;
export const MAX_EVALUATE = 10_000;
/** Thumbnails per page of a confusion cell. */
export const MAX_CELL_PAGE = 48;

const runId = z.string().min(1).max(128);
const nodeId = z.string().min(1).max(LIMITS.maxIdLength);
const datasetSpec = z.string().min(1).max(4096);
const count = z.number().int().min(0);
const dim = z.number().int().min(0).max(LIMITS.maxDimension);
const base64Image = z
  .string()
  .min(1)
  .max(MAX_IMAGE_BASE64)
  .regex(/^[A-Za-z0-9+/]+=*$/, 'must be base64');
const floats = z.array(z.number()).max(MAX_FLOATS);
const className = z.string().max(256);
const classNames = z.array(className).max(1000);
const imageShape = z.tuple([dim, dim, dim]);

export const sampleSplit = z.enum(['train', 'validation', 'test']);
export const sampleRef = z.union([
  z.object({ split: sampleSplit, index: z.number().int().min(0).max(10_000_000) }).strict(),
  z.object({ png: base64Image }).strict(),
]);
export type SampleRef = z.infer<typeof sampleRef>;

const labelledImage = z.object({
  png: base64Image,
  label: count.nullable(),
  className: className.nullable(),
});

export const galleryItem = z.object({
  index: count,
  label: count,
  predicted: count,
  probs: z.array(z.number()).max(1000),
  png: base64Image,
});
export type GalleryItem = z.infer<typeof galleryItem>;

export const inspectableNode = z.object({
  id: nodeId,
  type: z.string().max(64),
  label: z.string().max(LIMITS.maxNameLength).optional(),
  /** Output shape without the batch dimension (null when unknown). */
  shape: z.array(dim).max(8).nullable(),
  /** Has a conv kernel to draw as filters. */
  hasFilters: z.boolean(),
  /** A dense/output layer fed by a flattened gray or RGB image: its rows are templates. */
  hasTemplates: z.boolean(),
  /** A conv stage output: one representative map per stage makes the depth strip. */
  isStage: z.boolean(),
});
export type InspectableNode = z.infer<typeof inspectableNode>;

export const insightCalls = {
  /** Class names, train counts per class and a few pictures of each class. */
  'dataset.preview': {
    request: z.object({ spec: datasetSpec, perClass: z.number().int().min(1).max(32) }).strict(),
    response: z.object({
      classes: classNames,
      counts: z.array(count).max(1000),
      samples: z.array(z.object({ label: count, png: base64Image })).max(4096),
    }),
  },
  /** One picture of a dataset split, as stored (not resized to any net). */
  'dataset.sample': {
    request: z
      .object({
        spec: datasetSpec,
        split: z.enum(['train', 'test']),
        index: z.number().int().min(0).max(10_000_000),
      })
      .strict(),
    response: labelledImage.extend({ shape: imageShape, count }),
  },
  /** The run's graph as the inside views need it: nodes in order with shapes and what can be shown. */
  'runs.inspectable': {
    request: z.object({ runId }).strict(),
    response: z.object({
      runId,
      name: z.string().max(LIMITS.maxNameLength),
      dataset: z.string().max(4096),
      classes: classNames,
      inputShape: imageShape,
      nodes: z.array(inspectableNode).max(LIMITS.maxNodes),
    }),
  },
  /** A conv node's kernels, layout [filter][row][col][inChannel]; `shown` ≤ `filters` when capped. */
  'runs.filters': {
    request: z.object({ runId, nodeId }).strict(),
    response: z.object({
      nodeId,
      kernel: z.tuple([dim, dim]),
      inChannels: dim,
      filters: dim,
      shown: dim,
      rgb: z.boolean(),
      weights: floats,
    }),
  },
  /** Feature maps of the chosen nodes for one sample, layout [channel][row][col] (vectors: [1][1][n]). */
  'runs.activations': {
    request: z
      .object({ runId, sample: sampleRef, nodeIds: z.array(nodeId).min(1).max(MAX_ACTIVATION_NODES) })
      .strict(),
    response: z.object({
      input: labelledImage,
      probs: z.array(z.number()).max(1000),
      maps: z
        .array(
          z.object({
            nodeId,
            shape: z.array(dim).max(8),
            channels: dim,
            shown: dim,
            height: dim,
            width: dim,
            values: floats,
          }),
        )
        .max(MAX_ACTIVATION_NODES),
    }),
  },
  /** Each class row of a dense/output kernel fed by a flattened image, layout [class][row][col][channel]. */
  'runs.templates': {
    request: z.object({ runId, nodeId }).strict(),
    response: z.object({ nodeId, shape: imageShape, classes: classNames, shown: dim, weights: floats }),
  },
  /** Confusion matrix (rows: true class, columns: predicted) and galleries of right and wrong predictions. */
  'runs.evaluate': {
    request: z
      .object({
        runId,
        split: z.enum(['validation', 'test']).optional(),
        limit: z.number().int().min(1).max(MAX_EVALUATE),
        gallery: z.number().int().min(0).max(MAX_GALLERY).optional(),
      })
      .strict(),
    response: z.object({
      split: z.enum(['validation', 'test']),
      classes: classNames,
      count,
      accuracy: z.number().min(0).max(1),
      matrix: z.array(z.array(count).max(1000)).max(1000),
      correct: z.array(galleryItem).max(MAX_GALLERY),
      wrong: z.array(galleryItem).max(MAX_GALLERY),
    }),
  },
  /** Classifies a dropped PNG/JPEG (resized and normalised as in training). */
  'runs.predict': {
    request: z.object({ runId, png: base64Image }).strict(),
    response: z.object({
      input: base64Image,
      classes: classNames,
      probs: z.array(z.number()).max(1000),
      top: count,
    }),
  },
  /**
   * The pictures of one confusion-matrix cell (true `label`, predicted `predicted`) among the same
   * samples `runs.evaluate` classified, a page at a time; `total` is the cell's count.
   */
  'runs.confusionCell': {
    request: z
      .object({
        runId,
        split: z.enum(['validation', 'test']),
        limit: z.number().int().min(1).max(MAX_EVALUATE),
        label: z.number().int().min(0).max(999),
        predicted: z.number().int().min(0).max(999),
        offset: z.number().int().min(0).max(MAX_EVALUATE),
        pageSize: z.number().int().min(1).max(MAX_CELL_PAGE),
      })
      .strict(),
    response: z.object({
      classes: classNames,
      total: count,
      offset: count,
      items: z.array(galleryItem).max(MAX_CELL_PAGE),
    }),
  },
  /**
   * Grad-CAM for one sample: ReLU(Σ_k α_k A_k), α_k the mean gradient of the class's pre-softmax score
   * over conv map k. `nodeId` defaults to the last conv layer, `classIndex` to the predicted class;
   * `values` is the map at the layer's resolution, row-major, not normalised.
   */
  'runs.gradCam': {
    request: z
      .object({
        runId,
        sample: sampleRef,
        nodeId: nodeId.optional(),
        classIndex: z.number().int().min(0).max(999).optional(),
      })
      .strict(),
    response: z.object({
      nodeId,
      /** The conv layers a map can be taken at, input to output. */
      layers: z
        .array(z.object({ id: nodeId, label: z.string().max(LIMITS.maxNameLength) }))
        .max(LIMITS.maxNodes),
      input: labelledImage.extend({ shape: imageShape }),
      /** The picture enlarged with the map blended over it (what `deepwire predict --cam` writes). */
      overlay: base64Image,
      classes: classNames,
      probs: z.array(z.number()).max(1000),
      classIndex: count,
      height: dim,
      width: dim,
      values: floats,
    }),
  },
  /** The run's gradient-norm history: norms[layer][step], null where the norm was not finite. */
  'runs.gradients': {
    request: z.object({ runId }).strict(),
    response: z.object({
      runId,
      steps: z.array(count).max(4096),
      layers: z.array(nodeId).max(LIMITS.maxNodes),
      norms: z.array(z.array(z.number().nullable()).max(4096)).max(LIMITS.maxNodes),
    }),
  },
} as const;
