import { describe, expect, it } from 'vitest';
import { HostError, toIpcError } from './errors';

function errno(code: string, path = '/home/someone/secret/net.json'): Error {
  return Object.assign(new Error(`${code}: open '${path}'`), { code, path });
}

describe('toIpcError', () => {
  it('keeps a HostError as it is', () => {
    expect(toIpcError(new HostError('forbidden', 'no', 'fileId'), 'file.read')).toEqual({
      code: 'forbidden',
      message: 'no',
      field: 'fileId',
    });
  });

  it.each(['ENOSPC', 'EACCES', 'EROFS'])(
    'turns %s into a clear io error that keeps the document open',
    (code) => {
      const error = toIpcError(errno(code), 'file.write');
      expect(error.code).toBe('io');
      expect(error.message).toMatch(/nothing was written|unsaved|read-only/);
    },
  );

  it('never leaks paths or stacks', () => {
    for (const error of [
      errno('ENOENT'),
      errno('EWHATEVER'),
      new TypeError('x is undefined at /src/a.ts:3'),
    ]) {
      const result = toIpcError(error, 'file.read');
      expect(result.message).not.toContain('/home/someone');
      expect(result.message).not.toContain('/src/');
    }
    expect(toIpcError(errno('ENOENT'), 'file.read').code).toBe('not-found');
    expect(toIpcError('thrown string', 'file.read')).toEqual({
      code: 'internal',
      message: 'Internal error while handling file.read.',
    });
  });
});
