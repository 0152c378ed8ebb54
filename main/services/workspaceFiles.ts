import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { CallResponse } from '../../core/ipc/contract';
import { isInsideFolder } from '../engine/io/insideFolder';
import { HostError } from './errors';
import type { FileStore } from './fileStore';
import { listFolder } from './workspaceListing';

/** The root folder's own id: the contract's ids are non-empty. */
export const WORKSPACE_ROOT_ID = '.';

function refuse(message: string): never {
  throw new HostError('forbidden', message, 'fileId');
}

/** Splits a workspace-relative id into safe segments, refusing anything that could leave the root. */
export function segmentsOf(fileId: string): string[] {
  if (fileId.includes('\0')) refuse('File ids may not contain NUL bytes.');
  if (fileId.includes('\\')) refuse('File ids use forward slashes.');
  if (isAbsolute(fileId) || /^[a-zA-Z]:/.test(fileId)) refuse('File ids are relative to the workspace.');
  const segments = fileId.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) refuse('File ids may not leave the workspace.');
  return segments;
}

function checkFileName(name: string): void {
  if (name.includes('\0') || name.includes('/') || name.includes('\\') || name === '.' || name === '..') {
    throw new HostError(
      'bad-request',
      'A file name may not contain slashes or NUL, nor be "." or "..".',
      'name',
    );
  }
}

/**
 * Hidden files and folders (`.git`, `.ssh`, `.env`…) hold other tools'
 * settings, some of which run commands (a `.git/config` fsmonitor): the host
 * never writes there, and listings never show them.
 */
function refuseHidden(segments: readonly string[], shown: string): void {
  if (segments.some((s) => s.startsWith('.')))
    refuse(`'${shown}' is a hidden file or inside a hidden folder; Deepwire does not write there.`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A workspace folder for the web host: ids are paths relative to it, and
 * every resolution goes through realpath so `..`, absolute paths and symlinks
 * pointing out of the folder are all refused with `forbidden`.
 */
export async function createWorkspaceFiles(rootDir: string): Promise<FileStore & { root: string }> {
  await mkdir(rootDir, { recursive: true });
  const root = await realpath(rootDir);

  const confined = async (path: string): Promise<string> => {
    const real = await realpath(path);
    if (!isInsideFolder(root, real)) refuse('That path leads outside the workspace.');
    return real;
  };

  const idOf = (path: string): string | undefined => {
    if (!isInsideFolder(root, path)) return undefined;
    const rel = relative(root, path);
    if (rel === '') return WORKSPACE_ROOT_ID;
    return rel.split(sep).join('/');
  };

  const resolveDir = async (dir: string | undefined): Promise<string> => {
    const path = await confined(join(root, ...segmentsOf(dir ?? WORKSPACE_ROOT_ID)));
    if (!(await stat(path)).isDirectory()) throw new HostError('bad-request', 'Not a folder.', 'dir');
    return path;
  };

  return {
    root,
    async pathForRead(fileId) {
      const path = await confined(join(root, ...segmentsOf(fileId)));
      if (!(await stat(path)).isFile()) throw new HostError('bad-request', 'Not a file.', 'fileId');
      return path;
    },
    async pathForWrite(fileId) {
      const segments = segmentsOf(fileId);
      if (segments.length === 0) refuse('The workspace root is not a file.');
      const shown = segments.join('/');
      refuseHidden(segments, shown);
      const target = join(root, ...segments);
      // An existing target may be a symlink: its real location must be inside too, and not hidden.
      const real = (await exists(target))
        ? await confined(target)
        : join(await confined(dirname(target)), basename(target));
      refuseHidden(relative(root, real).split(sep), shown);
      return real;
    },
    idFor: idOf,
    locationOf(path) {
      const id = idOf(dirname(path));
      return id === undefined || id === WORKSPACE_ROOT_ID ? 'workspace' : `workspace/${id}`;
    },
    async list(dir): Promise<CallResponse<'file.list'>> {
      const path = await resolveDir(dir);
      const listed = await listFolder(path, async (full) => {
        try {
          const info = await stat(await confined(full));
          return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : null;
        } catch {
          return null; // dangling links and links out of the workspace are not shown
        }
      });
      const entries: CallResponse<'file.list'>['entries'] = [];
      for (const { name, kind } of listed.entries) {
        const fileId = idOf(join(path, name));
        if (fileId !== undefined) entries.push({ name, fileId, kind });
      }
      const dirId = idOf(path) ?? WORKSPACE_ROOT_ID;
      const parent = path === root ? null : (idOf(dirname(path)) ?? WORKSPACE_ROOT_ID);
      return listed.truncated
        ? { dir: dirId, parent, entries, truncated: true }
        : { dir: dirId, parent, entries };
    },
    async create(dir, name) {
      checkFileName(name);
      const folder = await resolveDir(dir);
      const fileId = idOf(join(folder, name));
      if (fileId === undefined) refuse('That path leads outside the workspace.');
      // Save-as names a file to write: a hidden one would only be refused at the write.
      refuseHidden(fileId.split('/'), fileId);
      return { fileId, name };
    },
  };
}
