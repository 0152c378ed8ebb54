import {
  CALL_CHANNELS,
  EVENT_CHANNELS,
  type CallChannel,
  type CallRequest,
  type CallResponse,
  type EventChannel,
  type EventPayload,
} from './contract';

type NamespaceOf<C extends string> = C extends `${infer N}.${string}` ? N : never;
type VerbOf<C extends string> = C extends `${string}.${infer V}` ? V : never;
type Namespaces = NamespaceOf<CallChannel> | NamespaceOf<EventChannel>;

export type Unsubscribe = () => void;

/**
 * The API the renderer sees (`window.deepwire` in Electron, a WebSocket client
 * under the web host): domain verbs grouped by namespace, built from the
 * contract so no side can drift. `file.read` becomes `api.file.read(req)`;
 * the event `training.event` becomes `api.training.onEvent(listener)`, which
 * returns its unsubscribe function.
 */
export type DeepwireApi = {
  readonly [N in Namespaces]: {
    readonly [C in CallChannel as C extends `${N}.${string}` ? VerbOf<C> : never]: (
      request: CallRequest<C>,
    ) => Promise<CallResponse<C>>;
  } & {
    readonly [E in EventChannel as E extends `${N}.${string}` ? `on${Capitalize<VerbOf<E>>}` : never]: (
      listener: (payload: EventPayload<E>) => void,
    ) => Unsubscribe;
  };
};

export interface Transport {
  invoke(channel: CallChannel, request: unknown): Promise<unknown>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): Unsubscribe;
}

function split(channel: string): [string, string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot), channel.slice(dot + 1)];
}

/** Builds the verb object over any transport (Electron IPC or the web host's socket). */
export function buildApi(transport: Transport): DeepwireApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of CALL_CHANNELS) {
    const [ns, verb] = split(channel);
    (api[ns] ??= {})[verb] = (request: unknown) => transport.invoke(channel, request);
  }
  for (const channel of EVENT_CHANNELS) {
    const [ns, verb] = split(channel);
    const name = `on${verb.charAt(0).toUpperCase()}${verb.slice(1)}`;
    (api[ns] ??= {})[name] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener);
  }
  // The shape is guaranteed by construction from the same channel lists the type is built from.
  return api as unknown as DeepwireApi;
}

/** Every key the API exposes, `namespace.verb`: the preload's allow-list, checked by tests. */
export function apiKeys(): string[] {
  const keys = CALL_CHANNELS.map((c) => c as string);
  for (const channel of EVENT_CHANNELS) {
    const [ns, verb] = split(channel);
    keys.push(`${ns}.on${verb.charAt(0).toUpperCase()}${verb.slice(1)}`);
  }
  return keys.sort();
}

export type { CallChannel, CallRequest, CallResponse, EventChannel, EventPayload };
