import { gpuFault, gpuFaultReason } from '../backends';
import { TrainingFailure } from './control';

/**
 * A GPU fault (device lost, out of memory) is reported asynchronously by the
 * device, and reads after it may return garbage rather than throw. The run
 * checks this between batches and before each checkpoint, so it stops with
 * the fault's own message and the last good checkpoint stays the one to
 * resume from.
 */
export function gpuFaultFailure(): TrainingFailure | null {
  const fault = gpuFault();
  if (!fault) return null;
  return new TrainingFailure(fault.kind === 'out-of-memory' ? 'oom' : 'crash', gpuFaultReason(fault));
}

export function throwOnGpuFault(): void {
  const failure = gpuFaultFailure();
  if (failure) throw failure;
}
