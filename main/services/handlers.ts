import { stat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { LIMITS } from '../../core/graph/schema';
import {
  CALL_CHANNELS,
  type CallChannel,
  type CallRequest,
  type CallResponse,
} from '../../core/ipc/contract';
import { writeFileAtomic } from './atomicWrite';
import type { HostContext } from './context';
import { confineDatasetRequest, datasetPolicyFor } from './datasetPaths';
import { HostError, toIpcError } from './errors';
import type { CallSender } from './fileStore';
import { guardOverwrite, versionNotices } from './fileStoreVersions';
import { isTrainingChannel, type TrainingChannel } from './training';

/** A request after its zod schema has parsed it (the contract's schemas do not transform). */
export type ParsedRequest<C extends CallChannel> = CallRequest<C>;

export type CallHandler<C extends CallChannel> = (
  request: ParsedRequest<C>,
  sender: CallSender,
) => Promise<CallResponse<C>>;

export type CallHandlers = { [C in CallChannel]: CallHandler<C> };

/** Calls the hosts answer themselves; every other channel belongs to the training service. */
type HostChannel = Exclude<CallChannel, TrainingChannel>;

const MAX_READ_BYTES = 32 * 1024 * 1024;

function displayName(path: string): string {
  return basename(path).slice(0, LIMITS.maxNameLength) || 'untitled';
}

/**
 * The implementation of every contract call, shared by Electron main and the
 * web host; only the HostContext differs between them.
 */
export function createCallHandlers(ctx: HostContext): CallHandlers {
  const writeText = ctx.writeText ?? writeFileAtomic;
  /** How a path is shown to the user: under the workspace (web host), or in full (Electron). */
  const describePath = (path: string): string => `${ctx.files.locationOf(path)}/${basename(path)}`;
  const idOrRefuse = (path: string): string => {
    const id = ctx.files.idFor(path);
    if (id === undefined)
      throw new HostError('forbidden', 'That file is outside the places this host may use.');
    return id;
  };

  const readOpened = async (path: string): Promise<CallResponse<'file.read'>> => {
    const info = await stat(path);
    if (!info.isFile()) throw new HostError('bad-request', 'Not a file.', 'fileId');
    if (info.size > MAX_READ_BYTES)
      throw new HostError('io', 'The file is larger than 32 MiB; not a Deepwire document.');
    const text = await readFile(path, 'utf8');
    const notices = await versionNotices(path, text, writeText, describePath);
    await ctx.recent.add(path);
    return { fileId: idOrRefuse(path), name: displayName(path), text, ...notices };
  };

  // Datasets follow the same confinement as files: the workspace (web host) or what the user picked (app).
  const datasetPolicy = datasetPolicyFor({
    ...(ctx.workspace === undefined ? {} : { workspace: ctx.workspace }),
    ...(ctx.datasetGrants ? { grants: ctx.datasetGrants } : {}),
  });

  const training = async <C extends TrainingChannel>(
    channel: C,
    request: ParsedRequest<C>,
  ): Promise<CallResponse<C>> => {
    if (!ctx.training) throw new HostError('unsupported', 'Training arrives with the training engine.');
    return ctx.training.handle(channel, await confineDatasetRequest(channel, request, datasetPolicy));
  };

  const unsupported = (what: string) => async (): Promise<never> => {
    throw new HostError('unsupported', `${what} is not available under the ${ctx.host} host.`);
  };

  const hostHandlers: { [C in HostChannel]: CallHandler<C> } = {
    'app.info': async () => ({
      version: ctx.version,
      host: ctx.host,
      nativeDialogs: ctx.dialogs !== undefined,
      ...(ctx.workspace === undefined ? {} : { workspace: ctx.workspace }),
    }),
    'file.openDialog': async (_request, sender) => {
      if (!ctx.dialogs) return unsupported('The native open dialog')();
      const path = await ctx.dialogs.open(sender);
      return path === null ? null : readOpened(path);
    },
    'file.saveDialog': async (request, sender) => {
      if (!ctx.dialogs) return unsupported('The native save dialog')();
      const path = await ctx.dialogs.save(request.suggestedName, sender);
      return path === null ? null : { fileId: idOrRefuse(path), name: displayName(path) };
    },
    'file.datasetDialog': async ({ kind }, sender) => {
      if (!ctx.dialogs?.openDataset || !ctx.datasetGrants) return unsupported('The dataset dialog')();
      const picked = await ctx.dialogs.openDataset(kind === 'csv' ? 'file' : 'folder', sender);
      if (picked === null) return null;
      const real = await ctx.datasetGrants.add(picked);
      return { spec: `${kind}:${real}`, name: displayName(real) };
    },
    'file.list': async (request) => {
      if (!ctx.files.list) return unsupported('Folder browsing')();
      return ctx.files.list(request.dir);
    },
    'file.create': async (request) => {
      if (!ctx.files.create) return unsupported('Creating files by name')();
      return ctx.files.create(request.dir, request.name);
    },
    'file.read': async (request) => readOpened(await ctx.files.pathForRead(request.fileId)),
    'file.write': async (request) => {
      const path = await ctx.files.pathForWrite(request.fileId);
      try {
        await guardOverwrite(path, writeText);
        await writeText(path, request.text);
      } catch (error) {
        // Name the file (not its folder) so the user knows which save failed; the old file is untouched.
        const { code, message } = toIpcError(error, 'file.write');
        throw new HostError(code, `Saving “${displayName(path)}” failed. ${message}`);
      }
      await ctx.recent.add(path);
      return { ok: true as const };
    },
    'backup.write': async (request) => {
      if (!ctx.backups) return unsupported('Hot-exit backup')();
      await ctx.backups.write(request.key, request.text);
      return { ok: true as const };
    },
    'backup.list': async () => (ctx.backups ? ctx.backups.list() : []),
    'backup.discard': async (request) => {
      if (!ctx.backups) return unsupported('Hot-exit backup')();
      await ctx.backups.discard(request.key);
      return { ok: true as const };
    },
    'file.recent': async () => {
      const entries: CallResponse<'file.recent'> = [];
      for (const path of await ctx.recent.list()) {
        const fileId = ctx.files.idFor(path);
        const present = await stat(path).then(
          (s) => s.isFile(),
          () => false,
        );
        if (fileId !== undefined && present) {
          entries.push({
            fileId,
            name: displayName(path),
            location: ctx.files.locationOf(path).slice(0, 4096),
          });
        }
      }
      return entries;
    },
  };

  // Every training/dataset/runs channel is forwarded as is, so the contract can grow without edits here.
  const trainingHandlers = Object.fromEntries(
    CALL_CHANNELS.filter(isTrainingChannel).map((channel) => [
      channel,
      (request: ParsedRequest<typeof channel>) => training(channel, request),
    ]),
  ) as unknown as { [C in TrainingChannel]: CallHandler<C> }; // keyed by the same channel list the type is built from

  return { ...hostHandlers, ...trainingHandlers };
}
