import type { ProcessHandle, SpawnProcess } from './handle';

/**
 * Test support: wraps a real spawner and keeps every handle it started, so a
 * test can kill the live process the way a crash would.
 */
export function recordingSpawner<In>(inner: SpawnProcess<In>): {
  spawn: SpawnProcess<In>;
  started: ProcessHandle<In>[];
} {
  const started: ProcessHandle<In>[] = [];
  return {
    started,
    spawn: () => {
      const handle = inner();
      started.push(handle);
      return handle;
    },
  };
}
