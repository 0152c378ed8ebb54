import type { IpcError } from '../../core/ipc/contract';

type ErrorCode = IpcError['code'];

/** A failure a handler means to report: it crosses the boundary as `{ code, message, field? }`. */
export class HostError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'HostError';
    this.code = code;
    this.field = field;
  }
}

function errnoOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Messages for file-system failures the user can act on; the path is never echoed back. */
const ERRNO_MESSAGES: Record<string, { code: ErrorCode; message: string }> = {
  ENOENT: { code: 'not-found', message: 'The file or folder does not exist.' },
  ENOTDIR: { code: 'not-found', message: 'A part of the path is not a folder.' },
  EISDIR: { code: 'io', message: 'That is a folder, not a file.' },
  ENOSPC: {
    code: 'io',
    message: 'The disk is full: nothing was written, the document is still open and unsaved.',
  },
  EDQUOT: {
    code: 'io',
    message: 'The disk quota is exceeded: nothing was written, the document is still open.',
  },
  EACCES: {
    code: 'io',
    message: 'Permission denied: nothing was written, the document is still open and unsaved.',
  },
  EPERM: {
    code: 'io',
    message: 'The operation is not permitted here: the document is still open and unsaved.',
  },
  EROFS: { code: 'io', message: 'The file system is read-only: nothing was written.' },
  EEXIST: { code: 'io', message: 'A file with that name already exists.' },
};

/**
 * Turns anything a handler threw into a typed error. Known errors keep their
 * code; unexpected ones become `internal` with a generic message so stacks and
 * paths never reach the renderer.
 */
export function toIpcError(error: unknown, channel: string): IpcError {
  if (error instanceof HostError) {
    return error.field === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, field: error.field };
  }
  const known = ERRNO_MESSAGES[errnoOf(error) ?? ''];
  if (known) return { ...known };
  return { code: 'internal', message: `Internal error while handling ${channel}.` };
}
