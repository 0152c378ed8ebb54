import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute } from 'node:path';
import { HostError } from './errors';
import type { FileStore } from './fileStore';

/**
 * Electron's file ids: opaque random tokens for paths the user chose in a
 * native dialog or the recent list. The renderer can only name files it was
 * handed, so a compromised page cannot read arbitrary paths.
 */
export function createTokenFiles(): FileStore & { register(path: string): string } {
  const pathByToken = new Map<string, string>();
  const tokenByPath = new Map<string, string>();

  const register = (path: string): string => {
    if (!isAbsolute(path)) throw new HostError('internal', 'Only absolute paths get file ids.');
    const known = tokenByPath.get(path);
    if (known) return known;
    const token = `f_${randomBytes(16).toString('hex')}`;
    pathByToken.set(token, path);
    tokenByPath.set(path, token);
    return token;
  };

  const lookup = async (fileId: string): Promise<string> => {
    const path = pathByToken.get(fileId);
    if (path === undefined) {
      throw new HostError(
        'not-found',
        'Unknown file id: open or save the file through the dialog.',
        'fileId',
      );
    }
    return path;
  };

  return {
    register,
    pathForRead: lookup,
    pathForWrite: lookup,
    idFor: register,
    locationOf: (path) => dirname(path),
  };
}
