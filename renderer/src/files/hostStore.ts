import { create } from 'zustand';
import type { CallResponse, DeepwireApi } from '../../../core/ipc/api';

export type AppInfo = CallResponse<'app.info'>;

/** The platform API once connected, and what kind of host it is. */
type HostState = {
  readonly api: DeepwireApi | null;
  readonly info: AppInfo | null;
  /** Set when connecting failed: the editor still works, files do not. */
  readonly error: string | null;
};

export const useHostStore = create<HostState>()(() => ({ api: null, info: null, error: null }));

export function requireApi(): DeepwireApi {
  const { api, error } = useHostStore.getState();
  if (!api) throw new Error(error ?? 'Not connected to the Deepwire host yet.');
  return api;
}

export function usesNativeDialogs(): boolean {
  return useHostStore.getState().info?.nativeDialogs === true;
}
