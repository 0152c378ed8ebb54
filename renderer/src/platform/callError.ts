import type { IpcError } from '../../../core/ipc/contract';

/** A failed call as the renderer sees it: an Error carrying the contract's code and field. */
export type CallError = Error & { code: IpcError['code']; field?: string };

export function toCallError(error: IpcError): CallError {
  const result = new Error(error.message) as CallError;
  result.name = 'CallError';
  result.code = error.code;
  if (error.field !== undefined) result.field = error.field;
  return result;
}

export function isCallError(error: unknown): error is CallError {
  return error instanceof Error && typeof (error as Partial<CallError>).code === 'string';
}
