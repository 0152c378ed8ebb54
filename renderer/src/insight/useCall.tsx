import { useEffect, useState } from 'react';
import type { DeepwireApi } from '../../../core/ipc/api';
import { requireApi } from '../files/hostStore';

export type CallState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; value: T }
  | { status: 'error'; message: string };

/**
 * Runs a host call whenever `key` changes (null: nothing to ask yet) and
 * keeps only the latest answer, so clicking quickly through nodes never
 * shows a stale result.
 */
export function useCall<T>(key: string | null, call: (api: DeepwireApi) => Promise<T>): CallState<T> {
  const [state, setState] = useState<CallState<T>>({ status: 'idle' });
  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    (async () => call(requireApi()))().then(
      (value) => current && setState({ status: 'done', value }),
      (error: unknown) =>
        current &&
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
    // The key stands for the call's inputs: re-running on a new closure alone would refetch every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

/** Loading / error line for a call; null once there is a value. */
export function CallStatus<T>({ state, what }: { state: CallState<T>; what: string }) {
  if (state.status === 'loading') return <p className="muted insight-status">Loading {what}…</p>;
  if (state.status === 'error')
    return (
      <p className="insight-error" role="alert">
        {what}: {state.message}
      </p>
    );
  return null;
}
