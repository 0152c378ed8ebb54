import { calls, type CallChannel, type IpcResult } from '../../core/ipc/contract';
import { HostError, toIpcError } from './errors';
import type { CallSender } from './fileStore';
import type { CallHandlers } from './handlers';

export function isCallChannel(channel: unknown): channel is CallChannel {
  return typeof channel === 'string' && Object.hasOwn(calls, channel);
}

function fieldOf(path: readonly PropertyKey[]): string | undefined {
  return path.length === 0 ? undefined : path.map(String).join('.');
}

/**
 * The one entry point both hosts use for a call from the renderer: refuses
 * unknown channels, parses the payload with the channel's request schema
 * (the error names the field), runs the handler and checks its result against
 * the response schema. Never throws; failures come back as typed errors.
 */
export async function dispatchCall(
  handlers: CallHandlers,
  channel: unknown,
  payload: unknown,
  sender: CallSender = {},
): Promise<IpcResult<unknown>> {
  if (!isCallChannel(channel)) {
    return { ok: false, error: { code: 'bad-request', message: 'Unknown channel.', field: 'channel' } };
  }
  const schema = calls[channel];
  const request = schema.request.safeParse(payload ?? {});
  if (!request.success) {
    const issue = request.error.issues[0];
    const field = issue ? fieldOf(issue.path) : undefined;
    const message = `Invalid request for ${channel}${field ? ` at '${field}'` : ''}: ${issue?.message ?? 'invalid'}`;
    return {
      ok: false,
      error: field ? { code: 'bad-request', message, field } : { code: 'bad-request', message },
    };
  }
  // The map is keyed by channel, so this handler takes exactly this channel's parsed request.
  const handler = handlers[channel] as (request: unknown, sender: CallSender) => Promise<unknown>;
  try {
    const value = await handler(request.data, sender);
    const response = schema.response.safeParse(value);
    if (!response.success)
      throw new HostError('internal', `The ${channel} handler returned a malformed result.`);
    return { ok: true, value: response.data };
  } catch (error) {
    return { ok: false, error: toIpcError(error, channel) };
  }
}
