import type { CallChannel, CallRequest, CallResponse, EventPayload } from '../../core/ipc/contract';

/** Channels served by the training engine rather than the file/app services. */
export type TrainingChannel = Extract<
  CallChannel,
  `training.${string}` | `dataset.${string}` | `runs.${string}`
>;

export function isTrainingChannel(channel: CallChannel): channel is TrainingChannel {
  return channel.startsWith('training.') || channel.startsWith('dataset.') || channel.startsWith('runs.');
}

/**
 * The seam between the hosts (Electron main, web host) and the training
 * engine. The engine implements it with a worker process per run (an Electron
 * utility process in the app, a child process elsewhere); hosts only forward.
 */
export interface TrainingService {
  handle<C extends TrainingChannel>(channel: C, request: CallRequest<C>): Promise<CallResponse<C>>;
  onEvent(listener: (payload: EventPayload<'training.event'>) => void): () => void;
  dispose(): Promise<void>;
}
