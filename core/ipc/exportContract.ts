import { z } from 'zod';

/**
 * Channels of export and import. Spread into `calls` in contract.ts;
 * they are `runs.*` so the hosts forward them to the training service.
 */

/** `bundle`: model.onnx with preprocessing.json, predict.mjs/.py, package.json and a README, ready to deploy. */
/** `onnx-int8`: QDQ int8 ONNX calibrated on the run's training images, with its measured agreement. */
export const EXPORT_FORMAT_IDS = ['tfjs', 'onnx', 'keras', 'pytorch', 'bundle', 'onnx-int8'] as const;
export type ExportFormatId = (typeof EXPORT_FORMAT_IDS)[number];
export const MAX_EXPORT_FILES = 64;
/** The least top-1 agreement with the float model a quantized export may show. */
export const MIN_AGREEMENT = 0.95;
export const MAX_IMPORT_NOTES = 200;

const runId = z.string().min(1).max(128);
const fileId = z.string().min(1).max(4096);

/** One check of an export: ran with its largest |Δ| against the trained model, or why it did not run. */
export const exportVerification = z.object({
  check: z.string().max(256),
  ran: z.boolean(),
  /** Finite only: a mismatched output shape arrives as `ran` without a difference, i.e. failed. */
  maxAbsDiff: z.number().min(0).optional(),
  reason: z.string().max(4096).optional(),
  /** A quantized export's check: the share of test images whose top class matches the float model's. */
  agreement: z.number().min(0).max(1).optional(),
});
export type ExportVerification = z.infer<typeof exportVerification>;

export const exportCalls = {
  /** Exports a finished run into `<runDir>/exports/<format>/` and checks it numerically. */
  'runs.export': {
    request: z.object({ runId, format: z.enum(EXPORT_FORMAT_IDS) }).strict(),
    response: z.object({
      /** Where the files are, for display (`workspace/runs/<id>/exports/<format>` under the web host). */
      folder: z.string().max(4096),
      /** The export folder's id under the web host, so its file browser can open it. */
      fileId: fileId.optional(),
      /** Names relative to `folder`. */
      files: z.array(z.string().max(1024)).max(MAX_EXPORT_FILES),
      verification: z.array(exportVerification).max(16),
      /** The largest |Δ| a verified export may show. */
      tolerance: z.number().positive(),
    }),
  },
  /** Opens a model file (model.json, .keras, Keras .json, .onnx) as a graph document, keeping its weights as a run; nothing in it runs. */
  'runs.importModel': {
    request: z.object({ fileId }).strict(),
    response: z.object({
      /** A graph document (validated by the host; parse it again with `parseDocument`). */
      document: z.unknown(),
      source: z.enum(['tfjs', 'keras', 'keras-json', 'onnx']),
      notes: z.array(z.string().max(4096)).max(MAX_IMPORT_NOTES),
      /** Name of the imported file, for the document title. */
      name: z.string().max(1024),
      /** The run the imported weights were kept as (a finished run: inspect, evaluate, export it). */
      runId,
    }),
  },
} as const;
