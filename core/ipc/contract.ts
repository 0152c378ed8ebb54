import { z } from 'zod';
import { LIMITS } from '../graph/schema';
import { exportCalls } from './exportContract';
import { dashboardCalls, runListingExtras } from './dashboardContract';
import { insightCalls } from './insightContract';
import { backupCalls } from './backupContract';

/**
 * The one IPC contract shared by main, preload, the web host and the renderer.
 * Calls are request/response (`invoke`); events are pushed one way and are
 * consumed through subscriptions that return an unsubscribe function.
 *
 * Documents cross the boundary as `unknown` JSON and are parsed on arrival by
 * `parseDocument` (which also migrates), so the handler sees a typed graph or
 * a field-named error, never a half-valid object.
 */

const MAX_TEXT = 32 * 1024 * 1024; // a saved document, as text
const fileId = z.string().min(1).max(4096);
const fileName = z.string().min(1).max(LIMITS.maxNameLength);
const empty = z.object({}).strict();

export const openedFile = z.object({
  fileId,
  name: fileName,
  text: z.string().max(MAX_TEXT),
  /** A newer document version: shown best-effort, and the host refuses to save over it. */
  readOnly: z.object({ reason: z.string().max(1024) }).optional(),
  /** An older version that will be migrated: where the host copied the original bytes first. */
  backupPath: z.string().max(8192).optional(),
});
export const recentFile = z.object({ fileId, name: fileName, location: z.string().max(4096) });
export const dirEntry = z.object({
  name: fileName,
  fileId,
  kind: z.enum(['file', 'directory']),
});

/** A folder listing shows at most this many entries (folders first, then by name); `truncated` says when more exist. */
export const MAX_LIST_ENTRIES = 10_000;

export const appInfo = z.object({
  version: z.string().max(64),
  host: z.enum(['electron', 'web']),
  /** Electron shows native dialogs; the web host lets the renderer browse its workspace folder. */
  nativeDialogs: z.boolean(),
  workspace: z.string().max(4096).optional(),
});

export const calls = {
  'app.info': { request: empty, response: appInfo },
  /** Native open dialog (Electron). `null` when the user cancels. */
  'file.openDialog': { request: empty, response: openedFile.nullable() },
  /** Native save dialog (Electron): returns the chosen file's id without writing. */
  'file.saveDialog': {
    request: z.object({ suggestedName: fileName }).strict(),
    response: z.object({ fileId, name: fileName }).nullable(),
  },
  /**
   * Native dialog for a dataset (Electron): a folder for `folder`/`mnist`/`fashion-mnist`/`cifar10`,
   * a file for `csv`. Main grants the picked path to dataset calls and returns the spec naming it.
   */
  'file.datasetDialog': {
    request: z.object({ kind: z.enum(['folder', 'mnist', 'fashion-mnist', 'cifar10', 'csv']) }).strict(),
    response: z.object({ spec: z.string().max(4096), name: fileName }).nullable(),
  },
  /** Lists a folder of the workspace (web host); `dir` is a directory fileId, omitted for the root. */
  'file.list': {
    request: z.object({ dir: fileId.optional() }).strict(),
    response: z.object({
      dir: fileId,
      parent: fileId.nullable(),
      entries: z.array(dirEntry).max(MAX_LIST_ENTRIES),
      truncated: z.boolean().optional(),
    }),
  },
  /** A new file id for `name` inside a workspace folder (web host's save-as). */
  'file.create': {
    request: z.object({ dir: fileId.optional(), name: fileName }).strict(),
    response: z.object({ fileId, name: fileName }),
  },
  'file.read': { request: z.object({ fileId }).strict(), response: openedFile },
  /** Atomic write (temp file + fsync + rename). */
  'file.write': {
    request: z.object({ fileId, text: z.string().max(MAX_TEXT) }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  'file.recent': { request: empty, response: z.array(recentFile).max(50) },
  /** Training seam: built by the training issue. `document` is parsed by the handler. */
  'training.start': {
    request: z.object({ document: z.unknown(), settings: z.unknown() }).strict(),
    response: z.object({ runId: z.string().max(128) }),
  },
  'training.pause': { request: z.object({ runId: z.string().max(128) }).strict(), response: empty },
  'training.resume': { request: z.object({ runId: z.string().max(128) }).strict(), response: empty },
  'training.stop': { request: z.object({ runId: z.string().max(128) }).strict(), response: empty },
  /** Continues a stopped or crashed run from its last checkpoint (same runId, same folder). */
  'training.resumeRun': {
    request: z.object({ runId: z.string().max(128) }).strict(),
    response: z.object({ runId: z.string().max(128) }),
  },
  /** The built-in datasets (and why one is unavailable here). */
  'dataset.list': {
    request: empty,
    response: z
      .array(
        z.object({
          id: z.string().max(256),
          description: z.string().max(1024),
          available: z.boolean(),
          reason: z.string().max(4096).optional(),
        }),
      )
      .max(100),
  },
  /** Runs in the project's runs folder, newest first. */
  'runs.list': {
    request: empty,
    response: z
      .array(
        z.object({
          runId: z.string().max(128),
          createdAt: z.string().max(64),
          dataset: z.string().max(4096),
          backend: z.string().max(64),
          outcome: z.enum(['done', 'failed', 'stopped', 'unknown']),
          epochs: z.number().int().min(0),
          valAcc: z.number().nullable(),
          ...runListingExtras,
        }),
      )
      .max(1000),
  },
  /** The inside-the-network views (filters, activations, templates, evaluation, gradients, dataset preview). */
  ...insightCalls,
  ...dashboardCalls,
  /** Export a finished run (verified) and import a model file as a graph. */
  ...exportCalls,
  /** Hot-exit backups of unsaved documents. */
  ...backupCalls,
} as const;

export const events = {
  /** One message of a training run (metrics, status); shaped by the training issue. */
  'training.event': z.object({ runId: z.string(), event: z.unknown() }),
  /** The Electron menu asks the renderer to run an editor action (e.g. `file.save`). */
  'menu.action': z.object({ action: z.string().max(64) }),
} as const;

export type CallChannel = keyof typeof calls;
export type EventChannel = keyof typeof events;
export type CallRequest<C extends CallChannel> = z.input<(typeof calls)[C]['request']>;
export type CallResponse<C extends CallChannel> = z.output<(typeof calls)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>;

export const CALL_CHANNELS = Object.keys(calls) as CallChannel[];
export const EVENT_CHANNELS = Object.keys(events) as EventChannel[];

/** Electron channel names are namespaced so the preload can refuse anything else. */
export const IPC_PREFIX = 'deepwire:';

/** Errors cross the boundary as data with a code, never as thrown objects. */
export const ipcError = z.object({
  code: z.enum(['bad-request', 'not-found', 'unsupported', 'io', 'internal', 'forbidden', 'busy']),
  message: z.string(),
  field: z.string().optional(),
});
export type IpcError = z.infer<typeof ipcError>;
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
